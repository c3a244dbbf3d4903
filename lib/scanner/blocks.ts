/**
 * Turns a DOM subtree into blocks of text for the matcher, without changing the DOM.
 *
 * A block is the text a reader sees as one run: a paragraph, list item, table cell or heading,
 * with its inline children (em, a, span, ...) joined, so "alopecia <em>areata</em>" reads as one
 * phrase. Blocks end at block-level elements and <br>, so a match never spans two paragraphs.
 * Each block keeps a map from its text offsets back to (Text node, offset), which is how matches
 * become Ranges.
 */
import { hasWordUnit } from '../matcher/fold';

/** One text node's place inside a block's text. */
export interface Segment {
  node: Text;
  /** Offset of the node's first character in the block text. */
  start: number;
}

export interface TextBlock {
  text: string;
  /** In document order; segment i covers [segments[i].start, segments[i+1].start). */
  segments: Segment[];
}

/**
 * Elements whose text is never scanned: what a reader types or edits, what is not prose for a
 * reader (code, scripts), and what is not shown.
 */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'button', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'video', 'audio', 'head', 'title', 'meta', 'link',
]);

/**
 * Tags that start a new line of text. Checking tags, not computed styles, keeps the scan free of
 * style recalculation on megabyte pages; the few pages that restyle a <div> as inline lose only
 * matches that span that div's edge.
 */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu',
  'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'br', 'img',
]);

export interface ScanOptions {
  /** Tag names (local names) of elements the scanner must not enter beyond the built-in rules, e.g. the extension's UI host. */
  excludedTags?: ReadonlySet<string>;
}

/** Whether the element's own content is off limits (see SKIPPED_TAGS and editable regions). */
export function isSkippedElement(element: Element, options: ScanOptions = {}): boolean {
  // localName is lower case for HTML and as written (lower case in practice) in XHTML and SVG,
  // and unlike tagName it costs no case conversion per element.
  return isSkippedTag(element.localName, options) || (element.hasAttributes() && element.matches(SKIPPED_BY_ATTRIBUTE));
}

function isSkippedTag(name: string, options: ScanOptions): boolean {
  return SKIPPED_TAGS.has(name) || options.excludedTags?.has(name) === true;
}

/** Hidden content and editors, as one selector: one querySelectorAll finds them all under a root. */
const SKIPPED_BY_ATTRIBUTE = '[hidden],[aria-hidden="true" i],[contenteditable]:not([contenteditable="false" i])';

/**
 * Whether text inside `node` may be scanned: nothing on its ancestor chain is skipped, crossing
 * out of shadow trees through their hosts.
 */
export function isScannable(node: Node, options: ScanOptions = {}): boolean {
  const doc = node.ownerDocument;
  if (doc?.designMode === 'on') return false;
  let current: Node | null = node.nodeType === 1 || node.nodeType === 11 ? node : node.parentNode;
  while (current) {
    if (current.nodeType === 11) {
      current = (current as ShadowRoot).host ?? null;
      continue;
    }
    if (current.nodeType !== 1) break;
    const el = current as Element;
    // Checking every ancestor's attributes also covers contenteditable="false" islands inside an
    // editor (the editor is their ancestor). isContentEditable would say the same but makes the
    // browser bring styles up to date, which after a batch of highlights costs milliseconds a call.
    if (isSkippedElement(el, options)) return false;
    current = el.parentNode;
  }
  return true;
}

export function isBlockBoundary(element: Element): boolean {
  return BLOCK_TAGS.has(element.localName);
}

/**
 * Collects the blocks of text under `root` (an Element or Document). Pure reading: uses one
 * TreeWalker and touches no node's content.
 */
export function collectBlocks(root: Node, options: ScanOptions = {}): TextBlock[] {
  return [...iterateBlocks(root, options)];
}

/**
 * Elements that end a line of text without holding any: a block split by one of these is two
 * blocks ("alopecia<br>areata" is not the term).
 */
const EMPTY_BOUNDARY_SELECTOR = 'br,hr,img,input,select,textarea,button,video,audio,canvas,iframe,object,embed,svg,math';

