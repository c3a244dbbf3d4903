/**
 * Owns the extension's only element in the page: a shadow-root host holding the popover, the
 * emphasis on the open term and a screen-reader live region. Mounted when the pointer first comes
 * to a term (see prepare()), removed on destroy() or when the content script is invalidated, so a page where no term is ever
 * pointed at gets no element at all.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { autoUpdate, computePosition, flip, hide, inline, offset, shift, size, type Placement } from '@floating-ui/dom';
import { Popover, type EntryLookup, type PopoverView } from '../../components/Popover';
import type { ReportContext } from '../../components/ReportForm';
import { PROJECT_URL } from '../../lib/report';
import { OPEN_SOURCE, type OpenSourceMessage } from '../../lib/messages';
import type { TextSize, Theme } from '../../lib/settings';
import popoverCss from '../../components/popover.css?inline';

/**
 * A fresh custom-element name for each host, e.g. `kqzdwa-mbtrxe`. A page that knew the name could
 * define it before the host is made, and its constructor would then get the shadow root, closed or
 * not, through attachInternals(). Defined later (upgrading the host) it gets nothing: internals
 * expose only a root attached while the element was already custom. The name says nothing about
 * the extension either.
 */
export function randomHostName(random: (count: number) => Iterable<number> = (count) => crypto.getRandomValues(new Uint8Array(count))): string {
  const letters = [...random(12)].map((byte) => String.fromCharCode(97 + (byte % 26)));
  return `${letters.slice(0, 6).join('')}-${letters.slice(6).join('')}`;
}

/** The version and tracker a problem report names, from the manifest. */
function reportContext(): ReportContext {
  const manifest = browser.runtime.getManifest();
  return { version: manifest.version, projectUrl: manifest.homepage_url ?? PROJECT_URL };
}

/** Distance from the viewport's (or a small frame's) edges the card keeps. */
const EDGE_PADDING = 8;
/** Below this many pixels of room on its side, a scrolled card may move to the other side. */
const MIN_ROOM = 140;

export interface AnchorRects {
  getBoundingClientRect: () => DOMRect;
  getClientRects: () => DOMRectList;
  /** An element inside the term's scroll containers, so scrolling them moves the popover. */
  contextElement: Element | undefined;
}

export interface PopoverCallbacks {
  onPointerInPopover: (inside: boolean) => void;
  onPinnedChange: (pinned: boolean) => void;
  onCloseRequested: () => void;
  /** The term scrolled out of sight (or back); called only when that changes. */
  onAnchorHidden: (hidden: boolean) => void;
}

export interface ShowOptions {
  view: PopoverView;
  /** A new key starts the card afresh (history, "more"); the same key keeps its state. */
  key: string;
  anchor: AnchorRects;
  /** Where the pointer is, so a term wrapped over two lines gets the card by the line pointed at. */
  pointer: { x: number; y: number } | undefined;
  pinned: boolean;
  theme: Theme;
  textSize: TextSize;
  dir: 'ltr' | 'rtl';
  /**
   * Emphasise the anchor's text while the card is open. Drawn here, inside the closed shadow root,
   * not as a CSS highlight: the page can read the highlight registry, and would learn which term
   * the reader is looking up.
   */
  emphasize?: boolean;
}

