/**
 * One page's glossary lifecycle: scanning and marking while the extension is on for this page,
 * and applying settings live. The pointer-to-popover side lives in PopoverController, made on each
 * start and destroyed on each stop.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TermOnPage, TermsOnPage } from '../../lib/messages';
import { matcherOnFirstUse } from '../../lib/matcher';
import type { Matcher } from '../../lib/matcher/types';
import { isHealthPage } from '../../lib/health-page';
import { compareTermOrder, scrollTermIntoView } from '../../lib/marks/ranges';
import { TermMarks, type MarkedTerm } from '../../lib/marks/term-marks';
import type { Direction } from '../../lib/popover/term-order';
import { holdsText } from '../../lib/scanner/blocks';
import { PageScanner, type ScanStats } from '../../lib/scanner/page-scanner';
import { afterRenderedFrame, elementsInView, hasManyElements } from '../../lib/scanner/viewport';
import { createYieldToPage } from '../../lib/scanner/yield';
import { entryScopeKey, type EntryScope } from '../../lib/entry-scope';
import type { Settings } from '../../lib/settings';
import { activityOn } from '../../lib/site';
import { PopoverController } from './popover-controller';
import { CardEntries } from './card-entries';

/** setTimeout's largest delay; a longer pause is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Count reports to the badge are gathered this long, so a time-sliced scan sends a few, not dozens. */
const REPORT_DELAY_MS = 200;
/**
 * How long a reader's request for the page's terms (the popup's list) waits for a first scan it
 * started: most pages are scanned within it; a longer one answers with the terms marked so far,
 * and the popup asks again a second later.
 */
const READER_WAIT_MS = 300;

export interface GlossaryOnPageOptions {
  /** The matcher for the entries the reader's categories and "Which terms to mark" leave on. */
  createMatcher: (scope: EntryScope) => Matcher;
  /** The site the reader sees in the address bar (the top frame's hostname where readable). */
  host: string | undefined;
  /** Called with the distinct marked entry ids whenever they change (the toolbar badge). */
  onTermsChanged?: (entryIds: string[]) => void;
  /** The entries' texts (by default fetched from the background). */
  cards?: CardEntries;
}

