// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hasManyElements } from '../../lib/scanner/viewport';

describe('hasManyElements', () => {
  it('counts elements up to the bound, the bound itself included', () => {
    // html, head and body, plus the divs.
    document.head.innerHTML = '';
    document.body.innerHTML = '<div></div>'.repeat(7);
    expect(hasManyElements(document, 10)).toBe(true);
    expect(hasManyElements(document, 11)).toBe(false);
  });
});
