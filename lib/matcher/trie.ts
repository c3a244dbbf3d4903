/**
 * A character trie over folded UTF-16 units, kept in flat typed arrays.
 *
 * Building inserts keys into first-child/next-sibling lists kept sorted by unit: nodes are
 * appended, so writes are sequential and the busy upper levels stay in cache (the alternatives
 * are in docs/decisions/matcher-and-gate.md). `freeze()` then lays each node's children out as one contiguous sorted range
 * (CSR) for lookups: a linear scan for small fan-out, binary search above that, and a direct table
 * for the root, where every walk starts.
 */

/** Sentinel for "no such node / no payload". */
export const NONE = -1;

const LINEAR_SCAN_LIMIT = 8;
/** Nodes with more children than this get a direct table for ASCII units (a big glossary's busy top levels). */
const DENSE_FAN_OUT = 8;

/**
 * A frozen trie as plain arrays: built once when the extension is built and shipped with the
 * glossary, so a page loads the trie instead of building it (Trie.fromTables).
 */
export interface TrieTables {
  nodeCount: number;
  acceptHead: Int32Array<ArrayBuffer>;
  payloadValue: Int32Array<ArrayBuffer>;
  payloadNext: Int32Array<ArrayBuffer>;
  childStart: Int32Array<ArrayBuffer>;
  edgeUnit: Uint16Array<ArrayBuffer>;
  denseOf: Int32Array<ArrayBuffer>;
  denseChild: Int32Array<ArrayBuffer>;
  /** The root's children as (unit, node) pairs: the root's table is mostly empty. */
  rootEdges: Int32Array<ArrayBuffer>;
}

export class Trie {
  nodeCount = 1; // node 0 is the root
  /** First payload of the key ending at a node, or NONE; payloads continue through payloadNext. */
  acceptHead: Int32Array;
  payloadValue = new Int32Array(256);
  payloadNext = new Int32Array(256);
  private acceptTail: Int32Array;
  private payloadCount = 0;

  // Build-time shape.
  private firstChild: Int32Array;
  private nextSibling: Int32Array;
  private unitOf: Uint16Array;
  private childCount: Uint16Array;

  // Lookup shape, filled by freeze(): children of n are edges childStart[n] .. childStart[n + 1],
  // edge e leading to node e + 1.
  private childStart = new Int32Array(2);
  private edgeUnit = new Uint16Array(0);
  /**
   * Per node: index of its 128-entry table of ASCII children in denseChild, or NONE. Nodes get one
   * when their fan-out passes DENSE_FAN_OUT, during building, where walking long sibling lists at
   * the busy top levels was the main cost, and for lookups afterwards.
   */
  private denseOf: Int32Array;
  private denseChild = new Int32Array(128 * 16).fill(NONE);
  private denseCount = 0;
  /** The root's children by unit. */
  private readonly rootChild = new Int32Array(0x10000).fill(NONE);

  /** A frozen trie from its tables (see tables()). */
  static fromTables(tables: TrieTables): Trie {
    const trie = new Trie(0);
    trie.nodeCount = tables.nodeCount;
    trie.acceptHead = tables.acceptHead;
    trie.payloadValue = tables.payloadValue;
    trie.payloadNext = tables.payloadNext;
    trie.payloadCount = tables.payloadValue.length;
    trie.childStart = tables.childStart;
    trie.edgeUnit = tables.edgeUnit;
    trie.denseOf = tables.denseOf;
    trie.denseChild = tables.denseChild;
    trie.denseCount = tables.denseChild.length >> 7;
    const edges = tables.rootEdges;
    for (let i = 0; i + 1 < edges.length; i += 2) trie.rootChild[edges[i]!] = edges[i + 1]!;
    trie.releaseBuildArrays();
    return trie;
  }

  /** The frozen trie's lookup arrays (shared, not copied), to rebuild it with fromTables(). Call after freeze(). */
  tables(): TrieTables {
    const rootEdges: number[] = [];
    for (let unit = 0; unit < this.rootChild.length; unit++) if (this.rootChild[unit] !== NONE) rootEdges.push(unit, this.rootChild[unit]!);
    return {
      nodeCount: this.nodeCount,
      acceptHead: this.acceptHead as Int32Array<ArrayBuffer>,
      payloadValue: this.payloadValue.slice(0, this.payloadCount),
      payloadNext: this.payloadNext.slice(0, this.payloadCount),
      childStart: this.childStart as Int32Array<ArrayBuffer>,
      edgeUnit: this.edgeUnit as Uint16Array<ArrayBuffer>,
      denseOf: this.denseOf as Int32Array<ArrayBuffer>,
      denseChild: this.denseChild as Int32Array<ArrayBuffer>,
      rootEdges: Int32Array.from(rootEdges),
    };
  }

