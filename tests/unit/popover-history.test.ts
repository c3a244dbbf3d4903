import { describe, expect, it } from 'vitest';
import { back, canGoBack, currentOf, follow, previousOf, startHistory } from '../../lib/popover/history';

describe('popover history', () => {
  it('follows related terms and goes back the way it came', () => {
    let h = startHistory('alopecia-areata');
    expect(canGoBack(h)).toBe(false);
    h = follow(h, 'jak-inhibitor');
    h = follow(h, 'baricitinib');
    expect(currentOf(h)).toBe('baricitinib');
    expect(previousOf(h)).toBe('jak-inhibitor');
    h = back(h);
    expect(currentOf(h)).toBe('jak-inhibitor');
    h = back(h);
    expect(currentOf(h)).toBe('alopecia-areata');
    expect(canGoBack(h)).toBe(false);
    expect(back(h)).toBe(h);
  });

  it('following a link to the term already shown adds no step', () => {
    const h = follow(startHistory('a'), 'b');
    expect(follow(h, 'b')).toBe(h);
    expect(h.stack).toEqual(['a', 'b']);
  });
});
