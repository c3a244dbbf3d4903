/**
 * The shape of one glossary entry file (glossary/entries/<id>.yaml).
 *
 * This schema is the contract between the people who write entries and the code that ships them:
 * the build validates every file against it, and the types below are derived from it, so the
 * compiler, the matcher and the UI can never disagree about what an entry holds.
 */
import * as v from 'valibot';

import { ISO_DATE } from '../lib/dates';
import { AREAS, CATEGORIES, FAMILIARITY } from '../lib/compiled/categories';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const nonBlank = (what: string) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty(`${what} must not be empty`));

export const EntryIdSchema = v.pipe(
  v.string(),
  v.regex(ID_PATTERN, 'ids are lower-case words joined by hyphens, e.g. "alopecia-areata"'),
);

/**
 * When an alias is also an everyday word or belongs to other fields ("universalis", "topical",
 * "AA", "JAK"), it is only a health term when its context says so. The matcher checks the rule;
 * the entry declares it.
 */
export const ContextRuleSchema = v.strictObject({
  /** Words or phrases; at least one must occur in the scope for the alias to match. */
  cues: v.pipe(v.array(nonBlank('a context cue')), v.minLength(1, 'a context needs at least one cue')),
  /**
   * Where the cue must be: `block` = the same paragraph/list item/cell; `near` = within
   * `window` words before or after the alias.
   */
  scope: v.optional(v.picklist(['block', 'near']), 'block'),
  window: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 6),
});
export type ContextRule = v.InferOutput<typeof ContextRuleSchema>;

export const AliasObjectSchema = v.strictObject({
  text: nonBlank('an alias'),
  /** Abbreviations and brand names that only mean the term in one letter case ("JAK", "AA"). */
  caseSensitive: v.optional(v.boolean(), false),
  /** See ContextRuleSchema; absent means the alias is unambiguous. */
  context: v.optional(ContextRuleSchema),
  /**
   * Other entries that legitimately claim the same alias (e.g. a drug and its class). Both sides
   * must declare it, or the build reports the alias as claimed twice.
   */
  sharedWith: v.optional(v.array(EntryIdSchema)),
});
/** An alias is either plain text or an object with matching rules. */
export const AliasSchema = v.union([nonBlank('an alias'), AliasObjectSchema]);
export type AliasInput = v.InferInput<typeof AliasSchema>;

const isoDate = (what: string) =>
  v.pipe(
    v.string(),
    v.regex(ISO_DATE, `${what} must be a date written YYYY-MM-DD`),
    v.check((d) => !Number.isNaN(Date.parse(d)), `${what} must be a real date`),
  );

