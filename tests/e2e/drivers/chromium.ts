import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Worker } from '@playwright/test';
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
  RecordLog,
} from './base';

/** The real binary: /usr/bin/chromium is a Debian wrapper that appends an empty --load-extension=. */
export const CHROMIUM_EXECUTABLE = process.env.E2E_CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/**
 * Flags for a Chromium that runs here as root and stays off the network: without the
 * background-networking ones it keeps trying to reach its own services. Shared by the e2e driver,
 * the demo and the page benchmark.
 */
export const OFFLINE_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Loads the unpacked extension in `dir` and no other. */
export function extensionArgs(dir: string): string[] {
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
}

const VIEWPORT = { width: 1280, height: 720 };

/**
 * E2E_UI_LOCALE=es runs Chromium with a Spanish interface (the language the extension's i18n
 * picks its locale file by); unset, the browser's own (English here).
 */
const UI_LOCALE = process.env.E2E_UI_LOCALE;
function uiLocaleArgs(): string[] {
  return UI_LOCALE ? [`--lang=${UI_LOCALE}`] : [];
}

/** Chromium's own request to report a request we aborted; not a problem of the page or extension. */
const BLOCKED_BY_HARNESS = /^Failed to load resource: net::ERR_BLOCKED_BY_CLIENT/;

/**
 * Chrome has no getter for an action's icon, so the session records every `chrome.action.setIcon`
 * the service worker makes (16 px path, tab, whether Chrome accepted it) and still makes the call.
 * The polyfill behind `wxt/browser` looks `setIcon` up on `chrome.action` at each call.
 */
async function installIconSpy(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    type SetIcon = (details: { tabId?: number; path?: Record<string, string> | string }, callback?: () => void) => Promise<void> | undefined;
    const g = globalThis as unknown as { chrome: { action: { setIcon: SetIcon }; runtime: { lastError?: unknown } }; __hgIconCalls?: unknown[] };
    if (g.__hgIconCalls) return;
    const calls: { tabId?: number; path: string; ok?: boolean }[] = [];
    g.__hgIconCalls = calls;
    const original = g.chrome.action.setIcon.bind(g.chrome.action);
    g.chrome.action.setIcon = (details, callback) => {
      const path = typeof details.path === 'string' ? details.path : (details.path?.['16'] ?? '');
      const call: { tabId?: number; path: string; ok?: boolean } = { ...(details.tabId !== undefined ? { tabId: details.tabId } : {}), path };
      calls.push(call);
      if (typeof callback === 'function') {
        return original(details, () => {
          call.ok = !g.chrome.runtime.lastError;
          callback();
        });
      }
      const result = original(details);
      return result?.then(
        () => void (call.ok = true),
        (error: unknown) => {
          call.ok = false;
          throw error;
        },
      );
    };
  });
}

/** One Chromium with the built extension loaded; lives for a whole Playwright worker. */
export class ChromiumSession {
  readonly problems = new RecordLog<BrowserProblem>();
  readonly requests = new RecordLog<ExternalRequest>();
  /** Every connection the browser opened through the blocking proxy (its own traffic included). */
  readonly connections = new RecordLog<string>();

  private constructor(
    readonly context: BrowserContext,
    readonly extension: ExtensionInfo,
    private readonly server: FixtureServer,
    private readonly proxy: BlockingProxy,
    private readonly userDataDir: string,
  ) {}

