import { describe, expect, it } from 'vitest';
import { createMatcher, matcherOnFirstUse, type AliasSpec, type Match } from '../../lib/matcher';
import { foldKey, foldKeySlow } from '../../lib/matcher/fold';

/** A small glossary built by hand, so these tests do not move when the real entries change. */
const hairCues = { cues: ['alopecia', 'hair loss', 'hair', 'bald', 'scalp'], scope: 'block' as const, window: 6 };
const ALIASES: AliasSpec[] = [
  { text: 'Alopecia', entryId: 'alopecia', caseSensitive: false },
  { text: 'alopecias', entryId: 'alopecia', caseSensitive: false },
  { text: 'Alopecia areata', entryId: 'alopecia-areata', caseSensitive: false },
  { text: 'AA', entryId: 'alopecia-areata', caseSensitive: true, context: hairCues },
  { text: 'Alopecia totalis', entryId: 'alopecia-totalis', caseSensitive: false },
  {
    text: 'totalis',
    entryId: 'alopecia-totalis',
    caseSensitive: false,
    context: { cues: ['alopecia', 'hair loss', 'areata', 'universalis', 'hair'], scope: 'block', window: 6 },
  },
  { text: 'Alopecia universalis', entryId: 'alopecia-universalis', caseSensitive: false },
  {
    text: 'universalis',
    entryId: 'alopecia-universalis',
    caseSensitive: false,
    context: { cues: ['alopecia', 'hair loss', 'areata', 'totalis', 'hair'], scope: 'block', window: 6 },
  },
  { text: 'JAK inhibitor', entryId: 'jak-inhibitor', caseSensitive: false },
  {
    text: 'JAK',
    entryId: 'jak-inhibitor',
    caseSensitive: true,
    context: { cues: ['inhibitor', 'drug', 'medicine', 'kinase'], scope: 'near', window: 5 },
  },
  { text: 'RA', entryId: 'rheumatoid-arthritis', caseSensitive: true, context: { cues: ['arthritis', 'joint'], scope: 'block', window: 6 } },
  { text: 'psoriasis', entryId: 'psoriasis', caseSensitive: false },
  { text: 'hair follicle', entryId: 'hair-follicle', caseSensitive: false },
  { text: 'steroid', entryId: 'corticosteroid', caseSensitive: false },
  { text: 'patient', entryId: 'patient', caseSensitive: false },
  { text: 'therapy', entryId: 'therapy', caseSensitive: false },
  { text: 'T-cell', entryId: 't-cell', caseSensitive: false },
  { text: "Sjögren's syndrome", entryId: 'sjogren-syndrome', caseSensitive: false },
  { text: 'topical', entryId: 'topical', caseSensitive: false, context: { cues: ['cream', 'skin', 'apply', 'ointment'], scope: 'near', window: 4 } },
  { text: 'Mohs surgery', entryId: 'mohs-surgery', caseSensitive: false },
  { text: '斑秃', entryId: 'alopecia-areata', caseSensitive: false },
  { text: 'بهاق', entryId: 'vitiligo', caseSensitive: false },
];

const matcher = createMatcher(ALIASES);

/** Each match as [matched source text, entry id], the form a reader would check. */
function found(text: string, options?: { seen?: Set<string> }): [string, string][] {
  return matcher.findMatches(text, options).map((m: Match) => [text.slice(m.start, m.end), m.entryId]);
}

describe('createMatcher: case', () => {
  it('matches case-insensitive aliases in any case', () => {
    expect(found('ALOPECIA and alopecia and Alopecia')).toEqual([
      ['ALOPECIA', 'alopecia'],
      ['alopecia', 'alopecia'],
      ['Alopecia', 'alopecia'],
    ]);
  });

  it('matches case-sensitive aliases only in their own case', () => {
    expect(found('Hair loss: AA, not aa or Aa.')).toEqual([['AA', 'alopecia-areata']]);
    expect(found('Jak and Daxter, a JAK drug')).toEqual([['JAK', 'jak-inhibitor']]);
  });

  it('takes full-width letters as their plain forms, in case-sensitive aliases too', () => {
    expect(found('ＪＡＫ inhibitor')).toEqual([['ＪＡＫ inhibitor', 'jak-inhibitor']]);
    expect(found('a ＪＡＫ drug')).toEqual([['ＪＡＫ', 'jak-inhibitor']]);
  });
});

