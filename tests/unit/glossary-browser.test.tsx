// @vitest-environment happy-dom
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installEnglishMessages } from './english-messages';
import {
  GlossaryBrowser,
  RESULTS_PAGE,
  aliasIndex,
  groupByLetter,
  indexLetter,
  normalizeForSearch,
  searchGlossary,
} from '../../components/GlossaryBrowser';
import type { CompiledEntry, CompiledGlossary } from '../../lib/compiled/compiled';
import { buildGlossary, matcherData } from '../../glossary/compile';

function entry(id: string, name: string, extra: Partial<CompiledEntry> = {}): CompiledEntry {
  return {
    id,
    name,
    category: 'condition',
    area: 'skin-hair',
    familiarity: 'common',
    short: `${name} short.`,
    long: `${name} long.`,
    related: [],
    sources: [{ publisher: 'NIAMS', title: `${name} page`, url: `https://www.niams.nih.gov/${id}` }],
    reviewed: '2026-11-27',
    ...extra,
  };
}

function withGate(glossary: Omit<CompiledGlossary, 'gate' | 'matcher'>): CompiledGlossary {
  return { ...glossary, ...matcherData(glossary.aliases) };
}

/** A small glossary built by hand, so these tests do not move when the real entries change. */
const SMALL: CompiledGlossary = withGate({
  entries: {
    'alopecia-areata': entry('alopecia-areata', 'Alopecia areata', { related: ['baricitinib'] }),
    alopecia: entry('alopecia', 'Alopecia'),
    baricitinib: entry('baricitinib', 'Baricitinib', { category: 'drug' }),
    'hashimotos-disease': entry('hashimotos-disease', "Hashimoto's disease"),
    '5-alpha-reductase': entry('5-alpha-reductase', '5-alpha reductase', { category: 'biology' }),
    'jak-inhibitor': entry('jak-inhibitor', 'JAK inhibitor', { category: 'drug' }),
  },
  aliases: [
    { text: 'Alopecia areata', entryId: 'alopecia-areata', caseSensitive: false },
    { text: 'AA', entryId: 'alopecia-areata', caseSensitive: true },
    { text: 'Alopecia', entryId: 'alopecia', caseSensitive: false },
    { text: 'hair loss', entryId: 'alopecia', caseSensitive: false },
    { text: 'Baricitinib', entryId: 'baricitinib', caseSensitive: false },
    { text: 'Olumiant', entryId: 'baricitinib', caseSensitive: false },
    { text: "Hashimoto's disease", entryId: 'hashimotos-disease', caseSensitive: false },
    { text: 'JAK inhibitor', entryId: 'jak-inhibitor', caseSensitive: false },
    { text: 'jakinibs', entryId: 'jak-inhibitor', caseSensitive: false },
  ],
});
const ids = (hits: { entry: CompiledEntry }[]) => hits.map((h) => h.entry.id);

describe('glossary search', () => {
  it('normalizes case, accents, apostrophes and hyphens', () => {
    expect(normalizeForSearch("  Hashimoto’s  Dis-ease ")).toBe('hashimotos dis ease');
    expect(normalizeForSearch('Sjögren')).toBe('sjogren');
  });

  it('lists every entry A–Z for an empty query', () => {
    expect(ids(searchGlossary(SMALL, '  '))).toEqual(['5-alpha-reductase', 'alopecia', 'alopecia-areata', 'baricitinib', 'hashimotos-disease', 'jak-inhibitor']);
  });

  it('ranks an exact name above a prefix match', () => {
    expect(ids(searchGlossary(SMALL, 'alopecia'))).toEqual(['alopecia', 'alopecia-areata']);
  });

  it('finds an entry by a brand name and says which alias matched', () => {
    const hits = searchGlossary(SMALL, 'olumi');
    expect(ids(hits)).toEqual(['baricitinib']);
    expect(hits[0]!.matchedAlias).toBe('Olumiant');
  });

  it('finds by a word inside an alias, and ignores apostrophes', () => {
    expect(ids(searchGlossary(SMALL, 'loss'))).toEqual(['alopecia']);
    expect(ids(searchGlossary(SMALL, 'hashimotos'))).toEqual(['hashimotos-disease']);
  });

  it('returns nothing for a term the glossary does not hold', () => {
    expect(searchGlossary(SMALL, 'gout')).toEqual([]);
  });

  it('does not list the name again among the other names', () => {
    expect(aliasIndex(SMALL).get('baricitinib')).toEqual(['Olumiant']);
    expect(aliasIndex(SMALL).has('hashimotos-disease')).toBe(false);
  });

  it('groups by initial letter with digits under #', () => {
    expect(indexLetter(SMALL.entries['5-alpha-reductase']!)).toBe('#');
    expect(groupByLetter(searchGlossary(SMALL, '')).map(([letter, hits]) => `${letter}${hits.length}`)).toEqual(['#1', 'A2', 'B1', 'H1', 'J1']);
  });
});

