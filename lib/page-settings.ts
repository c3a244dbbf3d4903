/**
 * Pure pieces of applying settings to a page: which entries the matcher looks for under the chosen
 * categories, and which registered highlight name paints each mark style (highlights.css styles
 * each name; the page's DOM never changes).
 */
import type { AliasSpec, CompiledGlossary } from './glossary/compiled';
import { CATEGORIES, type Familiarity } from './glossary/categories';
import type { CategorySwitches, MarkStyle, MarkTerms } from './settings';

/**
 * The default style keeps the highlight's original name so that other code and tests that look
 * for `health-glossary-term` see the marks as before.
 */
export const MARK_HIGHLIGHT_NAMES: Readonly<Record<Exclude<MarkStyle, 'none'>, string>> = {
  dotted: 'health-glossary-term',
  solid: 'health-glossary-term-solid',
  background: 'health-glossary-term-background',
};

/** The registry name for a style; undefined for 'none' (terms are hit-tested but not painted). */
export function markHighlightName(style: MarkStyle): string | undefined {
  return style === 'none' ? undefined : MARK_HIGHLIGHT_NAMES[style];
}

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
export function entryFilterFor(glossary: CompiledGlossary, scope: EntryScope): ((entryId: string) => boolean) | undefined {
  const allCategories = CATEGORIES.every((category) => scope.categories[category]);
  if (allCategories && scope.markTerms === 'all') return undefined;
  return (entryId) => {
    const entry = glossary.entries[entryId];
    return entry !== undefined && scope.categories[entry.category] && familiarityShown(entry.familiarity, scope.markTerms);
  };
}

/** The aliases of the entries that are on. */
export function aliasesForCategories(glossary: CompiledGlossary, scope: EntryScope): AliasSpec[] {
  const isOn = entryFilterFor(glossary, scope);
  return isOn ? glossary.aliases.filter((alias) => isOn(alias.entryId)) : glossary.aliases;
}