describe('createMatcher: forms', () => {
  it('matches plurals, and possessives without their apostrophe', () => {
    expect(found('hair follicles')).toEqual([['hair follicles', 'hair-follicle']]);
    expect(found("psoriasis's course")).toEqual([['psoriasis', 'psoriasis']]);
    expect(found('the patients’ files')).toEqual([['patients', 'patient']]);
    expect(found('new therapies')).toEqual([['therapies', 'therapy']]);
    expect(found('two JAKs and a drug')).toEqual([['JAKs', 'jak-inhibitor']]);
  });

  it('does not invent plurals for case-sensitive abbreviations', () => {
    expect(found('hair loss: AAS and AAes')).toEqual([]);
  });

  it('treats hyphen, space, non-breaking space and no space alike where the alias is hyphenated', () => {
    expect(found('JAK-inhibitor, JAK\u00a0inhibitor, JAK \u2011 inhibitor')).toEqual([
      ['JAK-inhibitor', 'jak-inhibitor'],
      ['JAK\u00a0inhibitor', 'jak-inhibitor'],
      ['JAK \u2011 inhibitor', 'jak-inhibitor'],
    ]);
    expect(found('T cells, T-cells and Tcells')).toEqual([
      ['T cells', 't-cell'],
      ['T-cells', 't-cell'],
      ['Tcells', 't-cell'],
    ]);
  });

  it('ignores soft hyphens and zero-width characters inside words, keeping them in the span', () => {
    expect(found('alo\u00adpecia are\u200bata')).toEqual([['alo\u00adpecia are\u200bata', 'alopecia-areata']]);
    expect(found('pso\u200driasis\u200b')).toEqual([['pso\u200driasis', 'psoriasis']]);
  });

  it('folds diacritics, curly apostrophes and decomposed characters', () => {
    expect(found('Sjogren’s syndrome')).toEqual([['Sjogren’s syndrome', 'sjogren-syndrome']]);
    expect(found('Sjögren syndrome')).toEqual([['Sjögren syndrome', 'sjogren-syndrome']]);
    expect(found('Sjo\u0308grens syndrome')).toEqual([['Sjo\u0308grens syndrome', 'sjogren-syndrome']]);
  });

  it('drops the apostrophe of a possessive alias, and its "s" only when a word follows', () => {
    const crohn = createMatcher([
      { text: "Crohn's disease", entryId: 'crohns-disease', caseSensitive: false },
      { text: "Crohn's", entryId: 'crohns-disease', caseSensitive: false },
    ]);
    const text = "Crohn disease, Crohns, Crohn's; Dr. Crohn";
    expect(crohn.findMatches(text).map((m) => text.slice(m.start, m.end))).toEqual(['Crohn disease', 'Crohns', "Crohn's"]);
  });

  it('maps offsets back to the original string past astral characters and expansions', () => {
    const text = '😀😀 ﬁne: alopecia 🎉';
    const [match] = matcher.findMatches(text);
    expect(match).toBeDefined();
    expect(text.slice(match!.start, match!.end)).toBe('alopecia');
    expect(match!.start).toBe(text.indexOf('alopecia'));
  });
});

describe('createMatcher: word boundaries', () => {
  it('never matches inside a longer word', () => {
    expect(found('Jakarta JAKARTA alopeciaX steroidal nonsteroid xpsoriasis')).toEqual([]);
  });

  it('matches next to punctuation, digits elsewhere and emoji', () => {
    expect(found('(alopecia), "psoriasis"; steroid-free 🙂alopecia🙂')).toEqual([
      ['alopecia', 'alopecia'],
      ['psoriasis', 'psoriasis'],
      ['steroid', 'corticosteroid'],
      ['alopecia', 'alopecia'],
    ]);
  });

  it('treats a digit or an underscore glued to a word as part of it', () => {
    expect(found('a JAK1 drug, alopecia2, psoriasis_treatment, _eczema')).toEqual([]);
  });

  it('skips a term bound to a prefix by a hyphen, but not a term before a hyphen', () => {
    const withInflammation = createMatcher([...ALIASES, { text: 'inflammatory', entryId: 'inflammation', caseSensitive: false }]);
    const text = 'non-steroid, anti-inflammatory, pre-psoriasis; steroid-free, JAK-inhibitor, post-\u00a0psoriasis';
    expect(withInflammation.findMatches(text).map((m) => text.slice(m.start, m.end))).toEqual(['steroid', 'JAK-inhibitor', 'psoriasis']);
  });

  it('finds Latin terms inside CJK text and CJK terms without spaces', () => {
    expect(found('使用JAK inhibitor治疗斑秃的患者')).toEqual([
      ['JAK inhibitor', 'jak-inhibitor'],
      ['斑秃', 'alopecia-areata'],
    ]);
  });

  it('finds Latin terms next to Arabic and Hebrew, and Arabic terms on their own boundaries', () => {
    expect(found('مرض psoriasis مزمن')).toEqual([['psoriasis', 'psoriasis']]);
    expect(found('המחלה psoriasis,')).toEqual([['psoriasis', 'psoriasis']]);
    expect(found('مرض البهاق')).toEqual([]);
    expect(found('مرض بهاق.')).toEqual([['بهاق', 'vitiligo']]);
  });
});

