import type { PageRect, RoleMatch, RoleQuery, TextRectQuery, TextRectResult } from './page-functions';

/**
 * The one interface every end-to-end scenario is written against. Each browser has a thin
 * implementation (drivers/chromium.ts with Playwright, drivers/firefox.ts with puppeteer-core),
 * so a scenario never touches a browser automation API and always runs in both browsers.
 *
 * Everything about the page happens in the page's main world. The extension's in-page UI lives in
 * a closed shadow root, which no page script can reach: the drivers hand it to the page function
 * through the browser's automation protocol (CDP in Chromium, WebDriver BiDi in Firefox), as a
 * reader's browser would never do for a page.
 */

export type BrowserName = 'chromium' | 'firefox';

/** A function shipped to the page as source text: see page-functions.ts for the rules. */
export type PageFunction<Arg, Result> = (arg: Arg) => Result | Promise<Result>;
/** A page function that also gets the closed shadow roots of the elements under <html>. */
export type UiPageFunction<Arg, Result> = (arg: Arg, uiRoots: ShadowRoot[]) => Result | Promise<Result>;

/** Name of an element: exact text (whitespace collapsed) or a pattern. */
export type AccessibleName = string | RegExp;

export interface ExtensionInfo {
  /** Chromium: the extension id; Firefox: the internal UUID. The host of the extension's URLs. */
  readonly id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, no trailing slash. */
  readonly origin: string;
  /** Firefox: the add-on id from the manifest (installExtension's result); Chromium: same as id. */
  readonly addonId: string;
  /** Absolute path of the built extension directory under test. */
  readonly dir: string;
  /** Whether the build contains a file, e.g. `popup.html`. */
  hasFile(path: string): boolean;
}

export interface BrowserProblem {
  readonly kind: 'console-error' | 'page-error';
  readonly text: string;
  /** Script URL or stack, where the browser reports one. */
  readonly source: string;
  /** True when the message or its source points into the extension's own files. */
  readonly fromExtension: boolean;
}

export interface ExternalRequest {
  readonly url: string;
  /**
   * How it was seen. `route`: Playwright request interception (pages, workers, extension
   * contexts in Chromium). `page`: a page's request event. `proxy`: the browser-wide blocking
   * proxy (Firefox: everything, including the background page). One request may appear once per
   * channel that saw it.
   */
  readonly via: 'route' | 'page' | 'proxy' | 'websocket';
}

export interface DialogInfo {
  /** Accessible name (aria-labelledby / aria-label). */
  readonly name: string;
  readonly text: string;
  readonly inShadowRoot: boolean;
  readonly rect: PageRect;
}

export interface MediaEmulation {
  readonly colorScheme?: 'light' | 'dark' | null;
  readonly reducedMotion?: 'reduce' | 'no-preference' | null;
}

/** A viewport size in CSS pixels. */
export interface ViewportSize {
  readonly width: number;
  readonly height: number;
}

/** What the toolbar button shows for a tab: the mark, or its grey variant (off here, or paused). */
export type ToolbarIconState = 'active' | 'inactive';

export interface ExtensionScreenshotOptions {
  /** CSS selector of the element to picture (its bounding box). */
  readonly selector?: string;
}

/** Milliseconds since the popup's navigation started. */
export interface PopupTiming {
  scriptStart: number;
  /** The first frame showing the settings (the popup's own mark). */
  rendered: number;
  firstContentfulPaint: number | null;
  /** How many terms the popup listed for the tab. */
  termsListed: number;
}

export interface WaitOptions {
  /** Milliseconds; default 5000. */
  readonly timeout?: number;
}