/**
 * The blocks under `root` (an Element, a Document or a ShadowRoot), one at a time, so a caller can
 * pause the walk between blocks and give the page its main thread back (the TreeWalker keeps its
 * place).
 */
export function* iterateBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock, void, undefined> {
  const reader = BlockReader.open(root, options);
  if (!reader) return;
  for (let block = reader.next(); block; block = reader.next()) yield block;
}

/** What the reader knows of an element, worked out once per element from its parent's. */
interface ElementInfo {
  /** The block container of text directly inside the element. */
  container: Node;
  /** The outermost skipped element the element is in (itself included), or null. */
  skipRoot: Element | null;
}

/**
 * The walk behind iterateBlocks, as a plain object with a next() method rather than a generator:
 * V8 cannot optimise a long-running loop inside a generator (no on-stack replacement there), so a
 * generator walking a whole page ran interpreted, several times slower.
 *
 * Cost matters here more than anywhere: this runs over every node of every page, from the
 * extension's isolated world, cold, and every call into the DOM counts. So the walk is the one a
 * bare text pass makes: a TreeWalker that shows text nodes only, so the browser steps over the
 * elements in native code. The reader meets an element only as the parent of a text node (or an
 * ancestor of one), and works out once per element, from its parent's, which block the text in it
 * belongs to and whether it is skipped. What the walk does not show is found up front with one
 * querySelectorAll: hidden and editable regions, and the text-less elements that end a line
 * between two text nodes (<br>, <img>, form fields, a hidden <div>).
 */
export class BlockReader {
  private readonly walker: TreeWalker;
  private readonly root: Node;
  private readonly info = new Map<Node, ElementInfo>();
  /** Elements skipped for their attributes, or because the caller says so (already scanned). */
  private readonly stopSet: ReadonlySet<Element>;
  /** Text-less elements that end a block, in document order, and how many the walk has passed. */
  private readonly boundaries: Element[] = [];
  private nextBoundary = 0;
  /** Block containers a boundary can come between two texts of (see the constructor). */
  private readonly containersWithBoundaries = new Set<Node>();
  private text = '';
  private segments: Segment[] = [];
  private currentContainer: Node | null = null;
  private current: Text | null = null;
  private done = false;
  /** Set by pause(): where the walk goes on, kept up to date by the browser as the page changes. */
  private resumePoint: Range | null = null;
  private paused = false;

  /**
   * A reader for `root`, or null when nothing under it may be scanned. Subtrees rooted at an
   * element of `skip` are stepped over (e.g. ones already scanned).
   */
  static open(root: Node, options: ScanOptions = {}, skip?: ReadonlySet<Node>): BlockReader | null {
    const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (!doc || doc.designMode === 'on') return null;
    const walkRoot: Node | null = root.nodeType === 9 ? (root as Document).documentElement : root;
    if (!walkRoot) return null;
    const hostOrSelf = walkRoot.nodeType === 11 ? (walkRoot as ShadowRoot).host : (walkRoot as Element);
    if (!hostOrSelf || !isScannable(hostOrSelf, options)) return null;
    if (walkRoot.nodeType === 1 && isSkippedElement(walkRoot as Element, options)) return null;
    return new BlockReader(doc, walkRoot, options, skip);
  }

