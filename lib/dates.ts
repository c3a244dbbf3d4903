/**
 * Dates as the glossary's cards and browser show them ("March 2026", "March 15, 2026"), written
 * out by hand rather than with Intl: the first date formatter a page makes loads the locale's date
 * data, a cost the first card would pay for twelve English month names (docs/decisions/
 * dates-without-intl.md). The UI's dates are English and in UTC, as the glossary's are
 * (`reviewed` is a YYYY-MM-DD date, checked when the glossary is built).
 */
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** A date written YYYY-MM-DD (year, month and day captured): the form the glossary's schema requires. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "March 2026", or with `day` "March 15, 2026"; text that is not a YYYY-MM-DD date comes back as it is. */
export function formatIsoDate(iso: string, { day = false }: { day?: boolean } = {}): string {
  const parts = ISO_DATE.exec(iso);
  if (!parts) return iso;
  const month = MONTHS[Number(parts[2]) - 1];
  const dayOfMonth = Number(parts[3]);
  if (!month || dayOfMonth < 1 || dayOfMonth > 31) return iso;
  return day ? `${month} ${dayOfMonth}, ${parts[1]}` : `${month} ${parts[1]}`;
}
