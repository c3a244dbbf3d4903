/**
 * Pointer position → the marked term under it. The caret lookup is cheap but approximate (it
 * returns the nearest caret even past the end of a line), so every candidate is confirmed
 * against the term's own client rects.
 */
import type { MarkedTerm } from '../marks/term-marks';

export interface CaretPosition {
  node: Node;
  offset: number;
}

export interface HitTestDeps {
  caretAt: (x: number, y: number) => CaretPosition | null;
  termsAt: (node: Node, offset: number) => MarkedTerm[];
  rectsOf: (term: MarkedTerm) => Iterable<DOMRectReadOnly>;
  /**
   * The elements under the point, topmost first (document.elementsFromPoint), for when the caret
   * lookup misses: it stops at the topmost box, which over an article may be a transparent
   * overlay, and in Firefox it misses text in scaled and rotated containers.
   */
  elementsAt?: (x: number, y: number) => Iterable<Element>;
  /** Every marked term with text in a node. */
  termsIn?: (node: Node) => readonly MarkedTerm[];
  /** Whether a layer hides what is under it (an opaque background, an image): no looking through. */
  hidesBelow?: (element: Element) => boolean;
}

/** Layers looked through under the point before giving up (overlays rarely stack deeper). */
const MAX_LAYERS = 12;

/** Slack in CSS pixels, so the pointer on the underline just below the glyphs still counts. */
const TOLERANCE = 2;

export function isInsideRects(x: number, y: number, rects: Iterable<DOMRectReadOnly>): boolean {
  for (const r of rects) {
    if (x >= r.left - TOLERANCE && x <= r.right + TOLERANCE && y >= r.top - TOLERANCE && y <= r.bottom + TOLERANCE) return true;
  }
  return false;
}

export function termAtPoint(x: number, y: number, deps: HitTestDeps): MarkedTerm | undefined {
  const caret = deps.caretAt(x, y);
  const found = caret ? deps.termsAt(caret.node, caret.offset).find((term) => isInsideRects(x, y, deps.rectsOf(term))) : undefined;
  return found ?? termThroughLayers(x, y, deps);
}

/**
 * The marked term under the point found without the caret: the text nodes of each element under
 * the point, topmost first, are checked against their terms' rects. It looks through layers that
 * are not the text (a click-catcher, a gradient, a transparent overlay) without touching them, so
 * the page's own pointer handling stays as it is and its DOM unchanged.
 */
function termThroughLayers(x: number, y: number, deps: HitTestDeps): MarkedTerm | undefined {
  const { elementsAt, termsIn } = deps;
  if (!elementsAt || !termsIn) return undefined;
  let layers = 0;
  for (const element of elementsAt(x, y)) {
    if (++layers > MAX_LAYERS) break;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 3) continue;
      const term = termsIn(child).find((t) => isInsideRects(x, y, deps.rectsOf(t)));
      if (term) return term;
    }
    // A sticky header, a picture or a dialog over the article: the reader points at it, not at
    // the text under it.
    if (deps.hidesBelow?.(element)) return undefined;
  }
  return undefined;
}

/**
 * The browser's caret lookup: the standard caretPositionFromPoint (Firefox, Chrome 128+), with
 * WebKit's caretRangeFromPoint as the fallback for older Chromium.
 *
 * Without help the lookup stops at a shadow host, so the open shadow roots under the point (found
 * by descending elementFromPoint through hosts) are passed in, and text inside web components is
 * hit-tested like any other.
 */
export function browserCaretAt(doc: Document): (x: number, y: number) => CaretPosition | null {
  return (x, y) => {
    const shadowRoots = openShadowRootsAt(doc, x, y);
    if (typeof doc.caretPositionFromPoint === 'function') {
      const pos = shadowRoots.length > 0 ? doc.caretPositionFromPoint(x, y, { shadowRoots }) : doc.caretPositionFromPoint(x, y);
      return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
    }
    const legacy = (doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint;
    const range = legacy?.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  };
}

function openShadowRootsAt(doc: Document, x: number, y: number): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  let element = doc.elementFromPoint(x, y);
  while (element?.shadowRoot && !roots.includes(element.shadowRoot)) {
    roots.push(element.shadowRoot);
    const inner: Element | null = element.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === element) break;
    element = inner;
  }
  return roots;
}
