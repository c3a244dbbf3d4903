/**
 * The matcher the extension runs is loaded from tables built with the glossary, with the reader's
 * categories switching entries off in it. These tests hold it to the matcher built on the page
 * from the aliases of the entries left on, which the rest of the suite checks for quality.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../lib/compiled/categories';
import { buildMatcherTables, createMatcher, gateSpecFor, matcherFromTables, type AliasSpec, type Matcher } from '../../lib/matcher';
import { deserializeMatcherTables, serializeMatcherTables } from '../../lib/matcher/serialize';
import { entryFilterFor } from '../../lib/entry-scope';
import { aliasesForCategories } from './aliases-for-categories';
import type { CategorySwitches } from '../../lib/settings';
import { loadCases, pageText } from '../eval/evaluate';
import { loadEvalGlossary } from '../eval/glossary';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
const CORPUS = join(SHARED, 'corpus');

const { glossary } = loadEvalGlossary();
// As the content script gets them: through the bundle's JSON.
const tables = deserializeMatcherTables(JSON.parse(JSON.stringify(glossary.matcher)));

function texts(): string[] {
  const all = loadCases().map((c) => c.text);
  if (existsSync(SHARED)) {
    all.push(...readFileSync(join(SHARED, 'seed-article.txt'), 'utf8').split(/\n+/));
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.html'))) all.push(...pageText(readFileSync(join(CORPUS, file), 'utf8')).split(/(?<=[.!?])\s+/));
  }
  return all;
}

function differences(loaded: Matcher, built: Matcher, inputs: string[]): { matches: number; differing: string[] } {
  let matches = 0;
  const differing: string[] = [];
  for (const text of inputs) {
    const expected = built.findMatches(text);
    matches += expected.length;
    if (JSON.stringify(loaded.findMatches(text)) !== JSON.stringify(expected)) differing.push(text.slice(0, 80));
  }
  return { matches, differing };
}

describe('the matcher loaded from the glossary tables', () => {
  const inputs = texts();

  it('finds what a matcher built from the aliases finds, on the eval set, the seed article and every corpus page', () => {
    const loaded = matcherFromTables(tables, glossary.gate);
    const built = createMatcher(glossary.aliases, { gateSpec: glossary.gate });
    const { matches, differing } = differences(loaded, built, inputs);
    expect(differing).toEqual([]);
    expect(matches).toBeGreaterThan(300);
  });

  it('with categories switched off, finds what a matcher built from the remaining entries finds', () => {
    const allOn = Object.fromEntries(CATEGORIES.map((category) => [category, true])) as CategorySwitches;
    const subsets: CategorySwitches[] = [
      ...CATEGORIES.map((off) => ({ ...allOn, [off]: false })),
      ...CATEGORIES.map((on) => Object.fromEntries(CATEGORIES.map((category) => [category, category === on])) as CategorySwitches),
    ];
    for (const categories of subsets) {
      const loaded = matcherFromTables(tables, glossary.gate, { enabled: entryFilterFor(glossary, { categories, markTerms: 'all' }) });
      const built = createMatcher(aliasesForCategories(glossary, { categories, markTerms: 'all' }), { gateSpec: glossary.gate });
      const { differing } = differences(loaded, built, inputs);
      expect(differing, JSON.stringify(categories)).toEqual([]);
    }
    // And switching a category off does change what is found.
    const noConditions = matcherFromTables(tables, glossary.gate, { enabled: entryFilterFor(glossary, { categories: { ...allOn, condition: false }, markTerms: 'all' }) });
    expect(noConditions.findMatches('She has alopecia areata.')).toEqual([]);
    expect(matcherFromTables(tables, glossary.gate).findMatches('She has alopecia areata.')).toHaveLength(1);
  }, 60_000);
});

describe('serialized matcher tables', () => {
  it('keep a trie too big for two bytes a value intact, with case-sensitive and non-ASCII forms', () => {
    const aliases: AliasSpec[] = Array.from({ length: 6000 }, (_, i) => ({ text: `zq${i.toString(36)}xw${(i * 7919).toString(36)}kv`, entryId: `e${i}`, caseSensitive: false }));
    aliases.push({ text: 'ZQCASE', entryId: 'e-cased', caseSensitive: true }, { text: 'zq\u4e2d\u6587', entryId: 'e-cjk', caseSensitive: false });
    const tables = buildMatcherTables(aliases);
    expect(tables.trie.nodeCount).toBeGreaterThan(0x8000);
    const serialized = JSON.parse(JSON.stringify(serializeMatcherTables(tables))) as ReturnType<typeof serializeMatcherTables>;
    // Two bytes a node or less in the bundle: one unit and one fan-out, mostly ASCII.
    expect(new TextEncoder().encode(JSON.stringify(serialized.units + serialized.fanout)).length).toBeLessThan(tables.trie.nodeCount * 2.2);
    const loaded = matcherFromTables(deserializeMatcherTables(serialized), gateSpecFor(aliases));
    const text = [...aliases.filter((_, i) => i % 97 === 0), aliases[6000]!, aliases[6001]!].map((alias) => `see ${alias.text} here`).join('. ');
    const expected = createMatcher(aliases).findMatches(text);
    expect(expected.length).toBe(Math.ceil(6000 / 97) + 2);
    expect(loaded.findMatches(text)).toEqual(expected);
  });
});
