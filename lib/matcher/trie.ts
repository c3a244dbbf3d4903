/**
 * A static character trie over folded UTF-16 units, stored as flat typed arrays (children of a
 * node are a sorted, contiguous range of edges), so 100,000 aliases compile without creating a
 * million small objects and a lookup touches a few cache lines.
 */

/** Sentinel for "no such node / no key ends here". */
export const NONE = -1;

/** Fan-out above which a node's edges are binary-searched instead of scanned. */
const LINEAR_SCAN_LIMIT = 8;

export class Trie {
  constructor(
    /** Edges of node n are edgeUnit/edgeTarget[childStart[n] .. childStart[n + 1]), sorted by unit. */
    private readonly childStart: Int32Array,
    private readonly edgeUnit: Uint16Array,
    private readonly edgeTarget: Int32Array,
    /** Index (into the sorted key list) of the key that ends at each node, or NONE. */
    readonly accept: Int32Array,
    /** The root's children by unit: the root has the widest fan-out and every walk starts there. */
    private readonly rootChild: Int32Array,
  ) {}

  get nodeCount(): number {
    return this.accept.length;
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
}

/**
 * Builds the trie from keys sorted by UTF-16 code unit (what Array.prototype.sort does for
 * strings). Sorted input makes nodes appear in depth-first order with each node's children in
 * increasing unit order, so the edge table is filled in one pass without any per-node maps.
 */
export function buildTrie(sortedKeys: readonly string[]): Trie {
  let capacity = 1;
  for (const key of sortedKeys) capacity += key.length;
  const parent = new Int32Array(capacity);
  const unitOf = new Uint16Array(capacity);
  const accept = new Int32Array(capacity).fill(NONE);
  let nodes = 1; // node 0 is the root
  let path = new Int32Array(64);
  let previous = '';

  for (let k = 0; k < sortedKeys.length; k++) {
    const key = sortedKeys[k]!;
    if (key.length === 0) continue;
    if (key.length + 1 > path.length) {
      const longer = new Int32Array(key.length * 2);
      longer.set(path);
      path = longer;
    }
    let common = 0;
    const limit = Math.min(key.length, previous.length);
    while (common < limit && key.charCodeAt(common) === previous.charCodeAt(common)) common++;
    let node = path[common]!;
    for (let d = common; d < key.length; d++) {
      const child = nodes++;
      parent[child] = node;
      unitOf[child] = key.charCodeAt(d);
      path[d + 1] = child;
      node = child;
    }
    accept[node] = k;
    previous = key;
  }

  const childStart = new Int32Array(nodes + 1);
  for (let n = 1; n < nodes; n++) childStart[parent[n]! + 1]!++;
  for (let n = 0; n < nodes; n++) childStart[n + 1]! += childStart[n]!;
  const cursor = childStart.slice(0, nodes);
  const edgeUnit = new Uint16Array(Math.max(nodes - 1, 0));
  const edgeTarget = new Int32Array(Math.max(nodes - 1, 0));
  const rootChild = new Int32Array(0x10000).fill(NONE);
  for (let n = 1; n < nodes; n++) {
    const p = parent[n]!;
    const slot = cursor[p]!++;
    edgeUnit[slot] = unitOf[n]!;
    edgeTarget[slot] = n;
    if (p === 0) rootChild[unitOf[n]!] = n;
  }
  return new Trie(childStart, edgeUnit, edgeTarget, accept.slice(0, nodes), rootChild);
}
