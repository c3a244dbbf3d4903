import type { AliasSpec, CompiledGlossary } from '../../lib/compiled/compiled';
import { entryFilterFor, type EntryScope } from '../../lib/entry-scope';

/** The aliases of the entries that are on: what a matcher built for that scope holds. */
export function aliasesForCategories(glossary: CompiledGlossary, scope: EntryScope): AliasSpec[] {
  const isOn = entryFilterFor(glossary, scope);
  return isOn ? glossary.aliases.filter((alias) => isOn(alias.entryId)) : glossary.aliases;
}
