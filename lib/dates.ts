/**
 * Dates as the glossary's cards and browser show them ("March 2026", "March 15, 2026"), written
 * out by hand rather than with Intl: the first date formatter a page makes loads the locale's date
 * data, a cost the first card would pay for twelve English month names (docs/decisions/
 * dates-without-intl.md). The words come from the UI's locale (`DateWords`, English by
 * default); dates are in UTC, as the glossary's are (`reviewed` is a YYYY-MM-DD date, checked when
 * the glossary is built).
 */
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** A locale's month names and the order of a date's parts ({month}, {day}, {year}). */
export interface DateWords {
  months: readonly string[];
  monthYear: string;
  dayMonthYear: string;
}

export const ENGLISH_DATE_WORDS: DateWords = { months: MONTHS, monthYear: '{month} {year}', dayMonthYear: '{month} {day}, {year}' };

/** A date written YYYY-MM-DD (year, month and day captured): the form the glossary's schema requires. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "March 2026", or with `day` "March 15, 2026"; text that is not a YYYY-MM-DD date comes back as it is. */
export function formatIsoDate(iso: string, { day = false, words = ENGLISH_DATE_WORDS }: { day?: boolean; words?: DateWords } = {}): string {
  const parts = ISO_DATE.exec(iso);
  if (!parts) return iso;
  const month = words.months[Number(parts[2]) - 1];
  const dayOfMonth = Number(parts[3]);
  if (!month || dayOfMonth < 1 || dayOfMonth > 31) return iso;
  const values: Record<string, string> = { month, day: String(dayOfMonth), year: parts[1]! };
  return (day ? words.dayMonthYear : words.monthYear).replace(/\{(month|day|year)\}/g, (_, name: string) => values[name]!);
}
