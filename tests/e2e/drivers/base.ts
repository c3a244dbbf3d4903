import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  poll,
  toNameQuery,
  type AccessibleName,
  type BrowserName,
  type BrowserProblem,
  type DialogInfo,
  type Driver,
  type ExtensionInfo,
  type ExtensionPage,
  type ExtensionScreenshotOptions,
  type ExternalRequest,
  type MediaEmulation,
  type PageFunction,
  type PopupTiming,
  type ToolbarIconState,
  type UiPageFunction,
  type ViewportSize,
  type WaitOptions,
} from '../driver';
import {
  findTextRect,
  queryByRole,
  waitForStorageQuiet,
  type RoleMatch,
  type TextRectQuery,
  type TextRectResult,
} from '../page-functions';
import type { FixtureServer } from '../../fixtures/server';

/**
 * The source of a function that calls `fn` (a UiPageFunction's source) with its first argument
 * and the rest as the array of UI roots; for the automation protocols' call-function commands.
 */
export function uiCallSource(fn: (...args: never[]) => unknown): string {
  return `function (arg, ...roots) { return (${fn.toString()})(arg, roots); }`;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The built extension directory for a browser, checked so a missing build fails with a clear
 * message. E2E_OUTPUT_DIR points the tests at another build (e.g. a copy that a concurrent
 * `npm run build` in the same work tree cannot replace mid-run); default: .output of the repo.
 */
export function builtExtensionDir(browser: BrowserName): string {
  const outputDir = resolve(REPO_ROOT, process.env.E2E_OUTPUT_DIR ?? '.output');
  const dir = resolve(outputDir, browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv2');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`no built extension at ${dir}: run \`npm run build\` first (npm run test:e2e does)`);
  }
  return dir;
}

export function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

export function extensionInfo(id: string, origin: string, addonId: string, dir: string): ExtensionInfo {
  return { id, origin, addonId, dir, hasFile: (path) => existsSync(join(dir, path)) };
}

/** An append-only log shared by a browser session; each test reads the entries since it started. */
export class RecordLog<T> {
  readonly entries: T[] = [];
  push(entry: T): void {
    this.entries.push(entry);
  }
  mark(): number {
    return this.entries.length;
  }
  since(mark: number): T[] {
    return this.entries.slice(mark);
  }
}

export function problemFromExtension(extensionOrigin: string, ...texts: string[]): boolean {
  return texts.some((text) => text.includes(extensionOrigin));
}

/** Splits `Shift+Tab` into modifiers and key; a lone `+` stays a key. */
export function splitKeyCombo(combo: string): { modifiers: string[]; key: string } {
  if (combo === '+' || !combo.includes('+')) return { modifiers: [], key: combo };
  const parts = combo.split('+');
  const key = parts.pop() || '+';
  return { modifiers: parts, key };
}

function centre(match: RoleMatch): { x: number; y: number } {
  return { x: match.rect.x + match.rect.width / 2, y: match.rect.y + match.rect.height / 2 };
}

function nameMatches(actual: string, wanted: AccessibleName | undefined): boolean {
  if (wanted === undefined) return true;
  return typeof wanted === 'string' ? actual === wanted.replace(/\s+/g, ' ').trim() : wanted.test(actual);
}

function describeName(name: AccessibleName | undefined): string {
  return name === undefined ? '' : ` named ${String(name)}`;
}

/** The browser-independent half of a driver, written over a few primitives each browser provides. */
export abstract class BaseDriver implements Driver {
  abstract readonly browserName: BrowserName;
  abstract readonly extension: ExtensionInfo;

  constructor(
    protected readonly server: FixtureServer,
    protected readonly problemLog: RecordLog<BrowserProblem>,
    protected readonly requestLog: RecordLog<ExternalRequest>,
  ) {
    this.problemMark = problemLog.mark();
    this.requestMark = requestLog.mark();
  }

  private readonly problemMark: number;
  private readonly requestMark: number;

  abstract open(fixturePathOrUrl: string): Promise<void>;
  abstract addInitScript<Arg>(script: string | PageFunction<Arg, unknown>, arg?: Arg): Promise<void>;
  abstract evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  abstract evaluateWithUi<Arg, Result>(fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  abstract evaluateInFrameWithUi<Arg, Result>(urlPart: string, fn: UiPageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  abstract evaluateInFrame<Arg, Result>(urlPart: string, fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  abstract mouseMove(x: number, y: number): Promise<void>;
  abstract click(x: number, y: number): Promise<void>;
  abstract mouseDown(): Promise<void>;
  abstract mouseUp(): Promise<void>;
  abstract connectionsOpened(): string[];
  abstract press(key: string): Promise<void>;
  abstract keyDown(key: string): Promise<void>;
  abstract keyUp(key: string): Promise<void>;
  abstract tap(x: number, y: number): Promise<void>;
  abstract emulateMedia(media: MediaEmulation): Promise<void>;
  abstract screenshot(path: string): Promise<void>;
  abstract setViewport(size: ViewportSize): Promise<void>;
  abstract toolbarIcon(): Promise<ToolbarIconState>;
  abstract openPopup(): Promise<ExtensionPage>;
  abstract openExtensionPage(path: string): Promise<ExtensionPage>;
  abstract openTabUrls(): Promise<string[]>;
  abstract toolbarPopupTiming(): Promise<PopupTiming>;
  abstract suspendBackground(): Promise<boolean>;
  /** Closes this test's tab(s); the browser stays up for the next test. */
  abstract dispose(): Promise<void>;

  url(fixturePath: string): string {
    return /^[a-z][a-z0-9+.-]*:/i.test(fixturePath) ? fixturePath : this.server.url(fixturePath);
  }

  problems(): BrowserProblem[] {
    return this.problemLog.since(this.problemMark);
  }

  externalRequests(): ExternalRequest[] {
    return this.requestLog.since(this.requestMark);
  }

  async waitForFunction<Arg, Result>(
    fn: UiPageFunction<Arg, Result>,
    arg: Arg,
    options: WaitOptions = {},
  ): Promise<Exclude<Result, null | undefined | false>> {
    return poll(() => this.evaluateWithUi(fn, arg), { timeout: options.timeout, message: 'waitForFunction' });
  }

  textRect(phrase: string, options: Omit<TextRectQuery, 'phrase'> = {}): Promise<TextRectResult | null> {
    return this.evaluate(findTextRect, { phrase, ...options });
  }

  async hoverText(phrase: string, options: Omit<TextRectQuery, 'phrase'> = {}): Promise<{ x: number; y: number }> {
    const found = await this.textRect(phrase, options);
    if (!found) throw new Error(`phrase not found in page: ${JSON.stringify(phrase)}`);
    const point = { x: found.firstLine.x + found.firstLine.width / 2, y: found.firstLine.y + found.firstLine.height / 2 };
    await this.mouseMove(point.x, point.y);
    return point;
  }

  queryByRole(query: { role: string; name?: AccessibleName; includeHidden?: boolean }): Promise<RoleMatch[]> {
    return this.evaluateWithUi(queryByRole, { role: query.role, name: toNameQuery(query.name), includeHidden: query.includeHidden });
  }

  async dialog(): Promise<DialogInfo | null> {
    const [first] = await this.queryByRole({ role: 'dialog' });
    return first ? { name: first.name, text: first.text, inShadowRoot: first.inShadowRoot, rect: first.rect } : null;
  }

  async waitForDialog(name?: AccessibleName, options: WaitOptions = {}): Promise<DialogInfo> {
    let seen: string[] = [];
    const match = await poll(
      async () => {
        const dialogs = await this.queryByRole({ role: 'dialog' });
        seen = dialogs.map((dialog) => dialog.name);
        return dialogs.find((dialog) => nameMatches(dialog.name, name)) ?? null;
      },
      {
        timeout: options.timeout,
        message: () => `no visible dialog${describeName(name)}; visible dialogs: ${JSON.stringify(seen)}`,
      },
    );
    return { name: match.name, text: match.text, inShadowRoot: match.inShadowRoot, rect: match.rect };
  }

  async sendToContentScript(message: unknown, options: { frameId?: number } = {}): Promise<void> {
    const sender = await this.openPopup();
    try {
      const result = await sender.evaluate(deliverToOtherTabs, { message, frameId: options.frameId });
      if (result.delivered === 0) throw new Error(`no content script took the message: ${result.errors.join('; ')}`);
    } finally {
      await sender.close();
    }
  }

  async waitForNoDialog(options: WaitOptions = {}): Promise<void> {
    await poll(async () => (await this.dialog()) === null, { timeout: options.timeout, message: 'a dialog is still visible' });
  }
}

/**
 * Runs in an extension page: sends `message` with tabs.sendMessage to every tab but its own (a
 * worker runs one test at a time, so that is the test's tab; tabs without the content script
 * refuse, which is counted, not thrown).
 */
function deliverToOtherTabs(arg: { message: unknown; frameId: number | undefined }): Promise<{ delivered: number; errors: string[] }> {
  type Tabs = {
    query(info: object): Promise<{ id?: number }[]>;
    getCurrent(): Promise<{ id?: number } | undefined>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  const scope = globalThis as unknown as { browser?: { tabs: Tabs }; chrome?: { tabs: Tabs } };
  const tabs = (scope.browser ?? scope.chrome)!.tabs;
  return (async () => {
    const own = (await tabs.getCurrent())?.id;
    const errors: string[] = [];
    let delivered = 0;
    for (const tab of await tabs.query({})) {
      if (tab.id === undefined || tab.id === own) continue;
      try {
        await tabs.sendMessage(tab.id, arg.message, arg.frameId === undefined ? undefined : { frameId: arg.frameId });
        delivered++;
      } catch (error) {
        // Chrome: the listener took it but answered nothing (the content script's handlers reply
        // to nothing from the background).
        if (/message port closed/i.test(String(error))) delivered++;
        else errors.push(String(error));
      }
    }
    return { delivered, errors };
  })();
}

/** The browser-independent half of an extension page. */
export abstract class BaseExtensionPage implements ExtensionPage {
  abstract readonly url: string;
  abstract evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  protected abstract mouseClick(x: number, y: number): Promise<void>;
  abstract screenshot(path: string, options?: ExtensionScreenshotOptions): Promise<void>;
  abstract emulateMedia(media: MediaEmulation): Promise<void>;
  abstract setViewport(size: ViewportSize): Promise<void>;
  protected abstract closePage(): Promise<void>;

  async close(): Promise<void> {
    await this.evaluate(waitForStorageQuiet, { quietMs: 250, maxMs: 3000 });
    await this.closePage();
  }

  queryByRole(role: string, name?: AccessibleName): Promise<RoleMatch[]> {
    return this.evaluate(queryByRole, { role, name: toNameQuery(name) });
  }

  private async single(role: string, name: AccessibleName | undefined): Promise<RoleMatch> {
    return poll(
      async () => {
        const matches = await this.queryByRole(role, name);
        if (matches.length > 1) throw new Error(`${matches.length} visible ${role} elements${describeName(name)} in ${this.url}`);
        return matches[0] ?? null;
      },
      { message: `no visible ${role}${describeName(name)} in ${this.url}` },
    );
  }

  async click(role: string, name?: AccessibleName): Promise<void> {
    const target = centre(await this.single(role, name));
    await this.mouseClick(target.x, target.y);
  }

  async isChecked(role: string, name?: AccessibleName): Promise<boolean> {
    const match = await this.single(role, name);
    if (match.checked === null) throw new Error(`${role}${describeName(name)} has no checked state`);
    return match.checked;
  }

  async setChecked(role: string, name: AccessibleName | undefined, checked: boolean): Promise<void> {
    if ((await this.isChecked(role, name)) === checked) return;
    await this.click(role, name);
    await poll(async () => (await this.isChecked(role, name)) === checked, {
      message: `${role}${describeName(name)} did not become ${checked ? 'checked' : 'unchecked'}`,
    });
  }
}

/**
 * An expression that reads the toolbar popup's timing from `view` (its window), or null while it is
 * not done: done once the popup shows the terms of the tab it was opened for and the browser has
 * reported its first contentful paint (a frame or two after the popup's own mark). A string, as it
 * is evaluated over CDP or in another extension page.
 */
export function popupTimingExpression(view: string): string {
  return `((view) => {
    if (!view) return null;
    const at = (name) => view.performance.getEntriesByName(name)[0]?.startTime;
    const rendered = at('popup-rendered');
    if (rendered === undefined || !view.document.querySelector('.terms-section[aria-busy="false"]')) return null;
    if (at('first-contentful-paint') === undefined) return null;
    return { scriptStart: at('popup-script-start'), rendered, firstContentfulPaint: at('first-contentful-paint') ?? null, termsListed: view.document.querySelectorAll('.terms li').length };
  })(${view})`;
}

/** The first child frame (any depth) whose URL contains `urlPart`; throws, listing the frames, when none does. */
export function childFrameWithUrl<F extends { url(): string }>(frames: readonly F[], mainFrame: F, urlPart: string): F {
  const frame = frames.find((f) => f !== mainFrame && f.url().includes(urlPart));
  if (!frame) throw new Error(`no frame whose URL contains ${urlPart}; frames: ${frames.map((f) => f.url()).join(', ')}`);
  return frame;
}
