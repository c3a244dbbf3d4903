/**
 * Keeps a document's marked terms in step with its text: a first scan in time slices (what is in
 * view first), then incremental rescans of only the blocks a MutationObserver reports as changed.
 * Open shadow roots met on the way are scanned and observed as roots of their own.
 */
import type { Matcher } from '../matcher/types';
import { BlockReader, isBlockBoundary, isScannable, isSkippedElement, shadowRootsIn, type ScanOptions } from './blocks';
import type { TermMarks } from '../marks/term-marks';
import { isBareLabel } from '../health-page';

export interface PageScannerDeps {
  doc: Document;
  matcher: Matcher;
  marks: TermMarks;
  scanOptions: ScanOptions;
  /** Milliseconds since some origin (performance.now in the browser). */
  now: () => number;
  /** Resolves once the page has had the main thread back. */
  yieldToPage: () => Promise<void>;
  /** Called after each slice that changed the marks (e.g. to refresh a count). */
  onChange?: () => void;
  /**
   * Elements showing in the viewport now, scanned before the rest of the page so the terms a
   * reader is looking at are marked first. Optional: without it (or when it finds none) the scan
   * is in document order.
   */
  elementsInView?: () => Element[] | Promise<Element[]>;
}

export interface PageScannerOptions {
  /** Mark only the first occurrence of each entry on the page. */
  firstOnly: boolean;
  /**
   * The page is plainly about health (see lib/health-page.ts): its bare headings and links match
   * without the context cues a sentence would give.
   */
  healthPage?: boolean;
}

/** What the scanner did, for tests and diagnostics. Counters only: nothing about the text. */
export interface ScanStats {
  firstScan?: SliceStats & { wallMs: number };
  /** The walk for open shadow roots that follows the first scan (their text is scanned as rescans). */
  shadowDiscovery?: { busyMs: number; roots: number };
  rescans: SliceStats & { batches: number };
}

export interface SliceStats {
  /** Time spent working, summed over slices (excludes the time handed back to the page). */
  busyMs: number;
  /** The longest single slice: the longest the page's main thread was held. */
  maxSliceMs: number;
  slices: number;
  blocks: number;
  chars: number;
}

/** Keep each slice of work well under the 50 ms that makes a page feel stuck. */
const SLICE_MS = 8;
/**
 * The most work (pieces of text matched, plus one per 1,024 characters) between two looks at the
 * clock. Reading it costs microseconds, as much as matching a short block, so it is read only as
 * often as the slice's pace so far requires.
 */
const MAX_WORK_UNCLOCKED = 8;
/** Mutations are gathered at least this long before a rescan, so bursts cost one pass. */
const MIN_BATCH_MS = 150;
/** However busy the page, its changes are reflected within this long. */
const MAX_BATCH_MS = 5000;
/**
 * Rescans may use at most 1/RESCAN_DUTY_DIVISOR of the main thread: a batch that took B ms is
 * followed by a wait of B × divisor before the next, so a page that mutates without pause (tickers,
 * timestamps, animations) cannot make the extension burn CPU.
 */
const RESCAN_DUTY_DIVISOR = 20;

/**
 * Nearest block-level ancestor: the unit the scanner rescans when text inside it changes. Inline
 * content at the top of a shadow tree belongs to the shadow root as a whole.
 */
function blockContainerOf(node: Node): Node | null {
  if (node.nodeType === 11) return node;
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return node.parentNode?.nodeType === 11 ? node.parentNode : null;
  while (el.parentElement && !isBlockBoundary(el)) el = el.parentElement;
  if (!isBlockBoundary(el) && el.parentNode?.nodeType === 11) return el.parentNode;
  return el;
}

/**
 * Times one pass of work (a first scan, a batch of rescans) in slices: their sum is the pass's
 * busy time, the longest is how long the page waited for its thread.
 */
