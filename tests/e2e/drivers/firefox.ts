import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Frame, type KeyInput, type Page } from 'puppeteer-core';
import { isExternalUrl, poll, type BrowserProblem, type ExtensionInfo, type ExtensionScreenshotOptions, type ExternalRequest, type MediaEmulation, type PageFunction, type PopupTiming, type ToolbarIconState, type UiPageFunction, type ViewportSize } from '../driver';
import type { FixtureServer } from '../../fixtures/server';
import { startBlockingProxy, type BlockingProxy } from './blocking-proxy';
import {
  BaseDriver,
  childFrameWithUrl,
  uiCallSource,
  BaseExtensionPage,
  builtExtensionDir,
  extensionInfo,
  popupTimingExpression,
  problemFromExtension,
  readManifest,
  RecordLog,
  splitKeyCombo,
} from './base';

export const FIREFOX_EXECUTABLE = process.env.E2E_FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const VIEWPORT = { width: 1280, height: 720 };

/**
 * Preferences on top of puppeteer's defaults (which already switch off updates, safebrowsing,
 * normandy and most data reporting). Sources: Firefox's remote agent RecommendedPreferences and
 * the telemetry preference docs. The proxy settings send every http/https/ws request that is not
 * to loopback into the blocking proxy, so nothing leaves the machine even if a pref is missed —
 * and a missed one shows up in externalRequests() instead of passing silently.
 */
export function firefoxPrefs(proxyPort: number, addonId: string, uuid: string): Record<string, unknown> {
  return {
    // Fixed internal UUID so the popup URL (moz-extension://<uuid>/popup.html) is known up front.
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    // Lets the tests open the real toolbar popup (browserAction.openPopup) without a click.
    'extensions.openPopupWithoutUserGesture.enabled': true,

    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.share_proxy_settings': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,

    'network.captive-portal-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'network.connectivity-service.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'app.update.auto': false,
    'browser.region.network.url': '',
    'geo.provider.network.url': '',
    'dom.push.connection.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.getAddons.discovery.api_url': 'data:,',
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.urlbar.merino.endpointURL': '',
    'identity.fxaccounts.enabled': false,
    'browser.ping-centre.telemetry': false,
  };
}

