/**
 * Scores the matcher against the labelled cases in tests/eval/cases/*.yaml (format:
 * tests/eval/README.md). Used by `npm run eval` (scripts/eval.ts) and tests/unit/eval.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Matcher } from '../../lib/matcher';
import { AREAS } from '../../lib/compiled/categories';

export const CASES_DIR = join(import.meta.dirname, 'cases');

export interface LabelledSpan {
  start: number;
  end: number;
  text: string;
}
export interface ExpectedSpan extends LabelledSpan {
  entryId: string;
}

export interface EvalCase {
  /** "<file>:<index>" for messages. */
  where: string;
  category: string;
  /** "own", "corpus:<file>", or "seed-article". */
  source: string;
  /** The glossary area the case was written for (see AREAS), or "general" for the older sets. */
  area: string;
  /** A health site's menu item or heading, matched as the scanner matches a bare label there. */
  label: boolean;
  text: string;
  expect: ExpectedSpan[];
  reject: LabelledSpan[];
}

const CATEGORIES = ['plain', 'case', 'forms', 'unicode', 'boundaries', 'longest', 'context', 'lookalikes', 'corpus', 'seed'] as const;

interface RawCase {
  text?: unknown;
  category?: unknown;
  source?: unknown;
  area?: unknown;
  label?: unknown;
  expect?: unknown;
  reject?: unknown;
}

/** "span = entry-id", "span#2 = entry-id" (second occurrence); rejects are "span" or "span#2". */
const LABEL = /^(.+?)(?:#(\d+))?\s*=\s*([a-z0-9]+(?:-[a-z0-9]+)*)$/s;
const REJECT = /^(.+?)(?:#(\d+))?$/s;

function locate(text: string, span: string, occurrence: number, where: string): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(span, at + 1);
    if (at < 0) throw new Error(`${where}: "${span}" occurs fewer than ${occurrence} time(s) in the text`);
  }
  return { start: at, end: at + span.length };
}

