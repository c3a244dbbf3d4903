/**
 * Which entries a page matches at all, from the reader's categories and "Which terms to mark".
 * Apart from lib/settings.ts so that Node tools (the eval, the breadth report) can use it without
 * loading the settings' storage item, which needs an extension context.
 */
import { CATEGORIES, type Familiarity } from './compiled/categories';
import type { CompiledEntry } from './compiled/compiled';
import type { CategorySwitches, MarkTerms } from './settings';

/** The settings that decide which entries are matched at all. */
export interface EntryScope {
  categories: CategorySwitches;
  markTerms: MarkTerms;
}

/** A stable key of the entries that are on, to know when the matcher must be rebuilt. */
export function entryScopeKey(scope: EntryScope): string {
  return `${CATEGORIES.filter((category) => scope.categories[category]).join(',')}|${scope.markTerms}`;
}

/** Whether an entry of this familiarity is marked under the "Which terms to mark" setting. */
export function familiarityShown(familiarity: Familiarity, markTerms: MarkTerms): boolean {
  if (markTerms === 'all') return true;
  if (markTerms === 'specialist') return familiarity === 'specialist';
  return familiarity !== 'everyday';
}

/** Whether an entry is on; undefined when every entry is (nothing to filter). */
export function entryFilterFor(glossary: { entries: Readonly<Record<string, Pick<CompiledEntry, 'category' | 'familiarity'>>> }, scope: EntryScope): ((entryId: string) => boolean) | undefined {
  const allCategories = CATEGORIES.every((category) => scope.categories[category]);
  if (allCategories && scope.markTerms === 'all') return undefined;
  return (entryId) => {
    const entry = glossary.entries[entryId];
    return entry !== undefined && scope.categories[entry.category] && familiarityShown(entry.familiarity, scope.markTerms);
  };
}
