/**
 * "Explain" on text the glossary may not know: find the entry the reader meant, or the closest
 * few. Pure: works over the compiled glossary's names and aliases, folded the way the matcher
 * folds page text (case, diacritics, hyphens), so "Alopecia-Areata" and "alopécia areata" match.
 *
 * Closeness is the better of two measures, because readers' selections fail in two ways:
 * - a misspelling ("alopetia areata"): normalised edit distance over the whole phrase;
 * - a different or partial wording ("JAK inhibitor pills", "areata"): overlap of words, where
 *   two words agree when equal, when one is a prefix of the other (4+ letters), or when they are
 *   one edit apart (5+ letters).
 */
import type { AliasSpec, CompiledEntry } from '../compiled/compiled';
import { foldKey } from '../matcher/fold';

export interface SuggestInput {
  entries: Record<string, Pick<CompiledEntry, 'id' | 'name'>>;
  aliases: readonly Pick<AliasSpec, 'text' | 'entryId'>[];
}

export interface Suggestion {
  entryId: string;
  /** 0..1; 1 is an exact match after folding. */
  score: number;
}

export interface Lookup {
  /** The entry the text names exactly (after folding and a plural ending), if any. */
  exact: string | undefined;
  /**
   * Without an exact match: the entry whose name or alias (4+ characters) appears whole inside a
   * longer selection ("treated with JAK inhibitors daily"), the longest if several.
   */
  contained: string | undefined;
  /** Closest other entries, best first. */
  closest: Suggestion[];
}

interface Key {
  folded: string;
  words: string[];
  entryId: string;
}

/** Selections drag quotes, brackets and full stops along; they are not part of the term. */
const EDGE_PUNCTUATION = /^[\s"'“”‘’«»()[\]{}.,;:!?¿¡*_/\\]+|[\s"'“”‘’«»()[\]{}.,;:!?¿¡*_/\\]+$/g;

const WORD_END = /[\p{L}\p{N}]$/u;
const WORD_START_AFTER_PLURAL = /^(?:e?s)?(?![\p{L}\p{N}])/u;

export function normalise(text: string): string {
  const trimmed = text.replace(EDGE_PUNCTUATION, '');
  if (trimmed === '') return '';
  return foldKey(trimmed).folded;
}

export class EntrySuggester {
  private readonly keys: Key[] = [];
  private readonly byFolded = new Map<string, string>();

  constructor(input: SuggestInput) {
    const add = (text: string, entryId: string) => {
      const folded = normalise(text);
      if (folded === '') return;
      if (!this.byFolded.has(folded)) this.byFolded.set(folded, entryId);
      this.keys.push({ folded, words: folded.split(' '), entryId });
    };
    for (const entry of Object.values(input.entries)) add(entry.name, entry.id);
    for (const alias of input.aliases) if (input.entries[alias.entryId]) add(alias.text, alias.entryId);
  }

  lookup(text: string, limit = 5, minScore = 0.4): Lookup {
    const query = normalise(text);
    if (query === '') return { exact: undefined, contained: undefined, closest: [] };
    const exact = this.exactEntry(query);
    const contained = exact ? undefined : this.containedEntry(query);
    const best = new Map<string, number>();
    const words = query.split(' ');
    for (const key of this.keys) {
      if (key.entryId === exact) continue;
      const score = Math.max(phraseSimilarity(query, key.folded), wordOverlap(words, key.words));
      if (score >= minScore && score > (best.get(key.entryId) ?? 0)) best.set(key.entryId, score);
    }
    const closest = [...best]
      .map(([entryId, score]) => ({ entryId, score }))
      .sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId))
      .slice(0, limit);
    return { exact, contained, closest };
  }

  private containedEntry(query: string): string | undefined {
    let best: Key | undefined;
    for (const key of this.keys) {
      if (key.folded.length < 4 || (best && key.folded.length <= best.folded.length)) continue;
      for (let at = query.indexOf(key.folded); at >= 0; at = query.indexOf(key.folded, at + 1)) {
        const before = query.slice(0, at);
        const after = query.slice(at + key.folded.length);
        // Whole words only; a plural ending may follow.
        if (!WORD_END.test(before) && WORD_START_AFTER_PLURAL.test(after)) {
          best = key;
          break;
        }
      }
    }
    return best?.entryId;
  }

  private exactEntry(query: string): string | undefined {
    const direct = this.byFolded.get(query);
    if (direct) return direct;
    for (const ending of ['es', 's']) {
      if (query.length > ending.length + 2 && query.endsWith(ending)) {
        const hit = this.byFolded.get(query.slice(0, -ending.length));
        if (hit) return hit;
      }
    }
    return undefined;
  }
}

/** Levenshtein distance with one reused row; the strings are short (names and aliases). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** 1 − edit distance / longer length. */
export function phraseSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

function wordsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 4 && (a.startsWith(b) || b.startsWith(a))) return true;
  return shorter >= 5 && editDistance(a, b) <= 1;
}

/**
 * Share of words that agree, over the union of both phrases' words (Jaccard). Scaled down a
 * little, so an exact-looking overlap never outranks an actual near-identical spelling.
 */
export function wordOverlap(query: readonly string[], key: readonly string[]): number {
  let agreed = 0;
  const used = new Set<number>();
  for (const word of query) {
    const index = key.findIndex((candidate, i) => !used.has(i) && wordsAgree(word, candidate));
    if (index >= 0) {
      used.add(index);
      agreed++;
    }
  }
  const union = query.length + key.length - agreed;
  return union === 0 ? 0 : (0.95 * agreed) / union;
}
