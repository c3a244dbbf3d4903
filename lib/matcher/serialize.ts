/**
 * Matcher tables in the compact form the content script ships: built when the extension is built,
 * decoded once by a page that has text to match.
 *
 * The trie is renumbered breadth first, so that every node's children are consecutive nodes: then
 * a node needs only the unit on the edge into it and its number of children, and the edge targets
 * and child ranges are prefix sums a page works out in one loop. Both columns travel as strings
 * of UTF-16 units, one unit a node: folded text is mostly ASCII, so a unit costs one byte of
 * UTF-8 in the bundle (base64 costs 2.7 bytes for the same 16-bit value) and the engine only scans
 * the literal. The rest (accepting nodes, payloads, variants) is integers, packed as 16-bit
 * base64 where every value fits, else 32-bit. Nothing is a JSON text a page must parse.
 */
import type { MatcherTables } from './index';
import { NONE, type TrieTables } from './trie';

/** A typed array's values as base64 of 16-bit or 32-bit little-endian integers. */
export interface PackedArray {
  bits: 16 | 32;
  base64: string;
}

export interface SerializedMatcherTables {
  /** Breadth-first, from node 1: the unit on the edge into each node. */
  units: string;
  /** Breadth-first, from node 0: each node's number of children, plus FANOUT_BASE. */
  fanout: string;
  /** Accepting nodes: the difference of each from the previous one. */
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
  contexts: MatcherTables['contexts'];
  cuePlural: PackedArray;
}

/** Added to a fan-out so that the common ones (0, 1, 2) are printable ASCII, one byte of UTF-8. */
const FANOUT_BASE = 0x23;
/** Nodes with more children than this get a direct table for ASCII units (see trie.ts). */
const DENSE_FAN_OUT = 8;

export function serializeMatcherTables(tables: MatcherTables): SerializedMatcherTables {
  const { trie } = tables;
  const children = (node: number): { unit: number; node: number }[] => {
    const out: { unit: number; node: number }[] = [];
    if (node === 0) {
      for (let i = 0; i + 1 < trie.rootEdges.length; i += 2) out.push({ unit: trie.rootEdges[i]!, node: trie.rootEdges[i + 1]! });
      return out.sort((a, b) => a.unit - b.unit);
    }
    for (let e = trie.childStart[node]!; e < trie.childStart[node + 1]!; e++) out.push({ unit: trie.edgeUnit[e]!, node: trie.edgeTarget[e]! });
    return out;
  };
  // Breadth-first order: old node numbers by new number.
  const order = [0];
  const units: number[] = [];
  const fanout: number[] = [];
  for (let at = 0; at < order.length; at++) {
    const kids = children(order[at]!);
    fanout.push(kids.length);
    for (const kid of kids) {
      order.push(kid.node);
      units.push(kid.unit);
    }
  }
  const acceptNodes: number[] = [];
  const acceptCounts: number[] = [];
  const payloads: number[] = [];
  let previous = 0;
  order.forEach((old, renumbered) => {
    let at = trie.acceptHead[old]!;
    if (at === NONE) return;
    acceptNodes.push(renumbered - previous);
    previous = renumbered;
    let count = 0;
    for (; at !== NONE; at = trie.payloadNext[at]!) {
      payloads.push(trie.payloadValue[at]!);
      count++;
    }
    acceptCounts.push(count);
  });
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
    units: charString(units),
    fanout: charString(fanout.map((count) => count + FANOUT_BASE)),
    acceptNodes: pack(acceptNodes),
    acceptCounts: pack(acceptCounts),
    payloads: pack(payloads),
    entryIds: [...entryIndex.keys()].join('\n'),
    variantEntry: pack(tables.variants.map((v) => entryIndex.get(v.entryId)!)),
    variantInfo: pack(tables.variants.map((v) => v.plural | ((v.context + 1) << 2))),
    casedVariants: pack(casedVariants),
    cased,
    contexts: tables.contexts,
    cuePlural: pack(tables.cuePlural),
  };
}

