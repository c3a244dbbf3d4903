/**
 * Everything between the reader (pointer, touch, keys, commands) and the popover: hit-testing
 * marked terms, hover intent, the trigger modes, pinning, keyboard navigation between terms,
 * "explain" on a selection, focus and dismissal. Glue over pure modules (hit-test, hover intent,
 * term order, suggestions), which carry the rules and their tests.
 *
 * How a popover was opened decides how it closes:
 * - by hovering: it closes when the pointer leaves the term and the card (after a grace period),
 *   on Escape, or when the term scrolls out of sight;
 * - by a click, a tap, a keyboard command or "explain" (a "held" popover): it stays until Escape,
 *   the × button, a click or tap elsewhere, or the term scrolling out of sight;
 * - pinned with the pin button: it stays until Escape or the × button, whatever the pointer does.
 * Tab moves into a held or pinned popover; Escape then closes it and returns focus where it was.
 *
 * Clicks are never cancelled: a click on a marked term inside a link (or a button, a label, a
 * summary) belongs to the page and follows the link; in click mode such a term is explained by
 * hover with the modifier key, the keyboard command or the context menu instead.
 */
import { i18n } from '#i18n';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compareTermOrder, liveRange, overlaps, rangeRects, scrollTermIntoView } from '../../lib/marks/ranges';
import type { MarkedTerm, TermMarks } from '../../lib/marks/term-marks';
import { browserCaretAt, termAtPoint } from '../../lib/popover/hit-test';
import { HoverIntent } from '../../lib/popover/hover-intent';
import { stepTerm, viewportSide, type Direction } from '../../lib/popover/term-order';
import type { Settings } from '../../lib/settings';
import type { PopoverView } from '../../components/Popover';
import { PopoverUi, type AnchorRects } from './popover-ui';
import { CardEntries } from './card-entries';

/** Time to travel from a term into its popover before it closes. */
const GRACE_MS = 300;
/** A touch that moves further than this is a scroll or a drag, not a tap. */
const TAP_SLOP_PX = 10;
/** Elements whose clicks belong to the page even when they contain a marked term. */
const INTERACTIVE = 'a[href], button, label, summary, select, input, textarea, [role="button"], [role="link"], [contenteditable=""], [contenteditable="true"]';

export interface PopoverControllerDeps {
  ctx: ContentScriptContext;
  /** The entries' texts, fetched from the background as cards need them. */
  cards?: CardEntries;
  /**
   * Called with the pointer's position before each hit-test, while the page is not fully scanned
   * yet: the block under the pointer is scanned then, so a term hovered early is marked in time.
   */
  scanAt?: (x: number, y: number) => void;
  /** The page's current marks; undefined while the extension is off on this page. */
  marks: () => TermMarks | undefined;
  settings: () => Settings;
}

interface OpenState {
  /** The marked term it explains; undefined for "explain" on text that is not marked. */
  term: MarkedTerm | undefined;
  /** Opened by click, tap, keyboard or explain: the pointer does not close it. */
  held: boolean;
  pinned: boolean;
}

export class PopoverController {
  private readonly ui: PopoverUi;
  private readonly intent: HoverIntent<MarkedTerm>;
  private readonly caretAt = browserCaretAt(document);
  private readonly cards: CardEntries;
  private readonly listeners = new AbortController();
  /** Where the pointer last was, and when (an event timestamp, on performance.now()'s clock). */
  private lastPointer: { x: number; y: number; at?: number } | undefined;
  private modifierDown = false;
  private frameRequested = false;
  private state: OpenState | undefined;
  private cardCount = 0;
  /** Whether the last hit-test found a term under the pointer (its card may be about to open). */
  private pointerOnTerm = false;
  /** Counts requests to show a term, so a term whose entry arrives late does not replace a newer card. */
  private showRequest = 0;
  /** The last term reached by the keyboard command, so the next step continues from it. */
  private navigated: MarkedTerm | undefined;
  /** The page element that had focus before focus went into the card. */
  private pageFocus: Element | null = null;
  private touchStart: { x: number; y: number; id: number } | undefined;
  private lastPointerDownType = '';