export class PopoverUi {
  private ui: ShadowRootContentScriptUi<void> | undefined;
  private mounting: Promise<ShadowRootContentScriptUi<void>> | undefined;
  private liveRegion: HTMLElement | undefined;
  private emphasis: HTMLElement | undefined;
  private stopAutoUpdate: (() => void) | undefined;
  private showToken = 0;
  private shown: ShowOptions | undefined;
  private anchorHidden = false;
  private announceTimer: number | undefined;
  /** Whether prepare() has run: once a page is enough. */
  private prepared = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly entries: EntryLookup,
    private readonly callbacks: PopoverCallbacks,
  ) {}

  /** Whether `node` belongs to the extension's own UI (pointer events inside it, for one). */
  owns(node: EventTarget | null): boolean {
    return node instanceof Node && !!this.ui && (this.ui.shadowHost === node || this.ui.shadowHost.contains(node));
  }

  /** Whether keyboard focus is inside the card. */
  containsFocus(): boolean {
    return !!this.ui && !!this.ui.shadow.activeElement;
  }

  /** Moves focus to the card's first control; false when there is no card. */
  focusFirst(): boolean {
    const first = this.focusables()[0];
    first?.focus();
    return !!first;
  }

  /** Tab and Shift+Tab cycle inside the card while focus is there (it is small: no trap feel). */
  cycleFocus(backwards: boolean): void {
    const items = this.focusables();
    if (items.length === 0) return;
    const active = this.ui?.shadow.activeElement;
    const index = items.findIndex((item) => item === active);
    const next = backwards ? (index <= 0 ? items.length - 1 : index - 1) : index === items.length - 1 ? 0 : index + 1;
    items[next]?.focus();
  }

  private focusables(): HTMLElement[] {
    const popover = this.ui?.uiContainer.querySelector('.hg-popover');
    if (!popover) return [];
    return [...popover.querySelectorAll<HTMLElement>('button, a[href]')].filter((el) => !el.hasAttribute('disabled'));
  }

  private ensureMounted(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.mounting) return this.mounting;
    const mounting = createShadowRootUi(this.ctx, {
      name: randomHostName(),
      // Closed, on a host whose name the page cannot know in advance (see randomHostName): the
      // page can neither read nor rewrite the card.
      mode: 'closed',
      position: 'inline',
      // After <body>, so the host affects neither the page's layout nor its body:last-child rules.
      anchor: () => document.documentElement,
      append: 'last',
      css: popoverCss,
      onMount: (container, shadow) => {
        // Outside the card, so what it says survives the card closing and re-rendering.
        const live = document.createElement('div');
        live.className = 'hg-visually-hidden';
        live.setAttribute('role', 'status');
        live.setAttribute('aria-live', 'polite');
        (container.parentElement ?? shadow).append(live);
        this.liveRegion = live;
        // Before the card, so the card paints over it.
        const emphasis = document.createElement('div');
        emphasis.className = 'hg-emphasis';
        container.before(emphasis);
        this.emphasis = emphasis;
      },
      onRemove: () => {
        this.ui && render(null, this.ui.uiContainer);
        this.liveRegion = undefined;
        this.emphasis = undefined;
      },
    }).then((ui) => {
      // destroy() ran while the host was being made: it stays out of the page (a second host,
      // mounted later, would be the one in use).
      if (this.mounting !== mounting) return ui;
      ui.mount();
      this.ui = ui;
      return ui;
    });
    this.mounting = mounting;
    return mounting;
  }

  /**
   * Gets the card ready while the reader waits out the hover delay on a term: mounts the host and
   * has the next frame lay out, unseen, the card `view` would show, then takes it away again, so
   * the style sheet's parse, font matching and the card's first layout do not delay the first
   * popover on a page.
   */
  prepare(view: PopoverView, lookOf: () => Pick<ShowOptions, 'theme' | 'textSize' | 'dir'>): void {
    // Not in a hidden tab: there the browser rations timers by the work done, and this work would
    // hold back the timer that opens the card.
    if (this.prepared || this.shown || document.visibilityState === 'hidden') return;
    this.prepared = true;
    // Asked for once, here: working out the text direction reads computed styles.
    const look = lookOf();
    void this.ensureMounted().then((ui) => {
      if (this.shown || ui !== this.ui) return;
      const container = ui.uiContainer;
      container.className = `hg-layer hg-theme-${look.theme} hg-size-${look.textSize}`;
      container.dir = look.dir;
      container.style.visibility = 'hidden';
      render(<Popover key="prepare" view={view} entries={this.entries} pinned={false} onPinnedChange={() => {}} onClose={() => {}} onPointerEnter={() => {}} onPointerLeave={() => {}} />, container);
      // Laid out with the next frame (not forced now: the browser does it where it would anyway),
      // then taken away in the one after, unless a show has taken the container over by then.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!this.shown && ui === this.ui) render(null, container);
        }),
      );
    });
  }

  /** Says `text` through the live region (polite: after what the screen reader is saying). */
  async announce(text: string): Promise<void> {
    await this.ensureMounted();
    const live = this.liveRegion;
    if (!live) return;
    // Emptied first and filled a moment later, so the same words twice are still announced and a
    // region created just now is registered before it speaks.
    live.textContent = '';
    if (this.announceTimer !== undefined) clearTimeout(this.announceTimer);
    this.announceTimer = this.ctx.setTimeout(() => {
      live.textContent = text;
    }, 120);
  }

  async show(options: ShowOptions): Promise<void> {
    const token = ++this.showToken;
    const ui = await this.ensureMounted();
    if (token !== this.showToken) return;
    const sameCard = this.shown?.key === options.key;
    this.shown = options;
    const container = ui.uiContainer;
    container.className = `hg-layer hg-theme-${options.theme} hg-size-${options.textSize}`;
    container.dir = options.dir;
    this.renderCard();
    if (sameCard) return;
    this.stopAutoUpdate?.();
    this.anchorHidden = false;
    const reference = {
      getBoundingClientRect: options.anchor.getBoundingClientRect,
      getClientRects: options.anchor.getClientRects,
      contextElement: options.anchor.contextElement,
    };
    const { pointer } = options;
    // The side (above or below) is chosen when the card opens and then kept while the page
    // scrolls, so the card never jumps over its term; it changes only when the room left on its
    // side gets too small to read in.
    let side: Placement | undefined;
    let room = Infinity;
    const place = (): Promise<void> => {
      const choose = side === undefined || room < MIN_ROOM;
      return computePosition(reference, container, {
        strategy: 'fixed',
        placement: side ?? 'bottom-start',
        middleware: [
          // For a term that wraps onto two lines, sit by the line the pointer is on.
          inline(pointer ? { x: pointer.x, y: pointer.y } : {}),
          offset(6),
          // Above or below the line, never over it: the card must not cover the word being read.
          // When neither side has room for the whole card, it goes below (where reading goes
          // on) and scrolls inside itself, rather than to whichever side is a little larger.
          choose && flip({ padding: EDGE_PADDING, crossAxis: false, fallbackStrategy: 'initialPlacement' }),
          shift({ padding: EDGE_PADDING }),
          // In a small frame neither side may fit: the card then scrolls inside itself.
          size({
            padding: EDGE_PADDING,
            apply: ({ availableHeight, elements }) => {
              room = availableHeight;
              // Two pixels spare for the rounding of the card's position.
              elements.floating.style.setProperty('--hg-max-height', `${Math.max(80, Math.floor(availableHeight) - 2)}px`);
            },
          }),
          hide({ strategy: 'referenceHidden' }),
        ],
      }).then(({ x, y, placement, middlewareData }) => {
        if (token !== this.showToken) return;
        if (choose) side = placement;
        container.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        const hidden = middlewareData.hide?.referenceHidden ?? false;
        container.style.visibility = hidden ? 'hidden' : '';
        this.drawEmphasis(options.emphasize && !hidden ? options.anchor.getClientRects() : []);
        if (hidden !== this.anchorHidden) {
          this.anchorHidden = hidden;
          this.callbacks.onAnchorHidden(hidden);
        }
      });
    };
    // Hidden until placed, so it never flashes at the corner of the viewport.
    container.style.visibility = 'hidden';
    await place();
    if (token !== this.showToken) return;
    this.stopAutoUpdate = autoUpdate(reference, container, () => void place(), { animationFrame: false });
  }

  /** Re-renders the open card, keeping what the reader did inside it (an entry it showed has arrived). */
  refresh(): void {
    this.renderCard();
  }

  /** Re-renders the open card with a new pinned state, keeping what the reader did inside it. */
  setPinned(pinned: boolean): void {
    if (!this.shown) return;
    this.shown = { ...this.shown, pinned };
    this.renderCard();
  }

  private renderCard(): void {
    const shown = this.shown;
    if (!this.ui || !shown) return;
    render(
      <Popover
        key={shown.key}
        view={shown.view}
        entries={this.entries}
        pinned={shown.pinned}
        onPinnedChange={this.callbacks.onPinnedChange}
        onClose={this.callbacks.onCloseRequested}
        onPointerEnter={() => this.callbacks.onPointerInPopover(true)}
        onPointerLeave={() => this.callbacks.onPointerInPopover(false)}
        report={reportContext()}
        onOpenSource={(url) => {
          const message: OpenSourceMessage = { type: OPEN_SOURCE, url };
          browser.runtime.sendMessage(message).catch(() => {});
        }}
      />,
      this.ui.uiContainer,
    );
  }

  hide(): void {
    this.showToken++;
    this.shown = undefined;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    this.drawEmphasis([]);
    if (this.ui) render(null, this.ui.uiContainer);
  }

  /** One box per line of the open term, in viewport coordinates (the layer is fixed). */
  private drawEmphasis(rects: Iterable<DOMRectReadOnly>): void {
    const layer = this.emphasis;
    if (!layer) return;
    const boxes: HTMLElement[] = [];
    for (const rect of rects) {
      if (rect.width === 0 || rect.height === 0) continue;
      const box = document.createElement('div');
      box.className = 'hg-emphasis-box';
      box.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
      boxes.push(box);
    }
    layer.replaceChildren(...boxes);
  }

  /** Takes the host out of the page: the symmetric end of the first show(). */
  destroy(): void {
    this.hide();
    if (this.announceTimer !== undefined) clearTimeout(this.announceTimer);
    this.ui?.remove();
    this.ui = undefined;
    this.mounting = undefined;
    this.prepared = false;
  }
}
