/**
 * Measuring, ordering and scrolling to marked terms. A term's range is a StaticRange (see
 * term-marks.ts), which has no geometry: a short-lived live Range measures it.
 */
import type { MarkedTerm } from './term-marks';

/** A live Range over the same text as `range`, for measuring and comparing. */
export function liveRange(range: AbstractRange, doc: Document = range.startContainer.ownerDocument ?? document): Range {
  const live = doc.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/** Client rects of a term (one per line it spans). */
export function rangeRects(term: MarkedTerm): DOMRectList {
  return liveRange(term.range).getClientRects();
}

/** Negative when `a` starts before `b` in the document, positive when after, 0 at the same place. */
export function compareTermOrder(a: MarkedTerm, b: MarkedTerm): number {
  const nodeA = a.range.startContainer;
  const nodeB = b.range.startContainer;
  if (nodeA === nodeB) return a.range.startOffset - b.range.startOffset;
  return nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Whether the term and `range` share any text, ends included. */
export function overlaps(term: MarkedTerm, range: Range): boolean {
  const termRange = liveRange(term.range);
  return termRange.compareBoundaryPoints(Range.END_TO_START, range) <= 0 && termRange.compareBoundaryPoints(Range.START_TO_END, range) >= 0;
}

/** Brings the term to the middle of the view when it is not comfortably in it. */
export function scrollTermIntoView(term: MarkedTerm): void {
  const view = term.range.startContainer.ownerDocument?.defaultView ?? window;
  const rect = liveRange(term.range).getBoundingClientRect();
  const margin = view.innerHeight / 6;
  if (rect.top >= margin && rect.bottom <= view.innerHeight - margin) return;
  // The element brings nested scroll containers along; the window then centres the term itself.
  term.range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const after = liveRange(term.range).getBoundingClientRect();
  view.scrollBy({ top: after.top + after.height / 2 - view.innerHeight / 2, behavior: 'instant' });
}
