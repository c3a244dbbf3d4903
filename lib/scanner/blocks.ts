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
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
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
  /**
   * Elements the scanner must not enter, by identity, e.g. the extension's UI host (whose name is
   * random, and which a page could imitate): checked where mutations and scan roots are filtered.
   */
  isExcluded?: (element: Element) => boolean;
}

/** Whether the element's own content is off limits (see SKIPPED_TAGS and editable regions). */
export function isSkippedElement(element: Element, options: ScanOptions = {}): boolean {
  // localName is lower case for HTML and as written (lower case in practice) in XHTML and SVG,
  // and unlike tagName it costs no case conversion per element.
  return (
    isSkippedTag(element.localName, options) ||
    (element.hasAttributes() && element.matches(SKIPPED_BY_ATTRIBUTE)) ||
    options.isExcluded?.(element) === true
  );
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

/**
 * Whether `root` holds any text a scan could find a term in: a text node with a letter or digit
 * outside scripts, styles and the like. It stops at the first such node, so a page with text
 * answers at once and an empty frame (an ad slot, a tracking frame) after a few nodes.
 */
export function holdsText(root: Node): boolean {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return false;
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode;
    if (parent?.nodeType === 1 && SKIPPED_TAGS.has((parent as Element).localName)) continue;
    if (hasWordUnit((node as Text).data)) return true;
  }
  return false;
}

/**
 * Resolves true once `doc` holds text (see holdsText), at once if it does already, or false when
 * `signal` aborts first. It looks again after each batch of changes to the document.
 */
export function whenTextArrives(doc: Document, signal: AbortSignal): Promise<boolean> {
  if (holdsText(doc)) return Promise.resolve(true);
  const MutationObserverImpl = doc.defaultView?.MutationObserver;
  if (!MutationObserverImpl || signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (arrived: boolean): void => {
      observer.disconnect();
      signal.removeEventListener('abort', onAbort);
      resolve(arrived);
    };
    const onAbort = (): void => finish(false);
    const observer = new MutationObserverImpl(() => {
      if (holdsText(doc)) finish(true);
    });
    observer.observe(doc, { childList: true, characterData: true, subtree: true });
    signal.addEventListener('abort', onAbort);
  });
}

export function isBlockBoundary(element: Element): boolean {
  return BLOCK_TAGS.has(element.localName);
}

/**
 * Elements that end a line of text without holding any: a block split by one of these is two
 * blocks ("alopecia<br>areata" is not the term).
 */
const EMPTY_BOUNDARY_TAGS = new Set(['br', 'hr', 'img', 'input', 'select', 'textarea', 'button', 'video', 'audio', 'canvas', 'iframe', 'object', 'embed', 'svg', 'math']);

/** What the walk needs to know of a tag, as bits: one map lookup per element instead of three. */
const EMPTY_BOUNDARY = 1;
const SKIPPED = 2;
const BLOCK = 4;
const TAG_FLAGS: ReadonlyMap<string, number> = tagFlags();

/** Flag maps with a caller's excluded tags, kept per set: a reader opens for every rescanned root. */
const flagsWithExclusions = new WeakMap<ReadonlySet<string>, ReadonlyMap<string, number>>();

function flagsExcluding(excludedTags: ReadonlySet<string> | undefined): ReadonlyMap<string, number> {
  if (!excludedTags || excludedTags.size === 0) return TAG_FLAGS;
  let flags = flagsWithExclusions.get(excludedTags);
  if (!flags) flagsWithExclusions.set(excludedTags, (flags = tagFlags(excludedTags)));
  return flags;
}

function tagFlags(excludedTags?: ReadonlySet<string>): Map<string, number> {
  const flags = new Map<string, number>();
  const set = (tags: Iterable<string>, bit: number) => {
    for (const tag of tags) flags.set(tag, (flags.get(tag) ?? 0) | bit);
  };
  set(EMPTY_BOUNDARY_TAGS, EMPTY_BOUNDARY);
  set(SKIPPED_TAGS, SKIPPED);
  set(BLOCK_TAGS, BLOCK);
  if (excludedTags) set(excludedTags, SKIPPED);
  return flags;
}

