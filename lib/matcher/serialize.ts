/**
 * Matcher tables in the compact form the content script ships: built when the extension is built,
 * decoded once by a page that has text to match.
 *
 * The trie is numbered breadth first (Trie.freeze), so that every node's children are consecutive nodes: then
 * a node needs only the unit on the edge into it and its number of children, and the edge targets
 * and child ranges are prefix sums a page works out in one loop. Both columns travel as strings
 * of UTF-16 units, one unit a node: folded text is mostly ASCII, so a unit costs one byte of
 * UTF-8 in the bundle (base64 costs 2.7 bytes for the same 16-bit value) and the engine only scans
 * the literal. The rest (accepting nodes, payloads, variants, context rules) is integers, written
 * as short runs of printable characters (pack()). Nothing is a JSON text a page must parse.
 */
import type { MatcherTables } from './index';
import { denseTables, NONE, type TrieTables } from './trie';

/** Integers as text (see pack()). */
export interface PackedArray {
  /** Each value is stored as its difference to the one before. */
  delta: boolean;
  text: string;
}

export interface SerializedMatcherTables {
  /** Breadth-first, from node 1: the unit on the edge into each node. */
  units: string;
  /** Breadth-first, from node 0: each node's number of children, plus FANOUT_BASE. */
  fanout: string;
  /** Accepting nodes, in order. */
  acceptNodes: PackedArray;
  /** How many payloads each accepting node has, then all their payloads in order. */
  acceptCounts: PackedArray;
  payloads: PackedArray;
  /** Entry ids, joined with newlines; variants name them by index. */
  entryIds: string;
  /** Per variant: its entry's index; plural kind | (context index + 1) << 2. */
  variantEntry: PackedArray;
  variantInfo: PackedArray;
  /** Variants of case-sensitive aliases and their cased units. */
  casedVariants: PackedArray;
  cased: string[];
  /** Per context rule: near | window << 1, its number of cues, then the cue ids. */
  contexts: PackedArray;
  cuePlural: PackedArray;
}

/** Added to a fan-out so that the common ones (0, 1, 2) are printable ASCII, one byte of UTF-8. */
const FANOUT_BASE = 0x23;

export function serializeMatcherTables(tables: MatcherTables): SerializedMatcherTables {
  const { trie } = tables;
  // The trie is numbered breadth first (Trie.freeze): edge e leads to node e + 1, and node n's
  // children are the edges childStart[n] .. childStart[n + 1], the root's the first ones.
  const fanout: number[] = [trie.rootEdges.length >> 1];
  for (let n = 1; n < trie.nodeCount; n++) fanout.push(trie.childStart[n + 1]! - trie.childStart[n]!);
  const acceptNodes: number[] = [];
  const acceptCounts: number[] = [];
  const payloads: number[] = [];
  for (let node = 0; node < trie.nodeCount; node++) {
    let at = trie.acceptHead[node]!;
    if (at === NONE) continue;
    acceptNodes.push(node);
    let count = 0;
    for (; at !== NONE; at = trie.payloadNext[at]!) {
      payloads.push(trie.payloadValue[at]!);
      count++;
    }
    acceptCounts.push(count);
  }
  const entryIndex = new Map<string, number>();
  for (const variant of tables.variants) if (!entryIndex.has(variant.entryId)) entryIndex.set(variant.entryId, entryIndex.size);
  const casedVariants: number[] = [];
  const cased: string[] = [];
  tables.variants.forEach((variant, i) => {
    if (variant.cased === null) return;
    casedVariants.push(i);
    cased.push(variant.cased);
  });
  return {
    units: charString([...trie.edgeUnit]),
    fanout: charString(fanout.map((count) => count + FANOUT_BASE)),
    acceptNodes: pack(acceptNodes, true),
    acceptCounts: pack(acceptCounts),
    payloads: pack(payloads, true),
    entryIds: [...entryIndex.keys()].join('\n'),
    variantEntry: pack(tables.variants.map((v) => entryIndex.get(v.entryId)!), true),
    variantInfo: pack(tables.variants.map((v) => v.plural | ((v.context + 1) << 2))),
    casedVariants: pack(casedVariants),
    cased,
    contexts: pack(tables.contexts.flatMap((c) => [(c.near ? 1 : 0) | (c.window << 1), c.cues.length, ...c.cues])),
    cuePlural: pack(tables.cuePlural),
  };
}

