import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { expect, test } from './fixtures';
import { poll, type Driver, type ExtensionPage } from './driver';
import { markedTexts as highlightTexts, waitForMarks } from './marks';
import { UI_HOST_NAME, mutationsOtherThanUiHost } from './mutations';
import { LIST_TERMS } from '../../lib/messages';
import { fixturePageTerms } from './extension-page-functions';
import { installMutationRecorder, readMutations } from './page-functions';

// Issue 6: the reader's settings, from the popup and the options page, act on an open page at
// once and without a reload. The global switch is covered in foundation.spec.ts.

const PAGE = 'pages/settings-article.html';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

// ---- functions that run in the page (self-contained: they are sent as source text) ----

/** The extension's term highlight names now registered (the active-term one aside). */
function termHighlightNames(): string[] {
  return [...CSS.highlights.keys()].filter((name) => name.startsWith('health-glossary-term')).sort();
}

// ---- functions that run in an extension page ----

type Api = {
  storage: {
    sync: { get(key: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(key: string | string[]): Promise<void> };
  };
  action?: { getBadgeText(details: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(details: { tabId: number }): Promise<string> };
};

/** The stored settings as one record: the site list has an item of its own (lib/settings.ts). */
function readStoredSettings(): Promise<unknown> {
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;
  return api.storage.sync.get(['settings', 'disabledSites']).then((items) => ({
    ...(items.settings as object | undefined),
    ...(items.disabledSites !== undefined ? { disabledSites: items.disabledSites } : {}),
  }));
}

/** Every stored settings item, to put back as it was. */
function readStoredItems(): Promise<Record<string, unknown>> {
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;
  return api.storage.sync.get(['settings', 'disabledSites']);
}

async function writeStoredItems(items: Record<string, unknown>): Promise<void> {
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;
  await api.storage.sync.remove(['settings', 'disabledSites'].filter((key) => !(key in items)));
  await api.storage.sync.set(items);
}

function patchStoredSettings(patch: Record<string, unknown>): Promise<void> {
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;
  return api.storage.sync.get('settings').then((items) => {
    const stored = items.settings && typeof items.settings === 'object' ? items.settings : {};
    return api.storage.sync.set({ settings: { ...stored, ...patch } });
  });
}

function badgeTextOf(tabId: number): Promise<string> {
  const api = ((globalThis as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome) as Api;
  const action = api.action ?? api.browserAction;
  return action!.getBadgeText({ tabId });
}

/** Picks an option of the <select> whose label is `label`, as a reader would. */
function chooseOption(arg: { label: string; value: string }): boolean {
  for (const select of document.querySelectorAll('select')) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (label?.textContent?.trim() !== arg.label) continue;
    select.value = arg.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }
  return false;
}

function visibleText(): string {
  return document.body.innerText.replace(/\s+/g, ' ');
}

// ---- helpers ----

/**
 * An extension page (popup or options) opened in a tab of its own and navigated to `path`, e.g.
 * `popup.html?tab=12`. The driver opens popup.html; the page then navigates itself.
 */
async function openExtensionPage(driver: Driver, path: string): Promise<ExtensionPage> {
  const page = await driver.openPopup();
  const url = `${driver.extension.origin}/${path}`;
  await page.evaluate((target) => void setTimeout(() => location.assign(target), 0), url).catch(() => {});
  await poll(() => page.evaluate((target) => location.href === target && document.readyState === 'complete', url).catch(() => false), {
    timeout: 10_000,
    message: `extension page did not load at ${url}`,
  });
  return page;
}

/** The popup for the test's page, as the toolbar button would open it for that tab. */
async function openPopupFor(driver: Driver, tabId: number): Promise<ExtensionPage> {
  const popup = await openExtensionPage(driver, `popup.html?tab=${tabId}`);
  // Rendered once the settings and the tab's answer are in.
  await poll(() => popup.evaluate(() => document.querySelector('.terms-section[aria-busy="false"]') !== null, undefined), {
    message: 'popup did not render the tab',
  });
  return popup;
}

/** Runs `body` with the stored settings put back afterwards (storage persists across a worker's tests). */
async function withSettingsRestored(driver: Driver, body: (control: ExtensionPage) => Promise<void>): Promise<void> {
  const control = await driver.openPopup();
  const saved = await control.evaluate(readStoredItems, undefined);
  try {
    await body(control);
  } finally {
    await control.evaluate(writeStoredItems, saved);
    await control.close();
  }
}

async function pageTabId(driver: Driver): Promise<number> {
  const probe = await driver.openPopup();
  try {
    return (await poll(() => probe.evaluate(fixturePageTerms, LIST_TERMS), { message: 'no tab with the content script' })).tabId;
  } finally {
    await probe.close();
  }
}

async function markedIn(driver: Driver, name: string, expected: string[], absent: string[] = []): Promise<string[]> {
  return waitForMarks(driver, expected, { absent, read: () => driver.evaluate(highlightTexts, name) });
}

const count = (texts: string[], phrase: string) => texts.filter((text) => text === phrase).length;

function extensionProblems(driver: Driver) {
  return driver.problems().filter((problem) => problem.fromExtension);
}

async function openSettledPage(driver: Driver): Promise<void> {
  await driver.open(PAGE);
  await markedIn(driver, 'health-glossary-term', ['vitiligo', 'dermatologist', 'minoxidil', 'placebo']);
}

// ---- scenarios ----

test('the popup turns the extension off and on for this site only, live', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  await withSettingsRestored(driver, async () => {
    const popup = await openPopupFor(driver, tabId);
    // The visible text is the hostname; screen readers hear "This page: 127.0.0.1".
    expect(await popup.evaluate(() => document.querySelector('.site')?.textContent, undefined)).toBe('This page: 127.0.0.1');
    expect(await popup.isChecked('switch', 'Explain health terms on every site')).toBe(true);
    await popup.setChecked('switch', 'Explain health terms on 127.0.0.1', false);
    await driver.waitForFunction(() => ![...CSS.highlights.keys()].some((name) => name.startsWith('health-glossary-term')), undefined);
    await poll(async () => (await popup.evaluate(visibleText, undefined)).includes('Off on 127.0.0.1.'), { message: 'status did not say off' });
    const stored = (await popup.evaluate(readStoredSettings, undefined)) as { disabledSites: string[]; enabled: boolean };
    expect(stored.disabledSites).toEqual(['127.0.0.1']);
    expect(stored.enabled).not.toBe(false);

    await popup.setChecked('switch', 'Explain health terms on 127.0.0.1', true);
    await markedIn(driver, 'health-glossary-term', ['vitiligo', 'placebo']);
    await popup.close();
  });
  expect(await driver.evaluate(() => performance.getEntriesByType('navigation').length, undefined)).toBe(1);
  expect(mutationsOtherThanUiHost(await driver.evaluate(readMutations, undefined), UI_HOST_NAME)).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);
  expect(driver.externalRequests()).toEqual([]);
});

