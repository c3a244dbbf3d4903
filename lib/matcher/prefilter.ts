/**
 * A gate in front of the matcher: one native regular expression that says "this block cannot hold
 * any term", so the matcher's per-character work runs only on blocks that might.
 *
 * Most blocks on most pages hold no term at all (menus, captions, comments, prose about other
 * things). The matcher folds and walks every character in JavaScript; the browser's regular
 * expression engine scans text in compiled native code, several times faster.
 *
 * The gate must never hide a match:
 * - Every surface form in the trie contributes one anchor: its longest run of ASCII letters and
 *   digits. Any text that matches the form contains that run as a whole word (folding turns
 *   separators into spaces and lower-cases ASCII, and matches start and end on word boundaries),
 *   perhaps followed by a plural "s" or "es". Case-sensitive forms keep their case. (One word, not
 *   the whole phrase: the engine's compile time grows with the expression, and whole phrases made
 *   it ten times longer to compile for a few blocks fewer let through.)
 * - On plain text (ASCII plus the punctuation and spaces in SAFE_NON_ASCII) folding cannot create
 *   or hide letters, so the anchors are looked for in the text as it is.
 * - Elsewhere (accented letters, ligatures, full-width forms, soft hyphens) they are looked for in
 *   the text decomposed the way folding decomposes it (NFKD, without marks and ignorables), which
 *   the browser does natively.
 * - Forms with no ASCII letter or digit have no anchor; if the vocabulary has any, text with
 *   non-ASCII characters always passes.
 */
import { ANY_NON_ASCII, IGNORABLES, isAsciiWordUnit } from './fold';

/**
 * Non-ASCII characters that fold to a separator, an apostrophe or a plain boundary, never to a
 * letter or digit and never to nothing (tested against the folding itself): the typography of
 * ordinary English prose.
 */
export const SAFE_NON_ASCII =
  '\u00a0\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00d7\u2002-\u200a\u2010-\u2015\u2018-\u2022\u2026\u2032\u2033\u2039\u203a\u20ac\u2192\u2212';

const UNSAFE = new RegExp(`[^\\x00-\\x7f${SAFE_NON_ASCII}]`);

/**
 * Whether folding `text` could produce letters a regular expression over the raw text would not
 * see. "Any non-ASCII at all?" is among the fastest scans the engine does and settles most English
 * text; only text with some non-ASCII character is scanned again for one outside SAFE_NON_ASCII.
 */
export function hasUnpredictableFolding(text: string): boolean {
  return ANY_NON_ASCII.test(text) && UNSAFE.test(text);
}

const ASCII_RUN = /[a-zA-Z0-9]+/g;
const WARM_UP_TEXT = 'A few words of ordinary text, long enough to be searched.';

/**
 * Compiles a gate expression (global flag) to machine code before it is timed or used: the engine
 * compiles an expression on its first use and to machine code on its second, separately for
 * one-byte text and for two-byte text (any text with a curly quote or a dash). (On text at least
 * as long as the shortest possible match, or the engine skips the work.)
 */
export function warmUpGateExpression(expression: RegExp, { twoByte = false } = {}): void {
  const text = twoByte ? `\u2018${WARM_UP_TEXT}\u2019` : WARM_UP_TEXT;
  for (let use = 0; use < 2; use++) {
    expression.lastIndex = 0;
    expression.test(text);
  }
  expression.lastIndex = 0;
}
/**
 * Past this many anchors the gate stops paying for itself: with a vocabulary that large most words
 * of a text are somebody's anchor, and the expression grows large to compile.
 */
const MAX_ANCHORS = 20_000;

/** What a gate knows of a text (Prefilter.findAnchors). */
export const GateAnswer = {
  /** The text certainly holds no match. */
  NoMatch: 0,
  /** The text may hold a match, somewhere. */
  Somewhere: 1,
  /** Every match the text may hold contains one of the anchor words found, whose offsets are given. */
  NearAnchors: 2,
} as const;

export interface Prefilter {
  /** False only when `text` certainly holds no match. */
  mayMatch(text: string): boolean;
  /**
   * Like mayMatch, and on plain text (where offsets in the text are offsets in what the anchors
   * were looked for in) also where: fills `hits` with the offset of every anchor word in `text`, in
   * order, and answers NearAnchors. A match then starts at most `wordsBeforeAnchor` words before
   * one of them.
   */
  findAnchors(text: string, hits: number[]): number;
  /** The most words any surface form has before its anchor. */
  readonly wordsBeforeAnchor: number;
}

/**
 * A gate as data, so it can be worked out when the extension is built and shipped with the
 * glossary: building the expression's source takes a few ms of cold code on each page load,
 * compiling the finished source a fraction of that. A gate made for some aliases is a valid gate
 * for any subset of them (it only lets more blocks through).
 */
export interface GateSpec {
  /** The expression source of the anchors that match in any case (compiled with the i flag), or null. */
  source: string | null;
  /** The expression source of the anchors that must match their case, or null. */
  casedSource: string | null;
  /** Some form has no anchor: text that folding could turn into such a form must pass. */
  formsWithoutAnchor: boolean;
  /** Too many anchors for the gate to pay off: it lets everything through. */
  open: boolean;
  /**
   * The most runs of ASCII letters and digits any form has before its anchor ("big red alopecia":
   * 2), so a reader of the text near an anchor knows how far back a match may start.
   */
  wordsBeforeAnchor: number;
}

export class PrefilterBuilder {
  private readonly caseless = new Set<string>();
  private readonly cased = new Set<string>();
  private formsWithoutAnchor = false;
  private wordsBeforeAnchor = 0;