/**
 * The blocks under `root` (an Element, a Document or a ShadowRoot), one at a time, so a caller can
 * pause the walk between blocks and give the page its main thread back (the walk keeps its place).
 * A plain object with a next() method rather than a generator: V8 cannot optimise a long-running
 * loop inside a generator (no on-stack replacement there), so a generator runs interpreted.
 *
 * Cost matters here more than anywhere: this runs over every node of every page, from the
 * extension's isolated world, and every call into the DOM counts. So
 * - the walk moves by firstChild / nextSibling / parentNode and keeps the chain of open elements
 *   on a stack, with the block container of text directly inside each: a node's parent is the top
 *   of the stack, never asked for;
 * - an element costs its name and one more step of the walk; hidden and editable regions are
 *   found up front with one querySelectorAll and met in document order;
 * - a skipped element (script, style, svg, form field, hidden or editable region) is stepped over
 *   with its whole subtree, so the walk never visits what it would throw away.
 */
export class BlockReader {
  /** Open elements from the walk's root down to the current node's parent. */
  private readonly openNodes: Node[] = [];
  /** For each open element, the block container of text directly inside it. */
  private readonly openContainers: Node[] = [];
  /**
   * Elements whose subtrees the walk steps over for their attributes (hidden, editable) or because
   * the caller says so, in document order, and how many of them the walk has passed: one
   * querySelectorAll up front instead of an attribute check on every element.
   */
  private readonly stops: Element[];
  /** TAG_FLAGS, with the caller's excluded tags skipped too. */
  private readonly tagFlags: ReadonlyMap<string, number>;
  private nextStop = 0;
  private readonly walker: TreeWalker;
  private text = '';
  private segments: Segment[] = [];
  private currentContainer: Node | null = null;
  private started = false;
  /** Whether a text-less boundary element came since the last text node. */
  private boundarySeen = false;
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
    this.openNodes.push(walkRoot);
    this.openContainers.push(walkRoot);
    this.stops = stopsUnder(walkRoot as Element | ShadowRoot, skip);
    this.tagFlags = flagsExcluding(options.excludedTags);
    this.walker = doc.createTreeWalker(walkRoot, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  }

  /**
   * To be called before the caller gives the page its thread back between two blocks. The page
   * may then remove the node the walk stands on, or one of its ancestors: a walker left on a
   * removed node finds no way back and would end the walk early. A live range placed after that
   * node survives removals (the browser moves it to where the removed content was), so the next
   * call to next() goes on from there.
   */
  pause(): void {
    if (this.done || !this.started) return;
    const current = this.walker.currentNode;
    const doc = current.ownerDocument;
    if (!doc || !current.parentNode) return;
    this.resumePoint ??= doc.createRange();
    this.resumePoint.setStartAfter(current);
    this.paused = true;
  }

  /** The next block, or null at the end. */
  next(): TextBlock | null {
    if (this.done) return null;
    const { walker, openNodes, openContainers, tagFlags, stops } = this;
    // The page may have removed a stop while the walk was paused; it would never be reached.
    while (this.nextStop < stops.length && !stops[this.nextStop]!.isConnected) this.nextStop++;
    // The walk moves by firstChild / nextSibling / parentNode, so it always knows a node's parent
    // (the top of the stack) without asking the node for it.
    let node: Node | null;
    if (this.paused) this.keepCurrentSegments();
    if (!this.started) node = walker.firstChild();
    else if (this.paused && this.lostItsPlace()) node = this.nodeAtResumePoint();
    else node = this.nextAfterSubtree();
    this.started = true;
    this.paused = false;
    while (node) {
      // Only elements have a localName (the walk shows elements and text): one property read
      // tells them apart, instead of asking every node for its nodeType as well.
      const name = (node as Partial<Element>).localName;
      if (name !== undefined) {
        const element = node as Element;
        const flags = tagFlags.get(name) ?? 0;
        // A <br> or <img> between two text nodes ends a block.
        if (flags & EMPTY_BOUNDARY) this.boundarySeen = true;
        const isStop = element === stops[this.nextStop];
        if (isStop || flags & SKIPPED) {
          // A block-level region ends the block around it whether it is read or stepped over.
          if (isStop && flags & BLOCK) this.boundarySeen = true;
          // Stops inside this subtree are passed with it.
          while (this.nextStop < stops.length && (stops[this.nextStop] === element || element.contains(stops[this.nextStop]!))) this.nextStop++;
          node = this.nextAfterSubtree();
          continue;
        }
        const child = walker.firstChild();
        if (child) {
          openContainers.push(flags & BLOCK ? element : openContainers[openContainers.length - 1]!);
          openNodes.push(element);
          node = child;
        } else {
          node = this.nextAfterSubtree();
        }
        continue;
      }
      const text = node as Text;
      const data = text.data;
      if (data.length > 0) {
        const container = openContainers[openContainers.length - 1]!;
        let finished: TextBlock | null = null;
        if (container !== this.currentContainer || this.boundarySeen) {
          this.currentContainer = container;
          finished = this.flush();
        }
        this.boundarySeen = false;
        this.segments.push({ node: text, start: this.text.length });
        this.text += data;
        if (finished) return finished;
      }
      node = this.nextAfterSubtree();
    }
    this.done = true;
    return this.flush();
  }

