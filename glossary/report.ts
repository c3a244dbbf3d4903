/**
 * `npm run glossary:report`: the state of the glossary for the people who edit and review it —
 * how many entries of each kind, how hard the first-seen definitions are to read, what is due for
 * review, and every problem the build would report. Exits non-zero when the build would fail.
 */
import { join } from 'node:path';
import { AREAS, CATEGORIES, FAMILIARITY } from '../lib/compiled/categories';
import { formatProblem, loadGlossary, reviewDueDate, type LoadedGlossary } from './compile';
import {
  LONG_READING_GRADE_CEILING,
  LONG_READING_GRADE_TARGET_MEDIAN,
  median,
  readingLevel,
  READING_GRADE_CEILING,
  READING_GRADE_TARGET_MEDIAN,
} from './readability';

/** Reviews falling due within this many days are listed, so they can be planned. */
const DUE_SOON_DAYS = 60;

export interface GlossaryReport {
  text: string;
  ok: boolean;
}

function bar(count: number, max: number, width = 40): string {
  return '█'.repeat(max === 0 ? 0 : Math.max(count > 0 ? 1 : 0, Math.round((count / max) * width)));
}

/** A table row: a label padded to `width`, then right-aligned cells. */
function row(label: string, cells: (string | number)[], width = 22): string {
  return `  ${label.padEnd(width)} ${cells.map((c) => String(c).padStart(7)).join(' ')}`;
}

