/**
 * Character folding shared by the alias compiler and the text scanner of the matcher, so an alias
 * and the page text are reduced to the same alphabet by the same code.
 *
 * Every source code point becomes zero or more folded UTF-16 units:
 * - ignorables (soft hyphen, zero-width characters, variation selectors, combining marks) vanish,
 *   so "alo\u00ADpecia" and "Sjo\u0308gren" read as plain words;
 * - whitespace, non-breaking spaces and hyphens become one SEPARATOR unit, and runs collapse, so
 *   "JAK-inhibitor", "JAK inhibitor" and "JAK\u00A0inhibitor" are the same key;
 * - curly and prime-like apostrophes become "'";
 * - everything else goes through NFKD (full-width "ＪＡＫ" → "JAK", "ﬁ" → "fi"), loses its
 *   diacritics ("ö" → "o") and, in the folded stream, its case.
 * Two parallel streams are produced: `folded` (lower case, what the trie walks) and `cased` (same
 * units before lower-casing, what case-sensitive aliases are checked against).
 */

import { IGNORABLE_CLASS, UnitClass } from './unit-class';
import { IGNORABLE_RUNS, UNIT_CLASS_RUNS } from './unit-classes.generated';

export { UnitClass };

export const SEPARATOR = 0x20;
export const APOSTROPHE = 0x27;

/**
 * Two adjacent units belong to the same word (so a term may not start or end between them) when
 * both are word units of the same script, or one is a digit. Unspaced scripts never glue: a
 * Latin abbreviation inside Chinese text ("使用JAK抑制剂") is still a word of its own.
 */
export function sameWord(a: number, b: number): boolean {
  if (a === UnitClass.Boundary || b === UnitClass.Boundary) return false;
  if (a === UnitClass.Unspaced || b === UnitClass.Unspaced) return false;
  return a === b || a === UnitClass.Digit || b === UnitClass.Digit;
}

const Kind = { Ignore: 0, Separator: 1, Apostrophe: 2, Other: 3 } as const;

interface Folding {
  kind: number;
  folded: string;
  cased: string;
  classes: readonly number[];
}

const SEPARATOR_CODES = new Set([
  0x2d, // hyphen-minus
  0x2010, // hyphen
  0x2011, // non-breaking hyphen
  0x2012, // figure dash
  0x2013, // en dash, used in compounds such as "JAK–STAT"
  0xfe63, // small hyphen-minus
  0xff0d, // full-width hyphen-minus
]);
const APOSTROPHE_CODES = new Set([0x27, 0x2018, 0x2019, 0x201b, 0x2032, 0x02bc, 0xff07]);
/** For astral code points only: the BMP is answered by the generated IGNORABLE_RUNS table. */
let astralIgnorable: RegExp | undefined;
let astralMarks: RegExp | undefined;

/** 0: neither, 1: a combining mark (\p{M}), 2: another ignorable (see IGNORABLE_CLASS). */
function ignorableKind(cp: number): number {
  if (cp > 0xffff) {
    const char = String.fromCodePoint(cp);
    if ((astralMarks ??= /^\p{M}$/u).test(char)) return 1;
    return (astralIgnorable ??= new RegExp(`^${IGNORABLE_CLASS}$`, 'u')).test(char) ? 2 : 0;
  }
  return lookupRuns(IGNORABLE_RUNS, cp);
}

/** `text` without its combining marks. */
function withoutMarks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (ignorableKind(cp) !== 1) out += text.slice(i, i + width);
    i += width;
  }
  return out;
}
/** Every ignorable character of a string (see IGNORABLE), for removing them all at once. */
export const IGNORABLES = new RegExp(IGNORABLE_CLASS, 'gu');

/**
 * The class of one folded UTF-16 unit, from a generated range table rather than Unicode property
 * expressions: compiling those costs milliseconds on each page load (see unit-class-definition.ts).
 */
function classOf(unit: string): number {
  return lookupRuns(UNIT_CLASS_RUNS, unit.charCodeAt(0));
}

/**
 * Whether `text` holds a letter or digit anywhere (or anything beyond the BMP): whether a term
 * could be in it at all. Without /[\p{L}\p{N}]/u, which costs a millisecond to compile on each
 * page load.
 */
