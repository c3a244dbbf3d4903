/**
 * The browsable glossary on the options page: every entry, searchable by name or alias, one letter
 * of an A–Z index at a time, with related links that jump within the browser. Pure: it takes the
 * glossary's texts as a prop (the options page loads them, not the matcher) and touches no
 * extension API, so it renders the same in tests.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CompiledEntry, GlossaryTexts } from '../lib/compiled/compiled';
import type { Category } from '../lib/compiled/categories';
import { formatDate, GLOSSARY_LANG, withParts } from './locale';
import { i18n } from '#i18n';
import { foldKey } from '../lib/matcher/fold';

/** A category's name for one entry; the options page's switches use the same message for the kind. */
export function categoryLabel(category: Category, count = 1): string {
  return i18n.t(`category.${category}`, count);
}

/**
 * A name, alias or query as search compares them: folded as the matcher folds text (case, accents,
 * dashes and spaces; see lib/matcher/fold.ts), then without apostrophes, which readers often leave
 * out ("crohns"), and with slashes as spaces.
 */
export function normalizeForSearch(text: string): string {
  return foldKey(text)
    .folded.replace(/'/g, '')
    .replace(/[/ ]+/g, ' ')
    .trim();
}

export interface SearchHit {
  entry: CompiledEntry;
  /** The alias that matched, when the query matched an alias rather than the name. */
  matchedAlias?: string;
}

/** Entry id → the alias texts readers may know it by (other than its name), in glossary order. */
export function aliasIndex(glossary: GlossaryTexts): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const alias of glossary.aliases) {
    const entry = glossary.entries[alias.entryId];
    if (!entry || normalizeForSearch(alias.text) === normalizeForSearch(entry.name)) continue;
    const list = index.get(alias.entryId) ?? [];
    if (!list.includes(alias.text)) list.push(alias.text);
    index.set(alias.entryId, list);
  }
  return index;
}

/** One collator for every comparison: localeCompare with options sets one up at each call. */
let collator: Intl.Collator | undefined;

export function compareNames(a: CompiledEntry, b: CompiledEntry): number {
  collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return collator.compare(a.name, b.name);
}

/**
 * Entries matching the query by name or alias, best first: exact name, exact alias, name prefix,
 * alias prefix, then any word of name or alias starting with the query, then substring. An empty
 * query returns every entry in A–Z order.
 */
export function searchGlossary(glossary: GlossaryTexts, query: string, aliases = aliasIndex(glossary), index = searchIndex(glossary, aliases)): SearchHit[] {
  const q = normalizeForSearch(query);
  if (q === '') return index.map(({ entry }) => ({ entry }));

  const scored: { hit: SearchHit; rank: number }[] = [];
  for (const { entry, name, aliases: forms } of index) {
    let best: { rank: number; alias?: string } | undefined = rankText(name, q);
    for (const [alias, folded] of forms) {
      const rank = rankText(folded, q);
      // An alias ranks just below the same kind of match on the name.
      if (rank && (!best || rank.rank + 0.5 < best.rank)) best = { rank: rank.rank + 0.5, alias };
    }
    if (best) scored.push({ hit: { entry, ...(best.alias ? { matchedAlias: best.alias } : {}) }, rank: best.rank });
  }
  // Array.prototype.sort is stable, so equal ranks keep A–Z order.
  return scored.sort((a, b) => a.rank - b.rank).map((s) => s.hit);
}

/**
 * Every entry in A–Z order with its name and aliases folded for search, worked out once for the
 * page, so that a keystroke only compares strings (a glossary of 10,000 entries has 50,000 aliases).
 */
export type SearchIndex = { entry: CompiledEntry; name: string; aliases: [alias: string, folded: string][] }[];

export function searchIndex(glossary: GlossaryTexts, aliases = aliasIndex(glossary)): SearchIndex {
  return Object.values(glossary.entries)
    .sort(compareNames)
    .map((entry) => ({ entry, name: normalizeForSearch(entry.name), aliases: (aliases.get(entry.id) ?? []).map((alias) => [alias, normalizeForSearch(alias)]) }));
}

const RANK_0 = { rank: 0 };
const RANK_1 = { rank: 1 };
const RANK_2 = { rank: 2 };
const RANK_3 = { rank: 3 };

function rankText(text: string, q: string): { rank: number } | undefined {
  const at = text.indexOf(q);
  if (at < 0) return undefined;
  if (at === 0) return text.length === q.length ? RANK_0 : RANK_1;
  // A word of the text starts with the query.
  if (text.charCodeAt(at - 1) === 0x20 || text.includes(` ${q}`)) return RANK_2;
  return RANK_3;
}

/** The index letter of an entry: A–Z, or "#" for names starting with a digit or symbol. */
export function indexLetter(entry: CompiledEntry): string {
  const first = normalizeForSearch(entry.name).charAt(0).toUpperCase();
  return first >= 'A' && first <= 'Z' ? first : '#';
}

