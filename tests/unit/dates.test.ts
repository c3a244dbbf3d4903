import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../lib/dates';

/** What the formatter this replaced said: English, UTC. */
const intl = (iso: string, day: boolean) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en', { year: 'numeric', month: 'long', ...(day ? { day: 'numeric' } : {}), timeZone: 'UTC' });

describe('formatIsoDate', () => {
  const dates = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-${String((i * 7) % 28 + 1).padStart(2, '0')}`);
  dates.push('1999-12-31', '2024-02-29', '2026-01-01');

  it.each(dates)('writes %s as the English date formatter does, month and year', (iso) => {
    expect(formatIsoDate(iso)).toBe(intl(iso, false));
  });

  it.each(dates)('writes %s as the English date formatter does, with the day', (iso) => {
    expect(formatIsoDate(iso, { day: true })).toBe(intl(iso, true));
  });

  it('gives back text that is not a YYYY-MM-DD date as it is', () => {
    for (const text of ['', 'soon', '2026-13-01', '2026-00-10', '2026-03-00', '2026-03-32', '2026-3-1', ' 2026-03-01']) {
      expect(formatIsoDate(text)).toBe(text);
    }
  });
});