  /** `expectedNodes` sizes the build arrays (they grow if it is too small), e.g. the total key length. */
  constructor(expectedNodes = 1024) {
    const size = Math.max(16, expectedNodes);
    this.firstChild = new Int32Array(size).fill(NONE);
    this.nextSibling = new Int32Array(size).fill(NONE);
    this.unitOf = new Uint16Array(size);
    this.childCount = new Uint16Array(size);
    this.denseOf = new Int32Array(size).fill(NONE);
    this.acceptHead = new Int32Array(size).fill(NONE);
    this.acceptTail = new Int32Array(size).fill(NONE);
  }

  rootStep(unit: number): number {
    return this.rootChild[unit]!;
  }

  /** The child of `node` (not the root) for `unit`, or NONE. Only after freeze(). */
  step(node: number, unit: number): number {
    const dense = this.denseOf[node]!;
    if (dense !== NONE && unit < 128) return this.denseChild[(dense << 7) | unit]!;
    let lo = this.childStart[node]!;
    let hi = this.childStart[node + 1]!;
    const edges = this.edgeUnit;
    if (hi - lo <= LINEAR_SCAN_LIMIT) {
      for (; lo < hi; lo++) {
        const u = edges[lo]!;
        if (u === unit) return lo + 1;
        if (u > unit) return NONE;
      }
      return NONE;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const u = edges[mid]!;
      if (u === unit) return mid + 1;
      if (u < unit) lo = mid + 1;
      else hi = mid;
    }
    return NONE;
  }

  /** Adds a folded key and appends `payload` to its node's payloads unless already there. */
  insert(key: string, payload: number): void {
    if (key.length === 0) return;
    const first = key.charCodeAt(0);
    let node = this.rootChild[first]!;
    if (node === NONE) {
      node = this.newNode(first);
      this.rootChild[first] = node;
    }
    for (let i = 1; i < key.length; i++) node = this.childFor(node, key.charCodeAt(i));

    let at = this.acceptHead[node]!;
    if (at === NONE) {
      const added = this.newPayload(payload);
      this.acceptHead[node] = added;
      this.acceptTail[node] = added;
      return;
    }
    for (; at !== NONE; at = this.payloadNext[at]!) if (this.payloadValue[at] === payload) return;
    const added = this.newPayload(payload);
    this.payloadNext[this.acceptTail[node]!] = added;
    this.acceptTail[node] = added;
  }

  /** Finds or creates the child of `node` for `unit`, keeping sibling lists sorted by unit. */
  private childFor(node: number, unit: number): number {
    const dense = this.denseOf[node]!;
    if (dense !== NONE && unit < 128) {
      const known = this.denseChild[(dense << 7) | unit]!;
      if (known !== NONE) return known;
    }
    let previous = NONE;
    let child = this.firstChild[node]!;
    while (child !== NONE) {
      const u = this.unitOf[child]!;
      if (u === unit) return child;
      if (u > unit) break;
      previous = child;
      child = this.nextSibling[child]!;
    }
    const created = this.newNode(unit);
    this.nextSibling[created] = child;
    if (previous === NONE) this.firstChild[node] = created;
    else this.nextSibling[previous] = created;
    const count = this.childCount[node]! + 1;
    this.childCount[node] = count;
    if (dense !== NONE) {
      if (unit < 128) this.denseChild[(dense << 7) | unit] = created;
    } else if (count > DENSE_FAN_OUT) {
      this.makeDense(node);
    }
    return created;
  }

  private makeDense(node: number): void {
    const dense = this.denseCount++;
    if ((dense + 1) << 7 > this.denseChild.length) {
      const bigger = new Int32Array(this.denseChild.length * 2).fill(NONE);
      bigger.set(this.denseChild);
      this.denseChild = bigger;
    }
    this.denseOf[node] = dense;
    for (let c = this.firstChild[node]!; c !== NONE; c = this.nextSibling[c]!) {
      const u = this.unitOf[c]!;
      if (u < 128) this.denseChild[(dense << 7) | u] = c;
    }
  }

