/**
 * Breadth: how many of the terms a lay reader would want explained the extension marks, on
 * labelled passages (tests/eval/breadth/*.yaml: real health pages quoted verbatim and passages
 * written for every area), and what it marks on the corpus pages that are not about health, each
 * mark checked against a reviewed list. Used by `npm run eval:breadth` and tests/unit/breadth.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parse as parseYaml } from 'yaml';
import { AREAS, CATEGORIES } from '../../lib/compiled/categories';
import type { CompiledGlossary } from '../../lib/compiled/compiled';
import { isBareLabel, isHealthPage } from '../../lib/health-page';
import { createMatcher } from '../../lib/matcher';
import type { Matcher } from '../../lib/matcher/types';
import { aliasesForCategories } from '../unit/aliases-for-categories';
import { BlockReader } from '../../lib/scanner/blocks';
import type { CategorySwitches, MarkTerms } from '../../lib/settings';

export const BREADTH_DIR = join(import.meta.dirname, 'breadth');
export const CORPUS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
/** Corpus pages about health; every other page is news, technology, fiction or a test page. */
export const HEALTH_PAGES: ReadonlySet<string> = new Set(['webmd-1.html', 'buzzfeed-1.html', 'keep-images.html']);
const REVIEWED_MARKS = join(BREADTH_DIR, 'corpus-marks.reviewed.yaml');

export interface BreadthCase {
  where: string;
  area: string;
  source: string;
  label: boolean;
  text: string;
  terms: { start: number; end: number; text: string }[];
}

export function loadBreadthCases(dir = BREADTH_DIR): BreadthCase[] {
  const cases: BreadthCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.includes('.reviewed.')).sort()) {
    const raw = parseYaml(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>[] | null;
    if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of passages`);
    raw.forEach((item, index) => {
      const where = `${file}:${index + 1}`;
      const { area, text, terms } = item;
      if (typeof area !== 'string' || !(AREAS as readonly string[]).includes(area)) throw new Error(`${where}: area must be one of ${AREAS.join(', ')}`);
      if (typeof text !== 'string' || text.length === 0) throw new Error(`${where}: text is missing`);
      if (!Array.isArray(terms)) throw new Error(`${where}: terms must be a list of spans of the text`);
      const spans = terms.map((term) => {
        const m = typeof term === 'string' ? /^(.+?)(?:#(\d+))?$/s.exec(term) : null;
        if (!m) throw new Error(`${where}: a term is a span of the text, got ${JSON.stringify(term)}`);
        let at = -1;
        for (let i = 0; i < Number(m[2] ?? 1); i++) {
          at = text.indexOf(m[1]!, at + 1);
          if (at < 0) throw new Error(`${where}: "${m[1]}" does not occur ${m[2] ?? 1} time(s) in the text`);
        }
        return { start: at, end: at + m[1]!.length, text: m[1]! };
      });
      const source = typeof item.source === 'string' ? item.source : 'own';
      cases.push({ where, area, source, label: item.label === true, text, terms: spans });
    });
  }
  return cases;
}

export interface BreadthTally {
  terms: number;
  found: number;
}

export interface BreadthResult {
  overall: BreadthTally;
  byArea: Map<string, BreadthTally>;
  bySource: Map<string, BreadthTally>;
  missed: { where: string; term: string; text: string }[];
}

/** The matcher a reader gets under a "Which terms to mark" choice, every category on. */
export function matcherFor(glossary: CompiledGlossary, markTerms: MarkTerms): Matcher {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, true])) as CategorySwitches;
  return createMatcher(aliasesForCategories(glossary, { categories, markTerms }));
}

/** The "Which terms to mark" choices (lib/settings.ts holds them too, beside a storage item Node cannot load). */
export const MARK_TERM_CHOICES = ['all', 'not-everyday', 'specialist'] as const satisfies readonly MarkTerms[];

export function measureBreadth(matcher: Matcher, cases: readonly BreadthCase[]): BreadthResult {
  const overall = { terms: 0, found: 0 };
  const byArea = new Map<string, BreadthTally>();
  const bySource = new Map<string, BreadthTally>();
  const missed: BreadthResult['missed'] = [];
  const tally = (map: Map<string, BreadthTally>, key: string) => map.get(key) ?? map.set(key, { terms: 0, found: 0 }).get(key)!;
  for (const c of cases) {
    const matches = matcher.findMatches(c.text, c.label ? { cuesGranted: true } : undefined);
    const kind = c.source.startsWith('corpus:') ? 'real health pages' : 'written for each area';
    for (const term of c.terms) {
      const found = matches.some((m) => m.start < term.end && term.start < m.end);
      for (const t of [overall, tally(byArea, c.area), tally(bySource, kind)]) {
        t.terms++;
        if (found) t.found++;
      }
      if (!found) missed.push({ where: c.where, term: term.text, text: c.text });
    }
  }
  return { overall, byArea, bySource, missed };
}

export interface PageMark {
  page: string;
  span: string;
  entry: string;
  /** The block around the mark, for the reviewer. */
  context: string;
}

/** Every mark the extension makes on the corpus pages not about health, read as the scanner reads them. */
export function marksOnOtherPages(matcher: Matcher): PageMark[] {
  if (!existsSync(CORPUS_DIR)) return [];
  const marks: PageMark[] = [];
  for (const page of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.html') && !HEALTH_PAGES.has(f)).sort()) {
    const { window } = new JSDOM(readFileSync(join(CORPUS_DIR, page), 'utf8'));
    const doc = window.document;
    const healthPage = isHealthPage('', doc, matcher);
    const reader = BlockReader.open(doc.body ?? doc.documentElement);
    for (let block = reader?.next(); block; block = reader!.next()) {
      const found = matcher.findMatches(block.text, healthPage && isBareLabel(block) ? { cuesGranted: true } : undefined);
      for (const m of found) {
        const from = Math.max(0, m.start - 60);
        marks.push({ page, span: block.text.slice(m.start, m.end), entry: m.entryId, context: block.text.slice(from, m.end + 60).replace(/\s+/g, ' ').trim() });
      }
    }
    window.close();
  }
  return marks;
}

export interface ReviewedMark {
  page: string;
  span: string;
  entry: string;
  /** `health`: the mark is the health term; `wrong`: it is not (a fault to fix in the glossary). */
  verdict: 'health' | 'wrong';
  note?: string;
}

export function loadReviewedMarks(): ReviewedMark[] {
  if (!existsSync(REVIEWED_MARKS)) return [];
  return (parseYaml(readFileSync(REVIEWED_MARKS, 'utf8')) as ReviewedMark[] | null) ?? [];
}

const markKey = (m: { page: string; span: string; entry: string }) => `${m.page}\u0000${m.span.toLowerCase()}\u0000${m.entry}`;

/** Each mark with its review, if any: a reviewed (page, span, entry) covers every occurrence. */
export function reviewMarks(marks: readonly PageMark[], reviewed: readonly ReviewedMark[]) {
  const verdicts = new Map(reviewed.map((r) => [markKey(r), r]));
  return marks.map((mark) => ({ mark, review: verdicts.get(markKey(mark)) }));
}
