/**
 * What the glossary compiler hands to the extension: the texts the UI shows and the alias list the
 * matcher compiles. Kept separate from the schema so the content script bundles no validator.
 */
import type { Area, Category, Familiarity } from './categories';
import type { ContextRule } from './schema';
import type { GateSpec } from '../lib/matcher/prefilter';
import type { SerializedMatcherTables } from '../lib/matcher/serialize';

export interface CompiledSource {
  /** The publisher's display name, e.g. "National Institutes of Health (NIAMS)". */
  publisher: string;
  title: string;
  url: string;
}

/** What the card says of one medicine (see MedicineSchema). */
export interface CompiledMedicine {
  treats: string;
  availability: 'prescription' | 'over-the-counter' | 'both';
  approval: string;
  ages: string;
  boxedWarnings: { name: string; plain: string }[];
  sideEffects: { common: string; serious: string };
}

export interface CompiledEntry {
  id: string;
  name: string;
  category: Category;
  area: Area;
  familiarity: Familiarity;
  pronunciation?: string;
  short: string;
  long: string;
  /** When to get help, where waiting could harm the reader. */
  getHelp?: string;
  medicine?: CompiledMedicine;
  related: string[];
  sources: CompiledSource[];
  reviewed: string;
  codes?: { icd10?: string[]; mesh?: string[] };
}

/** One surface form the matcher looks for, and the entry it stands for. */
export interface AliasSpec {
  text: string;
  entryId: string;
  caseSensitive: boolean;
  context?: ContextRule;
}

export interface CompiledGlossary {
  entries: Record<string, CompiledEntry>;
  aliases: AliasSpec[];
  /** The matcher's gate for every alias, worked out at build time (valid for any category subset). */
  gate: GateSpec;
  /** The matcher's trie and tables for every alias, built at build time (see matcherFromTables). */
  matcher: SerializedMatcherTables;
}