class Slices {
  private startedAt: number;
  /** Work done in this slice, and the amount at which to read the clock again. */
  private work = 0;
  private nextClockRead = 1;

  constructor(
    private readonly now: () => number,
    readonly stats: SliceStats,
  ) {
    this.startedAt = now();
  }

  /**
   * Counts `units` of work done; true when the slice has run its time. The clock is read again
   * after about half the time left at the pace so far, so a slice overruns by little.
   */
  spent(units: number): boolean {
    this.work += units;
    if (this.work < this.nextClockRead) return false;
    const elapsed = this.now() - this.startedAt;
    if (elapsed > SLICE_MS) return true;
    const msPerUnit = Math.max(elapsed / this.work, 0.001);
    this.nextClockRead = this.work + Math.min(MAX_WORK_UNCLOCKED, Math.max(1, Math.floor((SLICE_MS - elapsed) / 2 / msPerUnit)));
    return false;
  }

  /** Whether the slice has used half its time (reads the clock). */
  pastHalf(): boolean {
    return this.now() - this.startedAt > SLICE_MS / 2;
  }

  /** Ends the slice, before the page gets its thread back or at the end of the pass. */
  end(): void {
    const spent = this.now() - this.startedAt;
    this.stats.busyMs += spent;
    this.stats.slices++;
    if (spent > this.stats.maxSliceMs) this.stats.maxSliceMs = spent;
  }

  /** Starts the next slice, once the page has had its thread. */
  restart(): void {
    this.startedAt = this.now();
    this.work = 0;
    this.nextClockRead = 1;
  }
}

const emptySlices = (): SliceStats => ({ busyMs: 0, maxSliceMs: 0, slices: 0, blocks: 0, chars: 0 });

export class PageScanner {
  readonly stats: ScanStats = { rescans: { ...emptySlices(), batches: 0 } };
  private readonly seen: Set<string> | undefined;
  private readonly healthPage: boolean;
  private observer: MutationObserver | undefined;
  private readonly observedShadowRoots = new Set<ShadowRoot>();
  private readonly pendingRoots = new Set<Node>();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private batchDelayMs = MIN_BATCH_MS;
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  private readonly scanOptions: ScanOptions;
  /** Text nodes of blocks scanned out of turn (scanNow), which the first scan steps over. */
  private readonly scannedEarly = new Set<Text>();
  /** Block containers scanNow has read, so a pointer resting on one reads it once. */
  private readonly earlyBlocks = new WeakSet<Node>();
  private firstScanDone = false;

  constructor(
    private readonly deps: PageScannerDeps,
    options: PageScannerOptions,
  ) {
    this.seen = options.firstOnly ? new Set() : undefined;
    this.healthPage = options.healthPage === true;
    this.scanOptions = deps.scanOptions;
  }

  /** Scans the whole document, in-view content first, then follows its changes until destroy(). */
  start(): Promise<void> {
    this.observe(this.deps.doc);
    const generation = this.generation;
    const startedAt = this.deps.now();
    const stats = emptySlices();
    this.running = this.running.then(async () => {
      const root = this.deps.doc.body ?? this.deps.doc.documentElement;
      if (!root) return;
      const inView = pruneNested(unique((await (this.deps.elementsInView?.() ?? [])).map(blockContainerOf)));
      if (generation !== this.generation) return;
      // One clock for the whole first scan: the in-view pass and the rest run back to back, and
      // the page waits for both.
      const slices = new Slices(this.deps.now, stats);
      if (inView.length > 0) await this.scanRoots(inView, generation, slices, { rescan: false });
      if (generation !== this.generation) return;
      // The rest of the page, stepping over what the in-view pass read.
      if (!inView.some((scanned) => scanned.contains(root))) await this.scanRoots([root], generation, slices, { rescan: false, alreadyScanned: new Set(inView) });
      if (generation !== this.generation) return;
      slices.end();
      this.firstScanDone = true;
      this.scannedEarly.clear();
      this.stats.firstScan = { ...stats, wallMs: this.deps.now() - startedAt };
      await this.discoverShadowRoots(root, generation);
    });
    return this.running;
  }

