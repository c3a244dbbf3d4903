/**
 * The content script's view of the shipped PageGlossary: each entry's category and familiarity,
 * decoded once from its two-characters-an-entry column, for the reader's filters.
 */
import { CATEGORIES, FAMILIARITY, type Category, type Familiarity } from './categories';
import type { PageGlossary } from './compiled';

export type EntryKinds = Record<string, { category: Category; familiarity: Familiarity }>;

/** Entry id → its category and familiarity. */
export function entryKinds(page: Pick<PageGlossary, 'matcher' | 'scope'>): EntryKinds {
  const kinds: EntryKinds = Object.create(null) as EntryKinds;
  const ids = page.matcher.entryIds === '' ? [] : page.matcher.entryIds.split('\n');
  ids.forEach((id, i) => {
    kinds[id] = { category: CATEGORIES[page.scope.charCodeAt(2 * i) - 48]!, familiarity: FAMILIARITY[page.scope.charCodeAt(2 * i + 1) - 48]! };
  });
  return kinds;
}