  /**
   * Adds a surface form as it goes into the trie: `folded` is the lower-case key, `cased` the key
   * with its case, for forms that must match case.
   */
  add(folded: string, cased: string | null): void {
    // Past the limit the gate will stand down; collecting more anchors would only cost time.
    if (this.caseless.size + this.cased.size > MAX_ANCHORS) return;
    const key = cased ?? folded;
    let anchor = '';
    let runsBefore = 0;
    const runs = key.match(ASCII_RUN) ?? [];
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]!.length <= anchor.length) continue;
      anchor = runs[i]!;
      runsBefore = i;
    }
    if (anchor.length === 0) {
      this.formsWithoutAnchor = true;
      return;
    }
    // Words of the text are whole runs of letters, digits and "_", at most one per run of the key.
    this.wordsBeforeAnchor = Math.max(this.wordsBeforeAnchor, runsBefore);
    (cased === null ? this.caseless : this.cased).add(cased === null ? anchor.toLowerCase() : anchor);
  }

  spec(): GateSpec {
    if (this.caseless.size + this.cased.size > MAX_ANCHORS) {
      return { source: null, casedSource: null, formsWithoutAnchor: this.formsWithoutAnchor, open: true, wordsBeforeAnchor: 0 };
    }
    // Two expressions, not one with a (?i:...) group for the caseless part: V8's engine (in
    // Chromium, Node and the regexp engine Firefox shares) stops applying an inline modifier once
    // the alternation inside it grows to a few thousand words, and "Lipitor" no longer matched
    // "lipitor". A plural ending may follow the anchor; word boundaries are ASCII ones, like the
    // anchors.
    const wrap = (words: Set<string>) => (words.size === 0 ? null : `\\b${alternation([...words])}(?:e?s)?\\b`);
    return {
      source: wrap(this.caseless),
      casedSource: wrap(this.cased),
      formsWithoutAnchor: this.formsWithoutAnchor,
      open: false,
      wordsBeforeAnchor: this.wordsBeforeAnchor,
    };
  }

  build(): Prefilter {
    return compileGate(this.spec());
  }
}

/**
 * The gate's expressions, global so a search can go on from its last hit: the caseless anchors'
 * (with the i flag) and the cased anchors', those the spec has.
 */
export function gateExpressions(spec: GateSpec): RegExp[] {
  const expressions: RegExp[] = [];
  if (spec.source !== null) expressions.push(new RegExp(spec.source, 'gi'));
  if (spec.casedSource !== null) expressions.push(new RegExp(spec.casedSource, 'g'));
  return expressions;
}

/** The gate a spec describes, compiled and warmed up. */
export function compileGate(spec: GateSpec): Prefilter {
  const { formsWithoutAnchor, open, wordsBeforeAnchor } = spec;
  if (open) return { mayMatch: () => true, findAnchors: () => GateAnswer.Somewhere, wordsBeforeAnchor };
  const expressions = gateExpressions(spec);
  if (expressions.length === 0) {
    return { mayMatch: hasUnpredictableFolding, findAnchors: (text) => (hasUnpredictableFolding(text) ? GateAnswer.Somewhere : GateAnswer.NoMatch), wordsBeforeAnchor };
  }
  // Here, with the rest of the matcher's set-up, not inside the first slice of a scan; for
  // two-byte text too, which most pages hold somewhere (a curly quote or a dash is enough).
  for (const expression of expressions) {
    warmUpGateExpression(expression);
    warmUpGateExpression(expression, { twoByte: true });
  }
  const findAnchors = (text: string, hits: number[]): number => {
    if (hasUnpredictableFolding(text)) {
      if (formsWithoutAnchor) return GateAnswer.Somewhere;
      const decomposed = text.normalize('NFKD').replace(IGNORABLES, '');
      for (const expression of expressions) {
        expression.lastIndex = 0;
        if (expression.test(decomposed)) return GateAnswer.Somewhere;
      }
      return GateAnswer.NoMatch;
    }
    hits.length = 0;
    for (const expression of expressions) {
      const before = hits.length;
      expression.lastIndex = 0;
      // test() rather than exec(): no match object per hit. A hit is a whole word (\b at both
      // ends, \w is [A-Za-z0-9_]), so it starts where the run of word characters before its end
      // starts.
      while (expression.test(text)) {
        let start = expression.lastIndex;
        while (start > 0 && isAsciiWordUnit(text.charCodeAt(start - 1))) start--;
        hits.push(start);
      }
      // The second expression's hits join the first's in order of offset, as readers expect.
      if (before > 0 && hits.length > before) hits.sort((a, b) => a - b);
    }
    return hits.length === 0 ? GateAnswer.NoMatch : GateAnswer.NearAnchors;
  };
  const scratch: number[] = [];
  return {
    mayMatch: (text) => findAnchors(text, scratch) !== GateAnswer.NoMatch,
    findAnchors,
    wordsBeforeAnchor,
  };
}

/**
 * An alternation shaped like a trie ("al(?:opecia|pha)"), so the engine tests each leading letter
 * once instead of trying hundreds of words one after another at every word start.
 */
function alternation(words: string[]): string {
  words.sort();
  return group(words, 0, words.length, 0);
}

function group(words: string[], from: number, to: number, depth: number): string {
  const branches: string[] = [];
  let endsHere = false;
  for (let i = from; i < to; ) {
    const word = words[i]!;
    if (word.length === depth) {
      endsHere = true;
      i++;
      continue;
    }
    const unit = word[depth]!;
    let j = i + 1;
    while (j < to && words[j]![depth] === unit) j++;
    branches.push(unit + group(words, i, j, depth + 1));
    i = j;
  }
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  if (!endsHere) return body;
  return branches.length === 1 && branches[0]!.length === 1 ? `${body}?` : `(?:${body})?`;
}
