/**
 * Functions that run INSIDE the browser page (main world), passed to `driver.evaluate` or
 * `driver.addInitScript`. Both Playwright and puppeteer ship a function to the page as its source
 * text, so each function here must be self-contained: no imports, no references to anything
 * outside its own body, and only serialisable arguments and results.
 */

export interface PageRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TextRectQuery {
  readonly phrase: string;
  /** 0-based occurrence of the phrase in the page's text; default 0. */
  readonly occurrence?: number;
  /** Scroll the phrase into the middle of the viewport before measuring; default true. */
  readonly scroll?: boolean;
}

export interface TextRectResult {
  /** `Range.getBoundingClientRect()` of the phrase. */
  readonly bounds: PageRect;
  /** The first line box of the phrase: its centre is on the text even when the phrase wraps. */
  readonly firstLine: PageRect;
}

/**
 * Finds the `occurrence`-th appearance of `phrase` in the text of the document (text nodes joined
 * in document order, so a phrase split across inline elements is still found) and returns its
 * client rects. Returns null when the phrase is not in the page.
 */
export function findTextRect(query: TextRectQuery): TextRectResult | null {
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement && skipped.has(node.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node as Text);
    starts.push(text.length);
    text += (node as Text).data;
  }
  let index = -1;
  for (let seen = 0; seen <= (query.occurrence ?? 0); seen++) {
    index = text.indexOf(query.phrase, index + 1);
    if (index === -1) return null;
  }
  const locate = (offset: number, preferEnd: boolean): [Text, number] => {
    let i = 0;
    while (i + 1 < nodes.length && (starts[i + 1]! < offset || (!preferEnd && starts[i + 1] === offset))) i++;
    return [nodes[i]!, offset - starts[i]!];
  };
  const range = document.createRange();
  const [startNode, startOffset] = locate(index, false);
  const [endNode, endOffset] = locate(index + query.phrase.length, true);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  if (query.scroll ?? true) startNode.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
  const plain = (r: DOMRect): PageRect => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  const bounds = range.getBoundingClientRect();
  const first = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0) ?? bounds;
  return { bounds: plain(bounds), firstLine: plain(first) };
}

export interface RoleQuery {
  readonly role: string;
  /** Accessible name: exact match after whitespace collapsing, or a regular expression. */
  readonly name?: string | { readonly source: string; readonly flags: string };
  /** Include elements that are not rendered (display:none, visibility:hidden, zero size). */
  readonly includeHidden?: boolean;
}

export interface RoleMatch {
  readonly role: string;
  readonly name: string;
  /** Rendered text of the element, whitespace collapsed. */
  readonly text: string;
  readonly visible: boolean;
  /** aria-checked, or the `checked` property of a checkbox/radio input; null when not checkable. */
  readonly checked: boolean | null;
  readonly disabled: boolean;
  /** Whether the element lives in a shadow root (the extension's UI does). */
  readonly inShadowRoot: boolean;
  readonly rect: PageRect;
}

/**
 * Finds elements by ARIA role and accessible name in the document AND in every open shadow root
 * (recursively), which is where the extension's in-page UI lives. The role and name rules cover
 * what the extension's UI uses (explicit roles, the common implicit roles, aria-labelledby,
 * aria-label, <label>, text content); it is not a full accessibility-tree implementation.
 */
export function queryByRole(query: RoleQuery, uiRoots: ShadowRoot[] = []): RoleMatch[] {
  const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const all: Element[] = [];
  const visit = (root: Document | ShadowRoot): void => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      all.push(element);
      const shadow = element.shadowRoot ?? uiRoots.find((r) => r.host === element);
      if (shadow) visit(shadow);
    }
  };
  visit(document);

  const implicitRole = (el: Element): string => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'input') {
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'range') return 'slider';
      if (['button', 'submit', 'reset'].includes(type)) return 'button';
      if (type === 'hidden') return '';
      return 'textbox';
    }
    return '';
  };
  const roleOf = (el: Element): string => {
    const explicit = (el.getAttribute('role') ?? '').trim().split(/\s+/)[0];
    return explicit || implicitRole(el);
  };
  const textOf = (el: Element): string => collapse((el as HTMLElement).innerText ?? el.textContent ?? '');
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      const parts = labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById(id))
        .filter((target): target is HTMLElement => target !== null)
        .map((target) => collapse(target.innerText ?? target.textContent ?? ''));
      if (parts.length > 0) return collapse(parts.join(' '));
    }
    const label = el.getAttribute('aria-label');
    if (label && collapse(label)) return collapse(label);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return collapse(Array.from(labels, (l) => l.innerText ?? l.textContent ?? '').join(' '));
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return collapse(el.value);
    const role = roleOf(el);
    if (['button', 'link', 'heading', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'option', 'listitem'].includes(role)) {
      return textOf(el);
    }
    return collapse(el.getAttribute('title') ?? '');
  };
  const nameMatches = (name: string): boolean => {
    const wanted = query.name;
    if (wanted === undefined) return true;
    if (typeof wanted === 'string') return name === collapse(wanted);
    return new RegExp(wanted.source, wanted.flags).test(name);
  };
  const checkedOf = (el: Element): boolean | null => {
    const aria = el.getAttribute('aria-checked');
    if (aria === 'true' || aria === 'mixed') return true;
    if (aria === 'false') return false;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return el.checked;
    return null;
  };

  const matches: RoleMatch[] = [];
  for (const el of all) {
    if (roleOf(el) !== query.role) continue;
    const name = nameOf(el);
    if (!nameMatches(name)) continue;
    const box = el.getBoundingClientRect();
    const visible =
      box.width > 0 &&
      box.height > 0 &&
      (typeof el.checkVisibility !== 'function' || el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }));
    if (!visible && !query.includeHidden) continue;
    matches.push({
      role: query.role,
      name,
      text: textOf(el),
      visible,
      checked: checkedOf(el),
      disabled: el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true',
      inShadowRoot: el.getRootNode() instanceof ShadowRoot,
      rect: { x: box.x, y: box.y, width: box.width, height: box.height },
    });
  }
  return matches;
}

