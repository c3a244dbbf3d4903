/**
 * Breadth gate: the extension marks at least 90 % of the terms a lay reader would want explained
 * in the labelled passages (every term marked), and every mark it makes on the corpus pages that
 * are not about health has been reviewed as a real health term. `npm run eval:breadth` prints the
 * tables and, with --marks, the marks still to review.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadBreadthCases, loadReviewedMarks, marksOnOtherPages, matcherFor, measureBreadth, reviewMarks } from '../eval/breadth';
import { loadEvalGlossary } from '../eval/glossary';

const TARGET = 0.9;
const { glossary } = loadEvalGlossary();

describe('breadth', () => {
  it(`marks at least ${TARGET * 100} % of the labelled terms with every term on`, () => {
    const cases = loadBreadthCases();
    const result = measureBreadth(matcherFor(glossary, 'all'), cases);
    expect(result.overall.terms).toBeGreaterThan(500);
    const recall = result.overall.found / result.overall.terms;
    expect({ recall: recall >= TARGET, missed: result.missed.map((m) => `${m.where} ${m.term}`) }).toEqual({ recall: true, missed: expect.any(Array) });
  });

  it.skipIf(!existsSync(CORPUS_DIR))('makes only reviewed, real health marks on the corpus pages not about health', () => {
    const reviewed = reviewMarks(marksOnOtherPages(matcherFor(glossary, 'not-everyday')), loadReviewedMarks());
    expect(reviewed.filter((r) => r.review?.verdict !== 'health').map((r) => `${r.mark.page}: "${r.mark.span}" → ${r.mark.entry} (${r.review ? 'reviewed as wrong' : 'not reviewed'})`)).toEqual([]);
  }, 120_000);
});