function gradeSection(lines: string[], title: string, graded: { id: string; grade: number }[], ceiling: number, target: number): void {
  const sorted = [...graded].sort((a, b) => a.grade - b.grade);
  const grades = sorted.map((g) => g.grade);
  const med = median(grades);
  lines.push(`${title} (Flesch–Kincaid grade; ceiling ${ceiling} per entry, target median ≤ ${target})`);
  if (sorted.length === 0) return;
  lines.push(
    `  min ${sorted[0]!.grade.toFixed(1)} (${sorted[0]!.id})   median ${med.toFixed(1)}   ` +
      `max ${sorted.at(-1)!.grade.toFixed(1)} (${sorted.at(-1)!.id})   ` +
      `mean ${(grades.reduce((a, b) => a + b, 0) / grades.length).toFixed(1)}`,
  );
  const buckets = new Map<number, number>();
  for (const grade of grades) {
    const bucket = Math.max(0, Math.floor(grade));
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const low = Math.min(...buckets.keys());
  const high = Math.max(...buckets.keys());
  const most = Math.max(...buckets.values());
  for (let g = low; g <= high; g++) {
    const count = buckets.get(g) ?? 0;
    lines.push(`  grade ${String(g).padStart(2)}–${String(g + 1).padEnd(2)} ${String(count).padStart(4)} ${bar(count, most)}`);
  }
  lines.push(`  hardest: ${sorted.slice(-5).reverse().map((g) => `${g.id} ${g.grade.toFixed(1)}`).join(', ')}`);
  lines.push(`  median ${med <= target ? 'meets' : 'MISSES'} the target of ${target}`);
  lines.push('');
}

export function renderReport(loaded: LoadedGlossary, today: Date): GlossaryReport {
  const lines: string[] = [];
  const { entries } = loaded;
  lines.push(`Health Glossary report — ${today.toISOString().slice(0, 10)}`, '');
  lines.push(`Entries: ${entries.length}`);
  for (const category of CATEGORIES) {
    const count = entries.filter((e) => e.category === category).length;
    lines.push(`  ${category.padEnd(11)} ${String(count).padStart(4)}`);
  }
  const aliasCount = entries.reduce((sum, e) => sum + 1 + e.aliases.length, 0);
  lines.push(`Surface forms (names + aliases): ${aliasCount}`, '');

  lines.push('By area');
  lines.push(row('area', ['entries', ...FAMILIARITY, 'getHelp', 'short', 'long', 'read']));
  for (const area of AREAS) {
    const inArea = entries.filter((e) => e.area === area);
    lines.push(
      row(area, [
        inArea.length,
        ...FAMILIARITY.map((f) => inArea.filter((e) => e.familiarity === f).length),
        inArea.filter((e) => e.getHelp).length,
        inArea.length ? median(inArea.map((e) => readingLevel(e.short).grade)).toFixed(1) : '-',
        inArea.length ? median(inArea.map((e) => readingLevel(e.long).grade)).toFixed(1) : '-',
        inArea.filter((e) => e.sources.some((s) => s.read)).length,
      ]),
    );
  }
  lines.push('  (short, long: median reading grade; read: entries with a source page read for this version)');
  const missing = AREAS.filter((area) => !entries.some((e) => e.area === area));
  if (missing.length > 0) lines.push(`  areas with no entry: ${missing.join(', ')}`);
  lines.push('');

  lines.push('Familiarity (what the "Which terms to mark" setting chooses from)');
  for (const level of FAMILIARITY) {
    const count = entries.filter((e) => e.familiarity === level).length;
    lines.push(`  ${level.padEnd(11)} ${String(count).padStart(4)}  ${((100 * count) / Math.max(1, entries.length)).toFixed(1)} %`);
  }
  lines.push('');

  const medicines = entries.filter((e) => e.medicine);
  const boxed = medicines.filter((e) => e.medicine!.boxedWarnings.length > 0);
  lines.push(
    `Medicines: ${medicines.length} single medicines (${boxed.length} with a boxed warning, ` +
      `${medicines.filter((e) => e.medicine!.availability !== 'prescription').length} sold over the counter), ` +
      `${entries.filter((e) => e.drugClass).length} drug classes`,
  );
  const sources = entries.flatMap((e) => e.sources);
  lines.push(`Sources: ${sources.length} cited, ${sources.filter((s) => s.read).length} read for this version of their entry`, '');

  gradeSection(lines, 'Reading level of `short`', entries.map((e) => ({ id: e.id, grade: readingLevel(e.short).grade })), READING_GRADE_CEILING, READING_GRADE_TARGET_MEDIAN);
  gradeSection(lines, 'Reading level of `long`', entries.map((e) => ({ id: e.id, grade: readingLevel(e.long).grade })), LONG_READING_GRADE_CEILING, LONG_READING_GRADE_TARGET_MEDIAN);

  const reviewedOn = new Map<string, number>();
  for (const e of entries) reviewedOn.set(e.reviewed.slice(0, 7), (reviewedOn.get(e.reviewed.slice(0, 7)) ?? 0) + 1);
  lines.push(`Review dates (by month): ${[...reviewedOn].sort().map(([month, n]) => `${month} ${n}`).join(', ')}`);
  const todayIso = today.toISOString().slice(0, 10);
  const soon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const byDue = entries.map((e) => ({ id: e.id, reviewed: e.reviewed, due: reviewDueDate(e.reviewed) })).sort((a, b) => a.due.localeCompare(b.due));
  const overdue = byDue.filter((e) => todayIso > e.due);
  const dueSoon = byDue.filter((e) => todayIso <= e.due && e.due <= soon);
  lines.push(`Review (yearly): ${overdue.length} overdue, ${dueSoon.length} due within ${DUE_SOON_DAYS} days`);
  for (const e of overdue) lines.push(`  OVERDUE ${e.id} (reviewed ${e.reviewed}, due ${e.due})`);
  for (const e of dueSoon) lines.push(`  soon    ${e.id} (reviewed ${e.reviewed}, due ${e.due})`);
  if (byDue.length > 0) lines.push(`  next review due: ${byDue[0]!.due} (${byDue[0]!.id})`);
  lines.push('');

  lines.push(`Warnings: ${loaded.warnings.length}`);
  for (const w of loaded.warnings) lines.push(`  ${formatProblem(w)}`);
  lines.push(`Errors: ${loaded.errors.length}`);
  for (const e of loaded.errors) lines.push(`  ${formatProblem(e)}`);

  return { text: lines.join('\n'), ok: loaded.errors.length === 0 };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('glossary/report.ts')) {
  const root = join(import.meta.dirname, '..');
  const today = new Date();
  const report = renderReport(loadGlossary({ dir: join(root, 'glossary'), root, today }), today);
  console.log(report.text);
  process.exitCode = report.ok ? 0 : 1;
}