function addonIdOf(dir: string): string {
  const manifest = readManifest(dir) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** One Firefox ESR with the built extension installed; lives for a whole Playwright worker. */
export class FirefoxSession {
  readonly problems = new RecordLog<BrowserProblem>();

  private constructor(
    readonly requests: RecordLog<ExternalRequest>,
    readonly browser: Browser,
    readonly extension: ExtensionInfo,
    private readonly server: FixtureServer,
    private readonly proxy: BlockingProxy,
  ) {}

  static async launch(server: FixtureServer): Promise<FirefoxSession> {
    const dir = builtExtensionDir('firefox');
    const addonId = addonIdOf(dir);
    const uuid = randomUUID();
    const requests = new RecordLog<ExternalRequest>();
    // The proxy is the one place that sees requests of every context, the background page included.
    const proxy = await startBlockingProxy((request) => requests.push({ url: request.url, via: 'proxy' }));
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_EXECUTABLE,
      headless: true,
      defaultViewport: VIEWPORT,
      args: ['--remote-allow-system-access'],
      // Release builds ignore services.settings.server (remote settings would still be fetched
      // from firefox.settings.services.mozilla.com) unless this variable is set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: firefoxPrefs(proxy.port, addonId, uuid),
    });
    try {
      // WebDriver BiDi webExtension.install installs a temporary add-on, which is why the unsigned
      // build loads although xpinstall.signatures.required stays at its default (true).
      const installedId = await browser.installExtension(dir);
      if (installedId !== addonId) throw new Error(`installExtension returned ${installedId}, expected ${addonId}`);
      return new FirefoxSession(requests, browser, extensionInfo(uuid, `moz-extension://${uuid}`, installedId, dir), server, proxy);
    } catch (error) {
      await browser.close();
      await proxy.close();
      throw error;
    }
  }

  /** Records console errors, uncaught exceptions and external requests of one tab. */
  watch(page: Page): void {
    const { problems, requests, extension } = this;
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      const source = message.location().url ?? '';
      problems.push({ kind: 'console-error', text, source, fromExtension: problemFromExtension(extension.origin, text, source) });
    });
    page.on('pageerror', (error) => {
      // Over BiDi the message arrives prefixed with the error's name ("Error: boom"); Chromium
      // reports the bare message, and scenarios compare messages across browsers.
      const message = error instanceof Error ? error.message : String(error);
      const text = message.replace(/^(?:[A-Z][A-Za-z]*)?(?:Error|Exception): /, '');
      const source = error instanceof Error ? (error.stack ?? '') : '';
      problems.push({ kind: 'page-error', text, source, fromExtension: problemFromExtension(extension.origin, text, source) });
    });
    page.on('request', (request) => {
      if (isExternalUrl(request.url())) requests.push({ url: request.url(), via: 'page' });
    });
  }

  /**
   * Sets (number) or clears (null) integer preferences of the running browser, through the
   * browser's own chrome window over WebDriver BiDi (possible because of --remote-allow-system-access).
   * Look-and-feel preferences such as ui.prefersReducedMotion apply to open pages at once.
   */
  async setIntPrefs(prefs: Record<string, number | null>): Promise<void> {
    const statements = Object.entries(prefs).map(([name, value]) =>
      value === null ? `Services.prefs.clearUserPref(${JSON.stringify(name)});` : `Services.prefs.setIntPref(${JSON.stringify(name)}, ${value});`,
    );
    await this.evaluateInChrome(statements.join('\n'));
  }

  /**
   * Evaluates `expression` in the browser's own (privileged) chrome window over WebDriver BiDi and
   * returns its string value, if it has one.
   */
  async evaluateInChrome(expression: string): Promise<string | undefined> {
    const connection = (this.browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string }[] };
    const chrome = tree.contexts[0]?.context;
    if (!chrome) throw new Error('no chrome browsing context: is --remote-allow-system-access set?');
    const reply = (await connection.send('script.evaluate', { expression, target: { context: chrome }, awaitPromise: true })).result as {
      type: string;
      result?: { type: string; value?: unknown };
    };
    if (reply.type !== 'success') throw new Error(`evaluating in the chrome window failed: ${JSON.stringify(reply)}`);
    return reply.result?.type === 'string' ? String(reply.result.value) : undefined;
  }

  /**
   * The toolbar icon the browser action shows in the tab at `url`: the path of its 16 px image,
   * as Firefox's own browser action holds it for that tab (setIcon per tab, or the default).
   */
  async toolbarIconPath(url: string): Promise<string> {
    const path = await this.evaluateInChrome(`(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(this.extension.addonId)});
      const api = ExtensionParent.apiManager.global.browserActionFor(extension);
      // The API object holds the toolbar button's state (ExtensionActions.sys.mjs) as \`action\`.
      const action = api.action ?? api;
      for (const win of Services.wm.getEnumerator('navigator:browser')) {
        for (const tab of win.gBrowser.tabs) {
          if (tab.linkedBrowser.currentURI.spec !== ${JSON.stringify(url)}) continue;
          const icon = action.getContextData(tab).icon ?? action.getContextData(null).icon;
          const source = typeof icon === 'string' ? icon : icon[16] ?? icon['16'] ?? Object.values(icon)[0];
          return String(source);
        }
      }
      return 'no tab at ' + ${JSON.stringify(url)};
    })()`);
    if (!path || path.startsWith('no tab')) throw new Error(`toolbar icon: ${path ?? 'no answer'}`);
    return path;
  }

  async newDriver(): Promise<FirefoxDriver> {
    const page = await this.browser.newPage();
    this.watch(page);
    return new FirefoxDriver(this, page, this.server);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.proxy.close();
  }
}

