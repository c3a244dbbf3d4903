/**
 * `npm run eval`: runs the real matcher over the real glossary and the labelled cases in
 * tests/eval/cases, then prints precision, recall and F1 overall, per category and per source,
 * and every error with its text. Labels whose entry is not in the glossary yet count as misses
 * here (marked as such); tests/unit/eval.test.ts leaves them out instead.
 */
import { createMatcher } from '../lib/matcher';
import { evaluate, loadCases, metrics, type EvalError, type Tally } from '../tests/eval/evaluate';
import { loadEvalGlossary } from '../tests/eval/glossary';

const TARGET = { precision: 0.99, recall: 0.97 };

const { glossary, entryIds, problems } = loadEvalGlossary();
if (problems.length > 0) {
  console.log(`WARNING: the strict glossary build fails with ${problems.length} problem(s); evaluating the ${entryIds.size} entries that parsed. First problems:`);
  for (const p of problems.slice(0, 5)) console.log(`  ${p}`);
  console.log('');
}
const cases = loadCases();
const matcher = createMatcher(glossary.aliases);
const result = evaluate(matcher, cases, entryIds);
const withoutPending = evaluate(matcher, cases, entryIds, { skipPending: true });

const pct = (x: number) => x.toFixed(4);
const row = (name: string, t: Tally) => {
  const m = metrics(t);
  return `${name.padEnd(22)} ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.pending).padStart(7)}  ${t.negativesKept}/${t.negatives}`;
};
const header = `${''.padEnd(22)} prec.   recall  F1      TP   FP   FN  pending  negatives kept`;

console.log(`Glossary: ${entryIds.size} entries, ${glossary.aliases.length} aliases. Cases: ${result.labels.cases}; labelled spans: ${result.labels.expected} expected + ${result.labels.rejected} hard negatives = ${result.labels.expected + result.labels.rejected}.`);
console.log('');
console.log(header);
console.log(row('OVERALL', result.overall));
console.log(row('overall, known entries', withoutPending.overall));
console.log('');
console.log('By category');
for (const [name, t] of [...result.byCategory].sort()) console.log(row(name, t));
console.log('');
console.log('By area');
for (const [name, t] of [...result.byArea].sort()) console.log(row(name, t));
console.log('');
console.log('By source');
for (const [name, t] of [...result.bySource].sort()) console.log(row(name, t));
console.log('');

const order: EvalError['kind'][] = ['hard negative', 'unlabelled', 'wrong entry', 'wrong span', 'missed', 'missed (entry not in glossary)'];
const errors = [...result.errors].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.where.localeCompare(b.where));
console.log(`Errors (${errors.length}):`);
for (const e of errors) {
  const what = e.falsePositive ? `FP ${e.kind}: "${e.span}" → ${e.entryId}` : `FN ${e.kind}: "${e.span}" (${e.entryId})`;
  console.log(`  [${e.category}] ${e.where}  ${what}\n      ${JSON.stringify(e.text)}`);
}
const pendingIds = [...new Set(result.errors.filter((e) => e.kind === 'missed (entry not in glossary)').map((e) => e.entryId))].sort();
if (pendingIds.length > 0) console.log(`\nLabelled entries not in the glossary yet: ${pendingIds.join(', ')}`);

const known = metrics(withoutPending.overall);
const all = metrics(result.overall);
console.log('');
console.log(`Targets: precision ≥ ${TARGET.precision}, recall ≥ ${TARGET.recall}.`);
console.log(`  all labels:           precision ${pct(all.precision)} ${all.precision >= TARGET.precision ? 'met' : 'NOT met'}, recall ${pct(all.recall)} ${all.recall >= TARGET.recall ? 'met' : 'NOT met'}`);
console.log(`  known entries only:   precision ${pct(known.precision)} ${known.precision >= TARGET.precision ? 'met' : 'NOT met'}, recall ${pct(known.recall)} ${known.recall >= TARGET.recall ? 'met' : 'NOT met'}`);