export const SourceSchema = v.strictObject({
  /** Key of an allowed publisher in glossary/publishers.yaml. */
  publisher: nonBlank('a source publisher'),
  title: nonBlank('a source title'),
  url: v.pipe(
    v.string(),
    v.url('a source URL must be a full URL'),
    v.startsWith('https://', 'a source URL must use https'),
  ),
  /**
   * The day the author read this page and checked the entry's claims against it. A source without
   * it is cited from the publisher's known page but was not read for this version of the entry.
   */
  read: v.optional(isoDate('a source\'s read date')),
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const BoxedWarningSchema = v.strictObject({
  /** The warning's subject as the label names it, e.g. "Serious infections", "Suicidal thoughts". */
  name: nonBlank('a boxed warning name'),
  /** What it means for the reader, in plain words. */
  plain: nonBlank('a boxed warning explanation'),
});

/**
 * What a reader must know about one medicine. Required for every `drug` entry that is a single
 * medicine (a class sets `drugClass: true` instead), so no medicine can ship without its status,
 * age limits and boxed warnings having been looked up.
 */
export const MedicineSchema = v.strictObject({
  /** What it is used for, in plain words. */
  treats: nonBlank('medicine.treats'),
  availability: v.picklist(
    ['prescription', 'over-the-counter', 'both'],
    'medicine.availability must be prescription, over-the-counter or both',
  ),
  /** Approval status with the year (or date) it last changed, e.g. "FDA-approved in 1994; generic since 2002". */
  approval: v.pipe(
    nonBlank('medicine.approval'),
    v.regex(/\b(19|20)\d{2}\b/, 'medicine.approval must say when (a year) the status was granted or changed'),
  ),
  /** Who may take it, e.g. "Adults and children 10 and older". */
  ages: nonBlank('medicine.ages'),
  /**
   * Every boxed warning on the U.S. label, or an empty list when the label has none. Required, so
   * "none" is a checked fact rather than a forgotten field.
   */
  boxedWarnings: v.array(BoxedWarningSchema),
  sideEffects: v.strictObject({
    common: nonBlank('medicine.sideEffects.common'),
    serious: nonBlank('medicine.sideEffects.serious'),
  }),
});
export type Medicine = v.InferOutput<typeof MedicineSchema>;

export const EntrySchema = v.strictObject({
  id: EntryIdSchema,
  /** The name shown as the popover's heading, in its usual capitalisation. */
  name: nonBlank('name'),
  category: v.picklist(CATEGORIES, `category must be one of: ${CATEGORIES.join(', ')}`),
  /** Where in health a reader meets the term; the report counts entries per area. */
  area: v.picklist(AREAS, `area must be one of: ${AREAS.join(', ')}`),
  /** everyday, common or specialist: readers may hide everyday words, or all but specialist ones. */
  familiarity: v.picklist(FAMILIARITY, `familiarity must be one of: ${FAMILIARITY.join(', ')}`),
  /** Plain respelling for hard names, e.g. "al-oh-PEE-sha AIR-ee-AH-tuh". */
  pronunciation: v.optional(nonBlank('pronunciation')),
  /** Every way readers write the term besides `name` (which always matches). */
  aliases: v.optional(v.array(AliasSchema), []),
  /** Whether `name` itself needs a context or case rule (e.g. the entry "Mohs surgery" does not). */
  nameRule: v.optional(
    v.strictObject({
      caseSensitive: v.optional(v.boolean(), false),
      context: v.optional(ContextRuleSchema),
    }),
  ),
  /** One to three plain-language sentences, at most 40 words. */
  short: v.pipe(
    nonBlank('short'),
    v.check((text) => countWords(text) <= 40, 'short must be at most 40 words'),
  ),
  /** The longer explanation behind "more": what it is, who gets it, what is done about it. */
  long: nonBlank('long'),
  /**
   * When to get help, where waiting could harm a reader: the emergency signs, or when to see a
   * doctor. At most 40 words; the card shows it apart from the definition.
   */
  getHelp: v.optional(
    v.pipe(
      nonBlank('getHelp'),
      v.check((text) => countWords(text) <= 40, 'getHelp must be at most 40 words'),
    ),
  ),
  /** Facts a reader of a single medicine needs (see MedicineSchema). */
  medicine: v.optional(MedicineSchema),
  /** A `drug` entry naming a class of medicines rather than one medicine needs no `medicine` block. */
  drugClass: v.optional(v.boolean()),
  related: v.optional(v.array(EntryIdSchema), []),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'an entry needs at least one source')),
  /** The date a reviewer last checked the entry against its sources (YYYY-MM-DD). */
  reviewed: isoDate('reviewed'),
  codes: v.optional(
    v.strictObject({
      icd10: v.optional(v.array(v.pipe(v.string(), v.regex(/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/, 'not an ICD-10 code')))),
      mesh: v.optional(v.array(v.pipe(v.string(), v.regex(/^D\d{6,9}$/, 'not a MeSH descriptor id')))),
    }),
  ),
});
export type EntryInput = v.InferInput<typeof EntrySchema>;
export type Entry = v.InferOutput<typeof EntrySchema>;

export const PublisherSchema = v.strictObject({
  name: nonBlank('publisher name'),
  /** Hostnames (and their subdomains) whose URLs may be cited for this publisher. */
  domains: v.pipe(v.array(nonBlank('domain')), v.minLength(1)),
});
export const PublishersSchema = v.record(v.string(), PublisherSchema);
export type Publisher = v.InferOutput<typeof PublisherSchema>;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