test('a pause hides the marks and ends by itself without a reload; Resume ends it early', async ({ driver }) => {
  await openSettledPage(driver);
  await driver.evaluate(() => void ((window as unknown as { beforePause: boolean }).beforePause = true), undefined);
  const tabId = await pageTabId(driver);
  await withSettingsRestored(driver, async (control) => {
    // Through the popup: pause for an hour, see the time left, resume.
    const popup = await openPopupFor(driver, tabId);
    await popup.click('button', 'Pause for 1 hour');
    await driver.waitForFunction(() => !CSS.highlights.has('health-glossary-term'), undefined);
    await poll(async () => /Paused, (1 h|59 min) left/.test(await popup.evaluate(visibleText, undefined)), { message: 'no time left shown' });
    await popup.click('button', 'Resume now');
    await markedIn(driver, 'health-glossary-term', ['vitiligo']);
    await popup.close();

    // A short pause (as if the hour were up): the page comes back on its own.
    await control.evaluate(patchStoredSettings, { pausedUntil: Date.now() + 2500 });
    await driver.waitForFunction(() => !CSS.highlights.has('health-glossary-term'), undefined);
    await markedIn(driver, 'health-glossary-term', ['vitiligo', 'placebo'], []);
  });
  expect(await driver.evaluate(() => (window as unknown as { beforePause?: boolean }).beforePause === true, undefined)).toBe(true);
  expect(extensionProblems(driver)).toEqual([]);
});