  /** Whether the first scan has read the whole document. */
  get scanned(): boolean {
    return this.firstScanDone;
  }

  /**
   * Scans the block holding `target` now, out of turn, while the first scan has not read the
   * whole page: before it starts (it waits for the page to settle) or while a long one is busy
   * elsewhere. A reader pointing at a term then has its mark in time for the card; the first scan
   * steps over the block later. Cheap when repeated: a block is read once.
   */
  scanNow(target: Node): void {
    if (this.firstScanDone) return;
    const container = blockContainerOf(target);
    if (!container || this.earlyBlocks.has(container) || !container.isConnected || !isScannableTarget(container, this.scanOptions)) return;
    this.earlyBlocks.add(container);
    const { matcher, marks } = this.deps;
    const findOptions = this.seen ? { seen: this.seen } : undefined;
    const labelOptions = { ...findOptions, cuesGranted: true };
    const reader = BlockReader.open(container, this.scanOptions);
    let changed = false;
    for (let block = reader?.next(); block; block = reader!.next()) {
      // Already read by the first scan (its marks are there), or by an earlier call.
      if (block.segments.some((segment) => marks.holds(segment.node) || this.scannedEarly.has(segment.node))) continue;
      for (const segment of block.segments) this.scannedEarly.add(segment.node);
      for (let from = 0, to = pieceEnd(block.text, 0); from < to; from = to, to = pieceEnd(block.text, from)) {
        const text = from === 0 && to === block.text.length ? block.text : block.text.slice(from, to);
        const found = matcher.findMatches(text, this.healthPage && isBareLabel(block) ? labelOptions : findOptions);
        const matches = from === 0 ? found : found.map((m) => ({ ...m, start: m.start + from, end: m.end + from }));
        if (matches.length > 0) {
          marks.addMatches(block, matches);
          changed = true;
        }
      }
    }
    if (changed) this.deps.onChange?.();
  }

  /** Stops scanning and observing for good (the marks belong to the caller). */
  destroy(): void {
    this.generation++;
    this.observer?.disconnect();
    this.observer = undefined;
    this.observedShadowRoots.clear();
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.pendingRoots.clear();
  }

  /** Promise of the work queued so far (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    return this.running;
  }

  private observe(target: Node): void {
    if (!this.observer) {
      const MutationObserverImpl = this.deps.doc.defaultView?.MutationObserver;
      if (!MutationObserverImpl) return;
      this.observer = new MutationObserverImpl((records) => this.onMutations(records));
    }
    this.observer.observe(target, { childList: true, characterData: true, subtree: true });
  }

  private discoverShadowRoot(root: ShadowRoot): void {
    if (this.observedShadowRoots.has(root)) return;
    this.observedShadowRoots.add(root);
    this.observe(root);
    this.addPending(root);
    // Shadow content is part of what the reader sees now: scan it right after the current slice.
    this.scheduleBatch(0);
  }

  /** Finds open shadow roots under `root` in slices; each found root is scanned and observed. */
  private async discoverShadowRoots(root: Node, generation: number): Promise<void> {
    const slices = new Slices(this.deps.now, emptySlices());
    let found = 0;
    // Each step is a root found or a stretch of elements walked (see shadowRootsIn).
    for (const shadow of shadowRootsIn(root)) {
      if (shadow) {
        found++;
        this.discoverShadowRoot(shadow);
      }
      if (slices.spent(1)) {
        slices.end();
        await this.deps.yieldToPage();
        if (generation !== this.generation) return;
        slices.restart();
      }
    }
    slices.end();
    const previous = this.stats.shadowDiscovery;
    this.stats.shadowDiscovery = { busyMs: (previous?.busyMs ?? 0) + slices.stats.busyMs, roots: (previous?.roots ?? 0) + found };
  }

