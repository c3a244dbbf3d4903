/**
 * The regex gate in front of the matcher may only skip text that holds no term: these tests hold
 * it to that on everything we have (corpus pages, the seed article, the eval set, folding edge
 * cases), and check that it does skip plain text, so a gate that lets everything through fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMatcher, gateSpecFor } from '../../lib/matcher';
import { FoldBuffer, foldText, UnitClass } from '../../lib/matcher/fold';
import { hasUnpredictableFolding, PrefilterBuilder, SAFE_NON_ASCII } from '../../lib/matcher/prefilter';
import { loadCases, pageText } from '../eval/evaluate';
import { loadEvalGlossary } from '../eval/glossary';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
const CORPUS = join(SHARED, 'corpus');

function safeUnits(): number[] {
  const units: number[] = [];
  for (const [, first, last] of SAFE_NON_ASCII.matchAll(/(.)(?:-(.))?/gsu)) {
    for (let u = first!.charCodeAt(0); u <= (last ?? first!).charCodeAt(0); u++) units.push(u);
  }
  return units;
}

describe('prefilter: characters it treats as safe', () => {
  it('fold to separators, apostrophes or punctuation, never to letters, digits or nothing', () => {
    const out = new FoldBuffer();
    const wrong: string[] = [];
    for (const unit of safeUnits()) {
      foldText(`a${String.fromCharCode(unit)}b`, out);
      const middle = [...out.classes.subarray(1, out.length - 1)];
      if (middle.length === 0 || middle.some((c) => c !== UnitClass.Boundary)) wrong.push(`U+${unit.toString(16).padStart(4, '0')}`);
    }
    expect(wrong).toEqual([]);
    expect(safeUnits().length).toBeGreaterThan(30);
  });

  it('sends accented letters, ligatures, soft hyphens and other scripts to the matcher', () => {
    for (const text of ['Sjögren', 'ﬁbrosis', 'alo\u00adpecia', 'alo\u200bpecia', 'ＪＡＫ', 'TM\u2122', '斑秃', 'e\u0301']) {
      expect(hasUnpredictableFolding(text), text).toBe(true);
    }
    for (const text of ['plain text', 'it’s “quoted” — and…', 'a\u00a0b', '£5 × 2 ± 1°']) expect(hasUnpredictableFolding(text), text).toBe(false);
  });
});

describe('createMatcher: when it builds the gate', () => {
  it('only once it has read enough text for the gate to pay off', () => {
    const m = createMatcher([{ text: 'psoriasis', entryId: 'ps', caseSensitive: false }], { gateAfterChars: 40 });
    // Before the gate, a block is read by the trie even when it holds no term; after, it is not.
    const spy = vi.spyOn(String.prototype, 'charCodeAt');
    m.findMatches('nothing to see here, nothing at all'); // 35 units: no gate yet
    const beforeGate = spy.mock.calls.length;
    spy.mockClear();
    m.findMatches('still nothing to see here'); // past 40: the gate is built and turns this away
    const afterGate = spy.mock.calls.length;
    spy.mockRestore();
    expect(beforeGate).toBeGreaterThan(20);
    expect(afterGate).toBe(0);
    expect(m.findMatches('and now psoriasis')).toEqual([{ start: 8, end: 17, entryId: 'ps' }]);
  });

  it('from the first block on when it is given a gate worked out ahead of time', () => {
    const aliases = [{ text: 'psoriasis', entryId: 'ps', caseSensitive: false }];
    const m = createMatcher(aliases, { gateSpec: gateSpecFor(aliases) });
    const spy = vi.spyOn(String.prototype, 'charCodeAt');
    m.findMatches('nothing to see here, nothing at all');
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    expect(calls).toBe(0);
    expect(m.findMatches('and now psoriasis')).toEqual([{ start: 8, end: 17, entryId: 'ps' }]);
  });

  it('ahead of time, the same gate as it would build itself', () => {
    const { glossary } = loadEvalGlossary();
    const spec = gateSpecFor(glossary.aliases);
    expect(spec.source).not.toBeNull();
    expect(spec.source!.length).toBeGreaterThan(500);
    expect(createMatcher(glossary.aliases).gateSpec()).toEqual(spec);
  });
});

describe('prefilter: the gate', () => {
  const builder = new PrefilterBuilder();
  builder.add('alopecia areata', null);
  builder.add('t cell', null);
  builder.add('tcell', null);
  builder.add('jak', 'JAK');
  const gate = builder.build();

  it('skips text without any anchor', () => {
    expect(gate.mayMatch('Her hair grew back after a year.')).toBe(false);
    expect(gate.mayMatch('jak in lower case is not the abbreviation')).toBe(false);
    expect(gate.mayMatch('the cellar')).toBe(false);
  });

  it('lets through text with an anchor as a whole word, in any case, with plural endings', () => {
    expect(gate.mayMatch('ALOPECIA Areata')).toBe(true);
    expect(gate.mayMatch('two T-cells')).toBe(true);
    expect(gate.mayMatch('JAKs')).toBe(true);
    expect(gate.mayMatch('tcell')).toBe(true);
  });

  it('looks for anchors in accented, full-width or soft-hyphenated text the way folding reads it', () => {
    expect(gate.mayMatch('alo\u00adpecia areata')).toBe(true);
    expect(gate.mayMatch('ＡＬＯＰＥＣＩＡ areata')).toBe(true);
    expect(gate.mayMatch('Alopécia areata')).toBe(true);
    expect(gate.mayMatch('café au lait, Sjögren, 斑秃')).toBe(false);
  });

  it('matches caseless anchors in any case with a vocabulary of thousands of words', () => {
    // A (?i:...) group around a large alternation stops being caseless in V8's engine; the gate
    // must not depend on it.
    const large = new PrefilterBuilder();
    for (let i = 0; i < 4000; i++) large.add(`term${i.toString(36)}word`, null);
    large.add('lipitor', null);
    large.add('rx', 'RX');
    const big = large.build();
    expect(big.mayMatch('She takes Lipitor every night.')).toBe(true);
    expect(big.mayMatch('LIPITOR')).toBe(true);
    expect(big.mayMatch('TERM2SWORD and more')).toBe(true);
    expect(big.mayMatch('an RX label')).toBe(true);
    expect(big.mayMatch('an rx label')).toBe(false);
    const hits: number[] = [];
    big.findAnchors('RX first, then Lipitor', hits);
    expect(hits).toEqual([0, 15]);
  });

  it('lets all non-ASCII text through when some form has no ASCII anchor', () => {
    const withHan = new PrefilterBuilder();
    withHan.add('alopecia', null);
    withHan.add('斑秃', null);
    expect(withHan.build().mayMatch('café')).toBe(true);
    expect(withHan.build().mayMatch('cafe')).toBe(false);
  });
});

describe('createMatcher: the candidate check before folding', () => {
  const aliases = [
    { text: 'alopecia areata', entryId: 'aa', caseSensitive: false },
    { text: 'JAK', entryId: 'jak', caseSensitive: true, context: { cues: ['inhibitor'], scope: 'near' as const, window: 4 } },
  ];

  it('folds only blocks where some alias could end on a word boundary', () => {
    const m = createMatcher(aliases, { gate: false });
    const folds = vi.spyOn(FoldBuffer.prototype, 'ensure');
    m.findMatches('Her hair grew back after a year of inhibitor treatment.');
    m.findMatches('alopecias are many; jakarta is a city');
    expect(folds).not.toHaveBeenCalled();
    expect(m.findMatches('Alopecia-areata and JAKs, a JAK inhibitor')).toEqual([
      { start: 0, end: 15, entryId: 'aa' },
      { start: 20, end: 24, entryId: 'jak' },
      { start: 28, end: 31, entryId: 'jak' },
    ]);
    expect(folds).toHaveBeenCalledTimes(1);
    folds.mockRestore();
  });
});

describe('createMatcher: the candidate check near the gate\'s anchors', () => {
  const aliases = [
    { text: 'alopecia areata', entryId: 'aa', caseSensitive: false },
    { text: 'big red alopecia', entryId: 'bra', caseSensitive: false },
  ];
  const spec = gateSpecFor(aliases);
  const m = createMatcher(aliases, { gateSpec: spec });

  it('knows how many words a form has before its anchor', () => {
    expect(spec.wordsBeforeAnchor).toBe(2);
  });

  it('reads a few words around each anchor, not the whole block', () => {
    const filler = 'many plain words of a long paragraph '.repeat(100);
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    const withoutTerm = m.findMatches(`${filler}alopecia totalis, ${filler}`);
    const readsWithoutTerm = reads.mock.calls.length;
    reads.mockClear();
    const withTerm = m.findMatches(`${filler}and alopecia areata`);
    const foldedReads = reads.mock.calls.length;
    reads.mockRestore();
    expect(withoutTerm).toEqual([]);
    expect(readsWithoutTerm).toBeLessThan(100);
    // A block with a term is still folded whole (thousands of reads), and its match is found.
    expect(withTerm).toEqual([{ start: filler.length + 4, end: filler.length + 19, entryId: 'aa' }]);
    expect(foldedReads).toBeGreaterThan(filler.length);
  });

  it('finds a term that starts words before its anchor, after other anchors', () => {
    expect(m.findMatches('alopecia, or as some say, a big red alopecia')).toEqual([{ start: 28, end: 44, entryId: 'bra' }]);
    expect(m.findMatches('big   red\n alopecia')).toEqual([{ start: 0, end: 19, entryId: 'bra' }]);
    expect(m.findMatches('a big red alopecia areata')).toEqual([{ start: 2, end: 18, entryId: 'bra' }]);
  });
});

describe('prefilter: never changes what the matcher finds', () => {
  const { glossary } = loadEvalGlossary();
  // Both shortcuts against neither: the gate from the first block, and the candidate check.
  const gated = createMatcher(glossary.aliases, { gateAfterChars: 0 });
  const checkedOnly = createMatcher(glossary.aliases, { gate: false });
  const ungated = createMatcher(glossary.aliases, { gate: false, candidateCheck: false });
  // As the extension runs it: the gate shipped for the whole glossary, in front of the matcher for
  // the reader's categories (here every other entry's aliases).
  const wholeGlossaryGate = gateSpecFor(glossary.aliases);
  const someEntries = new Set(Object.keys(glossary.entries).filter((_, i) => i % 2 === 0));
  const subset = glossary.aliases.filter((alias) => someEntries.has(alias.entryId));
  const subsetShipped = createMatcher(subset, { gateSpec: wholeGlossaryGate });
  const subsetUngated = createMatcher(subset, { gate: false, candidateCheck: false });
  const same = (texts: string[]) => {
    let matches = 0;
    let subsetMatches = 0;
    const differing: string[] = [];
    for (const text of texts) {
      const a = gated.findMatches(text);
      const b = ungated.findMatches(text);
      const c = checkedOnly.findMatches(text);
      const d = subsetShipped.findMatches(text);
      const e = subsetUngated.findMatches(text);
      matches += b.length;
      subsetMatches += e.length;
      if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(c) !== JSON.stringify(b) || JSON.stringify(d) !== JSON.stringify(e)) differing.push(text.slice(0, 80));
    }
    expect(subsetMatches).toBeGreaterThan(0);
    return { matches, differing };
  };

  it('on the eval set and folding edge cases', () => {
    const texts = loadCases().map((c) => c.text);
    texts.push(
      'JAKs and JAK-inhibitors', 'Crohn’s disease', 'T‑cells', 'alo\u00adpecia areata', 'ＡＬＯＰＥＣＩＡ', 'psoriasis’s', 'anti-inflammatory', 'therapies',
      'alopecia \u00a8 areata', 'alopecia\u00a0\u200b- areata', 'ﬁbrosis and alopecia…', 'JAK\u2019s', 'alopecia_areata', 'alopecia2', 'psoriases',
    );
    const { matches, differing } = same(texts);
    expect(differing).toEqual([]);
    expect(matches).toBeGreaterThan(300);
  });

  it.skipIf(!existsSync(CORPUS))('on every corpus page and the seed article', () => {
    const texts: string[] = [];
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.html'))) {
      // Sentences as blocks: small enough that most hold no term, which is what the gate decides.
      texts.push(...pageText(readFileSync(join(CORPUS, file), 'utf8')).split(/(?<=[.!?])\s+/));
    }
    texts.push(...readFileSync(join(SHARED, 'seed-article.txt'), 'utf8').split(/\n+/));
    const { matches, differing } = same(texts);
    expect(differing).toEqual([]);
    expect(matches).toBeGreaterThan(100);
  });
});