  static async launch(server: FixtureServer): Promise<ChromiumSession> {
    const dir = builtExtensionDir('chromium');
    const userDataDir = mkdtempSync(join(tmpdir(), 'hg-e2e-chromium-'));
    // Chromium's own background traffic (update checks, account probes) is not under test, but
    // it must not leave the machine either: it goes to the blocking proxy and is not reported.
    // Loopback bypasses the proxy by default.
    const connections: string[] = [];
    let session: ChromiumSession | undefined;
    const proxy = await startBlockingProxy((request) => (session ? session.connections.push(request.url) : connections.push(request.url)));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      viewport: VIEWPORT,
      args: [...extensionArgs(dir), ...OFFLINE_CHROMIUM_ARGS, '--disable-gpu', `--proxy-server=http://127.0.0.1:${proxy.port}`, ...uiLocaleArgs()],
      ...(UI_LOCALE ? { locale: UI_LOCALE, env: { ...process.env, LANGUAGE: UI_LOCALE } } : {}),
    });
    try {
      const worker =
        context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker', {
          predicate: (candidate) => candidate.url().startsWith('chrome-extension://'),
          timeout: 15_000,
        }));
      const id = new URL(worker.url()).host;
      session = new ChromiumSession(context, extensionInfo(id, `chrome-extension://${id}`, id, dir), server, proxy, userDataDir);
      for (const url of connections) session.connections.push(url);
      await session.watch();
      await installIconSpy(worker);
      return session;
    } catch (error) {
      await context.close();
      await proxy.close();
      throw error;
    }
  }

  /** Blocks and records every non-loopback request; records console errors and uncaught exceptions. */
  private async watch(): Promise<void> {
    const { context, requests, problems, extension } = this;
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!isExternalUrl(url)) return route.continue();
      requests.push({ url, via: 'route' });
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(
      (url) => isExternalUrl(url.href),
      (socket) => {
        requests.push({ url: socket.url(), via: 'websocket' });
        void socket.close();
      },
    );
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      const source = message.location().url;
      if (BLOCKED_BY_HARNESS.test(text) && isExternalUrl(source)) return;
      problems.push({ kind: 'console-error', text, source, fromExtension: problemFromExtension(extension.origin, text, source) });
    });
    context.on('weberror', (webError) => {
      const error = webError.error();
      const source = error.stack ?? '';
      problems.push({ kind: 'page-error', text: error.message, source, fromExtension: problemFromExtension(extension.origin, source) });
    });
  }

  /** The extension's running service worker. */
  extensionWorker(): Worker {
    // The last one: a worker stopped (suspendBackground) and started again is listed anew.
    const worker = this.context.serviceWorkers().filter((candidate) => candidate.url().startsWith(this.extension.origin)).at(-1);
    if (!worker) throw new Error('the extension has no running service worker');
    return worker;
  }

  async newDriver(): Promise<ChromiumDriver> {
    const page = await this.context.newPage();
    return new ChromiumDriver(this, page, this.server);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.proxy.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

class ChromiumExtensionPage extends BaseExtensionPage {
  constructor(private readonly page: Page) {
    super();
  }
  get url(): string {
    return this.page.url();
  }
  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.page.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }
  protected async mouseClick(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }
  async screenshot(path: string, options: ExtensionScreenshotOptions = {}): Promise<void> {
    if (options.selector) await this.page.locator(options.selector).first().screenshot({ path });
    else await this.page.screenshot({ path });
  }
  async emulateMedia(media: MediaEmulation): Promise<void> {
    await this.page.emulateMedia({
      ...(media.colorScheme !== undefined ? { colorScheme: media.colorScheme } : {}),
      ...(media.reducedMotion !== undefined ? { reducedMotion: media.reducedMotion } : {}),
    });
  }
  async setViewport(size: ViewportSize): Promise<void> {
    await this.page.setViewportSize(size);
  }
  protected async closePage(): Promise<void> {
    await this.page.close();
  }
}

export class ChromiumDriver extends BaseDriver {
  /** Whether this test stopped the extension's service worker. */
  private suspended = false;
  readonly browserName = 'chromium' as const;
  readonly extension: ExtensionInfo;
  private readonly extraPages: Page[] = [];

  constructor(
    private readonly session: ChromiumSession,
    readonly page: Page,
    server: FixtureServer,
  ) {
    super(server, session.problems, session.requests);
    this.extension = session.extension;
    this.connectionMark = session.connections.mark();
  }

  async open(fixturePathOrUrl: string): Promise<void> {
    await this.page.goto(this.url(fixturePathOrUrl), { waitUntil: 'load' });
  }