export function loadCases(dir = CASES_DIR): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const raw = parseYaml(readFileSync(join(dir, file), 'utf8')) as RawCase[];
    if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of cases`);
    raw.forEach((item, index) => {
      const where = `${file}:${index + 1}`;
      if (typeof item.text !== 'string' || item.text.length === 0) throw new Error(`${where}: text is missing`);
      if (typeof item.category !== 'string' || !(CATEGORIES as readonly string[]).includes(item.category)) {
        throw new Error(`${where}: category must be one of ${CATEGORIES.join(', ')}`);
      }
      const source = typeof item.source === 'string' ? item.source : 'own';
      if (!/^(own|seed-article|corpus:[\w.-]+\.html)$/.test(source)) throw new Error(`${where}: bad source "${source}"`);
      const area = item.area === undefined ? 'general' : item.area;
      if (typeof area !== 'string' || (area !== 'general' && !(AREAS as readonly string[]).includes(area))) {
        throw new Error(`${where}: area must be one of ${AREAS.join(', ')}`);
      }
      const text = item.text;
      const expect = ((item.expect ?? []) as unknown[]).map((label) => {
        const m = typeof label === 'string' ? LABEL.exec(label.trim()) : null;
        if (!m) throw new Error(`${where}: expect entries look like "span = entry-id", got ${JSON.stringify(label)}`);
        const span = m[1]!;
        return { ...locate(text, span, Number(m[2] ?? 1), where), text: span, entryId: m[3]! };
      });
      const reject = ((item.reject ?? []) as unknown[]).map((label) => {
        const m = typeof label === 'string' ? REJECT.exec(label.trim()) : null;
        if (!m) throw new Error(`${where}: reject entries are spans, got ${JSON.stringify(label)}`);
        return { ...locate(text, m[1]!, Number(m[2] ?? 1), where), text: m[1]! };
      });
      if (expect.length + reject.length === 0) throw new Error(`${where}: a case needs at least one label`);
      cases.push({ where, category: item.category, source, area, label: item.label === true, text, expect, reject });
    });
  }
  return cases;
}

export type ErrorKind =
  | 'missed' // an expected span was not matched
  | 'missed (entry not in glossary)'
  | 'wrong entry' // the exact span matched, but for another entry
  | 'wrong span' // a match overlaps an expected span with other boundaries
  | 'hard negative' // a match overlaps a span labelled as not a term
  | 'unlabelled'; // a match where nothing is labelled

export interface EvalError {
  kind: ErrorKind;
  where: string;
  category: string;
  text: string;
  span: string;
  /** Expected entry for misses, found entry for false positives. */
  entryId: string;
  falsePositive: boolean;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  /** Expected spans whose entry the glossary does not have (yet); counted in fn unless skipped. */
  pending: number;
  /** Hard negatives left alone, as they should be. */
  negativesKept: number;
  negatives: number;
}

export interface EvalResult {
  overall: Tally;
  byCategory: Map<string, Tally>;
  bySource: Map<string, Tally>;
  byArea: Map<string, Tally>;
  errors: EvalError[];
  labels: { expected: number; rejected: number; cases: number };
}

export interface EvalOptions {
  /** Leave out expected spans whose entry is not in the glossary (for the unit test while entries land). */
  skipPending?: boolean;
}

const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, pending: 0, negativesKept: 0, negatives: 0 });

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function evaluate(matcher: Matcher, cases: readonly EvalCase[], entryIds: ReadonlySet<string>, options: EvalOptions = {}): EvalResult {
  const overall = emptyTally();
  const byCategory = new Map<string, Tally>();
  const bySource = new Map<string, Tally>();
  const byArea = new Map<string, Tally>();
  const errors: EvalError[] = [];
  let expected = 0;
  let rejected = 0;

  for (const c of cases) {
    const sourceKind = c.source.startsWith('corpus:') ? 'corpus' : c.source;
    const tallies = [overall, getOr(byCategory, c.category), getOr(bySource, sourceKind), getOr(byArea, c.area)];
    const add = (field: keyof Tally) => tallies.forEach((t) => t[field]++);
    const matches = matcher.findMatches(c.text, c.label ? { cuesGranted: true } : undefined);
    const used = new Set<number>();
    expected += c.expect.length;
    rejected += c.reject.length;

    for (const m of matches) {
      const exact = c.expect.findIndex((e) => e.start === m.start && e.end === m.end && e.entryId === m.entryId);
      if (exact >= 0 && !used.has(exact)) {
        used.add(exact);
        add('tp');
        continue;
      }
      const sameSpan = c.expect.find((e) => e.start === m.start && e.end === m.end);
      const kind: ErrorKind = sameSpan
        ? 'wrong entry'
        : c.reject.some((r) => overlaps(r, m))
          ? 'hard negative'
          : c.expect.some((e) => overlaps(e, m))
            ? 'wrong span'
            : 'unlabelled';
      add('fp');
      errors.push({ kind, where: c.where, category: c.category, text: c.text, span: c.text.slice(m.start, m.end), entryId: m.entryId, falsePositive: true });
    }
    c.expect.forEach((e, i) => {
      if (used.has(i)) return;
      const missing = !entryIds.has(e.entryId);
      if (missing) {
        add('pending');
        if (options.skipPending) return;
      }
      add('fn');
      errors.push({
        kind: missing ? 'missed (entry not in glossary)' : 'missed',
        where: c.where,
        category: c.category,
        text: c.text,
        span: e.text,
        entryId: e.entryId,
        falsePositive: false,
      });
    });
    for (const r of c.reject) {
      add('negatives');
      if (!matches.some((m) => overlaps(r, m))) add('negativesKept');
    }
  }
  return { overall, byCategory, bySource, byArea, errors, labels: { expected, rejected, cases: cases.length } };
}

function getOr(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = emptyTally();
    map.set(key, t);
  }
  return t;
}

export function metrics(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * The visible text of a corpus page, for checking that a quoted case really comes from it: tags
 * removed, common entities decoded, whitespace collapsed. Crude, but quotes are plain sentences.
 */
export function pageText(html: string): string {
  const named: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', mdash: '—', ndash: '–', hellip: '…' };
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&([a-z]+);/gi, (m, name: string) => named[name.toLowerCase()] ?? m)
    .replace(/\s+/g, ' ');
}

/**
 * Drops all whitespace, so a quote and its page compare equal however the HTML split the text
 * into elements (a drop-cap "<span>F</span>uelling" reads "Fuelling" on screen).
 */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}