async function pressCombo(page: Page, combo: string): Promise<void> {
  const { modifiers, key } = splitKeyCombo(combo);
  for (const modifier of modifiers) await page.keyboard.down(modifier as KeyInput);
  await page.keyboard.press(key as KeyInput);
  for (const modifier of modifiers.reverse()) await page.keyboard.up(modifier as KeyInput);
}

class FirefoxExtensionPage extends BaseExtensionPage {
  constructor(
    private readonly page: Page,
    readonly url: string,
    private readonly emulate: (media: MediaEmulation) => Promise<void>,
  ) {
    super();
  }
  emulateMedia(media: MediaEmulation): Promise<void> {
    return this.emulate(media);
  }
  async setViewport(size: ViewportSize): Promise<void> {
    await this.page.setViewport({ width: size.width, height: size.height });
  }
  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.page.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }
  protected async mouseClick(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }
  async screenshot(path: string, options: ExtensionScreenshotOptions = {}): Promise<void> {
    const element = options.selector ? await this.page.$(options.selector) : null;
    if (options.selector && !element) throw new Error(`no element ${options.selector} to screenshot`);
    if (element) await element.screenshot({ path: path as `${string}.png` });
    else await this.page.screenshot({ path: path as `${string}.png` });
  }
  protected async closePage(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}

export class FirefoxDriver extends BaseDriver {
  readonly browserName = 'firefox' as const;
  readonly extension: ExtensionInfo;
  private readonly extraPages: Page[] = [];
  /** An extension page in a tab of its own, that opens the toolbar popup. */
  private popupOpener: Page | undefined;

  constructor(
    private readonly session: FirefoxSession,
    readonly page: Page,
    server: FixtureServer,
  ) {
    super(server, session.problems, session.requests);
    this.extension = session.extension;
  }

  async open(fixturePathOrUrl: string): Promise<void> {
    // The page a test opens is the reader's tab in front (the welcome tab the install opened may
    // be selected, and a background tab's timers are throttled).
    await this.page.bringToFront();
    await this.page.goto(this.url(fixturePathOrUrl), { waitUntil: 'load' });
  }

