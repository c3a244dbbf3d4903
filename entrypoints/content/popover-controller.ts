/**
 * Everything between the reader's pointer (or keys) and the popover: hit-testing marked terms,
 * hover intent, opening, placing and closing. Glue over pure modules (hit-test, hover intent).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CompiledGlossary } from '../../glossary/compiled';
import type { MarkedTerm, TermMarks } from '../../lib/scanner/marks';
import { browserCaretAt, rangeRects, termAtPoint } from '../../lib/scanner/hit-test';
import { HoverIntent } from '../../lib/hover-intent';
import type { Settings } from '../../lib/settings';
import { PopoverUi } from './popover-ui';

/** Time to travel from a term into its popover before it closes. */
const GRACE_MS = 300;

export interface PopoverControllerDeps {
  ctx: ContentScriptContext;
  glossary: CompiledGlossary;
  /** The page's current marks; undefined while the extension is off on this page. */
  marks: () => TermMarks | undefined;
  settings: () => Settings;
}

export class PopoverController {
  private readonly ui: PopoverUi;
  private readonly intent: HoverIntent<MarkedTerm>;
  private readonly caretAt = browserCaretAt(document);
  private listeners: AbortController | undefined;
  private lastPointer: { x: number; y: number } | undefined;
  private frameRequested = false;

  constructor(private readonly deps: PopoverControllerDeps) {
    this.ui = new PopoverUi(deps.ctx, { onPointerInPopover: (inside) => this.intent.pointerInPopover(inside) });
    this.intent = new HoverIntent<MarkedTerm>({
      delayMs: () => deps.settings().hoverDelayMs,
      graceMs: GRACE_MS,
      setTimer: (fn, ms) => deps.ctx.setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as number),
      onOpen: (term) => void this.open(term),
      onClose: () => this.hide(),
    });
  }

  /** Whether `node` is inside the extension's own UI (scanners skip it). */
  ownsElement(element: Element): boolean {
    return this.ui.owns(element);
  }

  attach(): void {
    if (this.listeners) return;
    this.listeners = new AbortController();
    const options = { capture: true, passive: true, signal: this.listeners.signal };
    document.addEventListener(
      'pointermove',
      (event) => {
        if (this.ui.owns(event.target)) return;
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

  /** Opens `term`'s popover at once (no hover delay), e.g. for a term picked in the popup. */
  openTerm(term: MarkedTerm): void {
    this.intent.openNow(term);
  }

  /** Closes the popover, stops listening and takes the UI host out of the page. */
  detach(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.intent.close();
    this.ui.remove();
  }

  private hitTest(): void {
    const marks = this.deps.marks();
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
    const entry = this.deps.glossary.entries[term.entryId];
    if (!entry) return;
    this.deps.marks()?.setActive(term);
    await this.ui.show(
      entry,
      {
        getBoundingClientRect: () => liveRange(term).getBoundingClientRect(),
        getClientRects: () => rangeRects(document, term),
        contextElement: term.range.startContainer.parentElement ?? undefined,
      },
      this.lastPointer,
    );
  }

  private hide(): void {
    this.deps.marks()?.setActive(undefined);
    this.ui.hide();
  }
}

function liveRange(term: MarkedTerm): Range {
  const range = document.createRange();
  range.setStart(term.range.startContainer, term.range.startOffset);
  range.setEnd(term.range.endContainer, term.range.endOffset);
  return range;
}
