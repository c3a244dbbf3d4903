/**
 * What the glossary compiler (glossary/compile.ts) hands to the extension: the texts the UI shows,
 * the alias list, and the matcher's tables and gate built from it. Plain types with no validator,
 * so the content script bundles none.
 */
import type { Area, Category, Familiarity } from './categories';
import type { AliasSpec } from '../matcher/types';
import type { GateSpec } from '../matcher/prefilter';
import type { SerializedMatcherTables } from '../matcher/serialize';

export type { AliasSpec, ContextRule } from '../matcher/types';

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

export interface CompiledGlossary {
  entries: Record<string, CompiledEntry>;
  aliases: AliasSpec[];
  /** The matcher's gate for every alias, worked out at build time (valid for any category subset). */
  gate: GateSpec;
  /** The matcher's trie and tables for every alias, built at build time (see matcherFromTables). */
  matcher: SerializedMatcherTables;
}

/**
 * What the content script ships: only what marking needs. The texts a card shows stay in the
 * background (GlossaryTexts), which sends a card its entry when the pointer comes to a term.
 */
export interface PageGlossary {
  gate: GateSpec;
  matcher: SerializedMatcherTables;
  /**
   * Per entry the matcher can find, in the order of matcher.entryIds (so the ids are shipped once):
   * two characters, the index of its category in CATEGORIES and of its familiarity in FAMILIARITY,
   * as digits (what the reader's filters need).
   */
  scope: string;
}

/** The texts: the background's (for cards, the popup's list, "explain") and the options page's. */
export type GlossaryTexts = Pick<CompiledGlossary, 'entries' | 'aliases'>;

/** What a card needs of the glossary, from the background: one entry and its related entries' names. */
export interface CardEntry {
  entry: CompiledEntry;
  /** Related entry id → name, for the entries that exist. */
  relatedNames: Record<string, string>;
}
