/**
 * Keyboard navigation between marked terms: which term comes next or before, in document order,
 * starting from what the reader sees. Pure: the caller sorts the terms and answers "where is
 * term i relative to the viewport", so the rules are tested without a page.
 */

export type Direction = 1 | -1;

/** Where a term's box is relative to the viewport (vertically). */
export type ViewportSide = 'above' | 'inside' | 'below' | 'unrendered';

export interface StepQuery {
  /** Number of terms, sorted in document order. */
  count: number;
  direction: Direction;
  /** Index of the term whose popover is open (from a previous step or a hover), if any. */
  current: number | undefined;
  /** Where term `i` is. Called a logarithmic number of times, plus once per skipped term. */
  sideOf: (index: number) => ViewportSide;
}

export interface Step {
  index: number;
  /** The step went past the last (or before the first) term and started over at the other end. */
  wrapped: boolean;
}

/**
 * First index whose term is not above the viewport, by binary search over document order
 * (which, on ordinary pages, is also top-to-bottom order). Unrendered terms are skipped over.
 */
export function firstNotAbove(count: number, sideOf: (index: number) => ViewportSide): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    let probe = mid;
    let side = sideOf(probe);
    // A hidden term has no position: look at the next rendered one instead.
    while (side === 'unrendered' && probe + 1 < high) side = sideOf(++probe);
    if (side === 'unrendered' || side !== 'above') high = mid;
    else low = probe + 1;
  }
  return low;
}

/**
 * The next (or previous) rendered term. With a current term, the step is relative to it; without
 * one, "next" is the first term in view (or below it) and "previous" is the last term in view (or
 * above it). Ends wrap around. Undefined when no term is rendered.
 */
export function stepTerm(query: StepQuery): Step | undefined {
  const { count, direction, current, sideOf } = query;
  if (count === 0) return undefined;
  let start: number;
  if (current !== undefined && current >= 0 && current < count) {
    start = current + direction;
  } else if (direction === 1) {
    start = firstNotAbove(count, sideOf);
  } else {
    // The last term that is not below the viewport.
    start = firstNotAbove(count, (i) => {
      const side = sideOf(i);
      return side === 'below' ? 'inside' : side === 'unrendered' ? side : 'above';
    }) - 1;
  }
  let wrapped = false;
  for (let tries = 0; tries < count; tries++) {
    if (start >= count) {
      start = 0;
      wrapped = true;
    } else if (start < 0) {
      start = count - 1;
      wrapped = true;
    }
    if (sideOf(start) !== 'unrendered') return { index: start, wrapped };
    start += direction;
  }
  return undefined;
}

/** Viewport side of a box from its client rects (empty: not rendered). */
export function viewportSide(rects: ArrayLike<{ top: number; bottom: number; width: number; height: number }>, viewportHeight: number): ViewportSide {
  let top = Infinity;
  let bottom = -Infinity;
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    if (r.width === 0 && r.height === 0) continue;
    top = Math.min(top, r.top);
    bottom = Math.max(bottom, r.bottom);
  }
  if (top === Infinity) return 'unrendered';
  if (bottom <= 0) return 'above';
  if (top >= viewportHeight) return 'below';
  return 'inside';
}