test('the mark style changes the registered highlight; with no marks a hover still explains', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  const before = (await driver.evaluate(highlightTexts, 'health-glossary-term'))!.sort();
  await withSettingsRestored(driver, async () => {
    const popup = await openPopupFor(driver, tabId);
    for (const style of ['solid', 'background'] as const) {
      expect(await popup.evaluate(chooseOption, { label: 'Mark style', value: style })).toBe(true);
      await driver.waitForFunction((name) => CSS.highlights.has(name), `health-glossary-term-${style}`);
      expect(await driver.evaluate(termHighlightNames, undefined)).toEqual([`health-glossary-term-${style}`]);
      // Same terms, only painted differently: no rescan needed.
      expect((await driver.evaluate(highlightTexts, `health-glossary-term-${style}`))!.sort()).toEqual(before);
    }
    expect(await popup.evaluate(chooseOption, { label: 'Mark style', value: 'none' })).toBe(true);
    await driver.waitForFunction(() => ![...CSS.highlights.keys()].some((name) => name.startsWith('health-glossary-term')), undefined);
    await popup.close();

    await driver.hoverText('vitiligo');
    const dialog = await driver.waitForDialog('Vitiligo');
    expect(dialog.text.length).toBeGreaterThan(20);
    await driver.press('Escape');
    await driver.waitForNoDialog();
  });
  await driver.waitForFunction(() => CSS.highlights.has('health-glossary-term'), undefined);
  expect(mutationsOtherThanUiHost(await driver.evaluate(readMutations, undefined), UI_HOST_NAME)).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);
});

test('first-occurrence mode marks each term once, and every occurrence again when switched back', async ({ driver }) => {
  await openSettledPage(driver);
  const all = await markedIn(driver, 'health-glossary-term', ['dermatologist']);
  expect(count(all, 'dermatologist')).toBe(3);
  expect(count(all, 'minoxidil')).toBe(2);
  const tabId = await pageTabId(driver);
  await withSettingsRestored(driver, async () => {
    const popup = await openPopupFor(driver, tabId);
    expect(await popup.evaluate(chooseOption, { label: 'Occurrences', value: 'first' })).toBe(true);
    await poll(
      async () => {
        const texts = (await driver.evaluate(highlightTexts, 'health-glossary-term')) ?? [];
        return count(texts, 'dermatologist') === 1 && count(texts, 'minoxidil') === 1 && count(texts, 'vitiligo') === 1;
      },
      { message: 'first-only marks did not appear' },
    );
    // The first one is the one kept.
    expect(await driver.evaluate(() => {
      const first = [...CSS.highlights.get('health-glossary-term')!].find((r) => r.startContainer.textContent?.includes('dermatologist'));
      return first?.startContainer.parentElement?.id;
    }, undefined)).toBe('first');
    expect(await popup.evaluate(chooseOption, { label: 'Occurrences', value: 'every' })).toBe(true);
    await poll(async () => count((await driver.evaluate(highlightTexts, 'health-glossary-term')) ?? [], 'dermatologist') === 3, {
      message: 'every occurrence did not come back',
    });
    await popup.close();
  });
  expect(extensionProblems(driver)).toEqual([]);
});

test('"Which terms to mark" leaves everyday words out by default, and the popup list follows it', async ({ driver }) => {
  await driver.open('pages/density-article.html');
  // Default: all but everyday words (asthma is one; vitiligo is common, telogen effluvium specialist).
  await markedIn(driver, 'health-glossary-term', ['vitiligo', 'telogen effluvium'], ['asthma']);
  const tabId = await pageTabId(driver);
  const listed = async () => {
    const probe = await driver.openPopup();
    try {
      return (await poll(() => probe.evaluate(fixturePageTerms, LIST_TERMS))).names;
    } finally {
      await probe.close();
    }
  };
  expect((await listed()).sort()).toEqual(['Telogen effluvium', 'Vitiligo']);
  await withSettingsRestored(driver, async () => {
    const popup = await openPopupFor(driver, tabId);
    expect(await popup.evaluate(chooseOption, { label: 'Which terms to mark', value: 'all' })).toBe(true);
    await markedIn(driver, 'health-glossary-term', ['asthma', 'vitiligo', 'telogen effluvium']);
    await poll(async () => (await listed()).includes('Asthma'), { message: 'the popup list did not follow "every term"' });
    expect(await popup.evaluate(chooseOption, { label: 'Which terms to mark', value: 'specialist' })).toBe(true);
    await markedIn(driver, 'health-glossary-term', ['telogen effluvium'], ['asthma', 'vitiligo']);
    await poll(async () => (await listed()).join() === 'Telogen effluvium', { message: 'the popup list did not follow "specialist terms only"' });
    await popup.close();
  });
  expect(extensionProblems(driver)).toEqual([]);
});

