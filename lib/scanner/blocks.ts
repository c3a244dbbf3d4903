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
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'OPTGROUP',
  'BUTTON', 'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED',
  'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'META', 'LINK',
]);

/**
 * Tags that start a new line of text. Checking tags, not computed styles, keeps the scan free of
 * style recalculation on megabyte pages; the few pages that restyle a <div> as inline lose only
 * matches that span that div's edge.
 */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS',
  'DIALOG', 'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1',
  'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU',
  'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR',
  'UL', 'BR', 'IMG',
]);

export interface ScanOptions {
  /** Elements the scanner must not enter, beyond the built-in rules (e.g. the extension's UI host). */
  isExcluded?: (element: Element) => boolean;
}

/** Whether the element's own content is off limits (see SKIPPED_TAGS and editable regions). */
export function isSkippedElement(element: Element, options: ScanOptions = {}): boolean {
  // Upper-casing covers XHTML documents, where tagName keeps the source's lower case.
  const tag = element.tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return options.isExcluded?.(element) ?? false;
}

/** Whether text inside `node` may be scanned: nothing on its ancestor chain is skipped. */
export function isScannable(node: Node, options: ScanOptions = {}): boolean {
  const doc = node.ownerDocument;
  if (doc?.designMode === 'on') return false;
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el, options)) return false;
    // An element with contenteditable="false" inside an editor is still part of the editor.
    if ((el as HTMLElement).isContentEditable) return false;
  }
  return true;
}

export function isBlockBoundary(element: Element): boolean {
  return BLOCK_TAGS.has(element.tagName.toUpperCase());
}

/**
 * Collects the blocks of text under `root` (an Element or Document). Pure reading: uses one
 * TreeWalker and touches no node's content.
 */
export function collectBlocks(root: Node, options: ScanOptions = {}): TextBlock[] {
  return [...iterateBlocks(root, options)];
}

/**
 * The blocks under `root`, one at a time, so a caller can pause the walk between blocks and give
 * the page its main thread back (the TreeWalker keeps its place).
 */
export function* iterateBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock, void, undefined> {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc || doc.designMode === 'on') return;
  const startElement = root.nodeType === 9 ? (root as Document).documentElement : (root as Element);
  if (!startElement || !isScannable(startElement, options)) return;

  let text = '';
  let segments: Segment[] = [];
  /** The finished block, if it holds anything a term could be in; resets the buffer either way. */
  const flush = (): TextBlock | undefined => {
    // A block with no letters or digits cannot hold a term; skipping it saves the matcher's time.
    const block = segments.length > 0 && /[\p{L}\p{N}]/u.test(text) ? { text, segments } : undefined;
    text = '';
    segments = [];
    return block;
  };

  const walker = doc.createTreeWalker(startElement, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        return isSkippedElement(node as Element, options) ? 2 /* FILTER_REJECT */ : 1 /* FILTER_ACCEPT */;
      }
      return 1;
    },
  });

  // The block container of the previous text node: when it changes, a block ended (this catches
  // text that follows a nested block, e.g. <div>a<p>b</p>c</div>, where no element starts before c).
  let currentContainer: Element | null = null;
  // Sibling text nodes share a parent, so caching by parent keeps this lookup O(1) amortised.
  const containerByParent = new Map<Element, Element | null>();
  const containerOf = (node: Node): Element | null => {
    const parent = node.parentElement;
    if (!parent) return null;
    let container = containerByParent.get(parent);
    if (container === undefined) {
      container = null;
      for (let el: Element | null = parent; el; el = el.parentElement) {
        if (isBlockBoundary(el)) {
          container = el;
          break;
        }
      }
      containerByParent.set(parent, container);
    }
    return container;
  };

  for (let node = walker.currentNode as Node | null; node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (isBlockBoundary(node as Element)) {
        const block = flush();
        if (block) yield block;
      }
      continue;
    }
    const textNode = node as Text;
    const data = textNode.data;
    if (data.length === 0) continue;
    const container = containerOf(textNode);
    if (container !== currentContainer) {
      const block = flush();
      if (block) yield block;
      currentContainer = container;
    }
    segments.push({ node: textNode, start: text.length });
    text += data;
  }
  const last = flush();
  if (last) yield last;
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
