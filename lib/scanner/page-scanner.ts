/**
 * Keeps a document's marked terms in step with its text: a first scan in time slices, then
 * incremental rescans of only the blocks a MutationObserver reports as changed.
 */
import type { Matcher } from '../matcher/types';
import { isBlockBoundary, isScannable, isSkippedElement, iterateBlocks, type ScanOptions } from './blocks';
import { termsFromMatches, type TermMarks } from './marks';

export interface PageScannerDeps {
  doc: Document;
  matcher: Matcher;
  marks: TermMarks;
  scanOptions: ScanOptions;
  /** Milliseconds since some origin (performance.now in the browser). */
  now: () => number;
  /** Resolves once the page has had the main thread back. */
  yieldToPage: () => Promise<void>;
  createStaticRange: (init: StaticRangeInit) => StaticRange;
  /** Called after each slice that changed the marks (e.g. to refresh a count). */
  onChange?: () => void;
}

export interface PageScannerOptions {
  /** Mark only the first occurrence of each entry on the page. */
  firstOnly: boolean;
}

/** Keep each slice of work well under the 50 ms that makes a page feel stuck. */
const SLICE_MS = 8;
/** Mutations are gathered this long before a rescan, so bursts cost one pass. */
const MUTATION_BATCH_MS = 150;

/** Nearest block-level ancestor: the unit the scanner rescans when text inside it changes. */
function blockContainerOf(node: Node): Element | null {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el && el.parentElement && !isBlockBoundary(el)) el = el.parentElement;
  return el;
}

export class PageScanner {
  private seen: Set<string> | undefined;
  private observer: MutationObserver | undefined;
  private pendingRoots = new Set<Element>();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PageScannerDeps, private options: PageScannerOptions) {
    this.seen = options.firstOnly ? new Set() : undefined;
  }

  /** Scans the whole document, then follows its changes until stop(). */
  start(): Promise<void> {
    this.observe();
    return this.enqueue([this.deps.doc.body ?? this.deps.doc.documentElement]);
  }

  stop(): void {
    this.generation++;
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.batchTimer !== undefined) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.pendingRoots.clear();
  }

  /** Promise of the work queued so far (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    return this.running;
  }

  private observe(): void {
    const MutationObserverImpl = this.deps.doc.defaultView?.MutationObserver;
    if (!MutationObserverImpl) return;
    this.observer = new MutationObserverImpl((records) => this.onMutations(records));
    this.observer.observe(this.deps.doc, { childList: true, characterData: true, subtree: true });
  }

  private onMutations(records: MutationRecord[]): void {
    const { scanOptions } = this.deps;
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
    if (this.pendingRoots.size > 0 && this.batchTimer === undefined) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = undefined;
        const roots = pruneNested([...this.pendingRoots]);
        this.pendingRoots.clear();
        void this.enqueue(roots);
      }, MUTATION_BATCH_MS);
    }
  }

  private addPending(root: Element | null): void {
    if (root) this.pendingRoots.add(root);
  }

  /** Drops the marks on `nodes`, and lets first-only mode mark an entry again if it lost its only mark. */
  private forget(nodes: Iterable<Text>): void {
    for (const entryId of this.deps.marks.removeNodes(nodes)) this.seen?.delete(entryId);
  }

  private enqueue(roots: Element[]): Promise<void> {
    const generation = this.generation;
    this.running = this.running.then(() => this.scanRoots(roots, generation));
    return this.running;
  }

  private async scanRoots(roots: Element[], generation: number): Promise<void> {
    const { matcher, marks, now, yieldToPage, scanOptions, createStaticRange } = this.deps;
    let sliceStart = now();
    let changed = false;
    for (const root of roots) {
      if (!root.isConnected) continue;
      // Text already marked inside this root is scanned again from scratch.
      this.forget(textNodesIn(root));
      for (const block of iterateBlocks(root, scanOptions)) {
        const matches = matcher.findMatches(block.text, this.seen ? { seen: this.seen } : undefined);
        if (matches.length > 0) {
          marks.add(termsFromMatches(block, matches, { createStaticRange }));
          changed = true;
        }
        if (now() - sliceStart > SLICE_MS) {
          if (changed) this.deps.onChange?.();
          changed = false;
          await yieldToPage();
          if (generation !== this.generation) return;
          sliceStart = now();
        }
      }
    }
    if (changed) this.deps.onChange?.();
  }
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

/** Drops roots inside other roots, so no block is scanned twice in one batch. */
function pruneNested(roots: Element[]): Element[] {
  return roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
}
