/**
 * One page's glossary lifecycle: scanning and marking while the extension is on for this page,
 * and applying settings live. The pointer-to-popover side lives in PopoverController.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CompiledGlossary } from '../../lib/glossary/compiled';
import type { TermOnPage, TermsOnPage } from '../../lib/messages';
import { matcherOnFirstUse } from '../../lib/matcher';
import type { Matcher } from '../../lib/matcher/types';
import { isHealthPage } from '../../lib/health-page';
import { entryScopeKey, MARK_HIGHLIGHT_NAMES, markHighlightName, type EntryScope } from '../../lib/page-settings';
import { holdsText } from '../../lib/scanner/blocks';
import { TERM_HIGHLIGHT, TermMarks, type MarkedTerm } from '../../lib/scanner/marks';
import { PageScanner, type ScanStats } from '../../lib/scanner/page-scanner';
import { afterRenderedFrame, elementsInView, hasManyElements } from '../../lib/scanner/viewport';
import { createYieldToPage } from '../../lib/scanner/yield';
import type { Settings } from '../../lib/settings';
import { activityOn } from '../../lib/site';
import { FIRST_SCAN_END_MARK, FIRST_SCAN_START_MARK } from './bench-stats';
import { PopoverController } from './popover-controller';
import { UI_HOST_TAG } from './popover-ui';

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
}

export class GlossaryOnPage {
  private marks: TermMarks | undefined;
  private scanner: PageScanner | undefined;
  private termHighlight: Highlight | undefined;
  private readonly popover: PopoverController;
  private matcher: { key: string; matcher: Matcher } | undefined;
  /** How long building the current matcher took (reported by the benchmark build). */
  private matcherSetupMs: number | undefined;
  private pauseTimer: number | undefined;
  private reportTimer: number | undefined;
  private lastReported = '';

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly glossary: CompiledGlossary,
    private readonly options: GlossaryOnPageOptions,
    private settings: Settings,
  ) {
    this.popover = new PopoverController({ ctx, glossary, marks: () => this.marks, settings: () => this.settings });
    ctx.onInvalidated(() => this.stop());
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
    if (!this.scanner || rescan) {
      this.stop();
      this.start();
    } else if (previous.markStyle !== settings.markStyle) {
      this.applyMarkStyle();
    }
  }

  /** Starts scanning when the extension is on here; `timeStages` is for the benchmark build. */
  start({ timeStages = false }: { timeStages?: boolean } = {}): void {
    this.armPauseEnd();
    if (this.scanner || !this.isActive()) return;
    this.marks = new TermMarks({
      registry: CSS.highlights,
      createHighlight: () => new Highlight(),
      createStaticRange: (init) => new StaticRange(init),
    });
    this.termHighlight = CSS.highlights.get(TERM_HIGHLIGHT);
    this.applyMarkStyle();
    this.scanner = new PageScanner(
      {
        doc: document,
        // A page with no text yet (one that renders its text later, or none: images, video)
        // builds its matcher when text first comes. (Frames without text do not get this far.)
        matcher: holdsText(document) ? this.currentMatcher() : matcherOnFirstUse(() => this.currentMatcher()),
        marks: this.marks,
        scanOptions: { excludedTags: new Set([UI_HOST_TAG]) },
        now: () => performance.now(),
        yieldToPage: createYieldToPage(),
        createStaticRange: (init) => new StaticRange(init),
        elementsInView: async () => (hasManyElements(document) && (await afterRenderedFrame(window)) ? elementsInView(document) : []),
        onChange: () => this.scheduleReport(),
        timeStages,
      },
      { firstOnly: this.settings.firstOnly, healthPage: holdsText(document) && isHealthPage(this.options.host ?? '', document, this.currentMatcher()) },
    );
    if (import.meta.env.MODE === 'bench') performance.mark(FIRST_SCAN_START_MARK);
    void this.scanner.start().then(() => {
      if (import.meta.env.MODE === 'bench') performance.mark(FIRST_SCAN_END_MARK);
      this.scheduleReport();
    });
    this.popover.attach();
  }

  /**
   * For a reader who asks for the page's terms: starts the first scan now if it is still waiting
   * for the page to settle, and resolves once the scanner's work so far is done (or after
   * READER_WAIT_MS).
   */
  async scanForReader(): Promise<void> {
    if (!this.scanner) this.start();
    const scanned = this.scanner?.idle();
    if (!scanned) return;
    let timer: number | undefined;
    await Promise.race([scanned, new Promise<void>((resolve) => (timer = this.ctx.setTimeout(resolve, READER_WAIT_MS)))]);
    clearTimeout(timer);
  }

  stop(): void {
    this.popover.detach();
    this.scanner?.stop();
    this.scanner = undefined;
    this.unregisterStyledHighlight();
    this.termHighlight = undefined;
    this.marks?.destroy();
    this.marks = undefined;
    this.scheduleReport();
  }

  /** What the scanner has done on this page (counters only), for the benchmark build. */
  scanStats(): ScanStats | undefined {
    return this.scanner && { ...this.scanner.stats, matcherSetupMs: this.matcherSetupMs };
  }

  /** The marked entries in order of first appearance, for the popup's list. */
  listTerms(): TermsOnPage {
    const marks = this.marks;
    const host = this.options.host;
    if (!marks) return { host, active: this.isActive(), terms: [] };
    const counts = marks.entryCounts();
    const terms: TermOnPage[] = [];
    for (const entryId of this.firstMarks().keys()) {
      const entry = this.glossary.entries[entryId];
      if (entry) terms.push({ entryId, name: entry.name, short: entry.short, count: counts.get(entryId) ?? 1 });
    }
    return { host, active: true, terms };
  }

  /** Scrolls the first mark of `entryId` to the middle of the view and opens its popover. */
  reveal(entryId: string): boolean {
    const term = this.firstMarks().get(entryId);
    if (!term) return false;
    const range = document.createRange();
    range.setStart(term.range.startContainer, term.range.startOffset);
    range.setEnd(term.range.endContainer, term.range.endOffset);
    // The element brings nested scroll containers along; the range then centres the term itself.
    term.range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    const rect = range.getBoundingClientRect();
    const offCentre = rect.top + rect.height / 2 - window.innerHeight / 2;
    if (Math.abs(offCentre) > window.innerHeight / 4) window.scrollBy({ top: offCentre, behavior: 'instant' });
    this.popover.openTerm(term);
    return true;
  }

  /** Each entry's first mark in document order, entries ordered the same way. */
  private firstMarks(): Map<string, MarkedTerm> {
    const first = new Map<string, MarkedTerm>();
    if (!this.marks) return first;
    for (const term of this.marks.terms()) {
      const known = first.get(term.entryId);
      if (!known || precedes(term, known)) first.set(term.entryId, term);
    }
    return new Map([...first].sort(([, a], [, b]) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0)));
  }

  private currentMatcher(): Matcher {
    const key = entryScopeKey(this.settings);
    if (this.matcher?.key !== key) {
      const started = performance.now();
      this.matcher = { key, matcher: this.options.createMatcher(this.settings) };
      this.matcherSetupMs = performance.now() - started;
    }
    return this.matcher.matcher;
  }

  /** Moves the term highlight to the registry name whose CSS paints the chosen style. */
  private applyMarkStyle(): void {
    const highlight = this.termHighlight;
    if (!highlight) return;
    this.unregisterStyledHighlight();
    const name = markHighlightName(this.settings.markStyle);
    if (name) CSS.highlights.set(name, highlight);
  }

  private unregisterStyledHighlight(): void {
    const highlight = this.termHighlight;
    if (!highlight) return;
    for (const name of Object.values(MARK_HIGHLIGHT_NAMES)) {
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }
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

function precedes(a: MarkedTerm, b: MarkedTerm): boolean {
  const nodeA = a.range.startContainer;
  const nodeB = b.range.startContainer;
  if (nodeA === nodeB) return a.range.startOffset < b.range.startOffset;
  return (nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}
