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
  /** Elements the scanner must not enter, beyond the built-in rules (e.g. the extension's UI host). */
  isExcluded?: (element: Element) => boolean;
  /**
   * Called for each open shadow root met on the walk: a TreeWalker does not enter shadow trees,
   * so the caller scans (and observes) them as roots of their own.
   */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/** Whether the element's own content is off limits (see SKIPPED_TAGS and editable regions). */
export function isSkippedElement(element: Element, options: ScanOptions = {}): boolean {
  // localName is lower case for HTML and as written (lower case in practice) in XHTML and SVG,
  // and unlike tagName it costs no case conversion per element.
  if (SKIPPED_TAGS.has(element.localName)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return options.isExcluded?.(element) ?? false;
}

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
 * The blocks under `root` (an Element, a Document or a ShadowRoot), one at a time, so a caller can
 * pause the walk between blocks and give the page its main thread back (the TreeWalker keeps its
 * place).
 *
 * The walk uses no filter callback: a callback per node crosses from the browser into JavaScript
 * for every element and text node, which costs more than the rest of the scan on large pages.
 * Skipped subtrees are stepped over with the walker's own navigation instead.
 */
export function* iterateBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock, void, undefined> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc || doc.designMode === 'on') return;
  let walkRoot: Node | null;
  if (root.nodeType === 9) walkRoot = (root as Document).documentElement;
  else if (root.nodeType === 11) walkRoot = root;
  else walkRoot = root;
  if (!walkRoot) return;
  const hostOrSelf = walkRoot.nodeType === 11 ? (walkRoot as ShadowRoot).host : (walkRoot as Element);
  if (!hostOrSelf || !isScannable(hostOrSelf, options)) return;
  if (walkRoot.nodeType === 1 && isSkippedElement(walkRoot as Element, options)) return;

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

  // The block container of the previous text node: when it changes, a block ended (this catches
  // text that follows a nested block, e.g. <div>a<p>b</p>c</div>, where no element starts before c).
  let currentContainer: Node | null = null;
  // Sibling text nodes share a parent, so caching by parent keeps this lookup O(1) amortised.
  const containerByParent = new Map<Node, Node | null>();
  const containerOf = (node: Node): Node | null => {
    const parent = node.parentNode;
    if (!parent) return null;
    let container = containerByParent.get(parent);
    if (container === undefined) {
      container = parent;
      for (let el: Node | null = parent; el && el.nodeType === 1; el = el.parentNode) {
        container = el;
        if (isBlockBoundary(el as Element)) break;
      }
      containerByParent.set(parent, container);
    }
    return container;
  };

  const walker = doc.createTreeWalker(walkRoot, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  /** Moves past the current node's subtree; false at the end of the walk. */
  const skipSubtree = (): boolean => {
    for (;;) {
      if (walker.nextSibling()) return true;
      if (!walker.parentNode()) return false;
    }
  };

  let node: Node | null = walker.currentNode;
  if (node === walkRoot && walkRoot.nodeType === 11) node = walker.nextNode();
  while (node) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element !== walkRoot && isSkippedElement(element, options)) {
        node = skipSubtree() ? walker.currentNode : null;
        continue;
      }
      if (element.shadowRoot) options.onShadowRoot?.(element.shadowRoot);
      if (isBlockBoundary(element)) {
        const block = flush();
        if (block) yield block;
      }
    } else {
      const textNode = node as Text;
      const data = textNode.data;
      if (data.length > 0) {
        const container = containerOf(textNode);
        if (container !== currentContainer) {
          const block = flush();
          if (block) yield block;
          currentContainer = container;
        }
        segments.push({ node: textNode, start: text.length });
        text += data;
      }
    }
    node = walker.nextNode();
  }
  const last = flush();
  if (last) yield last;
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