  private constructor(
    doc: Document,
    walkRoot: Node,
    private readonly options: ScanOptions,
    skip: ReadonlySet<Node> | undefined,
  ) {
    this.root = walkRoot;
    this.info.set(walkRoot, { container: walkRoot, skipRoot: null });
    this.walker = doc.createTreeWalker(walkRoot, 0x4 /* SHOW_TEXT */);
    const scope = walkRoot as Element | ShadowRoot;
    const stops = new Set<Element>(scope.querySelectorAll(SKIPPED_BY_ATTRIBUTE));
    if (skip) for (const node of skip) if (node.nodeType === 1 && node !== walkRoot && walkRoot.contains(node)) stops.add(node as Element);
    this.stopSet = stops;
    // A text-less element ends the block around it: one that holds no text (<br>, <img>, a form
    // field), or a block-level region the walk steps over. Ones inside skipped regions do not
    // count: the reader never sees what is around them.
    const candidates = [...scope.querySelectorAll(EMPTY_BOUNDARY_SELECTOR)];
    for (const stop of stops) if (BLOCK_TAGS.has(stop.localName)) candidates.push(stop);
    if (candidates.length > 0) {
      // 4 = DOCUMENT_POSITION_FOLLOWING: b comes after a.
      if (skip || stops.size > 0) candidates.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
      for (const element of candidates) {
        const parent = this.infoOf(element.parentNode);
        if (parent === null || parent.skipRoot !== null) continue;
        if (this.boundaries[this.boundaries.length - 1] === element) continue;
        this.boundaries.push(element);
        // It can come between two texts of its own block, or of any block around it (a block
        // with no text of its own, like <p><img></p>, does not end the block around it).
        for (let container: Node | null = parent.container; container !== null && !this.containersWithBoundaries.has(container); ) {
          this.containersWithBoundaries.add(container);
          container = container === walkRoot ? null : (this.infoOf(container.parentNode)?.container ?? null);
        }
      }
    }
  }

  /**
   * What the reader knows of `node` (an element or the walk's root), worked out from its
   * ancestors' and kept; null for a node outside the walk's root.
   */
  private infoOf(node: Node | null): ElementInfo | null {
    if (node === null) return null;
    const known = this.info.get(node);
    if (known) return known;
    // Climb to the nearest ancestor already known, then work down.
    const chain: Element[] = [];
    let above: ElementInfo | undefined;
    for (let current: Node | null = node; ; current = current.parentNode) {
      if (current === null || current.nodeType !== 1) return null;
      chain.push(current as Element);
      above = current.parentNode ? this.info.get(current.parentNode) : undefined;
      if (above) break;
    }
    let info: ElementInfo = above;
    for (let i = chain.length - 1; i >= 0; i--) {
      const element = chain[i]!;
      const name = element.localName;
      const skipped = info.skipRoot !== null ? info.skipRoot : isSkippedTag(name, this.options) || this.stopSet.has(element) ? element : null;
      info = { container: BLOCK_TAGS.has(name) ? element : info.container, skipRoot: skipped };
      this.info.set(element, info);
    }
    return info;
  }

  /**
   * To be called before the caller gives the page its thread back between two blocks. The page
   * may then remove the node the walk stands on, or one of its ancestors: a walker left on a
   * removed node would go on from wherever that node went. A live range placed after the node
   * survives removals (the browser moves it to where the removed content was), so the next call
   * to next() goes on from there.
   */
  pause(): void {
    const current = this.current;
    if (this.done || current === null || !current.parentNode) return;
    this.resumePoint ??= (current.ownerDocument ?? document).createRange();
    this.resumePoint.setStartAfter(current);
    this.paused = true;
  }

  /** The next block, or null at the end. */
  next(): TextBlock | null {
    if (this.done) return null;
    const { walker, root } = this;
    let node: Node | null;
    if (this.paused) {
      this.keepCurrentSegments();
      node = this.current !== null && !root.contains(this.current) ? this.textAtResumePoint() : walker.nextNode();
      this.paused = false;
    } else {
      node = walker.nextNode();
    }
    while (node) {
      const text = node as Text;
      const info = this.infoOf(text.parentNode);
      if (info === null) {
        node = walker.nextNode();
        continue;
      }
      if (info.skipRoot !== null) {
        // Step over the whole skipped region: on to the first text after its last node.
        let last: Node = info.skipRoot;
        while (last.lastChild) last = last.lastChild;
        walker.currentNode = last;
        node = walker.nextNode();
        continue;
      }
      const data = text.data;
      if (data.length > 0) {
        const container = info.container;
        let boundary = false;
        if (container === this.currentContainer && this.current !== null && this.containersWithBoundaries.has(container)) {
          boundary = this.boundaryBetween(this.current, text);
        }
        let finished: TextBlock | null = null;
        if (container !== this.currentContainer || boundary) {
          this.currentContainer = container;
          finished = this.flush();
        }
        this.current = text;
        this.segments.push({ node: text, start: this.text.length });
        this.text += data;
        if (finished) return finished;
      }
      node = walker.nextNode();
    }
    this.done = true;
    return this.flush();
  }