  private onMutations(records: MutationRecord[]): void {
    const { scanOptions } = this;
    for (const record of records) {
      const target = record.target;
      if (!isScannableTarget(target, scanOptions)) continue;
      if (record.type === 'characterData') {
        this.forget([target as Text]);
        this.addPending(blockContainerOf(target));
        continue;
      }
      let inlineChange = false;
      for (const removed of record.removedNodes) {
        if (isIgnoredNode(removed, scanOptions)) continue;
        this.forget(textNodesIn(removed));
        if (!isBlockElement(removed)) inlineChange = true;
      }
      for (const added of record.addedNodes) {
        if (isIgnoredNode(added, scanOptions)) continue;
        // A new block is scanned alone; new inline content changes its surrounding block.
        if (isBlockElement(added)) this.addPending(added as Element);
        else inlineChange = true;
      }
      // Inline content added or removed re-joins the text around it, so its block is read again.
      if (inlineChange) this.addPending(blockContainerOf(target));
    }
    if (this.pendingRoots.size > 0) this.scheduleBatch(this.batchDelayMs);
  }

  private scheduleBatch(delayMs: number): void {
    if (this.batchTimer !== undefined) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const roots = pruneNested([...this.pendingRoots]);
      this.pendingRoots.clear();
      const generation = this.generation;
      const batch = emptySlices();
      this.running = this.running.then(async () => {
        const slices = new Slices(this.deps.now, batch);
        await this.scanRoots(roots, generation, slices, { rescan: true });
        slices.end();
        const rescans = this.stats.rescans;
        rescans.batches++;
        rescans.busyMs += batch.busyMs;
        rescans.maxSliceMs = Math.max(rescans.maxSliceMs, batch.maxSliceMs);
        rescans.slices += batch.slices;
        rescans.blocks += batch.blocks;
        rescans.chars += batch.chars;
        this.batchDelayMs = Math.min(MAX_BATCH_MS, Math.max(MIN_BATCH_MS, batch.busyMs * RESCAN_DUTY_DIVISOR));
      });
    }, delayMs);
  }

  private addPending(root: Node | null): void {
    if (root) this.pendingRoots.add(root);
  }

  /** Drops the marks on `nodes`, and lets first-only mode mark an entry again if it lost its only mark. */
  private forget(nodes: Iterable<Text>): void {
    for (const entryId of this.deps.marks.removeNodes(nodes)) this.seen?.delete(entryId);
  }

  /**
   * Scans `roots` in slices of at most SLICE_MS, stepping over the subtrees in `alreadyScanned`
   * (the in-view part of a first scan). A rescan starts from scratch for its roots, forgetting
   * their old marks, and looks inside them for new shadow roots.
   */
  private async scanRoots(roots: Node[], generation: number, slices: Slices, how: { rescan: boolean; alreadyScanned?: ReadonlySet<Node> }): Promise<void> {
    const { matcher, marks, yieldToPage } = this.deps;
    const stats = slices.stats;
    const findOptions = this.seen ? { seen: this.seen } : undefined;
    const labelOptions = { ...findOptions, cuesGranted: true };
    let changed = false;
    /** Ends the slice and gives the page its thread; false when the scan was stopped meanwhile. */
    const pause = async (reader: BlockReader | null): Promise<boolean> => {
      slices.end();
      if (changed) this.deps.onChange?.();
      changed = false;
      reader?.pause();
      await yieldToPage();
      if (generation !== this.generation) return false;
      slices.restart();
      return true;
    };
    for (const root of roots) {
      if (!root.isConnected) continue;
      // Opening a reader on a big root is one query over its whole subtree (tens of ms on a 5 MB
      // page) that cannot be split: it gets a slice of its own rather than the end of one.
      if (slices.pastHalf()) {
        if (!(await pause(null))) return;
        if (!root.isConnected) continue;
      }
      // Text already marked inside this root is scanned again from scratch.
      if (how.rescan) this.forget(textNodesIn(root));
      const reader = BlockReader.open(root, this.scanOptions, how.alreadyScanned);
      for (let block = reader?.next(); block; block = reader!.next()) {
        // Scanned out of turn under the reader's pointer (scanNow).
        if (!how.rescan && this.scannedEarly.size > 0 && block.segments.length > 0 && this.scannedEarly.has(block.segments[0]!.node)) continue;
        const length = block.text.length;
        stats.blocks++;
        stats.chars += length;
        // A block is matched whole, unless it is so long (a chapter in one element) that matching
        // it would hold the page for too long: then piece by piece, with a pause where one is due.
        for (let from = 0, to = pieceEnd(block.text, 0); from < to; from = to, to = pieceEnd(block.text, from)) {
          const text = from === 0 && to === length ? block.text : block.text.slice(from, to);
          const found = matcher.findMatches(text, this.healthPage && isBareLabel(block) ? labelOptions : findOptions);
          const matches = from === 0 ? found : found.map((m) => ({ ...m, start: m.start + from, end: m.end + from }));
          if (matches.length > 0) {
            marks.addMatches(block, matches);
            changed = true;
          }
          if (slices.spent(1 + ((to - from) >> 10)) && !(await pause(reader))) return;
        }
      }
      if (how.rescan) for (const shadow of shadowRootsIn(root)) if (shadow) this.discoverShadowRoot(shadow);
    }
    if (changed) this.deps.onChange?.();
  }
}