  constructor(private readonly deps: PopoverControllerDeps) {
    this.cards = deps.cards ?? new CardEntries(() => this.ui.refresh());
    this.ui = new PopoverUi(deps.ctx, this.cards, {
      onPointerInPopover: (inside) => this.intent.pointerInPopover(inside),
      onPinnedChange: (pinned) => this.setPinned(pinned),
      onCloseRequested: () => this.close(),
      onAnchorHidden: (hidden) => {
        // Scrolled away: a transient popover goes; a pinned one waits for its term to come back.
        if (hidden && this.state && !this.state.pinned) this.close();
      },
    });
    this.intent = new HoverIntent<MarkedTerm>({
      delayMs: () => deps.settings().hoverDelayMs,
      graceMs: GRACE_MS,
      setTimer: (fn, ms) => deps.ctx.setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as number),
      onOpen: (term) => void this.showTerm(term, { held: false }),
      // The intent's own close (its grace period ran out) takes the card away and nothing else:
      // a term the pointer has moved on to is still waiting out its delay there.
      onClose: () => {
        if (this.state && !this.state.held && !this.state.pinned) this.hideCard();
      },
    });
    this.listen();
  }

  private listen(): void {
    const signal = this.listeners.signal;
    const passive = { capture: true, passive: true, signal };
    // Only the reader's own input counts: a page script's synthetic events (isTrusted false)
    // must not open, close or drive a card.
    const trusted =
      <E extends Event>(handler: (event: E) => void) =>
      (event: E): void => {
        if (event.isTrusted) handler(event);
      };
    document.addEventListener('pointermove', trusted((event) => this.onPointerMove(event)), passive);
    // The pointer left the window (not merely some element: pointerleave does not bubble).
    document.documentElement.addEventListener('pointerleave', trusted(() => this.intent.pointerOver(undefined)), { passive: true, signal });
    document.addEventListener('pointerdown', trusted((event) => this.onPointerDown(event)), passive);
    document.addEventListener('pointerup', trusted((event) => this.onPointerUp(event)), passive);
    document.addEventListener('pointercancel', trusted(() => (this.touchStart = undefined)), passive);
    document.addEventListener('click', trusted((event) => this.onClick(event)), passive);
    document.addEventListener(
      'focusin',
      trusted((event) => {
        if (!this.ui.owns(event.target)) this.pageFocus = event.target as Element;
      }),
      passive,
    );
    // Not passive: Escape and Tab that the popover uses must not also act on the page.
    window.addEventListener('keydown', trusted((event) => this.onKeyDown(event)), { capture: true, signal });
    window.addEventListener('keyup', trusted((event) => this.onModifierKey(event)), { capture: true, passive: true, signal });
    window.addEventListener('blur', () => (this.modifierDown = false), { passive: true, signal });
  }

  /** Whether `node` is the extension's UI host or inside it. */
  owns(node: Node): boolean {
    return this.ui.owns(node);
  }

  /** A pointer move seen before this controller listened (the first one on a page not yet scanned). */
  pointerMoved(event: PointerEvent): void {
    this.onPointerMove(event);
  }

  /**
   * Whether a reader's pointer rests on a term: its hover delay's timer, then the card, must not
   * wait behind a long scan's slices.
   */
  get hovering(): boolean {
    return this.pointerOnTerm;
  }

  /** Renders the open card again: an entry it shows has arrived. */
  refresh(): void {
    this.ui.refresh();
  }

  /** Opens `term`'s popover at once (no hover delay), e.g. for a term picked in the popup. */
  openTerm(term: MarkedTerm): void {
    void this.showTerm(term, { held: true });
  }

  /** Closes the popover, stops listening and takes the UI host out of the page. */
  destroy(): void {
    this.listeners.abort();
    this.close();
    this.ui.destroy();
  }

  // ── pointer and touch ───────────────────────────────────────────────────────────────────────

  private onPointerMove(event: PointerEvent): void {
    // A finger dragging over text is scrolling, not hovering.
    if (event.pointerType === 'touch' || this.ui.owns(event.target)) return;
    this.lastPointer = { x: event.clientX, y: event.clientY, at: event.timeStamp };
    this.modifierDown = this.isModifierHeld(event);
    this.requestHitTest();
  }

  private requestHitTest(): void {
    // One hit-test per frame however fast the pointer reports.
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.hitTest();
    });
  }

  private hitTest(): void {
    const pointer = this.lastPointer;
    if (!pointer) return;
    this.deps.scanAt?.(pointer.x, pointer.y);
    const term = this.termAt(pointer.x, pointer.y);
    this.pointerOnTerm = term !== undefined;
    // A term under the pointer may open soon: the card gets ready during the wait.
    if (term) this.prepareCard(term);
    const trigger = this.deps.settings().trigger;
    // The wait for this frame counts towards the hover delay, so the popover opens on time.
    const since = pointer.at === undefined ? 0 : Math.max(0, performance.now() - pointer.at);
    if (trigger === 'click') {
      // Only keeps a hover-free popover company; clicks open in this mode.
      this.intent.pointerOver(term && term === this.intent.current ? term : undefined, since);
    } else if (trigger === 'modifier' && !this.modifierDown) {
      // Without the key nothing new opens, but the open term still counts as under the pointer.
      this.intent.pointerOver(term && term === this.intent.current ? term : undefined, since);
    } else {
      this.intent.pointerOver(term, since);
    }
  }

  private termAt(x: number, y: number): MarkedTerm | undefined {
    const marks = this.deps.marks();
    if (!marks) return undefined;
    return termAtPoint(x, y, {
      caretAt: this.caretAt,
      termsAt: (node, offset) => marks.termsAt(node, offset),
      rectsOf: (t) => rangeRects(t),
      elementsAt: (px, py) => document.elementsFromPoint(px, py),
      termsIn: (node) => marks.termsIn(node),
      hidesBelow,
    });
  }

  private onPointerDown(event: PointerEvent): void {
    this.lastPointerDownType = event.pointerType;
    if (event.pointerType === 'touch' && event.isPrimary) this.touchStart = { x: event.clientX, y: event.clientY, id: event.pointerId };
    if (!this.state || this.state.pinned || this.ui.owns(event.target)) return;
    // A press elsewhere dismisses; a press on the open term itself does not.
    const term = this.termAt(event.clientX, event.clientY);
    if (!term || term !== this.state.term) this.close();
  }

  private onPointerUp(event: PointerEvent): void {
    const start = this.touchStart;
    if (event.pointerType !== 'touch' || !start || start.id !== event.pointerId) return;
    this.touchStart = undefined;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > TAP_SLOP_PX) return;
    // A tap: open the term under the finger in every trigger mode (touch has no hover).
    this.openFromPress(event, event.clientX, event.clientY);
  }

  private onClick(event: MouseEvent): void {
    if (event.button !== 0 || this.lastPointerDownType === 'touch') return;
    if (this.deps.settings().trigger !== 'click') return;
    this.openFromPress(event, event.clientX, event.clientY);
  }

  private openFromPress(event: Event, x: number, y: number): void {
    if (this.ui.owns(event.target)) return;
    // The reader was selecting text, or pressing something of the page's: not ours.
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim() !== '') return;
    if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
    const term = this.termAt(x, y);
    if (!term || term === this.state?.term) return;
    this.lastPointer = { x, y };
    void this.showTerm(term, { held: true });
  }

  // ── keys ────────────────────────────────────────────────────────────────────────────────────

  private isModifierHeld(event: MouseEvent | KeyboardEvent): boolean {
    return event.getModifierState(this.deps.settings().modifierKey);
  }

  private onModifierKey(event: KeyboardEvent): void {
    if (this.deps.settings().trigger !== 'modifier') return;
    const held = this.isModifierHeld(event);
    if (held === this.modifierDown) return;
    this.modifierDown = held;
    // Pressing the key while already resting on a term starts the wait without moving the mouse.
    this.requestHitTest();
  }

  private onKeyDown(event: KeyboardEvent): void {
    this.onModifierKey(event);
    const state = this.state;
    if (!state) return;
    if (event.key === 'Escape') {
      const focusWasInside = this.ui.containsFocus();
      this.close();
      if (focusWasInside) this.restorePageFocus();
      // The Escape was for the popover, not for the page's own dialogs.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey && (state.held || state.pinned)) {
      event.preventDefault();
      event.stopPropagation();
      if (this.ui.containsFocus()) this.ui.cycleFocus(event.shiftKey);
      else {
        this.pageFocus = document.activeElement;
        this.ui.focusFirst();
      }
    }
  }

  private restorePageFocus(): void {
    const target = this.pageFocus;
    if (target instanceof HTMLElement && target.isConnected && target !== document.body) target.focus({ preventScroll: true });
    else (document.activeElement as HTMLElement | null)?.blur?.();
  }

  // ── keyboard navigation between terms ──────────────────────────────────────────────────────

  /** Moves to the next/previous marked term in document order, from the viewport, and opens it. */
  step(direction: Direction): void {
    const marks = this.deps.marks();
    const terms = marks ? [...marks.terms()].sort(compareTermOrder) : [];
    const from = this.state?.term ?? this.navigated;
    const current = from ? terms.indexOf(from) : -1;
    const step = stepTerm({
      count: terms.length,
      direction,
      current: current >= 0 ? current : undefined,
      sideOf: (i) => viewportSide(rangeRects(terms[i]!), window.innerHeight),
    });
    if (!step) {
      void this.ui.announce(i18n.t('announce.noTerms'));
      return;
    }
    const term = terms[step.index]!;
    this.navigated = term;
    scrollTermIntoView(term);
    void this.showTerm(term, { held: true }).then(async () => {
      const entry = await this.cards.load(term.entryId);
      if (!entry) return;
      const key = !step.wrapped ? 'announce.term' : direction === 1 ? 'announce.termWrappedFirst' : 'announce.termWrappedLast';
      void this.ui.announce(i18n.t(key, { name: entry.name, index: step.index + 1, count: terms.length, short: entry.short }));
    });
  }

  // ── explain the selection ──────────────────────────────────────────────────────────────────

  /**
   * Explains the selection (or the word at the caret) in this frame. `reported` is the text the
   * context menu saw; the keyboard command sends none, and reaches every frame, so only a frame
   * with a selection or with focus answers.
   */
  explainSelection(reported: string | undefined): void {
    const selection = document.getSelection();
    let range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    if (range && this.ui.owns(range.commonAncestorContainer)) range = undefined;
    const hasSelection = !!range && !range.collapsed && range.toString().trim() !== '';
    if (reported === undefined && !hasSelection && !document.hasFocus()) return;
    if (range?.collapsed) range = wordAt(range) ?? range;

    // A marked term at the start of the selection (or at the caret) is the best answer.
    const marks = this.deps.marks();
    if (range && marks) {
      const term = marks.termsAt(range.startContainer, range.startOffset).find((t) => overlaps(t, range!));
      if (term) {
        void this.showTerm(term, { held: true });
        return;
      }
    }
    const text = (range && !range.collapsed ? range.toString() : reported ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    if (text === '') {
      void this.ui.announce(i18n.t('announce.selectFirst'));
      return;
    }
    const anchor = range && !range.collapsed ? rangeAnchor(range.cloneRange()) : focusAnchor();
    const near = range?.startContainer;
    void this.explainText(text, anchor, near);
  }

  /** Asks the background what `text` means, then opens the card for it. */
  private async explainText(text: string, anchor: AnchorRects, near: Node | undefined): Promise<void> {
    const found = await this.cards.lookUp(text);
    const entryId = found.exact ?? found.contained;
    const entry = entryId ? await this.cards.load(entryId) : undefined;
    const view: PopoverView = entry
      ? { kind: 'entry', entryId: entry.id }
      : { kind: 'unknown', query: text.length > 60 ? `${text.slice(0, 57)}…` : text, suggestions: found.closest };
    await this.show(view, anchor, undefined, { held: true }, near);
    await this.ui.announce(entry ? i18n.t('announce.explained', { name: entry.name, short: entry.short }) : i18n.t('announce.notInGlossary', { text }));
  }

  // ── opening and closing ─────────────────────────────────────────────────────────────────────

  private prepareCard(term: MarkedTerm): void {
    // The entry's text comes from the background while the reader waits out the hover delay;
    // the unseen card laid out to warm up the first one then holds the real text.
    void this.cards.load(term.entryId).then((entry) => {
      if (!entry) return;
      this.ui.prepare({ kind: 'entry', entryId: term.entryId }, () => {
        const settings = this.deps.settings();
        return { theme: settings.theme, textSize: settings.textSize, dir: directionAt(term.range.startContainer) };
      });
    });
  }

  private async showTerm(term: MarkedTerm, how: { held: boolean }): Promise<void> {
    // Asked for when the pointer came to the term: here by now, unless the background was asleep.
    const token = ++this.showRequest;
    if (!(await this.cards.load(term.entryId)) || token !== this.showRequest) return;
    if (how.held) {
      // A held popover replaces whatever hover had open, and hover leaves it alone.
      this.intent.close();
      this.intent.hold(true);
    }
    const anchor: AnchorRects = {
      getBoundingClientRect: () => liveRange(term.range).getBoundingClientRect(),
      getClientRects: () => rangeRects(term),
      contextElement: term.range.startContainer.parentElement ?? undefined,
    };
    const pointer = how.held ? undefined : this.lastPointer;
    await this.show({ kind: 'entry', entryId: term.entryId }, anchor, pointer, how, term.range.startContainer, term);
  }

  private async show(
    view: PopoverView,
    anchor: AnchorRects,
    pointer: { x: number; y: number } | undefined,
    how: { held: boolean },
    near: Node | undefined,
    term?: MarkedTerm,
  ): Promise<void> {
    if (how.held) this.intent.hold(true);
    this.state = { term, held: how.held, pinned: false };
    const settings = this.deps.settings();
    await this.ui.show({
      view,
      key: String(++this.cardCount),
      anchor,
      pointer,
      pinned: false,
      theme: settings.theme,
      textSize: settings.textSize,
      dir: directionAt(near),
      emphasize: term !== undefined,
    });
  }

  private setPinned(pinned: boolean): void {
    const state = this.state;
    if (!state) return;
    state.pinned = pinned;
    this.ui.setPinned(pinned);
    // Unpinning a hover popover hands it back to the pointer; a held one stays held.
    this.intent.hold(pinned || state.held);
  }

  close(): void {
    this.state = undefined;
    this.intent.close();
    this.hideCard();
  }

  private hideCard(): void {
    this.showRequest++;
    this.state = undefined;
    this.ui.hide();
  }
}

