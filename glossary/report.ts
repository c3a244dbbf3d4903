/**
 * `npm run glossary:report`: the state of the glossary for the people who edit and review it —
 * how many entries of each kind, how hard the first-seen definitions are to read, what is due for
 * review, and every problem the build would report. Exits non-zero when the build would fail.
 */
import { join } from 'node:path';
import { CATEGORIES } from './categories';
import { formatProblem, loadGlossary, reviewDueDate, type LoadedGlossary } from './compile';
import { median, readingLevel, READING_GRADE_CEILING, READING_GRADE_TARGET_MEDIAN } from './readability';

/** Reviews falling due within this many days are listed, so they can be planned. */
const DUE_SOON_DAYS = 60;

export interface GlossaryReport {
  text: string;
  ok: boolean;
}

function bar(count: number, max: number, width = 40): string {
  return '█'.repeat(max === 0 ? 0 : Math.max(count > 0 ? 1 : 0, Math.round((count / max) * width)));
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

  const graded = entries.map((e) => ({ id: e.id, ...readingLevel(e.short) })).sort((a, b) => a.grade - b.grade);
  const grades = graded.map((g) => g.grade);
  const med = median(grades);
  lines.push(`Reading level of \`short\` (Flesch–Kincaid grade; ceiling ${READING_GRADE_CEILING} per entry, target median ≤ ${READING_GRADE_TARGET_MEDIAN})`);
  if (graded.length > 0) {
    lines.push(
      `  min ${graded[0]!.grade.toFixed(1)} (${graded[0]!.id})   median ${med.toFixed(1)}   ` +
        `max ${graded.at(-1)!.grade.toFixed(1)} (${graded.at(-1)!.id})   ` +
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
    lines.push(`  hardest: ${graded.slice(-5).reverse().map((g) => `${g.id} ${g.grade.toFixed(1)}`).join(', ')}`);
    lines.push(`  median ${med <= READING_GRADE_TARGET_MEDIAN ? 'meets' : 'MISSES'} the target of ${READING_GRADE_TARGET_MEDIAN}`);
  }
  lines.push('');

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
