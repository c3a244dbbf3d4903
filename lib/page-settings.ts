/**
 * Pure pieces of applying settings to a page: which entries the matcher looks for under the chosen
 * categories, and which registered highlight name paints each mark style (highlights.css styles
 * each name; the page's DOM never changes).
 */
import type { AliasSpec, CompiledGlossary } from '../glossary/compiled';
import { CATEGORIES } from '../glossary/categories';
import type { CategorySwitches, MarkStyle } from './settings';

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

/** A stable key of the categories that are on, to know when the matcher must be rebuilt. */
export function categoriesKey(categories: CategorySwitches): string {
  return CATEGORIES.filter((category) => categories[category]).join(',');
}

/** Whether an entry's category is on; undefined when every category is (nothing to filter). */
export function entryFilterFor(glossary: CompiledGlossary, categories: CategorySwitches): ((entryId: string) => boolean) | undefined {
  if (CATEGORIES.every((category) => categories[category])) return undefined;
  return (entryId) => {
    const entry = glossary.entries[entryId];
    return entry !== undefined && categories[entry.category];
  };
}

/** The aliases of the entries whose category is on. */
export function aliasesForCategories(glossary: CompiledGlossary, categories: CategorySwitches): AliasSpec[] {
  const isOn = entryFilterFor(glossary, categories);
  return isOn ? glossary.aliases.filter((alias) => isOn(alias.entryId)) : glossary.aliases;
}