describe('createMatcher: longest match', () => {
  it('prefers the longest alias at a position and never overlaps', () => {
    expect(found('alopecia areata and alopecia')).toEqual([
      ['alopecia areata', 'alopecia-areata'],
      ['alopecia', 'alopecia'],
    ]);
  });

  it('falls back to a shorter alias when the longer one is only a prefix in the text', () => {
    expect(found('alopecia are common')).toEqual([['alopecia', 'alopecia']]);
  });
});

describe('createMatcher: context rules', () => {
  it('accepts an ambiguous alias when a cue is elsewhere in the block', () => {
    expect(found('alopecia totalis or universalis')).toEqual([
      ['alopecia totalis', 'alopecia-totalis'],
      ['universalis', 'alopecia-universalis'],
    ]);
  });

  it('rejects it without a cue', () => {
    expect(found('Encyclopædia Universalis')).toEqual([]);
    expect(found('Buy AA batteries.')).toEqual([]);
    expect(found('Ask the RA for the key.')).toEqual([]);
  });

  it('does not let the match count as its own cue', () => {
    const selfCued = createMatcher([
      { text: 'hair loss', entryId: 'hair-loss', caseSensitive: false, context: { cues: ['hair'], scope: 'block', window: 6 } },
    ]);
    expect(selfCued.findMatches('sudden hair loss')).toEqual([]);
    expect(selfCued.findMatches('hair: sudden hair loss')).toEqual([{ start: 13, end: 22, entryId: 'hair-loss' }]);
  });

  it('honours the near window in words', () => {
    expect(found('apply the topical cream')).toEqual([['topical', 'topical']]);
    expect(found('a topical debate about one two three four five cream')).toEqual([]);
    expect(found('a JAK drug')).toEqual([['JAK', 'jak-inhibitor']]);
    expect(found('JAK one two three four five six drug')).toEqual([]);
  });
});

describe('createMatcher: density', () => {
  it('reports each entry once per page when given a shared seen set', () => {
    const seen = new Set<string>();
    expect(found('alopecia, alopecia areata', { seen })).toEqual([
      ['alopecia', 'alopecia'],
      ['alopecia areata', 'alopecia-areata'],
    ]);
    expect(found('alopecia areata and alopecia and psoriasis', { seen })).toEqual([['psoriasis', 'psoriasis']]);
    expect([...seen].sort()).toEqual(['alopecia', 'alopecia-areata', 'psoriasis']);
  });

  it('reports every occurrence without one', () => {
    expect(found('alopecia alopecia')).toHaveLength(2);
  });
});

describe('createMatcher: degenerate input', () => {
  it('handles empty text and an empty glossary', () => {
    expect(found('')).toEqual([]);
    expect(createMatcher([]).findMatches('alopecia')).toEqual([]);
  });

  it('handles blocks larger than its initial buffers', () => {
    const text = `${'filler words here. '.repeat(5000)}alopecia areata`;
    const matches = matcher.findMatches(text);
    expect(matches).toEqual([{ start: text.length - 15, end: text.length, entryId: 'alopecia-areata' }]);
  });
});

describe('foldKey', () => {
  it('gives the same key on its ASCII fast path as the general folding', () => {
    const samples = ['JAK inhibitor', 'JAK-inhibitor', 'T--cell', "Crohn's disease", 'IL-17', 'a  b', 'CD8+ T cells', 'U.S. FDA', 'x'];
    for (const sample of samples) expect(foldKey(sample)).toEqual(foldKeySlow(sample));
  });
});

describe('createMatcher: wide nodes', () => {
  it('finds every branch of a node with many children, ASCII or not', () => {
    const letters = 'bcdfghjklmnpqrstvwxz';
    const aliases: AliasSpec[] = [...letters].map((c) => ({ text: `zy${c}ora`, entryId: `e-${c}`, caseSensitive: false }));
    aliases.push({ text: 'zyαora', entryId: 'e-alpha', caseSensitive: false });
    const wide = createMatcher(aliases);
    const text = `${[...letters].map((c) => `zy${c}ora`).join(' ')} zyαora zyaora zyβora`;
    expect(wide.findMatches(text).map((m) => m.entryId)).toEqual([...[...letters].map((c) => `e-${c}`), 'e-alpha']);
  });
});

describe('matcherOnFirstUse', () => {
  it('builds the matcher only when first asked to match, once, and matches as it does', () => {
    const aliases: AliasSpec[] = [{ entryId: 'alopecia-areata', text: 'alopecia areata', caseSensitive: false }];
    let builds = 0;
    const lazy = matcherOnFirstUse(() => {
      builds++;
      return createMatcher(aliases);
    });
    expect(builds).toBe(0);
    const text = 'She has alopecia areata.';
    expect(lazy.findMatches(text)).toEqual(createMatcher(aliases).findMatches(text));
    expect(lazy.findMatches('Nothing here.')).toEqual([]);
    expect(builds).toBe(1);
  });
});
