/**
 * Wires the pure modules to one page: scanner → marks (CSS highlights) → pointer hit-test →
 * hover intent → popover. Browser glue only; each piece it calls is unit-tested on its own.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CompiledGlossary } from '../../glossary/compiled';
import type { Matcher } from '../../lib/matcher/types';
import { TermMarks, type MarkedTerm } from '../../lib/scanner/marks';
import { PageScanner } from '../../lib/scanner/page-scanner';
import { browserCaretAt, rangeRects, termAtPoint } from '../../lib/scanner/hit-test';
import { HoverIntent } from '../../lib/hover-intent';
import type { Settings } from '../../lib/settings';
import { PopoverUi, UI_HOST_TAG } from './popover-ui';

/** Time to travel from a term into its popover before it closes. */
const GRACE_MS = 300;

export class GlossaryOnPage {
  private marks: TermMarks | undefined;
  private scanner: PageScanner | undefined;
  private readonly popover: PopoverUi;
  private readonly intent: HoverIntent<MarkedTerm>;
  private readonly caretAt = browserCaretAt(document);
  private listeners: AbortController | undefined;
  private lastPointer: { x: number; y: number } | undefined;
  private frameRequested = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly glossary: CompiledGlossary,
    private readonly matcher: Matcher,
    private settings: Settings,
  ) {
    this.popover = new PopoverUi(ctx, { onPointerInPopover: (inside) => this.intent.pointerInPopover(inside) });
    this.intent = new HoverIntent<MarkedTerm>({
      delayMs: () => this.settings.hoverDelayMs,
      graceMs: GRACE_MS,
      setTimer: (fn, ms) => this.ctx.setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as number),
      onOpen: (term) => void this.open(term),
      onClose: () => this.closePopover(),
    });
    ctx.onInvalidated(() => this.stop());
  }

  /** Applies new settings live: starting, stopping or rescanning as needed. */
  update(settings: Settings): void {
    const previous = this.settings;
    this.settings = settings;
    if (!settings.enabled) {
      this.stop();
      return;
    }
    if (!this.scanner || previous.firstOnly !== settings.firstOnly) {
      this.stop();
      this.start();
    }
  }

  start(): void {
    if (!this.settings.enabled || this.scanner || !highlightsSupported()) return;
    this.marks = new TermMarks({
      registry: CSS.highlights,
      createHighlight: () => new Highlight(),
      createStaticRange: (init) => new StaticRange(init),
    });
    this.scanner = new PageScanner(
      {
        doc: document,
        matcher: this.matcher,
        marks: this.marks,
        scanOptions: { isExcluded: (el) => el.tagName.toLowerCase() === UI_HOST_TAG },
        now: () => performance.now(),
        yieldToPage: () => new Promise((resolve) => this.ctx.setTimeout(() => resolve(), 0)),
        createStaticRange: (init) => new StaticRange(init),
      },
      { firstOnly: this.settings.firstOnly },
    );
    void this.scanner.start();
    this.listen();
  }

  stop(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.intent.close();
    this.scanner?.stop();
    this.scanner = undefined;
    this.marks?.destroy();
    this.marks = undefined;
    this.popover.remove();
  }

  private listen(): void {
    this.listeners = new AbortController();
    const options = { capture: true, passive: true, signal: this.listeners.signal };
    document.addEventListener(
      'pointermove',
      (event) => {
        if (this.popover.owns(event.target)) return;
        this.lastPointer = { x: event.clientX, y: event.clientY };
        // One hit-test per frame however fast the pointer reports.
        if (this.frameRequested) return;
        this.frameRequested = true;
        requestAnimationFrame(() => {
          this.frameRequested = false;
          this.hitTest();
        });
      },
      options,
    );
    document.addEventListener('pointerleave', () => this.intent.pointerOver(undefined), options);
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && this.intent.current) this.intent.close();
      },
      options,
    );
  }

  private hitTest(): void {
    const marks = this.marks;
    const pointer = this.lastPointer;
    if (!marks || !pointer) return;
    const term = termAtPoint(pointer.x, pointer.y, {
      caretAt: this.caretAt,
      termsAt: (node, offset) => marks.termsAt(node, offset),
      rectsOf: (t) => rangeRects(document, t),
    });
    this.intent.pointerOver(term);
  }

  private async open(term: MarkedTerm): Promise<void> {
    const entry = this.glossary.entries[term.entryId];
    if (!entry) return;
    this.marks?.setActive(term);
    const startNode = term.range.startContainer;
    await this.popover.show(
      entry,
      {
        getBoundingClientRect: () => {
          const range = document.createRange();
          range.setStart(term.range.startContainer, term.range.startOffset);
          range.setEnd(term.range.endContainer, term.range.endOffset);
          return range.getBoundingClientRect();
        },
        getClientRects: () => rangeRects(document, term),
        contextElement: startNode.parentElement ?? undefined,
      },
      this.lastPointer,
    );
  }

  private closePopover(): void {
    this.marks?.setActive(undefined);
    this.popover.hide();
  }
}

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}