export function hasWordUnit(text: string): boolean {
  // Native scans first: an ASCII letter or digit settles most texts, and a text with no non-ASCII
  // unit and none of those has no word.
  if (ASCII_WORD_UNIT.test(text)) return true;
  if (!ANY_NON_ASCII.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    // Beyond the BMP the table says nothing; mathematical letters there fold to plain ones.
    if ((code >= 0xd800 && code <= 0xdfff) || lookupRuns(UNIT_CLASS_RUNS, code) !== UnitClass.Boundary) return true;
  }
  return false;
}

const ASCII_WORD_UNIT = /[A-Za-z0-9_]/;
export const ANY_NON_ASCII = /[^\x00-\x7f]/;

/** The value of the run holding `code` in a [start, value, start, value, ...] table. */
function lookupRuns(runs: readonly number[], code: number): number {
  // Binary search over run starts (even indices) for the last run starting at or before `code`.
  let lo = 0;
  let hi = runs.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid * 2]! <= code) lo = mid;
    else hi = mid - 1;
  }
  return runs[lo * 2 + 1]!;
}

function computeFolding(cp: number): Folding {
  const char = String.fromCodePoint(cp);
  if (SEPARATOR_CODES.has(cp) || /^\s$/u.test(char)) return { kind: Kind.Separator, folded: ' ', cased: ' ', classes: [0] };
  if (APOSTROPHE_CODES.has(cp)) return { kind: Kind.Apostrophe, folded: "'", cased: "'", classes: [0] };
  if (ignorableKind(cp) !== 0) return { kind: Kind.Ignore, folded: '', cased: '', classes: [] };
  const cased = withoutMarks(char.normalize('NFKD'));
  let folded = withoutMarks(cased.toLowerCase().normalize('NFKD'));
  if (folded.length === 0) return { kind: Kind.Ignore, folded: '', cased: '', classes: [] };
  // Lower-casing rarely changes length; then the case-sensitive stream just repeats the folded one.
  const casedUnits = cased.length === folded.length ? cased : folded;
  // NFKD may produce spaces ("⑴" → "(1)", "¨" → " ̈"); those spaces must behave as separators.
  folded = folded.replace(/\s/gu, ' ');
  const classes: number[] = [];
  for (let i = 0; i < folded.length; i++) classes.push(classOf(folded[i]!));
  return { kind: Kind.Other, folded, cased: casedUnits.replace(/\s/gu, ' '), classes };
}

/** Foldings by code point: a flat index for the BMP (most text), a map for the rest. */
const foldings: Folding[] = [];
/**
 * Index + 1 into `foldings` by BMP code point, 0 for not yet computed. Made on the first non-ASCII
 * character, not at load: the script runs in every frame of a page, most of them empty ad frames,
 * and 256 kB each added up to megabytes on such pages.
 */
let bmpFolding: Int32Array | undefined;
const astralFolding = new Map<number, Folding>();
function foldingOf(cp: number): Folding {
  if (cp <= 0xffff) {
    const table = (bmpFolding ??= new Int32Array(0x10000));
    const index = table[cp]!;
    if (index > 0) return foldings[index - 1]!;
    const f = computeFolding(cp);
    foldings.push(f);
    table[cp] = foldings.length;
    return f;
  }
  let f = astralFolding.get(cp);
  if (f === undefined) {
    f = computeFolding(cp);
    astralFolding.set(cp, f);
  }
  return f;
}

/** ASCII class table: the hot path never touches the cache for plain English text. */
export const ASCII_CLASS = new Uint8Array(128);
/** ASCII whitespace and the hyphen-minus, which fold to SEPARATOR. */
export const ASCII_SEPARATOR = new Uint8Array(128);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x2d]) ASCII_SEPARATOR[c] = 1;
for (let c = 0; c < 128; c++) {
  if ((c >= 0x30 && c <= 0x39) || c === 0x5f) ASCII_CLASS[c] = UnitClass.Digit;
  else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) ASCII_CLASS[c] = UnitClass.Latin;
}

/**
 * An ASCII unit that is part of a word: a letter, a digit or "_" (UnitClass Latin or Digit), which
 * is also what \w is to a regular expression without the u flag.
 */
export function isAsciiWordUnit(c: number): boolean {
  return c < 0x80 && ASCII_CLASS[c] !== UnitClass.Boundary;
}

/**
 * Reusable output of foldText. Arrays grow and are reused across calls; only the first `length`
 * entries are meaningful.
 */
