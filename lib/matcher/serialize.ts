/**
 * Matcher tables as JSON-safe data, to ship inside the glossary module: the trie's typed arrays
 * travel as base64 of their bytes (little-endian, as on every platform the extension runs on), two
 * bytes a value where every value fits, which a page decodes natively in a fraction of a
 * millisecond, where building the trie took it several milliseconds of cold code.
 */
import type { MatcherTables } from './index';
import type { TrieTables } from './trie';

/** A typed array's values as base64 of 16-bit or 32-bit little-endian integers. */
export interface PackedArray {
  bits: 16 | 32;
  base64: string;
}

type Packed<T> = { [K in keyof T]: T[K] extends number ? number : PackedArray };

export interface SerializedMatcherTables extends Omit<MatcherTables, 'trie'> {
  trie: Packed<TrieTables>;
}

export function serializeMatcherTables(tables: MatcherTables): SerializedMatcherTables {
  const { trie } = tables;
  return {
    ...tables,
    trie: {
      nodeCount: trie.nodeCount,
      acceptHead: pack(trie.acceptHead),
      payloadValue: pack(trie.payloadValue),
      payloadNext: pack(trie.payloadNext),
      childStart: pack(trie.childStart),
      edgeUnit: { bits: 16, base64: toBase64(new Uint8Array(trie.edgeUnit.buffer, trie.edgeUnit.byteOffset, trie.edgeUnit.byteLength)) },
      edgeTarget: pack(trie.edgeTarget),
      denseOf: pack(trie.denseOf),
      denseChild: pack(trie.denseChild),
      rootEdges: pack(trie.rootEdges),
    },
  };
}

export function deserializeMatcherTables(serialized: SerializedMatcherTables): MatcherTables {
  const { trie } = serialized;
  const units = fromBase64(trie.edgeUnit.base64);
  return {
    ...serialized,
    trie: {
      nodeCount: trie.nodeCount,
      acceptHead: unpack(trie.acceptHead),
      payloadValue: unpack(trie.payloadValue),
      payloadNext: unpack(trie.payloadNext),
      childStart: unpack(trie.childStart),
      edgeUnit: new Uint16Array(units.buffer, units.byteOffset, units.byteLength >> 1),
      edgeTarget: unpack(trie.edgeTarget),
      denseOf: unpack(trie.denseOf),
      denseChild: unpack(trie.denseChild),
      rootEdges: unpack(trie.rootEdges),
    },
  };
}

function pack(values: Int32Array): PackedArray {
  const narrow = values.every((value) => value >= -0x8000 && value < 0x8000);
  const array = narrow ? Int16Array.from(values) : values;
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
