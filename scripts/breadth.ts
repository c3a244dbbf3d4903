/**
 * `npm run eval:breadth`: recall of the terms a lay reader would want explained (labelled passages
 * in tests/eval/breadth), under every "Which terms to mark" choice, per area and per kind of
 * passage; then every mark on the corpus pages that are not about health, against the reviewed
 * list in tests/eval/breadth/corpus-marks.reviewed.yaml. `--marks` prints each unreviewed mark.
 */
import { MARK_TERM_CHOICES as MARK_TERMS, loadBreadthCases, loadReviewedMarks, marksOnOtherPages, matcherFor, measureBreadth, reviewMarks, type BreadthTally } from '../tests/eval/breadth';
import { loadEvalGlossary } from '../tests/eval/glossary';

const TARGET = 0.9;
const { glossary, entryIds, problems } = loadEvalGlossary();
if (problems.length > 0) console.log(`WARNING: the strict glossary build fails with ${problems.length} problem(s); measuring the ${entryIds.size} entries that parsed.\n`);

const cases = loadBreadthCases();
const results = MARK_TERMS.map((markTerms) => ({ markTerms, result: measureBreadth(matcherFor(glossary, markTerms), cases) }));
const pct = (t: BreadthTally | undefined) => (t && t.terms > 0 ? (t.found / t.terms).toFixed(3) : '  -  ');
const all = results[0]!.result;

console.log(`Breadth: ${all.overall.terms} labelled terms in ${cases.length} passages; ${entryIds.size} entries.`);
console.log('');
console.log(`${'recall'.padEnd(26)} ${MARK_TERMS.map((m) => m.padStart(13)).join('')}   terms`);
console.log(`${'OVERALL'.padEnd(26)} ${results.map((r) => pct(r.result.overall).padStart(13)).join('')}   ${String(all.overall.terms).padStart(5)}`);
for (const [kind] of [...all.bySource].sort()) {
  console.log(`${kind.padEnd(26)} ${results.map((r) => pct(r.result.bySource.get(kind)).padStart(13)).join('')}   ${String(all.bySource.get(kind)!.terms).padStart(5)}`);
}
console.log('');
console.log('By area');
for (const [area] of [...all.byArea].sort()) {
  console.log(`  ${area.padEnd(24)} ${results.map((r) => pct(r.result.byArea.get(area)).padStart(13)).join('')}   ${String(all.byArea.get(area)!.terms).padStart(5)}`);
}
console.log('');
console.log(`Missed with every term marked (${all.missed.length}):`);
for (const m of all.missed) console.log(`  ${m.where}  "${m.term}"`);
const overall = all.overall.found / Math.max(1, all.overall.terms);
console.log(`\nTarget: recall ≥ ${TARGET} with every term marked: ${overall.toFixed(3)} ${overall >= TARGET ? 'met' : 'NOT met'}`);

const defaultMatcher = matcherFor(glossary, 'not-everyday');
const reviewed = reviewMarks(marksOnOtherPages(defaultMatcher), loadReviewedMarks());
const wrong = reviewed.filter((r) => r.review?.verdict === 'wrong');
const unreviewed = reviewed.filter((r) => !r.review);
const pages = new Set(reviewed.map((r) => r.mark.page));
console.log('');
console.log(`Marks on the corpus pages not about health (default setting): ${reviewed.length} on ${pages.size} pages; ` +
  `${reviewed.length - wrong.length - unreviewed.length} reviewed as health terms, ${wrong.length} reviewed as wrong, ${unreviewed.length} not reviewed.`);
for (const r of wrong) console.log(`  WRONG ${r.mark.page}: "${r.mark.span}" → ${r.mark.entry}  (${r.review!.note ?? ''})`);
if (process.argv.includes('--marks')) for (const r of unreviewed) console.log(`  - {page: ${r.mark.page}, span: ${JSON.stringify(r.mark.span)}, entry: ${r.mark.entry}}  # ${r.mark.context}`);