export class FoldBuffer {
  length = 0;
  folded = new Uint16Array(256);
  cased = new Uint16Array(256);
  classes = new Uint8Array(256);
  /** Source offset of the code point each unit came from, and the offset just after it. */
  sourceStart = new Int32Array(256);
  sourceEnd = new Int32Array(256);
  /** Index of the word a unit belongs to (for "near" context windows); boundaries take the previous word's index. */
  word = new Int32Array(256);
  /** Units where a word starts (where a term may start), in order; `startCount` of them are valid. */
  starts = new Int32Array(256);
  startCount = 0;

  ensure(capacity: number): void {
    if (capacity <= this.folded.length) return;
    let size = this.folded.length;
    while (size < capacity) size *= 2;
    const grow = <T extends Uint16Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, this.length) as never);
      return next;
    };
    this.folded = grow(this.folded, (n) => new Uint16Array(n));
    this.cased = grow(this.cased, (n) => new Uint16Array(n));
    this.classes = grow(this.classes, (n) => new Uint8Array(n));
    this.sourceStart = grow(this.sourceStart, (n) => new Int32Array(n));
    this.sourceEnd = grow(this.sourceEnd, (n) => new Int32Array(n));
    this.word = grow(this.word, (n) => new Int32Array(n));
    this.starts = grow(this.starts, (n) => new Int32Array(n));
  }
}

/** Folds `text` into `out`. Allocation-free for text whose characters have been seen before. */
export function foldText(text: string, out: FoldBuffer): void {
  out.length = 0;
  out.startCount = 0;
  // Most code points fold to one unit; NFKD expansions are rare and grow the buffer below.
  out.ensure(text.length + 8);
  let folded = out.folded;
  let cased = out.cased;
  let classes = out.classes;
  let sourceStart = out.sourceStart;
  let sourceEnd = out.sourceEnd;
  let word = out.word;
  let starts = out.starts;
  let n = 0;
  let startCount = 0;
  let wordIndex = -1;
  let previousClass: number = UnitClass.Boundary;
  const len = text.length;
  for (let i = 0; i < len; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (ASCII_SEPARATOR[code] === 1) {
        if (previousClass === UnitClass.Boundary && n > 0 && folded[n - 1] === SEPARATOR) {
          sourceEnd[n - 1] = i + 1;
        } else {
          folded[n] = SEPARATOR;
          cased[n] = SEPARATOR;
          classes[n] = UnitClass.Boundary;
          sourceStart[n] = i;
          sourceEnd[n] = i + 1;
          word[n] = wordIndex;
          previousClass = UnitClass.Boundary;
          n++;
        }
        i++;
        continue;
      }
      const cls = ASCII_CLASS[code]!;
      if (cls !== UnitClass.Boundary && !sameWord(previousClass, cls)) {
        wordIndex++;
        starts[startCount++] = n;
      }
      folded[n] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
      cased[n] = code;
      classes[n] = cls;
      sourceStart[n] = i;
      sourceEnd[n] = i + 1;
      word[n] = wordIndex;
      previousClass = cls;
      n++;
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldingOf(cp);
    if (f.kind === Kind.Ignore) {
      // Invisible: a match spanning it still covers it, because spans run from a unit's start to another's end.
      i += width;
      continue;
    }
    if (f.kind === Kind.Separator && previousClass === UnitClass.Boundary && n > 0 && folded[n - 1] === SEPARATOR) {
      sourceEnd[n - 1] = i + width;
      i += width;
      continue;
    }
    const units = f.folded;
    if (n + units.length + 1 > folded.length) {
      out.length = n;
      out.startCount = startCount;
      out.ensure(n + units.length + (len - i) + 8);
      folded = out.folded;
      cased = out.cased;
      classes = out.classes;
      sourceStart = out.sourceStart;
      sourceEnd = out.sourceEnd;
      word = out.word;
      starts = out.starts;
    }
    for (let k = 0; k < units.length; k++) {
      const cls = f.classes[k]!;
      if (cls !== UnitClass.Boundary && !sameWord(previousClass, cls)) {
        wordIndex++;
        starts[startCount++] = n;
      }
      folded[n] = units.charCodeAt(k);
      cased[n] = f.cased.charCodeAt(k);
      classes[n] = cls;
      sourceStart[n] = i;
      sourceEnd[n] = i + width;
      word[n] = wordIndex;
      previousClass = cls;
      n++;
    }
    i += width;
  }
  out.length = n;
  out.startCount = startCount;
}