/** Decodes the shipped tables into the trie's lookup arrays: a few loops over typed arrays. */
export function deserializeMatcherTables(serialized: SerializedMatcherTables): MatcherTables {
  const { units, fanout } = serialized;
  const nodeCount = fanout.length;
  const edgeUnit = new Uint16Array(Math.max(0, nodeCount - 1));
  for (let i = 0; i < edgeUnit.length; i++) edgeUnit[i] = units.charCodeAt(i);
  // Node n's children are the nodes childStart[n] + 1 onwards; edge e leads to node e + 1. The
  // root's range stays empty: its children are reached through rootEdges.
  const childStart = new Int32Array(nodeCount + 1);
  const rootFanout = nodeCount > 0 ? fanout.charCodeAt(0) - FANOUT_BASE : 0;
  let next = rootFanout;
  const denseNodes: number[] = [];
  for (let n = 1; n < nodeCount; n++) {
    childStart[n] = next;
    const count = fanout.charCodeAt(n) - FANOUT_BASE;
    if (count > DENSE_FAN_OUT) denseNodes.push(n);
    next += count;
  }
  childStart[nodeCount] = next;
  childStart[0] = 0;
  if (nodeCount > 1) childStart[1] = rootFanout;
  const rootEdges = new Int32Array(rootFanout * 2);
  for (let i = 0; i < rootFanout; i++) {
    rootEdges[2 * i] = edgeUnit[i]!;
    rootEdges[2 * i + 1] = i + 1;
  }
  const denseOf = new Int32Array(nodeCount).fill(NONE);
  const denseChild = new Int32Array(denseNodes.length << 7).fill(NONE);
  denseNodes.forEach((node, dense) => {
    denseOf[node] = dense;
    for (let e = childStart[node]!; e < childStart[node + 1]!; e++) if (edgeUnit[e]! < 128) denseChild[(dense << 7) | edgeUnit[e]!] = e + 1;
  });
  const acceptHead = new Int32Array(nodeCount).fill(NONE);
  const acceptNodes = unpack(serialized.acceptNodes);
  const acceptCounts = unpack(serialized.acceptCounts);
  const payloadValue = unpack(serialized.payloads);
  const payloadNext = new Int32Array(payloadValue.length);
  for (let a = 0, node = 0, at = 0; a < acceptNodes.length; a++) {
    node += acceptNodes[a]!;
    acceptHead[node] = at;
    const end = at + acceptCounts[a]!;
    for (; at < end; at++) payloadNext[at] = at + 1 < end ? at + 1 : NONE;
  }
  const trie: TrieTables = { nodeCount, acceptHead, payloadValue, payloadNext, childStart, edgeUnit, edgeTarget: new Int32Array(0), denseOf, denseChild, rootEdges };

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
  return { trie, variants, contexts: serialized.contexts, cuePlural: [...unpack(serialized.cuePlural)] };
}

/** Units as a string, in slices (a spread of a million arguments overflows the stack). */
function charString(values: readonly number[]): string {
  let text = '';
  for (let i = 0; i < values.length; i += 0x4000) text += String.fromCharCode(...values.slice(i, i + 0x4000));
  return text;
}

function pack(values: readonly number[]): PackedArray {
  const narrow = values.every((value) => value >= -0x8000 && value < 0x8000);
  const array = narrow ? Int16Array.from(values) : Int32Array.from(values);
  return { bits: narrow ? 16 : 32, base64: toBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)) };
}

function unpack({ bits, base64 }: PackedArray): Int32Array<ArrayBuffer> {
  const bytes = fromBase64(base64);
  if (bits === 32) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  return Int32Array.from(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Uint8Array.fromBase64 where the engine has it (current Chromium and Firefox), atob elsewhere (Node 24). */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