export class GlossaryOnPage {
  private marks: TermMarks | undefined;
  private scanner: PageScanner | undefined;
  private popover: PopoverController | undefined;
  private matcher: { key: string; matcher: Matcher } | undefined;
  private pauseTimer: number | undefined;
  private reportTimer: number | undefined;
  private lastReported = '';
  /** Whether the first scan has been started (the scanner may exist before, for scanNow). */
  private scanning = false;
  /** The entries' texts the page's cards have fetched, kept across restarts. */
  private readonly cards: CardEntries;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly options: GlossaryOnPageOptions,
    private settings: Settings,
  ) {
    this.cards = options.cards ?? new CardEntries(() => this.popover?.refresh());
    ctx.onInvalidated(() => this.destroy());
  }

  /** Whether the extension is on for this page right now (switches, site list and pause). */
  isActive(): boolean {
    return activityOn(this.settings, this.options.host, Date.now()) === 'on' && highlightsSupported();
  }

  /** Applies new settings live: starting, stopping, rescanning or restyling as needed. */
  update(settings: Settings): void {
    const previous = this.settings;
    this.settings = settings;
    this.armPauseEnd();
    if (!this.isActive()) {
      this.stop();
      return;
    }
    const rescan =
      previous.firstOnly !== settings.firstOnly || entryScopeKey(previous) !== entryScopeKey(settings);
    if (!this.scanning || rescan) {
      void this.restart();
    } else if (previous.markStyle !== settings.markStyle) {
      this.marks?.setStyle(settings.markStyle);
    }
  }

  /**
   * Starts scanning when the extension is on here (and is not already scanning); resolves when the
   * first scan is done.
   */
  start(): Promise<void> {
    this.armPauseEnd();
    if (this.scanning || !this.prepare()) return Promise.resolve();
    this.scanning = true;
    return this.scanner!.start().then(() => this.scheduleReport());
  }

  /**
   * For a reader whose pointer moves before the first scan has started (it waits for the page to
   * settle): makes the marks, the scanner and the popover now, so that the block under the
   * pointer is scanned on demand and its terms open as on a scanned page. `event` is handed on.
   */
  pointerBeforeFirstScan(event: PointerEvent): void {
    if (this.prepare()) this.popover?.pointerMoved(event);
  }

  /** Makes the marks, the scanner (not started) and the popover; false when off here. */
  private prepare(): boolean {
    if (this.scanner) return true;
    if (!this.isActive()) return false;
    this.marks = new TermMarks(
      {
        registry: CSS.highlights,
        createHighlight: () => new Highlight(),
        createStaticRange: (init) => new StaticRange(init),
      },
      this.settings.markStyle,
    );
    this.scanner = new PageScanner(
      {
        doc: document,
        // A page with no text yet (one that renders its text later, or none: images, video)
        // builds its matcher when text first comes. (Frames without text do not get this far.)
        matcher: holdsText(document) ? this.currentMatcher() : matcherOnFirstUse(() => this.currentMatcher()),
        marks: this.marks,
        // The extension's own UI, by identity: its host's name is random (and a page could give
        // one of its elements the same name). Its closed shadow root is out of the scanner's
        // reach anyway; this keeps the host's coming and going from counting as a page change.
        scanOptions: { isExcluded: (element) => this.popover?.owns(element) ?? false },
        now: () => performance.now(),
        yieldToPage: this.yieldToPage(),
        elementsInView: async () => (hasManyElements(document) && (await afterRenderedFrame(window)) ? elementsInView(document) : []),
        onChange: () => this.scheduleReport(),
      },
      { firstOnly: this.settings.firstOnly, healthPage: holdsText(document) && isHealthPage(this.options.host ?? '', document, this.currentMatcher()) },
    );
    this.popover = new PopoverController({
      ctx: this.ctx,
      cards: this.cards,
      marks: () => this.marks,
      settings: () => this.settings,
      scanAt: (x, y) => this.scanAt(x, y),
    });
    return true;
  }

  /**
   * How the scanner gives the page its thread back: scheduler.yield() resumes ahead of the page's
   * timers, so a first scan of seconds held back the hover delay's timer until it ended; while
   * the pointer rests on a term the scanner waits behind the timers instead.
   */
  private yieldToPage(): () => Promise<void> {
    const soon = createYieldToPage();
    return () => (this.popover?.hovering ? new Promise<void>((resolve) => setTimeout(resolve, 0)) : soon());
  }

  /** Scans the block under the pointer out of turn, until the first scan has read the page. */
  private scanAt(x: number, y: number): void {
    const scanner = this.scanner;
    if (!scanner || scanner.scanned) return;
    const element = document.elementFromPoint(x, y);
    if (element && !this.popover?.owns(element)) scanner.scanNow(element);
  }

  /** Stops and starts again from scratch: a new matcher's results, or a fresh first scan. */
  restart(): Promise<void> {
    this.stop();
    return this.start();
  }

  /**
   * For a reader who asks for the page's terms: starts the first scan now if it is still waiting
   * for the page to settle, and resolves once the scanner's work so far is done (or after
   * READER_WAIT_MS).
   */
  async scanForReader(): Promise<void> {
    if (!this.scanning) void this.start();
    if (!this.scanning) return;
    const scanned = this.idle();
    let timer: number | undefined;
    await Promise.race([scanned, new Promise<void>((resolve) => (timer = this.ctx.setTimeout(resolve, READER_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** Takes the marks, the popover and the scanner off the page (the extension is off here now). */
  private stop(): void {
    this.popover?.destroy();
    this.popover = undefined;
    this.scanner?.destroy();
    this.scanner = undefined;
    this.scanning = false;
    this.marks?.destroy();
    this.marks = undefined;
    this.scheduleReport();
  }

  /** The end of the content script on this page (it was invalidated). */
  destroy(): void {
    this.stop();
  }

  /** Resolves once the scanner's work queued so far is done. */
  idle(): Promise<void> {
    return this.scanner?.idle() ?? Promise.resolve();
  }

  /** What the scanner has done on this page so far (counters only). */
  scanStats(): ScanStats | undefined {
    return this.scanner?.stats;
  }

  /** Moves to the next or previous marked term and explains it (a keyboard command). */
  step(direction: Direction): void {
    this.popover?.step(direction);
  }

  /** Explains the selection, or the text the context menu saw. */
  explainSelection(reported: string | undefined): void {
    this.popover?.explainSelection(reported);
  }

  /** The marked entries in order of first appearance, for the popup's list. */
  async listTerms(): Promise<TermsOnPage> {
    const marks = this.marks;
    const host = this.options.host;
    if (!marks) return { host, active: this.isActive(), terms: [] };
    const counts = marks.entryCounts();
    // The names and short texts come from the background, which holds the entries' texts.
    const summaries = await this.cards.summaries([...this.firstMarks().keys()]);
    const terms: TermOnPage[] = summaries.map(({ entryId, name, short }) => ({ entryId, name, short, count: counts.get(entryId) ?? 1 }));
    return { host, active: true, terms };
  }

  /** Scrolls the first mark of `entryId` to the middle of the view and opens its popover. */
  reveal(entryId: string): boolean {
    const term = this.firstMarks().get(entryId);
    if (!term || !this.popover) return false;
    scrollTermIntoView(term);
    this.popover.openTerm(term);
    return true;
  }

  /** Each entry's first mark in document order, entries ordered the same way. */
  private firstMarks(): Map<string, MarkedTerm> {
    const first = new Map<string, MarkedTerm>();
    if (!this.marks) return first;
    for (const term of this.marks.terms()) {
      const known = first.get(term.entryId);
      if (!known || compareTermOrder(term, known) < 0) first.set(term.entryId, term);
    }
    return new Map([...first].sort(([, a], [, b]) => compareTermOrder(a, b)));
  }

  private currentMatcher(): Matcher {
    const key = entryScopeKey(this.settings);
    if (this.matcher?.key !== key) this.matcher = { key, matcher: this.options.createMatcher(this.settings) };
    return this.matcher.matcher;
  }

  /** A pause ends by itself: wake up when it does and start again, without a reload. */
  private armPauseEnd(): void {
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    const remaining = this.settings.pausedUntil - Date.now();
    if (remaining <= 0) return;
    this.pauseTimer = this.ctx.setTimeout(() => {
      this.pauseTimer = undefined;
      this.update(this.settings);
    }, Math.min(remaining + 20, MAX_TIMER_MS));
  }

  /** Reports the marked entries again even if unchanged (the background lost or reset them). */
  reportAgain(): void {
    this.lastReported = '\u0000';
    this.scheduleReport();
  }

  private scheduleReport(): void {
    if (!this.options.onTermsChanged || this.reportTimer !== undefined) return;
    this.reportTimer = this.ctx.setTimeout(() => {
      this.reportTimer = undefined;
      const ids = [...(this.marks?.entryCounts().keys() ?? [])].sort();
      const key = ids.join('\n');
      if (key === this.lastReported) return;
      this.lastReported = key;
      this.options.onTermsChanged?.(ids);
    }, REPORT_DELAY_MS);
  }
}

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}
