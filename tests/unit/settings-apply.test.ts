import { describe, expect, it } from 'vitest';
import { badgeText, TermCounts } from '../../entrypoints/background/badge';
import type { CompiledGlossary } from '../../lib/compiled/compiled';
import { CATEGORIES } from '../../lib/compiled/categories';
import { parseBackgroundToContent, parseContentToBackground, parsePopupToContent, parseTermsOnPage } from '../../lib/messages';
import { markHighlightName } from '../../lib/marks/highlights';
import { entryScopeKey, familiarityShown } from '../../lib/entry-scope';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { aliasesForCategories } from './aliases-for-categories';

const glossary = {
  entries: {
    'alopecia-areata': { id: 'alopecia-areata', name: 'Alopecia areata', category: 'condition', familiarity: 'common' },
    baricitinib: { id: 'baricitinib', name: 'Baricitinib', category: 'drug', familiarity: 'specialist' },
    fever: { id: 'fever', name: 'Fever', category: 'sign', familiarity: 'everyday' },
  },
  aliases: [
    { text: 'alopecia areata', entryId: 'alopecia-areata', caseSensitive: false },
    { text: 'AA', entryId: 'alopecia-areata', caseSensitive: true },
    { text: 'baricitinib', entryId: 'baricitinib', caseSensitive: false },
    { text: 'Olumiant', entryId: 'baricitinib', caseSensitive: false },
    { text: 'fever', entryId: 'fever', caseSensitive: false },
  ],
} as unknown as CompiledGlossary;

describe('categories', () => {
  const every = { categories: DEFAULT_SETTINGS.categories, markTerms: 'all' } as const;

  it('gives the matcher only the aliases of categories that are on', () => {
    expect(aliasesForCategories(glossary, every)).toBe(glossary.aliases);
    const noDrugs = { ...DEFAULT_SETTINGS.categories, drug: false };
    expect(aliasesForCategories(glossary, { ...every, categories: noDrugs }).map((a) => a.text)).toEqual(['alopecia areata', 'AA', 'fever']);
    const none = Object.fromEntries(CATEGORIES.map((c) => [c, false])) as typeof noDrugs;
    expect(aliasesForCategories(glossary, { ...every, categories: none })).toEqual([]);
  });

  it('keys the set of entries that are on', () => {
    expect(entryScopeKey(every)).toBe(`${CATEGORIES.join(',')}|all`);
    expect(entryScopeKey({ ...every, categories: { ...DEFAULT_SETTINGS.categories, drug: false } })).not.toContain('drug');
    expect(entryScopeKey(every)).not.toBe(entryScopeKey({ ...every, markTerms: 'specialist' }));
  });
});

describe('which terms to mark', () => {
  it('leaves everyday words out by default, and all but specialist terms out when asked', () => {
    expect(DEFAULT_SETTINGS.markTerms).toBe('not-everyday');
    const texts = (markTerms: 'all' | 'not-everyday' | 'specialist') =>
      aliasesForCategories(glossary, { categories: DEFAULT_SETTINGS.categories, markTerms }).map((a) => a.text);
    expect(texts('all')).toEqual(['alopecia areata', 'AA', 'baricitinib', 'Olumiant', 'fever']);
    expect(texts('not-everyday')).toEqual(['alopecia areata', 'AA', 'baricitinib', 'Olumiant']);
    expect(texts('specialist')).toEqual(['baricitinib', 'Olumiant']);
    expect(familiarityShown('common', 'specialist')).toBe(false);
    expect(familiarityShown('everyday', 'all')).toBe(true);
  });
});

describe('mark styles', () => {
  it('keeps the original name for the default and registers nothing for none', () => {
    expect(markHighlightName('dotted')).toBe('health-glossary-term');
    expect(markHighlightName('solid')).toBe('health-glossary-term-solid');
    expect(markHighlightName('background')).toBe('health-glossary-term-background');
    expect(markHighlightName('none')).toBeUndefined();
  });
});

describe('badge', () => {
  it('counts distinct entries over the frames of a tab', () => {
    const counts = new TermCounts();
    expect(counts.setFrame(1, 0, ['a', 'b'])).toBe(2);
    expect(counts.setFrame(1, 7, ['b', 'c'])).toBe(3);
    expect(counts.setFrame(2, 0, ['a'])).toBe(1);
    // A frame reporting again replaces what it said before.
    expect(counts.setFrame(1, 7, [])).toBe(2);
    counts.clearTab(1);
    expect(counts.count(1)).toBe(0);
    expect(counts.tabIds()).toEqual([2]);
  });

  it('writes nothing for zero or when hidden, and caps long numbers', () => {
    expect(badgeText(0, true)).toBe('');
    expect(badgeText(12, true)).toBe('12');
    expect(badgeText(12, false)).toBe('');
    expect(badgeText(1500, true)).toBe('999+');
  });
});

describe('messages', () => {
  it('accepts only well-formed messages', () => {
    expect(parsePopupToContent({ type: 'popup-to-content:list-terms' })).toEqual({ type: 'popup-to-content:list-terms' });
    expect(parsePopupToContent({ type: 'popup-to-content:reveal-term', entryId: 'x' })).toEqual({ type: 'popup-to-content:reveal-term', entryId: 'x' });
    expect(parsePopupToContent({ type: 'popup-to-content:reveal-term' })).toBeUndefined();
    expect(parsePopupToContent('list')).toBeUndefined();
    expect(parseContentToBackground({ type: 'content-to-background:terms-on-page', entryIds: ['a'] })).toBeDefined();
    expect(parseContentToBackground({ type: 'content-to-background:terms-on-page', entryIds: [1] })).toBeUndefined();
    expect(parseBackgroundToContent({ type: 'background-to-content:report-terms' })).toEqual({ type: 'background-to-content:report-terms' });
    expect(parseTermsOnPage({ host: 'a.org', active: true, terms: [{ entryId: 'x', name: 'X', short: 's', count: 2 }] })).toBeDefined();
    expect(parseTermsOnPage({ host: 'a.org', active: true, terms: [{ entryId: 'x' }] })).toBeUndefined();
    // A page without a hostname: Firefox drops the undefined field on the way.
    expect(parseTermsOnPage({ active: true, terms: [] })).toEqual({ active: true, terms: [] });
  });
});