/**
 * Longest text matched in one call. A paragraph is far shorter; a block this long is a whole
 * chapter or thread in one element, and matching it at once would hold the page for too long.
 */
const MAX_PIECE = 8000;
/** Where a long block is cut: after a sentence's end, or failing that after a space. */
const SENTENCE_END = /[.!?。]\s+/g;

/**
 * Where the piece of `text` that starts at `from` ends: a long block is matched one piece at a
 * time, the whole text when short enough, else pieces of at most MAX_PIECE cut after a sentence (a
 * term does not run across sentences; a block-wide context cue then counts within its piece).
 * Returns `from` itself at the end of the text.
 */
export function pieceEnd(text: string, from: number): number {
  if (text.length - from <= MAX_PIECE) return text.length;
  const limit = from + MAX_PIECE;
  let cut = -1;
  SENTENCE_END.lastIndex = from + MAX_PIECE / 2;
  for (let m = SENTENCE_END.exec(text); m && m.index + m[0].length <= limit; m = SENTENCE_END.exec(text)) cut = m.index + m[0].length;
  if (cut < 0) cut = text.lastIndexOf(' ', limit) + 1;
  if (cut <= from) cut = limit;
  return cut;
}

function isBlockElement(node: Node): boolean {
  return node.nodeType === 1 && isBlockBoundary(node as Element);
}

/**
 * Nodes whose arrival or departure cannot change any block's text: comments, elements that are
 * never scanned (scripts, styles, the extension's own UI host), and empty text.
 */
function isIgnoredNode(node: Node, options: ScanOptions): boolean {
  if (node.nodeType === 3) return (node as Text).data.length === 0;
  if (node.nodeType !== 1) return true;
  return isSkippedElement(node as Element, options);
}

function isScannableTarget(node: Node, options: ScanOptions): boolean {
  return node.isConnected && isScannable(node, options);
}

function* textNodesIn(node: Node): Generator<Text> {
  if (node.nodeType === 3) {
    yield node as Text;
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 11) return;
  const doc = node.ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(node, 0x4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) yield n as Text;
}

function unique<T>(items: (T | null)[]): T[] {
  return [...new Set(items.filter((item): item is T => item !== null))];
}

/** Drops roots inside other roots, so no block is scanned twice in one batch. */
function pruneNested<T extends Node>(roots: T[]): T[] {
  return roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
}
