import { describe, expect, it } from 'vitest';
import type { MarkedTerm } from '../../lib/marks/term-marks';
import { termAtPoint, type HitTestDeps } from '../../lib/popover/hit-test';

// Fake nodes: only what the hit-test reads (nodeType, firstChild, nextSibling).
function textNode(): Node {
  return { nodeType: 3, nextSibling: null } as unknown as Node;
}
function element(children: Node[], name = 'div'): Element {
  children.forEach((child, i) => ((child as { nextSibling: Node | null }).nextSibling = children[i + 1] ?? null));
  return { localName: name, firstChild: children[0] ?? null } as unknown as Element;
}

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, right: left + width, bottom: top + height, width, height, x: left, y: top }) as DOMRectReadOnly;

describe('termAtPoint through layers', () => {
  const text = textNode();
  const term = { entryId: 'placebo' } as unknown as MarkedTerm;
  const paragraph = element([text], 'p');
  const overlay = element([], 'div');
  const base: HitTestDeps = {
    // The caret lookup stops at the overlay: no text there.
    caretAt: () => null,
    termsAt: () => [],
    rectsOf: () => [rect(100, 100, 60, 20)],
    termsIn: (node) => (node === text ? [term] : []),
  };

  it('finds the term under a transparent overlay', () => {
    expect(termAtPoint(120, 110, { ...base, elementsAt: () => [overlay, paragraph] })).toBe(term);
  });

  it('not under a layer that hides it, nor away from the term', () => {
    expect(termAtPoint(120, 110, { ...base, elementsAt: () => [overlay, paragraph], hidesBelow: (e) => e === overlay })).toBeUndefined();
    expect(termAtPoint(300, 110, { ...base, elementsAt: () => [overlay, paragraph] })).toBeUndefined();
  });

  it('prefers what the caret finds', () => {
    const other = { entryId: 'other' } as unknown as MarkedTerm;
    const deps: HitTestDeps = { ...base, caretAt: () => ({ node: text, offset: 1 }), termsAt: () => [other], elementsAt: () => [paragraph] };
    expect(termAtPoint(120, 110, deps)).toBe(other);
  });
});
