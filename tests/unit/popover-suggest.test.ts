import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlossary } from '../../glossary/compile';
import { editDistance, EntrySuggester, normalise, phraseSimilarity, wordOverlap } from '../../lib/popover/suggest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('closest-entry suggestions (small glossary)', () => {
  const suggester = new EntrySuggester({
    entries: {
      'alopecia-areata': { id: 'alopecia-areata', name: 'Alopecia areata' },
      'alopecia-totalis': { id: 'alopecia-totalis', name: 'Alopecia totalis' },
      'jak-inhibitor': { id: 'jak-inhibitor', name: 'JAK inhibitor' },
      psoriasis: { id: 'psoriasis', name: 'Psoriasis' },
    },
    aliases: [
      { text: 'Janus kinase inhibitor', entryId: 'jak-inhibitor' },
      { text: 'AA', entryId: 'alopecia-areata' },
      { text: 'orphan alias', entryId: 'not-an-entry' },
    ],
  });

  it('finds the exact entry whatever the case, hyphens, diacritics, quotes or plural', () => {
    expect(suggester.lookup('Alopecia-Areata').exact).toBe('alopecia-areata');
    expect(suggester.lookup('“alopécia areata.”').exact).toBe('alopecia-areata');
    expect(suggester.lookup('JAK inhibitors').exact).toBe('jak-inhibitor');
    expect(suggester.lookup('janus kinase inhibitor').exact).toBe('jak-inhibitor');
    expect(suggester.lookup('alopecia').exact).toBeUndefined();
  });

  it('offers the closest entries for a misspelling, best first', () => {
    const { exact, closest } = suggester.lookup('alopetia areata');
    expect(exact).toBeUndefined();
    expect(closest[0]?.entryId).toBe('alopecia-areata');
    expect(closest[0]!.score).toBeGreaterThan(0.9);
    expect(closest.map((s) => s.entryId)).not.toContain('psoriasis');
  });

  it('offers entries that share words with a longer or shorter wording', () => {
    expect(suggester.lookup('JAK inhibitor pills').closest[0]?.entryId).toBe('jak-inhibitor');
    const alopecia = suggester.lookup('alopecia').closest.map((s) => s.entryId);
    expect(alopecia).toEqual(expect.arrayContaining(['alopecia-areata', 'alopecia-totalis']));
  });

  it('finds the longest entry named inside a longer selection, whole words only', () => {
    expect(suggester.lookup('treated with JAK inhibitors daily').contained).toBe('jak-inhibitor');
    expect(suggester.lookup('she has alopecia areata, says her doctor').contained).toBe('alopecia-areata');
    expect(suggester.lookup('unpsoriasisy').contained).toBeUndefined();
    // Two-letter aliases are too ambiguous inside free text.
    expect(suggester.lookup('an AA meeting').contained).toBeUndefined();
    expect(suggester.lookup('psoriasis').contained).toBeUndefined(); // exact, not contained
  });

  it('offers nothing for unrelated text or empty selections, and never an orphan alias', () => {
    expect(suggester.lookup('the weather today').closest).toEqual([]);
    expect(suggester.lookup('  ..  ')).toEqual({ exact: undefined, contained: undefined, closest: [] });
    expect(suggester.lookup('orphan alias')).toEqual({ exact: undefined, contained: undefined, closest: [] });
  });
});

describe('measures', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(phraseSimilarity('abcd', 'abce')).toBeCloseTo(0.75);
  });

  it('word overlap counts prefixes and one-letter slips as agreement', () => {
    expect(wordOverlap(['jak', 'inhibitors'], ['jak', 'inhibitor'])).toBeCloseTo(0.95);
    expect(wordOverlap(['psoraisis'], ['psoriasis'])).toBe(0); // two edits: not the same word
    expect(wordOverlap(['psoriassis'], ['psoriasis'])).toBeCloseTo(0.95);
    expect(wordOverlap(['hair'], ['scalp'])).toBe(0);
  });

  it('normalises like the matcher', () => {
    expect(normalise('  (JAK-Inhibitor)  ')).toBe('jak inhibitor');
  });
});

describe('over the real glossary', () => {
  const glossary = buildGlossary({ dir: join(ROOT, 'glossary'), root: ROOT });
  const suggester = new EntrySuggester(glossary);

  it('resolves names and a misspelt drug name', () => {
    expect(suggester.lookup('Olumiant').exact).toBe('baricitinib');
    expect(suggester.lookup('barictinib').closest[0]?.entryId).toBe('baricitinib');
  });
});