/** Decodes the shipped tables into the trie's lookup arrays: a few loops over typed arrays. */
export function deserializeMatcherTables(serialized: SerializedMatcherTables): MatcherTables {
  const { units, fanout } = serialized;
  const nodeCount = fanout.length;
  const edgeUnit = new Uint16Array(Math.max(0, nodeCount - 1));
  for (let i = 0; i < edgeUnit.length; i++) edgeUnit[i] = units.charCodeAt(i);
  // Edge e leads to node e + 1; node n's edges start after those of the nodes before it, the
  // root's first (lookups reach those through rootEdges).
  const childStart = new Int32Array(nodeCount + 1);
  const rootFanout = nodeCount > 0 ? fanout.charCodeAt(0) - FANOUT_BASE : 0;
  let next = rootFanout;
  for (let n = 1; n < nodeCount; n++) {
    childStart[n] = next;
    next += fanout.charCodeAt(n) - FANOUT_BASE;
  }
  childStart[nodeCount] = next;
  const rootEdges = new Int32Array(rootFanout * 2);
  for (let i = 0; i < rootFanout; i++) {
    rootEdges[2 * i] = edgeUnit[i]!;
    rootEdges[2 * i + 1] = i + 1;
  }
  const { denseOf, denseChild } = denseTables(childStart, edgeUnit);
  const acceptHead = new Int32Array(nodeCount).fill(NONE);
  const acceptNodes = unpack(serialized.acceptNodes);
  const acceptCounts = unpack(serialized.acceptCounts);
  const payloadValue = unpack(serialized.payloads);
  const payloadNext = new Int32Array(payloadValue.length);
  for (let a = 0, at = 0; a < acceptNodes.length; a++) {
    acceptHead[acceptNodes[a]!] = at;
    const end = at + acceptCounts[a]!;
    for (; at < end; at++) payloadNext[at] = at + 1 < end ? at + 1 : NONE;
  }
  const trie: TrieTables = { nodeCount, acceptHead, payloadValue, payloadNext, childStart, edgeUnit, denseOf, denseChild, rootEdges };

  const ids = serialized.entryIds === '' ? [] : serialized.entryIds.split('\n');
  const variantEntry = unpack(serialized.variantEntry);
  const variantInfo = unpack(serialized.variantInfo);
  const casedOf = new Map<number, string>();
  unpack(serialized.casedVariants).forEach((variant, i) => casedOf.set(variant, serialized.cased[i]!));
  const variants: MatcherTables['variants'] = [];
  for (let i = 0; i < variantEntry.length; i++) {
    const info = variantInfo[i]!;
    variants.push({ entryId: ids[variantEntry[i]!]!, cased: casedOf.get(i) ?? null, plural: info & 3, context: (info >> 2) - 1 });
  }
  const contexts: MatcherTables['contexts'] = [];
  const rules = unpack(serialized.contexts);
  for (let at = 0; at < rules.length; ) {
    const head = rules[at++]!;
    const count = rules[at++]!;
    contexts.push({ near: (head & 1) === 1, window: head >> 1, cues: [...rules.subarray(at, at + count)] });
    at += count;
  }
  return { trie, variants, contexts, cuePlural: [...unpack(serialized.cuePlural)] };
}

/** Units as a string, in slices (a spread of a million arguments overflows the stack). */
function charString(values: readonly number[]): string {
  let text = '';
  for (let i = 0; i < values.length; i += 0x4000) text += String.fromCharCode(...values.slice(i, i + 0x4000));
  return text;
}

/**
 * Integers as text, one to a few characters each: zigzag-encoded (small negatives stay small),
 * then written low digits first, base 46 in "continuation" characters and a last digit in one of
 * 45 "final" ones, all printable ASCII that JSON need not escape. Most values here are small
 * (counts, differences to the previous value, flags): one byte each in the bundle, where base64
 * of 16-bit values costs 2.7. `delta` stores each value as its difference to the previous one.
 */
const DIGIT_CHARS = Array.from({ length: 0x7f - 0x23 }, (_, i) => 0x23 + i).filter((c) => c !== 0x5c);
const FINAL_DIGITS = 45;
const CONTINUATION_BASE = DIGIT_CHARS.length - FINAL_DIGITS;
/** Char code → digit value, continuation digits offset by FINAL_DIGITS. */
const DIGIT_OF = new Int8Array(128).fill(-1);
DIGIT_CHARS.forEach((c, i) => (DIGIT_OF[c] = i));

function pack(values: readonly number[], delta = false): PackedArray {
  const out: number[] = [];
  let previous = 0;
  for (const value of values) {
    const v = delta ? value - previous : value;
    previous = value;
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    while (z >= FINAL_DIGITS) {
      out.push(DIGIT_CHARS[FINAL_DIGITS + (z % CONTINUATION_BASE)]!);
      z = Math.floor(z / CONTINUATION_BASE);
    }
    out.push(DIGIT_CHARS[z]!);
  }
  return { delta, text: charString(out) };
}

function unpack({ delta, text }: PackedArray): Int32Array<ArrayBuffer> {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (DIGIT_OF[text.charCodeAt(i)]! < FINAL_DIGITS) count++;
  const values = new Int32Array(count);
  let z = 0;
  let scale = 1;
  let previous = 0;
  for (let i = 0, n = 0; i < text.length; i++) {
    const digit = DIGIT_OF[text.charCodeAt(i)]!;
    if (digit >= FINAL_DIGITS) {
      z += (digit - FINAL_DIGITS) * scale;
      scale *= CONTINUATION_BASE;
      continue;
    }
    z += digit * scale;
    const v = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    previous = delta ? previous + v : v;
    values[n++] = previous;
    z = 0;
    scale = 1;
  }
  return values;
}