export function groupByLetter(hits: SearchHit[]): [string, SearchHit[]][] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const letter = indexLetter(hit.entry);
    const group = groups.get(letter);
    if (group) group.push(hit);
    else groups.set(letter, [hit]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '#' ? -1 : b === '#' ? 1 : a.localeCompare(b)));
}

const LETTERS = ['#', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const entryAnchor = (id: string) => `entry-${id}`;
/** A letter of the index as it is read out: "#" is every name starting with a digit or symbol. */
const letterName = (letter: string) => (letter === '#' ? i18n.t('glossary.numbersAndSymbols') : letter);
/** Search results shown at once; more on request, so a one-letter query stays instant. */
export const RESULTS_PAGE = 50;

/**
 * One letter of the A–Z at a time, and search results a page at a time, each entry with its
 * definition and sources and the rest behind "More": with well over a thousand entries, rendering
 * them all at once made the options page slow to open and to read with assistive technology.
 */
export function GlossaryBrowser({ glossary }: { glossary: GlossaryTexts }) {
  const [query, setQuery] = useState('');
  const [letter, setLetter] = useState<string | null>(null);
  const [shown, setShown] = useState(RESULTS_PAGE);
  const [jumpTo, setJumpTo] = useState<string | null>(null);
  const aliases = useMemo(() => aliasIndex(glossary), [glossary]);
  const index = useMemo(() => searchIndex(glossary, aliases), [glossary, aliases]);
  const hits = useMemo(() => searchGlossary(glossary, query, aliases, index), [glossary, query, aliases, index]);
  const ranked = normalizeForSearch(query) !== '';
  const allGroups = useMemo(() => groupByLetter(searchGlossary(glossary, '', aliases, index)), [glossary, aliases, index]);
  const lettersWithEntries = useMemo(() => new Set(allGroups.map(([l]) => l)), [allGroups]);
  const current = letter ?? allGroups.find(([l]) => l !== '#')?.[0] ?? allGroups[0]?.[0] ?? 'A';
  const listRef = useRef<HTMLDivElement>(null);

  // A related link may point at an entry the current view hides: show its letter first, then move
  // focus to the entry once it is rendered.
  useEffect(() => {
    if (!jumpTo) return;
    const target = listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(entryAnchor(jumpTo))}`);
    if (target) {
      target.scrollIntoView?.({ block: 'start' });
      target.focus({ preventScroll: true });
      setJumpTo(null);
    }
  }, [jumpTo, hits, current]);

  const openEntry = (id: string) => {
    const target = glossary.entries[id];
    setQuery('');
    if (target) setLetter(indexLetter(target));
    setJumpTo(id);
  };

  const total = Object.keys(glossary.entries).length;
  const letterHits = allGroups.find(([l]) => l === current)?.[1] ?? [];
  const visible = ranked ? hits.slice(0, shown) : letterHits;
  return (
    <section class="glossary" aria-labelledby="glossary-heading">
      <h2 id="glossary-heading">{i18n.t('glossary.heading')}</h2>
      <p class="glossary-intro">{i18n.t('glossary.intro', total)}</p>
      <search class="glossary-search" role="search">
        <label for="glossary-query">{i18n.t('glossary.searchLabel')}</label>
        <input
          id="glossary-query"
          type="search"
          value={query}
          placeholder={i18n.t('glossary.searchPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setShown(RESULTS_PAGE);
          }}
        />
      </search>
      <p class="glossary-count" role="status" aria-live="polite">
        {ranked
          ? i18n.t('glossary.matches', hits.length, { query: query.trim() })
          : i18n.t('glossary.underLetter', letterHits.length, { total: i18n.t('glossary.total', total), letter: letterName(current) })}
      </p>
      {!ranked && (
        <nav class="glossary-index" aria-label={i18n.t('glossary.azLabel')}>
          <ul>
            {LETTERS.map((l) => (
              <li key={l}>
                {lettersWithEntries.has(l) ? (
                  <button
                    type="button"
                    class="glossary-letter-button"
                    aria-pressed={l === current}
                    aria-label={letterName(l)}
                    onClick={() => setLetter(l)}
                  >
                    {l}
                  </button>
                ) : (
                  <span aria-hidden="true">{l}</span>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="glossary-list" ref={listRef}>
        {ranked && hits.length === 0 && <p class="glossary-empty">{i18n.t('glossary.empty')}</p>}
        {!ranked && <h3 class="glossary-letter-heading">{current}</h3>}
        {visible.map((hit) => (
          <EntryView key={hit.entry.id} hit={hit} glossary={glossary} aliases={aliases} onOpen={openEntry} />
        ))}
        {ranked && hits.length > shown && (
          <button type="button" class="glossary-more-results" onClick={() => setShown((n) => n + RESULTS_PAGE)}>
            {i18n.t('glossary.showMore', hits.length - shown, { page: String(Math.min(RESULTS_PAGE, hits.length - shown)) })}
          </button>
        )}
      </div>
    </section>
  );
}

function EntryView({
  hit,
  glossary,
  aliases,
  onOpen,
}: {
  hit: SearchHit;
  glossary: GlossaryTexts;
  aliases: Map<string, string[]>;
  onOpen: (id: string) => void;
}) {
  const { entry, matchedAlias } = hit;
  const [open, setOpen] = useState(false);
  const headingId = `${entryAnchor(entry.id)}-name`;
  const moreId = `${entryAnchor(entry.id)}-more`;
  return (
    <article id={entryAnchor(entry.id)} class="glossary-entry" aria-labelledby={headingId} tabIndex={-1}>
      <header>
        <h4 id={headingId} lang={GLOSSARY_LANG}>
          {entry.name}
        </h4>
        {entry.pronunciation && (
          <p class="entry-pronunciation">
            <span class="visually-hidden">{i18n.t('glossary.pronounced')} </span>
            <span lang={GLOSSARY_LANG}>{entry.pronunciation}</span>
          </p>
        )}
        <p class="entry-category">{categoryLabel(entry.category)}</p>
        {matchedAlias && <p class="entry-matched">{i18n.t('glossary.matched', { alias: matchedAlias })}</p>}
      </header>
      <p class="entry-short" lang={GLOSSARY_LANG}>
        {entry.short}
      </p>
      {entry.getHelp && (
        <p class="entry-help">
          <strong>{i18n.t('glossary.getHelp')} </strong>
          <span lang={GLOSSARY_LANG}>{entry.getHelp}</span>
        </p>
      )}
      <p class="entry-sources-line">
        {entry.sources.map((s, i) => (
          <>
            {i > 0 && ' · '}
            <a href={s.url} target="_blank" rel="noopener noreferrer" title={s.title} lang={GLOSSARY_LANG}>
              {s.publisher}
            </a>
          </>
        ))}
        {' · '}
        {withParts(i18n.t('glossary.reviewedOn', { date: '{date}' }), {
          date: <time dateTime={entry.reviewed}>{formatDate(entry.reviewed, { day: true })}</time>,
        })}
      </p>
      <button type="button" class="entry-more" aria-expanded={open} aria-controls={open ? moreId : undefined} onClick={() => setOpen(!open)}>
        {open ? i18n.t('glossary.less') : i18n.t('glossary.more')}
      </button>
      {open && <EntryDetails id={moreId} entry={entry} glossary={glossary} aliases={aliases} onOpen={onOpen} />}
    </article>
  );
}

/** What "More" shows: rendered only when asked for, as most entries are only skimmed. */
function EntryDetails({
  id,
  entry,
  glossary,
  aliases,
  onOpen,
}: {
  id: string;
  entry: CompiledEntry;
  glossary: GlossaryTexts;
  aliases: Map<string, string[]>;
  onOpen: (id: string) => void;
}) {
  const otherNames = aliases.get(entry.id) ?? [];
  const related = entry.related.map((r) => glossary.entries[r]).filter((e): e is CompiledEntry => e !== undefined);
  return (
    <div id={id}>
      <p class="entry-long" lang={GLOSSARY_LANG}>
        {entry.long}
      </p>
      <dl class="entry-facts">
        {otherNames.length > 0 && (
          <>
            <dt>{i18n.t('glossary.alsoWritten')}</dt>
            <dd lang={GLOSSARY_LANG}>{otherNames.join(', ')}</dd>
          </>
        )}
        {related.length > 0 && (
          <>
            <dt>{i18n.t('glossary.related')}</dt>
            <dd lang={GLOSSARY_LANG}>
              <ul class="entry-related">
                {related.map((r) => (
                  <li key={r.id}>
                    <a
                      href={`#${entryAnchor(r.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        onOpen(r.id);
                      }}
                    >
                      {r.name}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{i18n.t('glossary.sources')}</dt>
        <dd lang={GLOSSARY_LANG}>
          <ul class="entry-sources">
            {entry.sources.map((s) => (
              <li key={s.url}>
                {s.publisher}:{' '}
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </dd>
        {entry.codes?.icd10 && (
          <>
            <dt>
              <abbr title={i18n.t('glossary.icd10')}>ICD-10</abbr>
            </dt>
            <dd>{entry.codes.icd10.join(', ')}</dd>
          </>
        )}
        {entry.codes?.mesh && (
          <>
            <dt>
              <abbr title={i18n.t('glossary.mesh')}>MeSH</abbr>
            </dt>
            <dd>{entry.codes.mesh.join(', ')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