  private newNode(unit: number): number {
    const node = this.nodeCount++;
    if (node === this.unitOf.length) {
      const size = node * 2;
      this.firstChild = grow(this.firstChild, size, NONE);
      this.nextSibling = grow(this.nextSibling, size, NONE);
      this.acceptHead = grow(this.acceptHead, size, NONE);
      this.acceptTail = grow(this.acceptTail, size, NONE);
      this.denseOf = grow(this.denseOf, size, NONE);
      const units = new Uint16Array(size);
      units.set(this.unitOf);
      this.unitOf = units;
      const counts = new Uint16Array(size);
      counts.set(this.childCount);
      this.childCount = counts;
    }
    this.unitOf[node] = unit;
    return node;
  }

  private newPayload(value: number): number {
    if (this.payloadCount === this.payloadValue.length) {
      this.payloadValue = grow(this.payloadValue, this.payloadCount * 2, 0);
      this.payloadNext = grow(this.payloadNext, this.payloadCount * 2, 0);
    }
    const index = this.payloadCount++;
    this.payloadValue[index] = value;
    this.payloadNext[index] = NONE;
    return index;
  }

  /**
   * Switches to the lookup layout and releases the build arrays. Call once, after the last insert.
   * Nodes are numbered again breadth first, so every node's children are consecutive nodes and
   * edge e always leads to node e + 1: no array of edge targets, and the shipped tables need only
   * each node's unit and number of children (serialize.ts).
   */
  freeze(): this {
    const nodes = this.nodeCount;
    const renumbered = new Int32Array(nodes);
    const order = new Int32Array(nodes);
    const edgeUnit = new Uint16Array(Math.max(0, nodes - 1));
    const childStart = new Int32Array(nodes + 1);
    let count = 1;
    for (let unit = 0; unit < this.rootChild.length; unit++) {
      const child = this.rootChild[unit]!;
      if (child === NONE) continue;
      renumbered[child] = count;
      order[count] = child;
      edgeUnit[count - 1] = unit;
      this.rootChild[unit] = count++;
    }
    // Node 0's range holds the root's children, which lookups reach through rootChild instead.
    for (let n = 1; n < nodes; n++) {
      childStart[n] = count - 1;
      for (let c = this.firstChild[order[n]!]!; c !== NONE; c = this.nextSibling[c]!) {
        renumbered[c] = count;
        order[count] = c;
        edgeUnit[count - 1] = this.unitOf[c]!;
        count++;
      }
    }
    childStart[nodes] = count - 1;
    const acceptHead = new Int32Array(nodes).fill(NONE);
    for (let n = 1; n < nodes; n++) acceptHead[n] = this.acceptHead[order[n]!]!;
    this.acceptHead = acceptHead;
    this.childStart = childStart;
    this.edgeUnit = edgeUnit;
    const dense = denseTables(childStart, edgeUnit);
    this.denseOf = dense.denseOf;
    this.denseChild = dense.denseChild;
    this.denseCount = dense.denseChild.length >> 7;
    this.releaseBuildArrays();
    return this;
  }

  /** Drops the arrays only building needs: a frozen trie is looked up, never added to. */
  private releaseBuildArrays(): void {
    this.acceptTail = new Int32Array(0);
    this.firstChild = new Int32Array(0);
    this.nextSibling = new Int32Array(0);
    this.unitOf = new Uint16Array(0);
    this.childCount = new Uint16Array(0);
  }
}

/** The direct tables of ASCII children for the nodes with more than DENSE_FAN_OUT children. */
export function denseTables(childStart: Int32Array, edgeUnit: Uint16Array): { denseOf: Int32Array<ArrayBuffer>; denseChild: Int32Array<ArrayBuffer> } {
  const nodes = childStart.length - 1;
  const denseOf = new Int32Array(nodes).fill(NONE);
  let count = 0;
  for (let n = 1; n < nodes; n++) if (childStart[n + 1]! - childStart[n]! > DENSE_FAN_OUT) denseOf[n] = count++;
  const denseChild = new Int32Array(count << 7).fill(NONE);
  for (let n = 1; n < nodes; n++) {
    const dense = denseOf[n]!;
    if (dense === NONE) continue;
    for (let e = childStart[n]!; e < childStart[n + 1]!; e++) if (edgeUnit[e]! < 128) denseChild[(dense << 7) | edgeUnit[e]!] = e + 1;
  }
  return { denseOf, denseChild };
}

function grow(array: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
