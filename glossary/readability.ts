/**
 * Reading level of the glossary's texts, measured with the Flesch–Kincaid grade formula: the
 * `short` definition a reader sees first, and the `long` explanation behind "More about it".
 *
 * The rule: every `short` must score at or below READING_GRADE_CEILING and every `long` at or
 * below LONG_READING_GRADE_CEILING; the glossary as a whole should have medians at or below the
 * two target medians (checked by the report and a unit test, not per entry). A formula is a blunt instrument for medical text — "alopecia" alone is four syllables —
 * so the ceiling is a guard against long sentences and stacked jargon, not a proof of clarity.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** Per-entry ceiling: a `short` scoring above this grade fails the build. */
export const READING_GRADE_CEILING = 8;
/** Whole-glossary goal checked by the report: the median `short` grade. */
export const READING_GRADE_TARGET_MEDIAN = 6;
/** Per-entry ceiling for the `long` explanation. */
export const LONG_READING_GRADE_CEILING = 10;
/** Whole-glossary goal for the median `long` grade. */
export const LONG_READING_GRADE_TARGET_MEDIAN = 8;

export interface ReadingLevel {
  grade: number;
  sentences: number;
  words: number;
  syllables: number;
}

// Sentence ends: terminal punctuation (optionally followed by a closing quote or bracket) before
// whitespace or the end of the text. Colons and semicolons do not end sentences, so writers cannot
// lower the score by punctuation alone.
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s|$)/g;

// Digits are read aloud as words ("2022" is "twenty twenty-two"); two syllables per digit group is
// a rough middle, so that numbers neither vanish from the score nor dominate it.
const SYLLABLES_PER_NUMBER = 2;

// An abbreviation is read letter by letter ("FDA" is eff-dee-ay, "HbA1c" aitch-bee-ay-one-see), so
// it must not count as one easy syllable: a token with two or more capitals and no run of three
// lower-case letters is spelled out. W alone takes three syllables.
function isAbbreviation(word: string): boolean {
  return (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !/\p{Ll}{3}/u.test(word);
}

function spelledSyllables(word: string): number {
  let sum = 0;
  for (const char of word) {
    if (/[wW]/.test(char)) sum += 3;
    else if (/[\p{L}\p{N}]/u.test(char)) sum += 1;
  }
  return sum;
}

function syllablesOf(word: string): number {
  return word
    .split(/[-–—/]/)
    .filter((part) => /[\p{L}\p{N}]/u.test(part))
    .reduce((sum, part) => {
      if (/^\d[\d,.]*%?$/.test(part)) return sum + SYLLABLES_PER_NUMBER * Math.max(1, part.split(/[,.]/).filter(Boolean).length);
      if (isAbbreviation(part)) return sum + spelledSyllables(part);
      return sum + Math.max(1, syllable(part));
    }, 0);
}

/** Words are whitespace-separated tokens holding a letter or digit, as schema.countWords counts them. */
export function readingLevel(text: string): ReadingLevel {
  const words = text
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, ''))
    .filter((token) => /[\p{L}\p{N}]/u.test(token));
  const sentences = Math.max(1, text.trim().match(SENTENCE_END)?.length ?? 0);
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0);
  const grade = words.length === 0 ? 0 : fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
  return { grade: Math.round(grade * 10) / 10, sentences, words: words.length, syllables };
}

export interface ReadabilityProblem {
  id: string;
  grade: number;
  message: string;
}

/** Checks one text; returns the problem message, or undefined when it is within the ceiling. */
export function checkShortReadability(short: string, ceiling = READING_GRADE_CEILING): string | undefined {
  return checkReadability(short, ceiling);
}

export function checkReadability(text: string, ceiling: number): string | undefined {
  const level = readingLevel(text);
  if (level.grade <= ceiling) return undefined;
  return (
    `reads at Flesch–Kincaid grade ${level.grade.toFixed(1)}, above the ceiling of ${ceiling} ` +
    `(${level.words} words in ${level.sentences} sentence(s), ${level.syllables} syllables): ` +
    'use shorter sentences and common words'
  );
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