/** Controls of an extension page (the popup) opened in its own tab. */
export interface ExtensionPage {
  readonly url: string;
  /** Visible elements with this role (and name), in document order, including open shadow roots. */
  queryByRole(role: string, name?: AccessibleName): Promise<RoleMatch[]>;
  /**
   * Clicks the centre of the single visible element with this role and name (real mouse input).
   * Without a name there must be exactly one visible element with the role.
   */
  click(role: string, name?: AccessibleName): Promise<void>;
  /** Checked state of the single checkbox/switch/radio with this role and name. */
  isChecked(role: string, name?: AccessibleName): Promise<boolean>;
  /** Clicks the control if needed so that its checked state becomes `checked`, then verifies it. */
  setChecked(role: string, name: AccessibleName | undefined, checked: boolean): Promise<void>;
  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /** A picture of the page, or of the first element matching `options.selector`. */
  screenshot(path: string, options?: ExtensionScreenshotOptions): Promise<void>;
  /**
   * Emulates the reader's system preferences for this page (Firefox: browser-wide, as
   * Driver.emulateMedia, and reset when the test ends).
   */
  emulateMedia(media: MediaEmulation): Promise<void>;
  /** Resizes this page's viewport (the suite's default is 1280×720; the store's pictures are 1280×800). */
  setViewport(size: ViewportSize): Promise<void>;
  /**
   * Waits until the extension's storage has been quiet for 250 ms (so a write the page started is
   * not cut off, as a real popup gets time to finish before a person clicks away), then closes
   * the tab.
   */
  close(): Promise<void>;
}

export interface Driver {
  readonly browserName: BrowserName;
  readonly extension: ExtensionInfo;

