import { describe, expect, it } from 'vitest';
import { firstNotAbove, stepTerm, viewportSide, type ViewportSide } from '../../lib/popover/term-order';

/** Terms laid out as letters: a = above, i = inside, b = below, u = unrendered. */
function sides(layout: string): (i: number) => ViewportSide {
  const map: Record<string, ViewportSide> = { a: 'above', i: 'inside', b: 'below', u: 'unrendered' };
  return (i) => map[layout[i]!]!;
}

describe('term order', () => {
  it('finds the first term not above the viewport, skipping unrendered ones', () => {
    expect(firstNotAbove(6, sides('aaiibb'))).toBe(2);
    // An unrendered term between the last one above and the first one below may be the answer: steps skip it.
    expect(firstNotAbove(6, sides('auaubb'))).toBe(3);
    expect(stepTerm({ count: 6, direction: 1, current: undefined, sideOf: sides('auaubb') })?.index).toBe(4);
    expect(firstNotAbove(3, sides('aaa'))).toBe(3);
    expect(firstNotAbove(3, sides('bbb'))).toBe(0);
  });

  it('"next" without a current term starts at the first term in view', () => {
    expect(stepTerm({ count: 6, direction: 1, current: undefined, sideOf: sides('aaiibb') })).toEqual({ index: 2, wrapped: false });
  });

  it('"previous" without a current term starts at the last term in view', () => {
    expect(stepTerm({ count: 6, direction: -1, current: undefined, sideOf: sides('aaiibb') })).toEqual({ index: 3, wrapped: false });
    // Nothing in view: the nearest one above.
    expect(stepTerm({ count: 4, direction: -1, current: undefined, sideOf: sides('aabb') })).toEqual({ index: 1, wrapped: false });
  });

  it('steps from the current term and wraps at both ends', () => {
    expect(stepTerm({ count: 3, direction: 1, current: 0, sideOf: sides('iii') })).toEqual({ index: 1, wrapped: false });
    expect(stepTerm({ count: 3, direction: 1, current: 2, sideOf: sides('iii') })).toEqual({ index: 0, wrapped: true });
    expect(stepTerm({ count: 3, direction: -1, current: 0, sideOf: sides('iii') })).toEqual({ index: 2, wrapped: true });
    // All terms above the viewport: "next" wraps to the first.
    expect(stepTerm({ count: 2, direction: 1, current: undefined, sideOf: sides('aa') })).toEqual({ index: 0, wrapped: true });
  });

  it('skips unrendered terms and gives up when none is rendered', () => {
    expect(stepTerm({ count: 4, direction: 1, current: 0, sideOf: sides('iuui') })).toEqual({ index: 3, wrapped: false });
    expect(stepTerm({ count: 2, direction: 1, current: undefined, sideOf: sides('uu') })).toBeUndefined();
    expect(stepTerm({ count: 0, direction: 1, current: undefined, sideOf: sides('') })).toBeUndefined();
  });

  it('places boxes relative to the viewport', () => {
    const box = (top: number, bottom: number) => ({ top, bottom, width: 10, height: bottom - top });
    expect(viewportSide([box(-30, -10)], 600)).toBe('above');
    expect(viewportSide([box(-10, 10)], 600)).toBe('inside');
    expect(viewportSide([box(600, 620)], 600)).toBe('below');
    expect(viewportSide([], 600)).toBe('unrendered');
    expect(viewportSide([{ top: 5, bottom: 5, width: 0, height: 0 }], 600)).toBe('unrendered');
  });
});