  /** Whether the page moved or removed the node the walk stands on while the walk was paused. */
  private lostItsPlace(): boolean {
    const current = this.walker.currentNode;
    return current.parentNode !== this.openNodes[this.openNodes.length - 1] || !this.openNodes[0]!.contains(current);
  }

  /**
   * After the page removed the walk's place: rebuilds the open elements from the resume point's
   * ancestors and returns the first node at the resume point, or after it (null when the walk's
   * root itself is gone).
   */
  private nodeAtResumePoint(): Node | null {
    const { openNodes, openContainers, walker } = this;
    const root = openNodes[0]!;
    const container = this.resumePoint!.startContainer;
    const offset = this.resumePoint!.startOffset;
    if (!root.contains(container)) return null;
    const chain: Node[] = [];
    for (let node: Node | null = container; node && node !== root; node = node.parentNode) chain.push(node);
    openNodes.length = 1;
    openContainers.length = 1;
    for (let i = chain.length - 1; i >= 0; i--) {
      const element = chain[i] as Element;
      openContainers.push(BLOCK_TAGS.has(element.localName) ? element : openContainers[openContainers.length - 1]!);
      openNodes.push(element);
    }
    // The walk shows elements and text only.
    let child: Node | null = container.childNodes[offset] ?? null;
    while (child && child.nodeType !== 1 && child.nodeType !== 3) child = child.nextSibling;
    if (child) {
      walker.currentNode = child;
      return child;
    }
    if (container === root) return null;
    // Nothing left in the resume point's element: go on after it.
    openNodes.pop();
    openContainers.pop();
    walker.currentNode = container;
    return this.nextAfterSubtree();
  }

  /**
   * Brings the block being collected up to date after a pause: takes out the text nodes the page
   * removed and rereads the ones it changed, so offsets in the block match the nodes.
   */
  private keepCurrentSegments(): void {
    const { segments, text } = this;
    const root = this.openNodes[0]!;
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

  /**
   * The first node after the subtree of the node the walker stands on (its next sibling, or the
   * next sibling of the nearest open element that has one), closing the elements it climbs out
   * of; null at the end of the walk.
   */
  private nextAfterSubtree(): Node | null {
    const walker = this.walker;
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode() || this.openNodes.length <= 1) return null;
      this.openNodes.pop();
      this.openContainers.pop();
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

/** The elements under `root` skipped for their attributes, and those of `skip`, in document order. */
function stopsUnder(root: Element | ShadowRoot, skip: ReadonlySet<Node> | undefined): Element[] {
  const stops = [...root.querySelectorAll(SKIPPED_BY_ATTRIBUTE)];
  if (!skip || skip.size === 0) return stops;
  for (const node of skip) if (node.nodeType === 1 && node !== root && root.contains(node)) stops.push(node as Element);
  // 4 = DOCUMENT_POSITION_FOLLOWING: b comes after a.
  return stops.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
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