  async addInitScript<Arg>(script: string | PageFunction<Arg, unknown>, arg?: Arg): Promise<void> {
    if (typeof script === 'string') await this.page.addInitScript({ content: script });
    else await this.page.addInitScript(script as (arg: unknown) => unknown, arg as unknown);
  }

  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.page.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }

  private uiSession: CDPSession | undefined;

  evaluateWithUi<Arg, Result>(fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.evaluateWithUiIn(this.page.mainFrame(), fn, arg);
  }

  async evaluateInFrameWithUi<Arg, Result>(urlPart: string, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    return this.evaluateWithUiIn(childFrameWithUrl(this.page.frames(), this.page.mainFrame(), urlPart), fn, arg);
  }

  /**
   * Closed shadow roots through CDP: DOM.getDocument with pierce lists them (and the documents of
   * same-process frames), DOM.resolveNode hands them over. A frame in another process has a CDP
   * session of its own.
   */
  private async evaluateWithUiIn<Arg, Result>(frame: Frame, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    type DomNode = {
      nodeName: string;
      backendNodeId: number;
      documentURL?: string;
      children?: DomNode[];
      contentDocument?: DomNode;
      shadowRoots?: (DomNode & { shadowRootType?: string })[];
    };
    let cdp: CDPSession;
    let ownSession = false;
    if (frame === this.page.mainFrame()) cdp = this.uiSession ??= await this.page.context().newCDPSession(this.page);
    else {
      try {
        cdp = await this.page.context().newCDPSession(frame);
        ownSession = true;
      } catch {
        cdp = this.uiSession ??= await this.page.context().newCDPSession(this.page);
      }
    }
    try {
      const whole = frame === this.page.mainFrame() || ownSession;
      const { root } = (await cdp.send('DOM.getDocument', { depth: whole ? 3 : -1, pierce: true })) as { root: DomNode };
      const findDocument = (node: DomNode): DomNode | undefined => {
        if (node.contentDocument?.documentURL === frame.url()) return node.contentDocument;
        for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
          const found = findDocument(child);
          if (found) return found;
        }
        return undefined;
      };
      const doc = whole ? root : findDocument(root);
      if (!doc) throw new Error(`evaluateWithUi: no document for ${frame.url()}`);
      const html = doc.children?.find((node) => node.nodeName === 'HTML');
      const closed = (html?.children ?? []).flatMap((child) => (child.shadowRoots ?? []).filter((shadow) => shadow.shadowRootType === 'closed'));
      const roots: { objectId: string }[] = [];
      for (const shadow of closed) {
        const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
        if (object.objectId) roots.push({ objectId: object.objectId });
      }
      const { object: documentObject } = await cdp.send('DOM.resolveNode', { backendNodeId: doc.backendNodeId });
      const reply = await cdp.send('Runtime.callFunctionOn', {
        objectId: documentObject.objectId!,
        functionDeclaration: uiCallSource(fn),
        arguments: [arg === undefined ? {} : { value: arg }, ...roots],
        returnByValue: true,
        awaitPromise: true,
      });
      if (reply.exceptionDetails) throw new Error(`evaluateWithUi: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
      return reply.result.value as Result;
    } finally {
      if (ownSession) await cdp.detach().catch(() => {});
    }
  }

  async evaluateInFrame<Arg, Result>(urlPart: string, fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result> {
    const frame = childFrameWithUrl(this.page.frames(), this.page.mainFrame(), urlPart);
    return frame.evaluate(fn as (arg: unknown) => Result, arg as unknown) as Promise<Result>;
  }

  async mouseMove(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
  }

  async click(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }

  async mouseDown(): Promise<void> {
    await this.page.mouse.down();
  }

  async mouseUp(): Promise<void> {
    await this.page.mouse.up();
  }

  private connectionMark: number | undefined;

  connectionsOpened(): string[] {
    return this.session.connections.since(this.connectionMark ?? 0);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async keyDown(key: string): Promise<void> {
    await this.page.keyboard.down(key);
  }

  async keyUp(key: string): Promise<void> {
    await this.page.keyboard.up(key);
  }

  async tap(x: number, y: number): Promise<void> {
    // The persistent context has no touch emulation (hasTouch is fixed at launch), so the
    // touches go in through CDP: real touch input, pointer events with pointerType "touch".
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } finally {
      await cdp.detach();
    }
  }

  async emulateMedia(media: MediaEmulation): Promise<void> {
    await this.page.emulateMedia({
      ...(media.colorScheme !== undefined ? { colorScheme: media.colorScheme } : {}),
      ...(media.reducedMotion !== undefined ? { reducedMotion: media.reducedMotion } : {}),
    });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async setViewport(size: ViewportSize): Promise<void> {
    await this.page.setViewportSize(size);
  }

  async toolbarIcon(): Promise<ToolbarIconState> {
    const worker = this.session.extensionWorker();
    const url = this.page.url();
    // The icon calls the session's spy recorded for the tab at this page's address (see installIconSpy).
    const path = await worker.evaluate(async (pageUrl) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
      const calls = (globalThis as unknown as { __hgIconCalls?: { tabId?: number; path: string; ok?: boolean }[] }).__hgIconCalls;
      if (!calls) return 'no spy: the service worker restarted';
      const tabs = (await api.tabs.query({})).filter((tab) => tab.url === pageUrl);
      // No url on the tabs means the extension cannot read tab addresses (no host permission).
      if (tabs.length !== 1) return `${tabs.length} tabs with a url of ${pageUrl}`;
      const last = calls.filter((call) => call.tabId === tabs[0]!.id && call.ok !== false).at(-1);
      return last?.path ?? '/icon/16.png';
    }, url);
    if (!path.endsWith('.png')) throw new Error(`toolbar icon: ${path}`);
    return /icon-inactive\//.test(path) ? 'inactive' : 'active';
  }

  async suspendBackground(): Promise<boolean> {
    // What Chromium does to an idle service worker, through DevTools.
    const cdp = await this.session.context.newCDPSession(this.page);
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      if (event.versions.some((version) => version.runningStatus === 'stopped')) stopped = true;
    });
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await poll(async () => stopped || null, { message: "the extension's service worker did not stop" });
      this.suspended = true;
      return true;
    } finally {
      await cdp.send('ServiceWorker.disable').catch(() => {});
      await cdp.detach().catch(() => {});
    }
  }

  async toolbarPopupTiming(): Promise<PopupTiming> {
    const { context } = this.session;
    const worker = context.serviceWorkers().find((candidate) => candidate.url().startsWith(this.extension.origin));
    if (!worker) throw new Error('the extension has no running service worker to open its popup from');
    await this.page.bringToFront();
    // The same call a toolbar click makes: the popup opens anchored to the toolbar, for the active tab.
    await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
    // The popup is not a tab, so Playwright does not list it: it is reached as a raw target.
    const cdp = await context.newCDPSession(this.page);
    try {
      const popupUrl = `${this.extension.origin}/popup.html`;
      const target = await poll(async () => {
        const { targetInfos } = await cdp.send('Target.getTargets');
        return targetInfos.find((info) => info.url.startsWith(popupUrl)) ?? null;
      }, { message: 'the toolbar popup did not open' });
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      let nextId = 1;
      const evaluate = (expression: string) =>
        new Promise<unknown>((resolve) => {
          const id = nextId++;
          const onMessage = (event: { sessionId?: string; message: string }) => {
            const reply = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: unknown } } };
            if (event.sessionId !== sessionId || reply.id !== id) return;
            cdp.off('Target.receivedMessageFromTarget', onMessage);
            resolve(reply.result?.result?.value ?? null);
          };
          cdp.on('Target.receivedMessageFromTarget', onMessage);
          void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }) });
        });
      const timing = await poll(
        async () =>
          (await evaluate(popupTimingExpression('window'))) as PopupTiming | null,
        { message: 'the toolbar popup did not render the tab' },
      );
      await cdp.send('Target.closeTarget', { targetId: target.targetId });
      return timing;
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  async openPopup(): Promise<ChromiumExtensionPage> {
    return this.openExtensionPage('popup.html');
  }

  async openExtensionPage(path: string): Promise<ChromiumExtensionPage> {
    const page = await this.session.context.newPage();
    this.extraPages.push(page);
    await page.goto(`${this.extension.origin}/${path}`, { waitUntil: 'load' });
    return new ChromiumExtensionPage(page);
  }

  async openTabUrls(): Promise<string[]> {
    return this.session.context.pages().map((page) => page.url());
  }

  async dispose(): Promise<void> {
    for (const page of [...this.extraPages, this.page]) {
      if (!page.isClosed()) await page.close();
    }
    // A worker started again after suspendBackground has lost the icon spy the session's later
    // tests read: give it one.
    if (this.suspended) await installIconSpy(this.session.extensionWorker()).catch(() => {});
  }
}