describe('<GlossaryBrowser>', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishMessages();
  });

  const click = (el: Element | null) => act(() => (el as HTMLElement).click());

  it('shows one letter at a time, filters as the reader types and jumps to a related entry', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    await act(() => render(<GlossaryBrowser glossary={SMALL} />, host));
    const names = () => [...host.querySelectorAll('article h4')].map((h) => h.textContent);
    // The first letter with entries: A.
    expect(names()).toEqual(['Alopecia', 'Alopecia areata']);
    await click(host.querySelector('nav[aria-label="A to Z"] button[aria-label="J"]'));
    expect(names()).toEqual(['JAK inhibitor']);
    expect(host.querySelector('nav[aria-label="A to Z"] button[aria-label="C"]')).toBeNull();

    const input = host.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(host.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    await act(() => {
      input.value = 'areata';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(names()).toEqual(['Alopecia areata']);
    expect(host.querySelector('[role="status"]')!.textContent).toContain('1 entry matches');

    // "More" shows the rest; the related entry is under another letter: following the link shows
    // that letter and focuses the entry.
    expect(host.querySelector('a[href="#entry-baricitinib"]')).toBeNull();
    await click(host.querySelector('article button.entry-more'));
    expect(host.querySelector('.entry-long')!.textContent).toBe('Alopecia areata long.');
    await click(host.querySelector('a[href="#entry-baricitinib"]'));
    await act(() => {});
    expect(names()).toEqual(['Baricitinib']);
    expect(document.activeElement?.id).toBe('entry-baricitinib');
    render(null, host);
    host.remove();
  });

  it('shows search results a page at a time', async () => {
    const many: CompiledGlossary = withGate({
      entries: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`term-${i}`, entry(`term-${i}`, `Term ${i}`)])),
      aliases: [],
    });
    const host = document.createElement('div');
    await act(() => render(<GlossaryBrowser glossary={many} />, host));
    const input = host.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(() => {
      input.value = 'term';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(host.querySelectorAll('article')).toHaveLength(RESULTS_PAGE);
    await click(host.querySelector('button.glossary-more-results'));
    expect(host.querySelectorAll('article')).toHaveLength(2 * RESULTS_PAGE);
    await click(host.querySelector('button.glossary-more-results'));
    expect(host.querySelectorAll('article')).toHaveLength(120);
    expect(host.querySelector('button.glossary-more-results')).toBeNull();
    render(null, host);
  });

  it('renders every entry of the real glossary, letter by letter, with sources and review dates', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const glossary = buildGlossary({ dir: join(root, 'glossary'), root });
    const host = document.createElement('div');
    await act(() => render(<GlossaryBrowser glossary={glossary} />, host));
    let seen = 0;
    for (const button of [...host.querySelectorAll('nav[aria-label="A to Z"] button')]) {
      await click(button);
      const articles = host.querySelectorAll('article');
      seen += articles.length;
      for (const article of articles) {
        expect(article.querySelector('a[href^="https://"]'), article.id).not.toBeNull();
        expect(article.querySelector('time[datetime]'), article.id).not.toBeNull();
      }
    }
    expect(seen).toBe(Object.keys(glossary.entries).length);
    render(null, host);
  }, 60_000);
});
