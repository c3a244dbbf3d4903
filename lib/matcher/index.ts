/**
 * The matcher: compiles the glossary's aliases into a trie over folded text and finds, in one block
 * of text, the non-overlapping leftmost-longest terms that respect case, word boundaries and
 * context rules.
 *
 * Pipeline per block: fold the text into parallel typed arrays (fold.ts); from every word start,
 * walk the trie and record every alias and context cue that ends on a word boundary (optionally
 * after a plural "s"/"es"); then pick, left to right, the longest candidate whose case and context
 * hold. Work per block is linear in its length times the (short) walk depth, and allocation-free
 * apart from the returned matches.
 */
import { ASCII_CLASS, ASCII_SEPARATOR, FoldBuffer, UnitClass, UnitReader, foldKey, foldText, isAsciiWordUnit, sameWord, type FoldedKey } from './fold';
import { compileGate, GateAnswer, PrefilterBuilder, type GateSpec, type Prefilter } from './prefilter';
import { NONE, Trie, type TrieTables } from './trie';
import type { AliasSpec, FindOptions, Match, Matcher } from './types';

export type { AliasSpec, FindOptions, Match, Matcher } from './types';
export type { GateSpec } from './prefilter';

const PLURAL_NONE = 0;
/** Case-sensitive abbreviations take a lower-case "s" only ("JAKs"), never "es" or "S". */
const PLURAL_S = 1;
const PLURAL_S_ES = 2;

interface CompiledContext {
  cues: Int32Array;
  near: boolean;
  window: number;
}

/** One surface form in the trie that stands for an alias. */
interface Variant {
  entryId: string;
  /** For case-sensitive aliases: the folded-but-cased units the text must repeat exactly. */
  cased: string | null;
  plural: number;
  /** Index of its context rule in MatcherTables.contexts, or NONE. */
  context: number;
}

/**
 * A matcher's compiled form as plain data: what createMatcher builds from the aliases, and what
 * the extension builds once when it is built and ships with the glossary (see serialize.ts), so a
 * page loads the trie instead of folding and inserting every alias.
 */
export interface MatcherTables {
  trie: TrieTables;
  /** Trie payloads >= 0 index these. */
  variants: Variant[];
  /** Context rules, their cues as cue ids (trie payloads -(id) - 1). */
  contexts: { cues: number[]; near: boolean; window: number }[];
  /** Per cue id: whether a plural ending may follow it. */
  cuePlural: number[];
}

/**
 * Prefixes that only occur bound to another word: "anti-inflammatory" is not "inflammatory", and
 * "non-cancer" does not talk about cancer. A term right after one of these and a hyphen is skipped.
 */
const BOUND_PREFIXES = new Set([
  'anti', 'non', 'pre', 'post', 'pro', 'semi', 'pseudo', 'sub', 'super', 'hyper', 'hypo', 'neo', 'auto',
  'multi', 'de', 'un', 'counter', 'intra', 'inter', 'extra', 'ultra', 'mis',
]);
const LONGEST_BOUND_PREFIX = 7;