  async addInitScript<Arg>(script: string | PageFunction<Arg, unknown>, arg?: Arg): Promise<void> {
    // BiDi script.addPreloadScript: runs in the main world before any of the page's scripts.
    if (typeof script === 'string') await this.page.evaluateOnNewDocument(script);
    else await this.page.evaluateOnNewDocument(script as (arg: unknown) => unknown, arg as unknown);
  }

  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.page.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }

  /**
   * Closed shadow roots through WebDriver BiDi: a node serialised with includeShadowTree "all"
   * names its closed root, which script.callFunction then takes as an argument.
   */
  evaluateWithUi<Arg, Result>(fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.evaluateWithUiIn(this.page.mainFrame(), fn, arg);
  }

  async evaluateInFrameWithUi<Arg, Result>(urlPart: string, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.evaluateWithUiIn(childFrameWithUrl(this.page.frames(), this.page.mainFrame(), urlPart), fn, arg);
  }

  private async evaluateWithUiIn<Arg, Result>(frame: Frame, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    type Remote = { type: string; sharedId?: string; value?: unknown };
    const connection = (this.page.browser() as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
    const context = (frame as unknown as { browsingContext: { id: string } }).browsingContext.id;
    const children = (
      await connection.send('script.callFunction', {
        functionDeclaration: '() => Array.from(document.documentElement.children)',
        target: { context },
        awaitPromise: false,
        serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
      })
    ).result as { type: string; result?: { value?: Array<{ value?: { shadowRoot?: Remote | null } }> } };
    const roots = (children.result?.value ?? [])
      .map((child) => child.value?.shadowRoot)
      .filter((shadow): shadow is Remote => !!shadow?.sharedId && (shadow.value as { mode?: string } | undefined)?.mode === 'closed')
      .map((shadow) => ({ sharedId: shadow.sharedId }));
    const reply = (
      await connection.send('script.callFunction', {
        functionDeclaration: uiCallSource(fn),
        target: { context },
        awaitPromise: true,
        arguments: [toBidiValue(arg), ...roots],
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth: 20 },
      })
    ).result as { type: string; result?: unknown; exceptionDetails?: { text: string } };
    if (reply.type !== 'success') throw new Error(`evaluateWithUi: ${reply.exceptionDetails?.text ?? JSON.stringify(reply)}`);
    return fromBidiValue(reply.result) as Result;
  }

  async evaluateInFrame<Arg, Result>(urlPart: string, fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    const frame = childFrameWithUrl(this.page.frames(), this.page.mainFrame(), urlPart);
    return frame.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }

  async mouseMove(x: number, y: number): Promise<void> {
    await this.pageToFront();
    await this.page.mouse.move(x, y);
  }

  async click(x: number, y: number): Promise<void> {
    await this.pageToFront();
    await this.page.mouse.click(x, y);
  }

  async mouseDown(): Promise<void> {
    await this.pageToFront();
    await this.page.mouse.down();
  }

  async mouseUp(): Promise<void> {
    await this.pageToFront();
    await this.page.mouse.up();
  }

  connectionsOpened(): string[] {
    return this.externalRequests()
      .filter((request) => request.via === 'proxy')
      .map((request) => request.url);
  }

  async press(key: string): Promise<void> {
    await this.pageToFront();
    await pressCombo(this.page, key);
  }

  async keyDown(key: string): Promise<void> {
    await this.pageToFront();
    await this.page.keyboard.down(key as KeyInput);
  }

  async keyUp(key: string): Promise<void> {
    await this.page.keyboard.up(key as KeyInput);
  }

  async tap(x: number, y: number): Promise<void> {
    await this.pageToFront();
    // WebDriver BiDi pointer actions of type "touch".
    await this.page.touchscreen.tap(x, y);
  }

  /**
   * Set when an extension page opens in a tab over the test's page. Firefox then makes the page a
   * background tab (document.visibilityState "hidden", unlike headless Chromium), where it
   * throttles timers hard; a reader's pointer and keys only ever reach the tab in front, so input
   * brings the page to the front first. (A hover in the hidden tab opened its card after more than
   * 5 s once in four CI runs.)
   */
  private pageBehindExtensionTab = false;

  private async pageToFront(): Promise<void> {
    if (!this.pageBehindExtensionTab) return;
    this.pageBehindExtensionTab = false;
    await this.page.bringToFront();
  }

  private emulatedPrefs = new Set<string>();

  async emulateMedia(media: MediaEmulation): Promise<void> {
    // Firefox has no per-tab media emulation over BiDi; its preferences do the same browser-wide.
    const prefs: Record<string, number | null> = {};
    if (media.colorScheme !== undefined) {
      // 0 dark, 1 light (layout.css.prefers-color-scheme.content-override).
      prefs['layout.css.prefers-color-scheme.content-override'] = media.colorScheme === null ? null : media.colorScheme === 'dark' ? 0 : 1;
    }
    if (media.reducedMotion !== undefined) {
      prefs['ui.prefersReducedMotion'] = media.reducedMotion === null ? null : media.reducedMotion === 'reduce' ? 1 : 0;
    }
    for (const name of Object.keys(prefs)) this.emulatedPrefs.add(name);
    await this.session.setIntPrefs(prefs);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path: path as `${string}.png` });
  }

  async setViewport(size: ViewportSize): Promise<void> {
    await this.page.setViewport({ width: size.width, height: size.height });
  }

  async toolbarIcon(): Promise<ToolbarIconState> {
    const path = await this.session.toolbarIconPath(this.page.url());
    return /icon-inactive\//.test(path) ? 'inactive' : 'active';
  }

  async suspendBackground(): Promise<boolean> {
    // An MV2 background page without `persistent: false` runs as long as the browser does.
    return false;
  }

  async toolbarPopupTiming(): Promise<PopupTiming> {
    // Automation cannot reach the toolbar popup's document (it is not a tab), so another extension
    // page opens it, as a toolbar click does, and reads it through extension.getViews().
    this.popupOpener ??= await this.openExtensionTab('popup.html');
    await this.page.bringToFront();
    // A string: BiDi evaluates it whatever the extension page's CSP says about eval.
    const timing = (await this.popupOpener.evaluate(`(async () => {
      await browser.browserAction.openPopup();
      for (const started = Date.now(); Date.now() - started < 10000; await new Promise((resolve) => setTimeout(resolve, 20))) {
        const [view] = browser.extension.getViews({ type: 'popup' });
        const timing = ${popupTimingExpression('view')};
        if (timing) {
          view.close();
          return timing;
        }
      }
      return null;
    })()`)) as PopupTiming | null;
    if (!timing) throw new Error('the toolbar popup did not render the tab');
    return timing;
  }

  async openPopup(): Promise<FirefoxExtensionPage> {
    return this.openExtensionPage('popup.html');
  }

  async openExtensionPage(path: string): Promise<FirefoxExtensionPage> {
    const page = await this.openExtensionTab(path);
    return new FirefoxExtensionPage(page, `${this.extension.origin}/${path}`, (media) => this.emulateMedia(media));
  }

  async openTabUrls(): Promise<string[]> {
    // page.url() stays about:blank for moz-extension: tabs (see openExtensionTab): ask each document.
    const pages = await this.session.browser.pages();
    return Promise.all(pages.map((page) => page.evaluate(() => location.href).catch(() => page.url())));
  }

  /** A new tab showing the extension's page at `path`, loaded. */
  private async openExtensionTab(path: string): Promise<Page> {
    const url = `${this.extension.origin}/${path}`;
    const page = await this.session.browser.newPage();
    this.extraPages.push(page);
    this.pageBehindExtensionTab = true;
    this.session.watch(page);
    // Navigating a tab to a moz-extension: URL never resolves over BiDi and puppeteer's page.url()
    // stays about:blank, although the document loads and evaluate() reaches it. So start the
    // navigation without awaiting it and ask the document itself when it is there.
    void page.goto(url).catch(() => {});
    await poll(
      () => page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url),
      { timeout: 10_000, message: `${path} did not load at ${url}` },
    );
    return page;
  }

  async dispose(): Promise<void> {
    for (const page of [...this.extraPages, this.page]) {
      if (!page.isClosed()) await page.close();
    }
    // Emulation is browser-wide here: put it back for the worker's next test.
    if (this.emulatedPrefs.size > 0) {
      await this.session.setIntPrefs(Object.fromEntries([...this.emulatedPrefs].map((name) => [name, null])));
      this.emulatedPrefs.clear();
    }
  }
}

/** A JSON-like value as a WebDriver BiDi local value. */
function toBidiValue(value: unknown): object {
  if (value === undefined) return { type: 'undefined' };
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return Number.isFinite(value) ? { type: 'number', value } : { type: 'number', value: String(value) };
  if (Array.isArray(value)) return { type: 'array', value: value.map(toBidiValue) };
  return { type: 'object', value: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toBidiValue(v)]) };
}

/** A WebDriver BiDi remote value (of JSON-like data) back as plain data. */
function fromBidiValue(remote: unknown): unknown {
  const { type, value } = (remote ?? {}) as { type?: string; value?: unknown };
  switch (type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'array':
      return ((value as unknown[]) ?? []).map(fromBidiValue);
    case 'object':
      return Object.fromEntries(((value as [unknown, unknown][]) ?? []).map(([k, v]) => [typeof k === 'string' ? k : fromBidiValue(k), fromBidiValue(v)]));
    default:
      return undefined;
  }
}
