/**
 * A static character trie over folded UTF-16 units, kept in flat typed arrays.
 *
 * It is built from keys sorted by UTF-16 code unit: nodes then appear in depth-first order with
 * each node's children in increasing unit order, so the whole build is one sequential pass with no
 * per-node maps, and each node's children end up as one contiguous sorted range (CSR). Inserting
 * keys one by one into sibling lists or a hash table of edges was measured slower: every new edge
 * landed on a random cache line. Lookups scan small ranges linearly, binary-search large ones, and
 * use a direct table at the root, where every walk starts.
 */

/** Sentinel for "no such node / no payload". */
export const NONE = -1;

const LINEAR_SCAN_LIMIT = 8;

export class Trie {
  private constructor(
    private readonly childStart: Int32Array,
    private readonly edgeUnit: Uint16Array,
    private readonly edgeTarget: Int32Array,
    /** The root's children by unit. */
    private readonly rootChild: Int32Array,
    /** First payload of the key ending at a node, or NONE; payloads continue through payloadNext. */
    readonly acceptHead: Int32Array,
    readonly payloadValue: Int32Array,
    readonly payloadNext: Int32Array,
  ) {}

  get nodeCount(): number {
    return this.acceptHead.length;
  }

  rootStep(unit: number): number {
    return this.rootChild[unit]!;
  }

  step(node: number, unit: number): number {
    let lo = this.childStart[node]!;
    let hi = this.childStart[node + 1]!;
    const edges = this.edgeUnit;
    if (hi - lo <= LINEAR_SCAN_LIMIT) {
      for (; lo < hi; lo++) {
        const u = edges[lo]!;
        if (u === unit) return this.edgeTarget[lo]!;
        if (u > unit) return NONE;
      }
      return NONE;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const u = edges[mid]!;
      if (u === unit) return this.edgeTarget[mid]!;
      if (u < unit) lo = mid + 1;
      else hi = mid;
    }
    return NONE;
  }

  /**
   * Builds the trie of `keys`; `payloads[i]` is attached to the node of `keys[i]`. A key's payloads
   * keep the order of their indices, and repeats of the same payload on one key are dropped.
   */
  static build(keys: readonly string[], payloads: ArrayLike<number>): Trie {
    // Sort once, carrying each key's index in three trailing units after a NUL, which sorts a
    // prefix before its extensions and equal keys by index. The index is written in base 128 so
    // Latin keys stay one-byte strings, which V8 compares about twice as fast as two-byte ones.
    if (keys.length >= 1 << 21) throw new RangeError(`at most ${(1 << 21) - 1} alias forms are supported`);
    const tagged = new Array<string>(keys.length);
    let capacity = 1;
    for (let i = 0; i < keys.length; i++) {
      tagged[i] = keys[i]! + String.fromCharCode(0, (i >>> 14) + 1, ((i >>> 7) & 0x7f) + 1, (i & 0x7f) + 1);
      capacity += keys[i]!.length;
    }
    tagged.sort();

    const parent = new Int32Array(capacity);
    const unitOf = new Uint16Array(capacity);
    const acceptHead = new Int32Array(capacity).fill(NONE);
    const payloadValue = new Int32Array(keys.length);
    const payloadNext = new Int32Array(keys.length).fill(NONE);
    let payloadCount = 0;
    let tail = NONE;
    let nodes = 1; // node 0 is the root
    let path = new Int32Array(64);
    let previous = '';
    let previousLength = -1;

    for (const entry of tagged) {
      const length = entry.length - 4;
      if (length <= 0) continue;
      const index = ((entry.charCodeAt(length + 1) - 1) << 14) | ((entry.charCodeAt(length + 2) - 1) << 7) | (entry.charCodeAt(length + 3) - 1);
      const payload = payloads[index]!;
      let common = 0;
      const limit = Math.min(length, previousLength);
      while (common < limit && entry.charCodeAt(common) === previous.charCodeAt(common)) common++;
      let node: number;
      if (common === length && length === previousLength) {
        node = path[length]!;
      } else {
        if (length + 1 > path.length) {
          const longer = new Int32Array(length * 2);
          longer.set(path);
          path = longer;
        }
        node = path[common]!;
        for (let d = common; d < length; d++) {
          const child = nodes++;
          parent[child] = node;
          unitOf[child] = entry.charCodeAt(d);
          path[d + 1] = child;
          node = child;
        }
        previous = entry;
        previousLength = length;
        tail = NONE;
      }
      let duplicate = false;
      for (let at = acceptHead[node]!; at !== NONE; at = payloadNext[at]!) if (payloadValue[at] === payload) duplicate = true;
      if (duplicate) continue;
      const added = payloadCount++;
      payloadValue[added] = payload;
      if (tail === NONE) acceptHead[node] = added;
      else payloadNext[tail] = added;
      tail = added;
    }

    const childStart = new Int32Array(nodes + 1);
    for (let n = 1; n < nodes; n++) {
      const slot = parent[n]! + 1;
      childStart[slot] = childStart[slot]! + 1;
    }
    for (let n = 0; n < nodes; n++) childStart[n + 1] = childStart[n + 1]! + childStart[n]!;
    const cursor = childStart.slice(0, nodes);
    const edgeUnit = new Uint16Array(Math.max(nodes - 1, 0));
    const edgeTarget = new Int32Array(Math.max(nodes - 1, 0));
    const rootChild = new Int32Array(0x10000).fill(NONE);
    for (let n = 1; n < nodes; n++) {
      const p = parent[n]!;
      const slot = cursor[p]!;
      cursor[p] = slot + 1;
      edgeUnit[slot] = unitOf[n]!;
      edgeTarget[slot] = n;
      if (p === 0) rootChild[unitOf[n]!] = n;
    }
    return new Trie(childStart, edgeUnit, edgeTarget, rootChild, acceptHead.slice(0, nodes), payloadValue, payloadNext);
  }
}
