/**
 * The page's marked terms: turns matches into terms, paints them with the CSS Custom Highlight API
 * (highlights.ts) and answers "which term is at this text position", so hover hit-testing is a
 * lookup rather than a search.
 *
 * Nothing here touches the page's DOM: highlights live in the document's HighlightRegistry.
 */
import type { Match } from '../matcher/types';
import { locate, type TextBlock } from '../scanner/blocks';
import type { MarkStyle } from '../settings';
import { MarkHighlights, type HighlightDeps } from './highlights';

export interface MarkedTerm {
  entryId: string;
  /** Static: the page may rewrite text under us, and live Ranges would slow every DOM mutation. */
  range: StaticRange;
  /** Every text node the term covers, first to last. */
  nodes: Text[];
}

/** The only parts of the browser the marks need; tests pass a fake. */
export interface TermMarksDeps extends HighlightDeps {
  createStaticRange: (init: StaticRangeInit) => StaticRange;
}

function termsFromMatches(block: TextBlock, matches: readonly Match[], deps: Pick<TermMarksDeps, 'createStaticRange'>): MarkedTerm[] {
  const terms: MarkedTerm[] = [];
  for (const match of matches) {
    const start = locate(block, match.start);
    const end = locate(block, match.end, true);
    const nodes: Text[] = [];
    let inside = false;
    for (const segment of block.segments) {
      if (segment.node === start.node) inside = true;
      if (inside) nodes.push(segment.node);
      if (segment.node === end.node) break;
    }
    terms.push({
      entryId: match.entryId,
      range: deps.createStaticRange({ startContainer: start.node, startOffset: start.offset, endContainer: end.node, endOffset: end.offset }),
      nodes,
    });
  }
  return terms;
}

export class TermMarks {
  private readonly highlights: MarkHighlights;
  private readonly highlight: Highlight;
  private readonly byNode = new Map<Text, MarkedTerm[]>();
  private readonly all = new Set<MarkedTerm>();
  private readonly countByEntry = new Map<string, number>();

  constructor(
    private readonly deps: TermMarksDeps,
    style: MarkStyle = 'dotted',
  ) {
    this.highlights = new MarkHighlights(deps, style);
    this.highlight = this.highlights.terms;
  }

  /** Paints the marks in another style (see highlights.ts). */
  setStyle(style: MarkStyle): void {
    this.highlights.setStyle(style);
  }

  get size(): number {
    return this.all.size;
  }

  terms(): IterableIterator<MarkedTerm> {
    return this.all.values();
  }

  /** Marks `matches`, offsets into `block`'s text. */
  addMatches(block: TextBlock, matches: readonly Match[]): void {
    this.add(termsFromMatches(block, matches, this.deps));
  }

  private add(terms: readonly MarkedTerm[]): void {
    for (const term of terms) {
      if (this.all.has(term)) continue;
      this.all.add(term);
      this.countByEntry.set(term.entryId, (this.countByEntry.get(term.entryId) ?? 0) + 1);
      this.highlight.add(term.range);
      for (const node of term.nodes) {
        const list = this.byNode.get(node);
        if (list) list.push(term);
        else this.byNode.set(node, [term]);
      }
    }
  }

  /**
   * Forgets every term that covers one of `nodes` (their text changed or left the page) and
   * returns the ids of entries that no longer have any mark.
   */
  removeNodes(nodes: Iterable<Text>): string[] {
    const orphaned: string[] = [];
    for (const node of nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      for (const term of [...list]) {
        this.removeTerm(term);
        if (!this.countByEntry.has(term.entryId)) orphaned.push(term.entryId);
      }
    }
    return orphaned;
  }

  /** How many marks each entry has: the popup's list and the badge read this. */
  entryCounts(): ReadonlyMap<string, number> {
    return this.countByEntry;
  }

  private removeTerm(term: MarkedTerm): void {
    if (!this.all.delete(term)) return;
    const count = (this.countByEntry.get(term.entryId) ?? 1) - 1;
    if (count > 0) this.countByEntry.set(term.entryId, count);
    else this.countByEntry.delete(term.entryId);
    this.highlight.delete(term.range);
    for (const node of term.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((t) => t !== term);
      if (rest.length > 0) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
  }

  /**
   * Terms whose span touches caret position `offset` of `node`, ends included: a caret from
   * hit-testing sits between characters, so the pointer over a term's last letter may report the
   * offset just past it. The caller confirms against the term's client rects.
   */
  /** Every term with text in `node`. */
  termsIn(node: Node): readonly MarkedTerm[] {
    return this.byNode.get(node as Text) ?? [];
  }

  termsAt(node: Node, offset: number): MarkedTerm[] {
    const list = this.byNode.get(node as Text);
    if (!list) return [];
    return list.filter((term) => {
      const { startContainer, startOffset, endContainer, endOffset } = term.range;
      const afterStart = node !== startContainer || offset >= startOffset;
      const beforeEnd = node !== endContainer || offset <= endOffset;
      return afterStart && beforeEnd;
    });
  }

  /** Whether any term is marked in `node`. */
  holds(node: Text): boolean {
    return this.byNode.has(node);
  }

  clear(): void {
    this.highlight.clear();
    this.byNode.clear();
    this.all.clear();
    this.countByEntry.clear();
  }

  /** Removes the highlights from the page's registry: the symmetric end of the constructor. */
  destroy(): void {
    this.clear();
    this.highlights.destroy();
  }
}