export interface RecordedNode {
  readonly name: string;
  readonly id: string;
}

export interface RecordedMutation {
  readonly type: MutationRecordType;
  readonly target: RecordedNode;
  readonly added: readonly RecordedNode[];
  readonly removed: readonly RecordedNode[];
  readonly attributeName: string | null;
}

/**
 * Init script: observes the whole document (not shadow roots: the extension's own UI is allowed to
 * change inside its shadow root) and records every mutation made after the parser has finished.
 * Mutations made while the document is still loading are the parser building the page, not
 * anyone changing it, so they are dropped at the moment readyState leaves 'loading'.
 */
export function installMutationRecorder(): void {
  const host = window as unknown as { __e2eMutationRecorder?: { records: RecordedMutation[]; flush(): void } };
  if (host.__e2eMutationRecorder) return;
  const records: RecordedMutation[] = [];
  const describe = (node: Node): RecordedNode => ({
    name: node.nodeName,
    id: node instanceof Element ? node.id : '',
  });
  let parsing = document.readyState === 'loading';
  const keep = (list: MutationRecord[]): void => {
    if (parsing) return;
    for (const m of list) {
      records.push({
        type: m.type,
        target: describe(m.target),
        added: Array.from(m.addedNodes, describe),
        removed: Array.from(m.removedNodes, describe),
        attributeName: m.attributeName,
      });
    }
  };
  const observer = new MutationObserver(keep);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  host.__e2eMutationRecorder = { records, flush: () => keep(observer.takeRecords()) };
  if (parsing) {
    document.addEventListener('readystatechange', () => {
      if (parsing && document.readyState !== 'loading') {
        observer.takeRecords();
        parsing = false;
      }
    });
  }
}

/**
 * Returns the mutations recorded so far, including any the observer has not delivered yet. Throws
 * when the recorder was not installed, so that a forgotten addInitScript cannot pass as "no
 * mutations".
 */
export function readMutations(): RecordedMutation[] {
  const host = window as unknown as { __e2eMutationRecorder?: { records: RecordedMutation[]; flush(): void } };
  const recorder = host.__e2eMutationRecorder;
  if (!recorder) {
    throw new Error('mutation recorder is not installed: call driver.addInitScript(installMutationRecorder) before driver.open()');
  }
  recorder.flush();
  return recorder.records.slice();
}

/**
 * Runs in an extension page: resolves once the extension's storage has had no change for
 * `quietMs` (true), or after `maxMs` regardless (false). Closing a page right after a click can
 * otherwise cut off the write that the click started (a read-then-write settings update is two
 * round trips), and the lost write leaks into the next test through the shared browser.
 */
export function waitForStorageQuiet(options: { quietMs: number; maxMs: number }): Promise<boolean> {
  type StorageChanged = { addListener(fn: () => void): void; removeListener(fn: () => void): void };
  const scope = globalThis as unknown as { browser?: { storage?: { onChanged?: StorageChanged } }; chrome?: { storage?: { onChanged?: StorageChanged } } };
  const onChanged = scope.browser?.storage?.onChanged ?? scope.chrome?.storage?.onChanged;
  if (!onChanged) return Promise.resolve(false);
  return new Promise((resolveQuiet) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = (settled: boolean): void => {
      onChanged.removeListener(restart);
      clearTimeout(quiet);
      clearTimeout(cap);
      resolveQuiet(settled);
    };
    const restart = (): void => {
      clearTimeout(quiet);
      quiet = setTimeout(() => finish(true), options.quietMs);
    };
    const cap = setTimeout(() => finish(false), options.maxMs);
    onChanged.addListener(restart);
    restart();
  });
}
