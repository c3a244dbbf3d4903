/**
 * Owns the extension's only element in the page: a shadow-root host holding the popover. Mounted
 * on first use, removed on remove() or when the content script is invalidated, so a page where
 * no term is ever hovered gets no element at all.
 */
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { autoUpdate, computePosition, flip, inline, offset, shift } from '@floating-ui/dom';
import { Popover } from '../../components/Popover';
import type { CompiledEntry } from '../../glossary/compiled';
import popoverCss from '../../components/popover.css?inline';

export const UI_HOST_TAG = 'health-glossary-ui';

export interface AnchorRects {
  getBoundingClientRect: () => DOMRect;
  getClientRects: () => DOMRectList;
  /** An element inside the term's scroll containers, so scrolling them moves the popover. */
  contextElement: Element | undefined;
}

export interface PopoverCallbacks {
  onPointerInPopover: (inside: boolean) => void;
}

export class PopoverUi {
  private ui: ShadowRootContentScriptUi<void> | undefined;
  private mounting: Promise<ShadowRootContentScriptUi<void>> | undefined;
  private stopAutoUpdate: (() => void) | undefined;
  private showToken = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly callbacks: PopoverCallbacks,
  ) {}

  /** Whether `node` belongs to the extension's own UI (pointer events inside it, for one). */
  owns(node: EventTarget | null): boolean {
    return node instanceof Node && !!this.ui && this.ui.shadowHost.contains(node);
  }

  get host(): HTMLElement | undefined {
    return this.ui?.shadowHost;
  }

  private ensureMounted(): Promise<ShadowRootContentScriptUi<void>> {
    this.mounting ??= createShadowRootUi(this.ctx, {
      name: UI_HOST_TAG,
      position: 'inline',
      // After <body>, so the host affects neither the page's layout nor its body:last-child rules.
      anchor: () => document.documentElement,
      append: 'last',
      css: popoverCss,
      onMount: () => undefined,
      onRemove: () => {
        this.ui && render(null, this.ui.uiContainer);
      },
    }).then((ui) => {
      ui.mount();
      this.ui = ui;
      return ui;
    });
    return this.mounting;
  }

  async show(entry: CompiledEntry, anchor: AnchorRects, pointer: { x: number; y: number } | undefined): Promise<void> {
    const token = ++this.showToken;
    const ui = await this.ensureMounted();
    if (token !== this.showToken) return;
    const container = ui.uiContainer;
    container.className = 'hg-layer';
    render(
      <Popover
        entry={entry}
        onPointerEnter={() => this.callbacks.onPointerInPopover(true)}
        onPointerLeave={() => this.callbacks.onPointerInPopover(false)}
      />,
      container,
    );
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: anchor.getBoundingClientRect,
      getClientRects: anchor.getClientRects,
      contextElement: anchor.contextElement,
    };
    const place = () =>
      computePosition(reference, container, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          // For a term that wraps onto two lines, sit by the line the pointer is on.
          inline(pointer ? { x: pointer.x, y: pointer.y } : {}),
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
        ],
      }).then(({ x, y }) => {
        if (token !== this.showToken) return;
        container.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    // Hidden until placed, so it never flashes at the corner of the viewport.
    container.style.visibility = 'hidden';
    await place();
    container.style.visibility = '';
    this.stopAutoUpdate = autoUpdate(reference, container, () => void place(), { animationFrame: false });
  }

  hide(): void {
    this.showToken++;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    if (this.ui) render(null, this.ui.uiContainer);
  }

  /** Takes the host out of the page: the symmetric end of the first show(). */
  remove(): void {
    this.hide();
    this.ui?.remove();
    this.ui = undefined;
    this.mounting = undefined;
  }
}