  /** Absolute URL of a fixture path (`pages/harness.html`, `/corpus/001.html`) on 127.0.0.1. */
  url(fixturePath: string): string;
  /** Navigates this test's tab to a fixture path (or absolute URL) and waits for `load`. */
  open(fixturePathOrUrl: string): Promise<void>;
  /**
   * Runs before the page's own scripts on every later navigation of this tab (and in its frames).
   * Call it before `open`.
   */
  addInitScript<Arg>(script: string | PageFunction<Arg, unknown>, arg?: Arg): Promise<void>;
  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /**
   * Evaluates `fn` in the page's main world with the closed shadow roots attached to the children
   * of <html> (the extension's UI host), which the page itself cannot get: the test's view, never
   * the page's.
   */
  evaluateWithUi<Arg, Result>(fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /** evaluateInFrame with the frame's closed UI roots, as evaluateWithUi. */
  evaluateInFrameWithUi<Arg, Result>(urlPart: string, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /**
   * Evaluates `fn` in the main world of the first child frame (any depth) whose URL contains
   * `urlPart` (`about:srcdoc` for srcdoc frames). Works across origins. Throws when no frame matches.
   */
  evaluateInFrame<Arg, Result>(urlPart: string, fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /** Evaluates `fn` (with the UI roots, as evaluateWithUi) until it returns something other than null/undefined/false. */
  waitForFunction<Arg, Result>(fn: UiPageFunction<Arg, Result>, arg: Arg, options?: WaitOptions): Promise<Exclude<Result, null | undefined | false>>;

  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** Presses / releases the left button where the mouse is (a press that is not yet a click). */
  mouseDown(): Promise<void>;
  mouseUp(): Promise<void>;
  /** A key name as in KeyboardEvent.key (`Escape`, `Tab`, `a`), optionally with modifiers: `Shift+Tab`. */
  press(key: string): Promise<void>;
  /** Holds a key down (`Alt`, `Shift`) until `keyUp`; for hover-with-modifier. */
  keyDown(key: string): Promise<void>;
  keyUp(key: string): Promise<void>;
  /** A tap of one finger (touch pointer events, pointerType `touch`), as on a phone. */
  tap(x: number, y: number): Promise<void>;
  /**
   * Emulates the reader's system preferences for this tab's pages (null: back to the browser's
   * own). Firefox applies them browser-wide through preferences; the driver resets them when the
   * test ends.
   */
  emulateMedia(media: MediaEmulation): Promise<void>;
  /**
   * Delivers `message` to the extension's content scripts in this test's tab exactly as the
   * background does (`tabs.sendMessage`, optionally to one frame), from an extension page. For
   * paths the automation cannot start itself: keyboard commands, context-menu clicks.
   */
  sendToContentScript(message: unknown, options?: { frameId?: number }): Promise<void>;

  /** Client rects of a phrase in the page's text, or null when absent. */
  textRect(phrase: string, options?: Omit<TextRectQuery, 'phrase'>): Promise<TextRectResult | null>;
  /** Moves the mouse to the centre of the phrase's first line box; returns that point. Throws when absent. */
  hoverText(phrase: string, options?: Omit<TextRectQuery, 'phrase'>): Promise<{ x: number; y: number }>;

  /** Elements by role and name in the page, including shadow roots (the extension's closed one too). */
  queryByRole(query: { role: string; name?: AccessibleName; includeHidden?: boolean }): Promise<RoleMatch[]>;
  /** The visible `[role=dialog]` (e.g. the definition popover), or null. */
  dialog(): Promise<DialogInfo | null>;
  /** Waits for a visible dialog (with this name, if given). */
  waitForDialog(name?: AccessibleName, options?: WaitOptions): Promise<DialogInfo>;
  /** Waits until no dialog is visible. */
  waitForNoDialog(options?: WaitOptions): Promise<void>;

  screenshot(path: string): Promise<void>;
  /** Resizes this test's tab (the suite's default is 1280×720; the store's pictures are 1280×800). */
  setViewport(size: ViewportSize): Promise<void>;
  /**
   * What the toolbar button shows for this test's tab now, as the browser holds it: Firefox's own
   * state of the button; Chromium, which exposes no getter, the last `action.setIcon` the service
   * worker made for the tab (recorded from the session's start) once the browser accepted it.
   */
  toolbarIcon(): Promise<ToolbarIconState>;

  /**
   * Stops the extension's background where the browser suspends it when idle (Chromium stops its
   * service worker after 30 s without events) and resolves true once it is stopped; false where
   * the background never sleeps (Firefox runs this MV2 extension's background page for good).
   */
  suspendBackground(): Promise<boolean>;

  /** Opens the extension's popup page in its own tab. */
  openPopup(): Promise<ExtensionPage>;
  /** Opens one of the extension's pages ("welcome.html", "options.html") in its own tab. */
  openExtensionPage(path: string): Promise<ExtensionPage>;
  /** The address of every tab open in the browser (other tests' included). */
  openTabUrls(): Promise<string[]>;

  /**
   * Opens the real toolbar popup for the test's tab, as a click on the toolbar button does, waits
   * until it shows the tab's terms, reads its timing and closes it.
   */
  toolbarPopupTiming(): Promise<PopupTiming>;

  /** Console errors and uncaught exceptions seen since this test started (all tabs). */
  problems(): BrowserProblem[];
  /** Requests to any host other than loopback that the browser attempted since this test started. */
  externalRequests(): ExternalRequest[];
  /**
   * Connections the browser opened to hosts other than loopback since this test started, as the
   * blocking proxy saw them (`https://host:port` for a tunnel), whatever caused them: requests,
   * preconnects, the browser's own traffic. A preconnect is no request, so only this shows it.
   */
  connectionsOpened(): string[];
}

export type { PageRect, RoleMatch, RoleQuery, TextRectQuery, TextRectResult };

/** Serialises an AccessibleName for the page side. */
export function toNameQuery(name: AccessibleName | undefined): RoleQuery['name'] {
  if (name === undefined || typeof name === 'string') return name;
  return { source: name.source, flags: name.flags };
}

/** Polls `probe` until it yields a value other than null/undefined/false. */
export async function poll<T>(
  probe: () => Promise<T> | T,
  options: { timeout?: number; interval?: number; message?: string | (() => string) } = {},
): Promise<Exclude<T, null | undefined | false>> {
  const timeout = options.timeout ?? 5000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value as Exclude<T, null | undefined | false>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const message = typeof options.message === 'function' ? options.message() : options.message;
      throw new Error(`timed out after ${timeout} ms${message ? `: ${message}` : ''}`, { cause: lastError });
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, interval));
  }
}

/** Whether a URL would leave the machine: anything with a network host other than loopback. */
export function isExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(parsed.protocol)) return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}