function afterBoundPrefix(source: string, start: number): boolean {
  const hyphen = source.charCodeAt(start - 1);
  if (hyphen !== 0x2d && hyphen !== 0x2010 && hyphen !== 0x2011) return false;
  let from = start - 1;
  while (from > 0 && start - 1 - from < LONGEST_BOUND_PREFIX + 1 && isAsciiLetter(source.charCodeAt(from - 1))) from--;
  const length = start - 1 - from;
  if (length === 0 || length > LONGEST_BOUND_PREFIX || (from > 0 && isAsciiLetter(source.charCodeAt(from - 1)))) return false;
  return BOUND_PREFIXES.has(source.slice(from, start - 1).toLowerCase());
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

const S = 0x73;
const E = 0x65;
const HYPHENATED = /[-\u2010-\u2013\ufe63\uff0d]/;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Growable Int32 columns for per-call scratch (candidates, cue hits). */
class Columns {
  length = 0;
  constructor(
    private readonly width: number,
    public data = new Int32Array(width * 64),
  ) {}
  push4(a: number, b: number, c: number, d = 0): void {
    const at = this.length * this.width;
    if (at + this.width > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
    if (this.width > 3) this.data[at + 3] = d;
    this.length++;
  }
}

function pluralKind(caseSensitive: boolean, key: FoldedKey): number {
  if (key.lastClass !== UnitClass.Latin) return PLURAL_NONE;
  if (caseSensitive) {
    const c = key.cased.charCodeAt(key.cased.length - 1);
    return c >= 0x41 && c <= 0x5a ? PLURAL_S : PLURAL_NONE;
  }
  return key.folded.length >= 3 ? PLURAL_S_ES : PLURAL_NONE;
}

const POSSESSIVE = /'s( |$)/g;
const SHORT_PART = /(?:^| )[^ ]{1,2}(?: |$)/;
const FOUR_PARTS = /^[^ ]* [^ ]* [^ ]* /;
const SPACES = / /g;
const INNER_POSSESSIVE = /'s /g;

export interface MatcherOptions {
  /**
   * Put the native-regex gate (prefilter.ts) in front of the trie. On by default; off only to
   * check that the gate never changes a result, and to measure the trie alone.
   */
  gate?: boolean;
  /**
   * Without a gateSpec: how much text (UTF-16 units) the matcher reads before it builds the gate
   * itself. Building it means working out and compiling an expression of every anchor, a few
   * milliseconds of cold code, which pays off only on a lot of text; less never builds it.
   */
  gateAfterChars?: number;
  /** Check each block for a candidate before folding it (on by default; off only in tests). */
  candidateCheck?: boolean;
  /**
   * A gate worked out ahead of time (gateSpecFor) for these aliases or a superset of them, as the
   * extension ships one for the whole glossary. It is compiled with the rest of the set-up and
   * used from the first block on, as it costs a fraction of building one here.
   */
  gateSpec?: GateSpec;
}

/** About where the gate's compile time is won back on text that mostly holds no term. */
const GATE_AFTER_CHARS = 100_000;

export function createMatcher(aliases: readonly AliasSpec[], options: MatcherOptions = {}): Matcher & { gateSpec(): GateSpec } {
  // Anchors are collected only when no gate was worked out ahead of time: the extension ships one,
  // and collecting them again would cost every page load for nothing.
  const gate = options.gateSpec ? null : new PrefilterBuilder();
  return matcherOver(build(aliases, gate), options, gate);
}

/**
 * A matcher over tables built ahead of time (buildMatcherTables), with their gate. `enabled` picks
 * the entries to look for (a reader's categories); the others' forms stay in the trie but are never
 * reported, which finds exactly what a matcher built from the enabled entries' aliases finds.
 */
export function matcherFromTables(tables: MatcherTables, gateSpec: GateSpec, options: Omit<MatcherOptions, 'gateSpec'> & { enabled?: (entryId: string) => boolean } = {}): Matcher & { gateSpec(): GateSpec } {
  return matcherOver({ ...tables, trie: Trie.fromTables(tables.trie) }, { ...options, gateSpec }, null, options.enabled);
}

/**
 * A matcher that builds the real one (`build`) the first time it is asked to match, then uses it:
 * for a page with no text yet, which may never need one.
 */
export function matcherOnFirstUse(build: () => Matcher): Matcher {
  let built: Matcher | undefined;
  return { findMatches: (text, options) => (built ??= build()).findMatches(text, options) };
}

/** Folds every alias and its other spellings into a trie; `gate`, when given, learns every form. */
export function buildMatcherTables(aliases: readonly AliasSpec[], gate: PrefilterBuilder | null = null): MatcherTables {
  const built = build(aliases, gate);
  return { ...built, trie: built.trie.tables() };
}

/** MatcherTables with the trie as a Trie. */
interface Built extends Omit<MatcherTables, 'trie'> {
  trie: Trie;
}

function build(aliases: readonly AliasSpec[], gate: PrefilterBuilder | null): Built {
  const scratch = new FoldBuffer();
  const variants: Variant[] = [];
  let expectedNodes = 1;
  for (const alias of aliases) expectedNodes += alias.text.length;
  // Payloads are variant indices (>= 0) or context cues (-(cue id) - 1). Insertion follows
  // glossary order, which decides ties between entries claiming the same span.
  const trie = new Trie(expectedNodes);
  /** Every surface form of an alias goes through here, so the gate knows all of them. */
  const insertForm = (key: string, variant: number): void => {
    trie.insert(key, variant);
    gate?.add(key, variants[variant]!.cased);
  };
  const cueIds = new Map<string, number>();
  const cuePlural: number[] = [];

  const cueId = (text: string): number => {
    const key = foldKey(text, scratch);
    if (key.folded.length === 0) return NONE;
    let id = cueIds.get(key.folded);
    if (id === undefined) {
      id = cueIds.size;
      cueIds.set(key.folded, id);
      cuePlural.push(pluralKind(false, key));
      trie.insert(key.folded, -(id + 1));
    }
    return id;
  };

  const contexts: MatcherTables['contexts'] = [];
  const contextIndex = new Map<AliasSpec['context'], number>();
  for (const alias of aliases) {
    const key = foldKey(alias.text, scratch);
    const folded = key.folded;
    if (folded.length === 0) continue;
    let context = NONE;
    if (alias.context) {
      context = contextIndex.get(alias.context) ?? NONE;
      if (context === NONE) {
        context = contexts.length;
        contexts.push({ cues: alias.context.cues.map(cueId).filter((id) => id !== NONE), near: alias.context.scope === 'near', window: alias.context.window });
        contextIndex.set(alias.context, context);
      }
    }
    const caseSensitive = alias.caseSensitive;
    const plural = pluralKind(caseSensitive, key);
    const variant = variants.length;
    variants.push({ entryId: alias.entryId, cased: caseSensitive ? key.cased : null, plural, context });
    insertForm(folded, variant);

    // Other spellings of the same alias share its variant, except where the case check differs.
    if (folded.indexOf(' ') >= 0 && (HYPHENATED.test(alias.text) || SHORT_PART.test(folded)) && !FOUR_PARTS.test(folded)) {
      // Hyphenated compounds and ones with a letter-sized part are also written solid: "T-cell" → "Tcell".
      const joined = folded.replace(SPACES, '');
      if (caseSensitive) {
        variants.push({ entryId: alias.entryId, cased: key.cased.replace(SPACES, ''), plural, context });
        insertForm(joined, variants.length - 1);
      } else insertForm(joined, variant);
    }
    if (!caseSensitive && folded.indexOf("'s") >= 0) {
      // "Crohn's disease" is also written "Crohns disease" and "Crohn disease"; a final possessive
      // ("Crohn's") only loses its apostrophe, since the bare name is the person, not the disease.
      const solid = folded.replace(POSSESSIVE, 's$1');
      if (solid !== folded) insertForm(solid, variant);
      const bare = folded.replace(INNER_POSSESSIVE, ' ');
      if (bare !== folded) insertForm(bare, variant);
    }
    // "therapy" → "therapies": the trie cannot express "drop the y", so the form is listed.
    if (plural === PLURAL_S_ES && folded.length >= 4 && folded.endsWith('y') && !VOWELS.has(folded[folded.length - 2]!)) {
      variants.push({ entryId: alias.entryId, cased: null, plural: PLURAL_NONE, context });
      insertForm(`${folded.slice(0, -1)}ies`, variants.length - 1);
    }
  }
  trie.freeze();
  return { trie, variants, contexts, cuePlural };
}

function matcherOver(built: Built, options: MatcherOptions, gate: PrefilterBuilder | null, enabled?: (entryId: string) => boolean): Matcher & { gateSpec(): GateSpec } {
  const trie = built.trie;
  const compiledContexts = built.contexts.map((context): CompiledContext => ({ cues: Int32Array.from(context.cues), near: context.near, window: context.window }));
  const variants = built.variants;
  // Variants of entries the reader switched off stay in the trie but are never candidates.
  const variantOff = new Uint8Array(variants.length);
  if (enabled) for (let v = 0; v < variants.length; v++) variantOff[v] = enabled(variants[v]!.entryId) ? 0 : 1;
  const cuePlural = built.cuePlural;

  const checkCandidates = options.candidateCheck !== false;
  let prefilter: Prefilter | null = options.gate !== false && options.gateSpec ? compileGate(options.gateSpec) : null;
  let charsUntilGate = options.gate === false || prefilter !== null ? Infinity : (options.gateAfterChars ?? GATE_AFTER_CHARS);

  // Nodes where some alias that is on (not only a context cue) ends: what a candidate needs.
  const aliasEndsAt = new Uint8Array(trie.nodeCount);
  for (let node = 0; node < trie.nodeCount; node++) {
    for (let p = trie.acceptHead[node]!; p !== NONE; p = trie.payloadNext[p]!) {
      const payload = trie.payloadValue[p]!;
      if (payload >= 0 && variantOff[payload] === 0) {
        aliasEndsAt[node] = 1;
        break;
      }
    }
  }
  const reader = new UnitReader();
  /** Scratch for the offsets of the gate's anchor words in a block. */
  const anchorHits: number[] = [];

  /**
   * Whether a word ends before text offset `at`, where the unit before has class `lastCls`: the
   * text ends there, or the unit there belongs to another word. Leaves that unit in `reader`.
   */
  function endsWord(lastCls: number, at: number): boolean {
    return !reader.read(at) || !sameWord(lastCls, reader.cls);
  }

  /**
   * Whether a walk of the trie from a word start (its first unit already read) reaches the end of an
   * alias on a word boundary, perhaps after a plural "s" or "es": what accept() would need to
   * record a candidate, without its case and context checks.
   */
  function aliasFromWord(firstUnit: number, firstCls: number, firstNext: number): boolean {
    const source = reader.source;
    let node = trie.rootStep(firstUnit);
    let lastCls = firstCls;
    let at = firstNext;
    while (node !== NONE) {
      if (aliasEndsAt[node] === 1 && aliasEndsBefore(lastCls, at)) return true;
      if (at >= source.length) return false;
      // The next unit: ASCII letters and digits inline, anything else (separators to merge,
      // other characters to fold) through the reader.
      const code = source.charCodeAt(at);
      let unit: number;
      if (code < 0x80 && ASCII_SEPARATOR[code] !== 1) {
        unit = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        lastCls = ASCII_CLASS[code]!;
        at++;
      } else {
        if (!reader.read(at)) return reader.unsupported;
        unit = reader.unit;
        lastCls = reader.cls;
        at = reader.next;
      }
      node = trie.step(node, unit);
    }
    return false;
  }

  /**
   * Whether an alias ending just before text offset `at` (its last unit of class `lastCls`) ends
   * on a word boundary, directly or after a plural "s" or "es", as accept() requires.
   */
  function aliasEndsBefore(lastCls: number, at: number): boolean {
    if (endsWord(lastCls, at) || reader.unsupported) return true;
    const following = reader.unit;
    const after = reader.next;
    if (following === S && endsWord(UnitClass.Latin, after)) return true;
    if (following === E && reader.read(after) && reader.unit === S && endsWord(UnitClass.Latin, reader.next)) return true;
    return reader.unsupported;
  }

  /**
   * Whether `source` may hold a match: some word of it starts an alias in the trie that ends on a
   * word boundary. A superset of what findMatches would keep (case, context and bound prefixes are
   * left to it), read without folding the block into buffers, so a block with no candidate costs
   * one light pass; most blocks have none. Undecided (true) for text with characters that fold to
   * several units.
   */
  function mayHaveCandidate(source: string): boolean {
    reader.reset(source);
    const length = source.length;
    let previousCls: number = UnitClass.Boundary;
    for (let at = 0; at < length; ) {
      const code = source.charCodeAt(at);
      if (code < 0x80) {
        // Plain ASCII, inline: most units are letters inside a word, and only word starts matter.
        if (ASCII_SEPARATOR[code] === 1) {
          previousCls = UnitClass.Boundary;
          at++;
          continue;
        }
        const cls = ASCII_CLASS[code]!;
        if (cls !== UnitClass.Boundary && !sameWord(previousCls, cls)) {
          const unit = code >= 0x41 && code <= 0x5a ? code + 32 : code;
          if (aliasFromWord(unit, cls, at + 1)) return true;
        }
        previousCls = cls;
        at++;
        continue;
      }
      if (!reader.read(at)) return reader.unsupported;
      const { unit, cls, next } = reader;
      if (cls !== UnitClass.Boundary && !sameWord(previousCls, cls) && aliasFromWord(unit, cls, next)) return true;
      previousCls = cls;
      at = next;
    }
    return false;
  }

  /**
   * mayHaveCandidate for plain text where the gate found anchor words at `hits`: every alias holds
   * its anchor as a whole word with at most `wordsBefore` words before it, so only the word starts
   * from that many words before each hit up to the hit can start one. A block the gate lets through
   * is usually a paragraph with one common word that is some phrase's anchor ("system", "early");
   * reading a few words around it instead of the whole paragraph is most of the matcher's time saved
   * on such pages. In plain text (see prefilter.ts) every unit other than an ASCII letter, digit or
   * "_" is a boundary, so words are the runs of those.
   */
  function candidateNearAnchors(source: string, hits: readonly number[], wordsBefore: number): boolean {
    reader.reset(source);
    /** Word starts before this offset have been tried. */
    let triedUpTo = 0;
    for (let h = 0; h < hits.length; h++) {
      const hit = hits[h]!;
      let at = hit;
      for (let words = 0; words < wordsBefore && at > 0; words++) {
        while (at > 0 && !isAsciiWordUnit(source.charCodeAt(at - 1))) at--;
        while (at > 0 && isAsciiWordUnit(source.charCodeAt(at - 1))) at--;
      }
      if (at < triedUpTo) at = triedUpTo;
      let previousIsWord = at > 0 && isAsciiWordUnit(source.charCodeAt(at - 1));
      for (; at <= hit; at++) {
        const code = source.charCodeAt(at);
        const isWord = isAsciiWordUnit(code);
        if (isWord && !previousIsWord) {
          const unit = code >= 0x41 && code <= 0x5a ? code + 32 : code;
          if (aliasFromWord(unit, ASCII_CLASS[code]!, at + 1)) return true;
        }
        previousIsWord = isWord;
      }
      triedUpTo = hit + 1;
    }
    return false;
  }

  const cueCount = cuePlural.length;
  const cueStamp = new Int32Array(cueCount);
  const cueFirst = new Int32Array(cueCount);
  const cueLast = new Int32Array(cueCount);
  let stamp = 0;

  const text = new FoldBuffer();
  /** Candidates: start unit, end unit, variant index. */
  const candidates = new Columns(3);
  /** Cue hits: cue id, start unit, end unit. */
  const cueHits = new Columns(3);

  function atBoundary(end: number): boolean {
    return end >= text.length || !sameWord(text.classes[end - 1]!, text.classes[end]!);
  }

  function caseHolds(start: number, cased: string): boolean {
    const units = text.cased;
    for (let i = 0; i < cased.length; i++) if (units[start + i] !== cased.charCodeAt(i)) return false;
    return true;
  }

  function accept(head: number, start: number, end: number): void {
    const exact = atBoundary(end);
    let sEnd = NONE;
    let esEnd = NONE;
    if (!exact && end < text.length) {
      const folded = text.folded;
      if (folded[end] === S && atBoundary(end + 1)) sEnd = end + 1;
      else if (folded[end] === E && folded[end + 1] === S && atBoundary(end + 2)) esEnd = end + 2;
    }
    if (!exact && sEnd === NONE && esEnd === NONE) return;
    const values = trie.payloadValue;
    const next = trie.payloadNext;
    for (let i = head; i !== NONE; i = next[i]!) {
      const payload = values[i]!;
      if (payload < 0) {
        const cue = -payload - 1;
        const plural = cuePlural[cue]!;
        const cueEnd = exact ? end : plural === PLURAL_S_ES ? (sEnd !== NONE ? sEnd : esEnd) : NONE;
        if (cueEnd !== NONE) recordCue(cue, start, cueEnd);
        continue;
      }
      if (variantOff[payload] === 1) continue;
      const variant = variants[payload]!;
      let matchEnd = NONE;
      if (exact) matchEnd = end;
      else if (sEnd !== NONE && (variant.plural === PLURAL_S_ES || (variant.plural === PLURAL_S && text.cased[end] === S))) matchEnd = sEnd;
      else if (esEnd !== NONE && variant.plural === PLURAL_S_ES) matchEnd = esEnd;
      if (matchEnd === NONE) continue;
      if (variant.cased !== null && !caseHolds(start, variant.cased)) continue;
      candidates.push4(start, matchEnd, payload);
    }
  }

  function recordCue(cue: number, start: number, end: number): void {
    const index = cueHits.length;
    cueHits.push4(cue, start, end);
    if (cueStamp[cue] !== stamp) {
      cueStamp[cue] = stamp;
      cueFirst[cue] = index;
    }
    cueLast[cue] = index;
  }

  function walkFrom(start: number): void {
    const folded = text.folded;
    const n = text.length;
    let node = trie.rootStep(folded[start]!);
    let at = start;
    while (node !== NONE) {
      const head = trie.acceptHead[node]!;
      if (head !== NONE) accept(head, start, at + 1);
      at++;
      if (at >= n) return;
      node = trie.step(node, folded[at]!);
    }
  }

  function hitOutside(hit: number, start: number, end: number): boolean {
    const d = cueHits.data;
    return d[hit * 3 + 1]! >= end || d[hit * 3 + 2]! <= start;
  }

  function contextHolds(context: CompiledContext, start: number, end: number): boolean {
    if (!context.near) {
      const cues = context.cues;
      for (let k = 0; k < cues.length; k++) {
        const cue = cues[k]!;
        if (cueStamp[cue] !== stamp) continue;
        // Hits of one cue rarely nest, so if the first and last both lie inside the match, all do.
        if (hitOutside(cueFirst[cue]!, start, end) || hitOutside(cueLast[cue]!, start, end)) return true;
      }
      return false;
    }
    const words = text.word;
    const startWord = words[start]!;
    const endWord = words[end - 1]!;
    const d = cueHits.data;
    // Hits are in order of start; find the first that could be within the window before the match.
    let lo = 0;
    let hi = cueHits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[d[mid * 3 + 2]! - 1]! < startWord - context.window) lo = mid + 1;
      else hi = mid;
    }
    for (let h = lo; h < cueHits.length; h++) {
      const hitStart = d[h * 3 + 1]!;
      const hitStartWord = words[hitStart]!;
      if (hitStartWord > endWord + context.window) break;
      if (!hitOutside(h, start, end)) continue;
      const cue = d[h * 3]!;
      if (!context.cues.includes(cue)) continue;
      const hitEndWord = words[d[h * 3 + 2]! - 1]!;
      const distance = hitStartWord > endWord ? hitStartWord - endWord : startWord - hitEndWord;
      if (distance <= context.window) return true;
    }
    return false;
  }

  function findMatches(source: string, options?: FindOptions): Match[] {
    if (prefilter === null && charsUntilGate !== Infinity) {
      charsUntilGate -= source.length;
      if (charsUntilGate <= 0) prefilter = gate!.build();
    }
    if (prefilter !== null) {
      const answer = prefilter.findAnchors(source, anchorHits);
      if (answer === GateAnswer.NoMatch) return [];
      if (checkCandidates) {
        const mayHold = answer === GateAnswer.NearAnchors ? candidateNearAnchors(source, anchorHits, prefilter.wordsBeforeAnchor) : mayHaveCandidate(source);
        if (!mayHold) return [];
      }
    } else if (checkCandidates && !mayHaveCandidate(source)) return [];
    stamp++;
    candidates.length = 0;
    cueHits.length = 0;
    foldText(source, text);
    const starts = text.starts;
    for (let s = 0, count = text.startCount; s < count; s++) walkFrom(starts[s]!);

    const matches: Match[] = [];
    const seen = options?.seen;
    const granted = options?.cuesGranted === true;
    const c = candidates.data;
    let taken = 0;
    for (let i = 0; i < candidates.length; ) {
      const start = c[i * 3]!;
      let bestEnd = NONE;
      let best = NONE;
      let j = i;
      for (; j < candidates.length && c[j * 3] === start; j++) {
        const end = c[j * 3 + 1]!;
        if (end <= bestEnd) continue;
        const variant = variants[c[j * 3 + 2]!]!;
        if (variant.context !== NONE && !granted && !contextHolds(compiledContexts[variant.context]!, start, end)) continue;
        bestEnd = end;
        best = j;
      }
      i = j;
      if (best === NONE || start < taken) continue;
      const sourceStart = text.sourceStart[start]!;
      if (sourceStart > 1 && afterBoundPrefix(source, sourceStart)) continue;
      taken = bestEnd;
      const entryId = variants[c[best * 3 + 2]!]!.entryId;
      // Density is decided after overlap resolution, so an already-seen long term still hides
      // the shorter terms inside it instead of letting them through.
      if (seen !== undefined) {
        if (seen.has(entryId)) continue;
        seen.add(entryId);
      }
      matches.push({ start: sourceStart, end: text.sourceEnd[bestEnd - 1]!, entryId });
    }
    return matches;
  }

  return { findMatches, gateSpec: () => options.gateSpec ?? gate!.spec() };
}

/**
 * The gate for `aliases`, as data to ship with them (see MatcherOptions.gateSpec): what building
 * their trie teaches a PrefilterBuilder. (A matcher given a gateSpec reports that one back.)
 */
export function gateSpecFor(aliases: readonly AliasSpec[]): GateSpec {
  const gate = new PrefilterBuilder();
  build(aliases, gate);
  return gate.spec();
}
