/**
 * Turns a DOM subtree into blocks of text for the matcher, without changing the DOM.
 *
 * A block is the text a reader sees as one run: a paragraph, list item, table cell or heading,
 * with its inline children (em, a, span, ...) joined, so "alopecia <em>areata</em>" reads as one
 * phrase. Blocks end at block-level elements and <br>, so a match never spans two paragraphs.
 * Each block keeps a map from its text offsets back to (Text node, offset), which is how matches
 * become Ranges.
 */

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
  const name = element.localName;
  if (SKIPPED_TAGS.has(name) || options.excludedTags?.has(name)) return true;
  return element.matches(SKIPPED_BY_ATTRIBUTE);
}

/** Hidden content and editors; one selector, so one call into the browser per element. */
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
    if (isSkippedElement(el, options)) return false;
    // An element with contenteditable="false" inside an editor is still part of the editor.
    if ((el as HTMLElement).isContentEditable) return false;
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
 *
 * Cost matters here more than anywhere: this runs over every text node of every page. So the walk
 * visits text nodes only (the browser steps over elements natively), and what each text node needs
 * to know (is it in a skipped region? which block is it in?) is worked out once per parent element
 * and cached, climbing only as far as the nearest ancestor already known. Elements with no text
 * under them are never looked at.
 */
export function* iterateBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock, void, undefined> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc || doc.designMode === 'on') return;
  const walkRoot: Node | null = root.nodeType === 9 ? (root as Document).documentElement : root;
  if (!walkRoot) return;
  const hostOrSelf = walkRoot.nodeType === 11 ? (walkRoot as ShadowRoot).host : (walkRoot as Element);
  if (!hostOrSelf || !isScannable(hostOrSelf, options)) return;
  if (walkRoot.nodeType === 1 && isSkippedElement(walkRoot as Element, options)) return;

  /** Element → the block container of text directly inside it, or null where text is skipped. */
  const containerOf = new Map<Node, Node | null>([[walkRoot, walkRoot]]);
  // Attribute rules are found in one query up front: asking each element for three attributes
  // costs more than the whole text walk on large pages.
  const skippedByAttribute = new Set<Node>((walkRoot as Element | ShadowRoot).querySelectorAll(SKIPPED_BY_ATTRIBUTE));
  const excludedTags = options.excludedTags;
  const chain: Element[] = [];
  const resolve = (parent: Node): Node | null => {
    const known = containerOf.get(parent);
    if (known !== undefined) return known;
    chain.length = 0;
    let up: Node | null = parent;
    let base: Node | null = walkRoot;
    while (up && up.nodeType === 1) {
      const cached = containerOf.get(up);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      chain.push(up as Element);
      up = up.parentNode;
    }
    let current = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const element = chain[i]!;
      if (current !== null) {
        const name = element.localName;
        if (SKIPPED_TAGS.has(name) || excludedTags?.has(name) || skippedByAttribute.has(element)) current = null;
        else if (BLOCK_TAGS.has(name)) current = element;
      }
      containerOf.set(element, current);
    }
    return current;
  };

  let text = '';
  let segments: Segment[] = [];
  /** The finished block, if it holds anything a term could be in; resets the buffer either way. */
  const flush = (): TextBlock | undefined => {
    // A block with no letters or digits cannot hold a term; skipping it saves the matcher's time.
    const block = segments.length > 0 && HAS_WORD.test(text) ? { text, segments } : undefined;
    text = '';
    segments = [];
    return block;
  };

  let currentContainer: Node | null = null;
  let previousText: Text | null = null;
  // Text-less boundaries (<br>, <img>, ...) of each container, looked up only once a container
  // turns out to hold two consecutive text nodes, and consumed in document order: the walk returns
  // to a container after each nested block, so its place in the list is kept, not recomputed.
  const boundariesOf = new Map<Node, { list: NodeListOf<Element>; cursor: number }>();
  /** Moves the container's cursor past boundaries before `node`; true if it passed any. */
  const passBoundaries = (state: { list: NodeListOf<Element>; cursor: number }, node: Node): boolean => {
    let passed = false;
    while (state.cursor < state.list.length && follows(state.list[state.cursor]!, node)) {
      state.cursor++;
      passed = true;
    }
    return passed;
  };

  const walker = doc.createTreeWalker(walkRoot, 0x4 /* SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    if (data.length === 0) continue;
    const parent = node.parentNode;
    if (!parent) continue;
    const container = resolve(parent);
    if (container === null) continue;
    let split: boolean;
    const state = boundariesOf.get(container);
    if (container !== currentContainer) {
      split = true;
      currentContainer = container;
      if (state) passBoundaries(state, node);
    } else if (state) {
      split = passBoundaries(state, node);
    } else if (previousText && container.nodeType === 1) {
      const fresh = { list: (container as Element).querySelectorAll(EMPTY_BOUNDARY_SELECTOR), cursor: 0 };
      boundariesOf.set(container, fresh);
      passBoundaries(fresh, previousText);
      split = passBoundaries(fresh, node);
    } else {
      split = false;
    }
    if (split) {
      const block = flush();
      if (block) yield block;
    }
    segments.push({ node, start: text.length });
    text += data;
    previousText = node;
  }
  const last = flush();
  if (last) yield last;
}

/** Whether `node` comes after `element` in document order (and is not inside it). */
function follows(element: Element, node: Node): boolean {
  return (element.compareDocumentPosition(node) & 0x04) /* DOCUMENT_POSITION_FOLLOWING */ !== 0 && !element.contains(node);
}

/**
 * Open shadow roots of custom elements under `root`. A separate, cheaper walk than the text walk:
 * shadow hosts are custom elements (their names hold a hyphen), and usually have no text of their
 * own for the text walk to meet.
 */
export function* shadowRootsIn(root: Node): Generator<ShadowRoot, void, undefined> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    if (node.localName.indexOf('-') > 0) {
      const shadow = node.shadowRoot;
      if (shadow) yield shadow;
    }
  }
}

const HAS_WORD = /[\p{L}\p{N}]/u;

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