test('turning a category off in the options page unmarks its terms and keeps the others', async ({ driver }) => {
  await openSettledPage(driver);
  await withSettingsRestored(driver, async () => {
    const options = await openExtensionPage(driver, 'options.html');
    // The driver clicks where the control is on screen: bring the category list into view.
    await poll(() => options.evaluate(() => document.querySelector('.category-grid') !== null, undefined));
    await options.evaluate(() => document.querySelector('.category-grid')!.scrollIntoView({ block: 'center' }), undefined);
    expect(await options.isChecked('checkbox', 'Medicines')).toBe(true);
    await options.setChecked('checkbox', 'Medicines', false);
    await markedIn(driver, 'health-glossary-term', ['vitiligo', 'dermatologist', 'placebo'], ['minoxidil']);
    await options.setChecked('checkbox', 'Health professions', false);
    await markedIn(driver, 'health-glossary-term', ['vitiligo', 'placebo'], ['minoxidil', 'dermatologist']);
    await options.setChecked('checkbox', 'Medicines', true);
    await markedIn(driver, 'health-glossary-term', ['vitiligo', 'minoxidil'], ['dermatologist']);
    await options.close();
  });
  expect(extensionProblems(driver)).toEqual([]);
});

test('asked for the terms before the page has settled, the page scans at once and lists them', async ({ driver }) => {
  // The extension page asks the way the popup does; it is open before the page loads, so the
  // question comes while the first scan still waits for the page to settle.
  const asker = await driver.openPopup();
  try {
    await driver.open(PAGE);
    const scanStarted = await driver.evaluate(() => CSS.highlights.has('health-glossary-term'), undefined);
    test.skip(scanStarted, 'the first scan started before the question could be asked (a slow machine)');
    const listed = await poll(() => asker.evaluate(fixturePageTerms, LIST_TERMS), { message: 'no tab with the content script' });
    expect(listed.names).toEqual(expect.arrayContaining(['Dermatologist', 'Vitiligo', 'Minoxidil', 'Placebo']));
  } finally {
    await asker.close();
  }
  expect(extensionProblems(driver)).toEqual([]);
});

test('the popup lists the terms on the tab; choosing one scrolls to it and opens its definition', async ({ driver }) => {
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  const popup = await openPopupFor(driver, tabId);
  const heading = await poll(() => popup.evaluate(() => document.getElementById('terms-heading')?.textContent?.match(/^\d+ terms/) ?? null, undefined));
  const buttons = await popup.queryByRole('button', /^(Dermatologist|Vitiligo|Minoxidil|Placebo) /);
  expect(buttons.map((b) => b.name.split(' ')[0])).toEqual(['Dermatologist', 'Vitiligo', 'Minoxidil', 'Placebo']);
  expect(heading[0]).toBe(`${(await popup.queryByRole('listitem')).length} terms`);
  expect(buttons.find((b) => b.name.startsWith('Placebo'))?.name).toMatch(/^Placebo A fake treatment/);

  expect(await driver.evaluate(() => window.scrollY, undefined)).toBe(0);
  await popup.click('button', /^Placebo /);
  await driver.waitForFunction(() => window.scrollY > 0, undefined);
  // Back to the page, as the real popup closes itself after the choice.
  await popup.close();
  const dialog = await driver.waitForDialog('Placebo');
  expect(dialog.text).toContain('fake treatment');
  const placed = await driver.evaluate(() => {
    const rect = document.getElementById('far')!.getBoundingClientRect();
    return { scrollY: window.scrollY, top: rect.top, viewport: window.innerHeight };
  }, undefined);
  expect(placed.scrollY).toBeGreaterThan(1500);
  expect(placed.top).toBeGreaterThan(0);
  expect(placed.top).toBeLessThan(placed.viewport);
  expect(extensionProblems(driver)).toEqual([]);
});

test('the toolbar badge counts the distinct terms on the tab and hides with its setting', async ({ driver }) => {
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  await withSettingsRestored(driver, async (control) => {
    // dermatologist, vitiligo, minoxidil, placebo: four distinct terms, seven marks.
    await poll(async () => (await control.evaluate(badgeTextOf, tabId)) === '4', { message: 'badge did not show 4' });
    await control.evaluate(patchStoredSettings, { showBadge: false });
    await poll(async () => (await control.evaluate(badgeTextOf, tabId)) === '', { message: 'badge did not clear' });
    await control.evaluate(patchStoredSettings, { showBadge: true });
    await poll(async () => (await control.evaluate(badgeTextOf, tabId)) === '4', { message: 'badge did not come back' });
    // One category off: the page reports its new set.
    await control.evaluate(patchStoredSettings, { categories: { drug: false } });
    await poll(async () => (await control.evaluate(badgeTextOf, tabId)) === '3', { message: 'badge did not follow the page' });
  });
  expect(extensionProblems(driver)).toEqual([]);
});