const REPLACED = new Set(['img', 'video', 'canvas', 'iframe', 'object', 'embed', 'svg', 'picture']);

/** Whether an element paints over what is under it: replaced content or an opaque background. */
function hidesBelow(element: Element): boolean {
  if (REPLACED.has(element.localName)) return true;
  const background = getComputedStyle(element).backgroundColor;
  const alpha = /^rgba?\(([^)]*)\)$/.exec(background)?.[1]?.split(/[\s,/]+/)[3];
  return background !== 'transparent' && (alpha === undefined || Number(alpha) >= 1);
}

/** The word around a caret, for "explain" with nothing selected. */
function wordAt(caret: Range): Range | undefined {
  const node = caret.startContainer;
  if (node.nodeType !== Node.TEXT_NODE) return undefined;
  const text = (node as Text).data;
  let start = caret.startOffset;
  let end = caret.startOffset;
  const isWord = (ch: string | undefined) => !!ch && /[\p{L}\p{N}'’-]/u.test(ch);
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  if (start === end) return undefined;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return range;
}

function rangeAnchor(range: Range): AnchorRects {
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
}

/** Where to put a card with no selection to sit by: the focused element, else the top of the view. */
function focusAnchor(): AnchorRects {
  const element = document.activeElement && document.activeElement !== document.body ? document.activeElement : undefined;
  const rect = () => element?.getBoundingClientRect() ?? new DOMRect(window.innerWidth / 2 - 150, 16, 0, 0);
  return {
    getBoundingClientRect: rect,
    getClientRects: () => [rect()] as unknown as DOMRectList,
    contextElement: element,
  };
}

/**
 * The writing direction of the block the term sits in. An English term marked dir="ltr" inside
 * an Arabic paragraph still gets a mirrored card: the layout follows the page, while the card's
 * English sentences keep their own direction (unicode-bidi: plaintext in the CSS).
 */
function directionAt(node: Node | undefined): 'ltr' | 'rtl' {
  let element: Element | null = node instanceof Element ? node : (node?.parentElement ?? document.documentElement);
  while (element && element.parentElement && getComputedStyle(element).display.startsWith('inline')) element = element.parentElement;
  return element && getComputedStyle(element).direction === 'rtl' ? 'rtl' : 'ltr';
}