  /** Whether a text-less boundary element comes between the text nodes `previous` and `text`. */
  private boundaryBetween(previous: Text, text: Text): boolean {
    const { boundaries } = this;
    // 4 = DOCUMENT_POSITION_FOLLOWING: the text node comes after the boundary element. (No
    // boundary holds text the walk reads: each is empty or skipped whole.) The walk passed the
    // ones before `previous` while it read other blocks.
    while (this.nextBoundary < boundaries.length && boundaries[this.nextBoundary]!.compareDocumentPosition(previous) & 4) this.nextBoundary++;
    let seen = false;
    while (this.nextBoundary < boundaries.length && boundaries[this.nextBoundary]!.compareDocumentPosition(text) & 4) {
      seen = true;
      this.nextBoundary++;
    }
    return seen;
  }

  /**
   * After the page removed the walk's place: the first text node at the resume point or after
   * it, with the walker standing on it (null at the end of the walk or when its root is gone).
   */
  private textAtResumePoint(): Node | null {
    const { walker, root } = this;
    const container = this.resumePoint!.startContainer;
    if (!root.contains(container)) return null;
    const child: Node | null = container.childNodes[this.resumePoint!.startOffset] ?? null;
    if (child !== null) {
      walker.currentNode = child;
      return child.nodeType === 3 ? child : walker.nextNode();
    }
    if (container === root) return null;
    let last: Node = container;
    while (last.lastChild) last = last.lastChild;
    walker.currentNode = last;
    return walker.nextNode();
  }

  /**
   * Brings the block being collected up to date after a pause: takes out the text nodes the page
   * removed and rereads the ones it changed, so offsets in the block match the nodes.
   */
  private keepCurrentSegments(): void {
    const { segments, text, root } = this;
    const unchanged = segments.every(
      (segment, i) => root.contains(segment.node) && segment.node.data.length === (segments[i + 1]?.start ?? text.length) - segment.start,
    );
    if (unchanged) return;
    this.segments = [];
    this.text = '';
    for (const { node } of segments) {
      if (!root.contains(node)) continue;
      this.segments.push({ node, start: this.text.length });
      this.text += node.data;
    }
  }

  /** The finished block, if it holds anything a term could be in; resets the buffer either way. */
  private flush(): TextBlock | null {
    const { text, segments } = this;
    this.text = '';
    this.segments = [];
    // A block with no letters or digits cannot hold a term; skipping it saves the matcher's time.
    return segments.length > 0 && hasWordUnit(text) ? { text, segments } : null;
  }
}

/**
 * Open shadow roots of custom elements under `root` (and null now and then, as a chance to pause). A separate, cheaper walk than the text walk:
 * shadow hosts are custom elements (their names hold a hyphen), and usually have no text of their
 * own for the text walk to meet.
 */
export function* shadowRootsIn(root: Node): Generator<ShadowRoot | null, void, undefined> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  let visited = 0;
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    if (node.localName.indexOf('-') > 0) {
      const shadow = node.shadowRoot;
      if (shadow) yield shadow;
    }
    // A pause point every so often, found or not, so the caller can give the page its thread back.
    if (++visited % 512 === 0) yield null;
  }
}


/** Maps an offset in a block's text to the text node and offset inside it. */
export function locate(block: TextBlock, offset: number, preferEnd = false): { node: Text; offset: number } {
  const { segments } = block;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = segments[mid]!.start;
    // For a range end on a node boundary, stay in the earlier node so the range does not
    // reach into the next node's (unmatched) text.
    if (start < offset || (!preferEnd && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo]!;
  return { node: segment.node, offset: offset - segment.start };
}