// ---- accessibility, speed and pictures ----

/** axe-core's rules for WCAG 2.x A and AA, plus its best practices. */
async function axeViolations(page: ExtensionPage): Promise<string[]> {
  // Extension pages forbid eval, so axe travels as the body of the evaluated function itself.
  const runAxe = new Function(
    'return (async () => {' +
      axe.source +
      '; const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });' +
      ' return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")); })()',
  ) as () => Promise<string[]>;
  return page.evaluate(runAxe, undefined);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup and the options page pass axe-core in ${scheme} mode`, async ({ driver }) => {
    await openSettledPage(driver);
    const tabId = await pageTabId(driver);
    await driver.emulateMedia({ colorScheme: scheme });
    const popup = await openPopupFor(driver, tabId);
    await popup.emulateMedia({ colorScheme: scheme });
    await poll(() => popup.evaluate(() => document.querySelectorAll('.terms li').length > 0, undefined));
    expect(await popup.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme)).toBe(true);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();

    const options = await openExtensionPage(driver, 'options.html');
    await options.emulateMedia({ colorScheme: scheme });
    await poll(() => options.evaluate(() => document.getElementById('settings-heading') !== null, undefined));
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
}

test('the toolbar popup opens for the active tab, lists its terms and records its first paint', async ({ driver }) => {
  await openSettledPage(driver);
  // Opened as a toolbar click opens it; done once it lists the tab's terms and the browser has
  // reported its first contentful paint. The speed itself is measured by `npm run bench:popup`.
  const timing = await driver.toolbarPopupTiming();
  expect(timing.termsListed).toBeGreaterThanOrEqual(4);
  expect(timing.firstContentfulPaint).not.toBeNull();
  expect(timing.scriptStart).toBeGreaterThan(0);
  expect(timing.rendered).toBeGreaterThanOrEqual(timing.scriptStart);
  // A second opening works as well: the first one closed cleanly.
  expect((await driver.toolbarPopupTiming()).firstContentfulPaint).not.toBeNull();
});

test('screenshots of the popup and the options page, light and dark', async ({ driver }) => {
  test.skip(driver.browserName !== 'chromium', 'the README shows Chromium');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await openPopupFor(driver, tabId);
    await popup.emulateMedia({ colorScheme: scheme });
    await poll(() => popup.evaluate(() => document.querySelectorAll('.terms li').length > 0, undefined));
    await popup.screenshot(join(SCREENSHOTS, `popup-${scheme}.png`), { selector: 'main' });
    await popup.close();
    const options = await openExtensionPage(driver, 'options.html');
    await options.emulateMedia({ colorScheme: scheme });
    await poll(() => options.evaluate(() => document.getElementById('settings-heading') !== null, undefined));
    await options.screenshot(join(SCREENSHOTS, `options-${scheme}.png`), { selector: '.settings' });
    await options.close();
  }
});

test('the toolbar icon turns grey when the extension is off for the site or paused, and back', async ({ driver }) => {
  await openSettledPage(driver);
  const tabId = await pageTabId(driver);
  const icon = (expected: 'active' | 'inactive', message: string) =>
    poll(async () => (await driver.toolbarIcon()) === expected, { message: `${message}: the toolbar icon is not ${expected}` });
  await icon('active', 'on a page where it works');
  await withSettingsRestored(driver, async () => {
    const popup = await openPopupFor(driver, tabId);
    await popup.setChecked('switch', 'Explain health terms on 127.0.0.1', false);
    await icon('inactive', 'off for the site');
    await popup.setChecked('switch', 'Explain health terms on 127.0.0.1', true);
    await icon('active', 'on for the site again');
    await popup.click('button', 'Pause for 1 hour');
    await icon('inactive', 'paused');
    await popup.click('button', 'Resume now');
    await icon('active', 'resumed');
    await popup.setChecked('switch', 'Explain health terms on every site', false);
    await icon('inactive', 'off everywhere');
    await popup.setChecked('switch', 'Explain health terms on every site', true);
    await icon('active', 'on everywhere again');
    await popup.close();
  });
  expect(driver.externalRequests()).toEqual([]);
  expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);
});
