/**
 * The alphabet of folding, shared by fold.ts and the definition its generated tables come from
 * (unit-class-definition.ts), so the generator does not depend on the tables it writes.
 */

/** What a folded unit is, for word boundaries. */
export const UnitClass = {
  /** Punctuation, symbols, emoji, separators: never part of a word. */
  Boundary: 0,
  /** Digits, and connector punctuation such as "_" ("psoriasis_treatment" is one identifier): glue to any word. */
  Digit: 1,
  Latin: 2,
  Greek: 3,
  Cyrillic: 4,
  Arabic: 5,
  Hebrew: 6,
  /** Letters of other scripts that separate words with spaces. */
  OtherLetter: 7,
  /** Scripts written without spaces between words (Han, kana, Hangul, Thai ...): every unit may start or end a term. */
  Unspaced: 8,
} as const;

/** Characters folding drops: soft hyphen, zero-width and direction marks, variation selectors, combining marks. */
export const IGNORABLE_CLASS = '[\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufe00-\\ufe0f\\ufeff\\p{M}]';