/**
 * Reads the folded units of a text one at a time, exactly as foldText would produce them, without
 * storing them: for walks that look at a few units from each word start and usually stop there.
 * Characters that fold to several units (ligatures, "…", "½") are not followed: reading one sets
 * `unsupported`, and the caller falls back to foldText.
 */
export class UnitReader {
  private text = '';

  /** The text being read. */
  get source(): string {
    return this.text;
  }
  /** The unit read last, its UnitClass, and where the unit after it starts in the text. */
  unit = 0;
  cls = 0;
  next = 0;
  unsupported = false;

  reset(text: string): void {
    this.text = text;
    this.unsupported = false;
  }

  /** Reads the unit that starts at text offset `at` (a `next` from before, or a word start); false at the end. */
  read(at: number): boolean {
    const text = this.text;
    const len = text.length;
    let pos = at;
    while (pos < len) {
      const code = text.charCodeAt(pos);
      if (code < 0x80) {
        if (ASCII_SEPARATOR[code] === 1) return this.separator(pos + 1);
        this.unit = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        this.cls = ASCII_CLASS[code]!;
        this.next = pos + 1;
        return true;
      }
      const cp = text.codePointAt(pos)!;
      const width = cp > 0xffff ? 2 : 1;
      const f = foldingOf(cp);
      if (f.kind === Kind.Ignore) {
        pos += width;
        continue;
      }
      if (f.kind === Kind.Separator) return this.separator(pos + width);
      if (f.folded.length !== 1) {
        this.unsupported = true;
        return false;
      }
      this.unit = f.folded.charCodeAt(0);
      this.cls = f.classes[0]!;
      // A space from a decomposition ("¨" → " ") is not merged into a separator before it, but
      // separators after it are merged into it, as in foldText.
      if (this.unit === SEPARATOR) return this.separator(pos + width);
      this.next = pos + width;
      return true;
    }
    return false;
  }

  /** A SEPARATOR unit, with the run of separators (and ignorables) after it merged in. */
  private separator(from: number): true {
    const text = this.text;
    let pos = from;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code < 0x80) {
        if (ASCII_SEPARATOR[code] !== 1) break;
        pos++;
        continue;
      }
      const cp = text.codePointAt(pos)!;
      const kind = foldingOf(cp).kind;
      if (kind !== Kind.Ignore && kind !== Kind.Separator) break;
      pos += cp > 0xffff ? 2 : 1;
    }
    this.unit = SEPARATOR;
    this.cls = UnitClass.Boundary;
    this.next = pos;
    return true;
  }
}

export interface FoldedKey {
  folded: string;
  cased: string;
  /** UnitClass of the last unit, which decides whether the key can take a plural ending. */
  lastClass: number;
}

const PLAIN_ASCII = /^[\x21-\x7e]+(?:[ -]+[\x21-\x7e]+)*$/;
const ASCII_SEPARATORS = /[ -]+/g;

/**
 * Folds a short string (an alias or a cue) to its key, trimmed of separators at both ends.
 * Printable-ASCII keys (nearly all aliases) take a string fast path that must, and is tested to,
 * agree with foldText.
 */
export function foldKey(text: string, scratch: FoldBuffer = new FoldBuffer()): FoldedKey {
  if (PLAIN_ASCII.test(text) && text.charCodeAt(0) !== 0x2d && text.charCodeAt(text.length - 1) !== 0x2d) {
    const cased = text.indexOf('-') >= 0 || text.indexOf('  ') >= 0 ? text.replace(ASCII_SEPARATORS, ' ') : text;
    return { folded: cased.toLowerCase(), cased, lastClass: ASCII_CLASS[cased.charCodeAt(cased.length - 1)]! };
  }
  return foldKeySlow(text, scratch);
}

/** The slow path of foldKey, exported so tests can check the fast path against it. */
export function foldKeySlow(text: string, scratch: FoldBuffer = new FoldBuffer()): FoldedKey {
  foldText(text, scratch);
  let start = 0;
  let end = scratch.length;
  while (start < end && scratch.folded[start] === SEPARATOR) start++;
  while (end > start && scratch.folded[end - 1] === SEPARATOR) end--;
  return {
    folded: unitsToString(scratch.folded, start, end),
    cased: unitsToString(scratch.cased, start, end),
    lastClass: end > start ? scratch.classes[end - 1]! : UnitClass.Boundary,
  };
}

function unitsToString(units: Uint16Array, start: number, end: number): string {
  let s = '';
  // Chunked so a long alias cannot overflow the argument limit.
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return s;
}
