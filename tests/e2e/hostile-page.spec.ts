import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { poll, type Driver } from './driver';
import { waitForMarks } from './marks';
import { REPO_ROOT } from './drivers/base';

// Issue 23: the page as an attacker. Each scenario is a page script trying something on the
// extension, and asserts that it fails. They also cover hovering on odd layouts (a transparent
// overlay, a scaled and rotated container).

const PAGE = 'pages/hostile.html';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** WXT's start-up event name, as a page can work it out (Firefox add-on ids are public). */
function startUpEventName(driver: Driver): string {
  const runtimeId = driver.browserName === 'firefox' ? driver.extension.addonId : driver.extension.id;
  return `${runtimeId}:content:wxt:content-script-started`;
}

async function openMarked(driver: Driver): Promise<void> {
  await driver.open(PAGE);
  await waitForMarks(driver, ['minoxidil', 'dermatologist', 'placebo']);
}

type Area = { get(keys: string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(keys: string[]): Promise<void> };

/** Ways a reader turns the extension off for this page. */
const OFF = {
  // The site list: in its own item and in the settings record, where older builds keep it.
  'for the site': { record: { disabledSites: ['127.0.0.1'] }, items: { disabledSites: ['127.0.0.1'] } },
  everywhere: { record: { enabled: false }, items: {} },
  'by a pause': { record: { pausedUntil: 4_000_000_000_000 }, items: {} },
} as const;

/** Runs `body` with the extension off for this page in one of the OFF ways, then puts storage back. */
async function withExtensionOff(driver: Driver, how: keyof typeof OFF, body: () => Promise<void>): Promise<void> {
  const control = await driver.openPopup();
  const saved = await control.evaluate(async (off) => {
    const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
    const sync = (scope.browser ?? scope.chrome)!.storage.sync;
    const items = await sync.get(['settings', 'disabledSites']);
    const settings = (items.settings as Record<string, unknown> | undefined) ?? {};
    await sync.set({ settings: { ...settings, ...off.record }, ...off.items });
    return items;
  }, OFF[how]);
  await control.close();
  try {
    await body();
  } finally {
    const restore = await driver.openPopup();
    await restore.evaluate(async (items) => {
      const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
      const sync = (scope.browser ?? scope.chrome)!.storage.sync;
      await sync.remove(['settings', 'disabledSites'].filter((key) => !(key in items)));
      await sync.set(items);
    }, saved);
    await restore.close();
  }
}

test('a page script can neither read nor rewrite the card', async ({ driver }) => {
  // Before the extension loads: define the host names it might use, to get the root through
  // attachInternals(); then, for any element added under <html>, read its shadowRoot, or define
  // its name now (upgrading it) and try attachInternals() again; rewrite whatever root it gets.
  await driver.addInitScript(() => {
    const attack = { rootsSeen: 0, rewritten: 0, tried: [] as string[] };
    (window as unknown as { attack: typeof attack }).attack = attack;
    const rewrite = (root: ShadowRoot | null | undefined) => {
      if (!root) return;
      attack.rootsSeen++;
      const short = root.querySelector('.hg-short');
      if (short) {
        short.textContent = 'Forged definition from the page.';
        attack.rewritten++;
      }
      for (const link of root.querySelectorAll('a')) link.setAttribute('href', 'https://forged.example/');
    };
    const grabbers = new Set<{ internals: ElementInternals }>();
    const grabberFor = () =>
      class extends HTMLElement {
        internals: ElementInternals;
        constructor() {
          super();
          this.internals = this.attachInternals();
          grabbers.add(this);
        }
      };
    for (const name of ['health-glossary-ui', 'wxt-shadow-root', 'health-glossary']) customElements.define(name, grabberFor());
    const onAdded = (element: Element) => {
      if (element.parentNode !== document.documentElement || element.localName === 'head' || element.localName === 'body') return;
      if (attack.tried.includes(element.localName)) return;
      attack.tried.push(element.localName);
      rewrite(element.shadowRoot);
      if (element.localName.includes('-') && !customElements.get(element.localName)) {
        try {
          customElements.define(element.localName, grabberFor());
        } catch {
          // not definable
        }
      }
    };
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) onAdded(node);
    }).observe(document, { childList: true, subtree: true });
    setInterval(() => {
      for (const grabber of grabbers) rewrite(grabber.internals.shadowRoot);
      for (const element of document.documentElement.children) {
        onAdded(element);
        rewrite(element.shadowRoot);
      }
    }, 50);
  });
  await openMarked(driver);
  await driver.hoverText('minoxidil');
  const shown = await driver.waitForDialog('Minoxidil');
  await sleep(500);
  const after = await driver.waitForDialog('Minoxidil');
  const attack = await driver.evaluate(() => (window as unknown as { attack: { rootsSeen: number; rewritten: number; tried: string[] } }).attack, undefined);
  expect(attack.tried.length, 'the page saw the host arrive').toBeGreaterThan(0);
  expect(attack.rootsSeen, 'shadow roots the page got hold of').toBe(0);
  expect(after.text).not.toContain('Forged');
  expect(after.text).toBe(shown.text);
});

test('the highlight registry does not say which term is open', async ({ driver }) => {
  await openMarked(driver);
  await driver.hoverText('minoxidil');
  await driver.waitForDialog('Minoxidil');
  // What a page script reads from the registry while the card is open.
  const registry = await driver.evaluate(() => {
    const seen: { name: string; texts: string[] }[] = [];
    const textOf = (range: AbstractRange) => {
      const r = document.createRange();
      r.setStart(range.startContainer, range.startOffset);
      r.setEnd(range.endContainer, range.endOffset);
      return r.toString();
    };
    for (const [name, highlight] of CSS.highlights) seen.push({ name, texts: [...highlight].map(textOf) });
    return seen;
  }, undefined);
  expect(registry.map((entry) => entry.name)).not.toContain('health-glossary-active');
  // No highlight singles out the open term: each holds all the page's marks or none of them.
  for (const entry of registry) expect(entry.texts, entry.name).not.toEqual(['minoxidil']);
  expect(registry.filter((entry) => entry.texts.length > 0)).toHaveLength(1);
});

for (const how of Object.keys(OFF) as (keyof typeof OFF)[]) {
  test(`where the extension is off ${how}, the page cannot tell it is installed`, async ({ driver }) => {
    await withExtensionOff(driver, how, async () => {
      await driver.addInitScript((name: string) => {
        const seen: string[] = [];
        (window as unknown as { startUps: string[] }).startUps = seen;
        document.addEventListener(
          name,
          (event) => {
            // (Firefox hides the detail of an event a content script made; its arrival says enough.)
            seen.push(event.type);
          },
          true,
        );
        window.addEventListener('message', (event) => seen.push(`message ${JSON.stringify(event.data)}`));
      }, startUpEventName(driver));
      await driver.open(PAGE);
      // Past the time the first scan waits for the page to settle.
      await sleep(2500);
      await driver.hoverText('minoxidil');
      await sleep(1000);
      const seen = await driver.evaluate(
        () => ({
          startUps: (window as unknown as { startUps: string[] }).startUps,
          highlights: [...CSS.highlights.keys()],
          extraElements: [...document.documentElement.children].map((e) => e.localName).filter((name) => name !== 'head' && name !== 'body'),
        }),
        undefined,
      );
      expect(seen).toEqual({ startUps: [], highlights: [], extraElements: [] });
      expect(await driver.dialog()).toBeNull();
    });
  });
}

test('a spoofed start-up event does not stop the extension', async ({ driver }) => {
  await openMarked(driver);
  const marked = await waitForMarks(driver, ['minoxidil']);
  await driver.evaluate((name: string) => {
    for (const contentScriptName of ['content', 'content-scripts/content', '']) {
      document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName, messageId: 'made-up-by-the-page' } }));
    }
  }, startUpEventName(driver));
  await sleep(500);
  // Marks and hovering survive.
  expect(await waitForMarks(driver, ['minoxidil'], { timeout: 2000 })).toEqual(marked);
  await driver.hoverText('minoxidil');
  await driver.waitForDialog('Minoxidil');
});

test('synthetic pointer, touch, key and click events from the page open nothing', async ({ driver }) => {
  await openMarked(driver);
  await driver.evaluate(async () => {
    const range = document.createRange();
    const text = document.getElementById('first')!.firstChild as Text;
    const at = text.data.indexOf('minoxidil');
    range.setStart(text, at);
    range.setEnd(text, at + 'minoxidil'.length);
    const r = range.getBoundingClientRect();
    const point = { clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, bubbles: true, composed: true };
    const target = document.getElementById('first')!;
    for (let i = 0; i < 20; i++) {
      target.dispatchEvent(new PointerEvent('pointermove', { ...point, pointerType: 'mouse', altKey: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A "tap": touch opens a card in every trigger mode.
    target.dispatchEvent(new PointerEvent('pointerdown', { ...point, pointerType: 'touch', isPrimary: true, pointerId: 7 }));
    target.dispatchEvent(new PointerEvent('pointerup', { ...point, pointerType: 'touch', isPrimary: true, pointerId: 7 }));
    target.dispatchEvent(new MouseEvent('click', { ...point, button: 0 }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Alt', altKey: true, bubbles: true }));
  }, undefined);
  await sleep(1000);
  expect(await driver.dialog()).toBeNull();
  // The reader's own pointer still opens it.
  await driver.hoverText('minoxidil');
  await driver.waitForDialog('Minoxidil');
});

test('pressing on a source makes no connection to its publisher before it is opened', async ({ driver }) => {
  const entry = parse(readFileSync(join(REPO_ROOT, 'glossary/entries/minoxidil.yaml'), 'utf8')) as { sources: { url: string }[] };
  const publisherHosts = new Set(entry.sources.map((source) => new URL(source.url).hostname));
  await openMarked(driver);
  await driver.hoverText('minoxidil');
  await driver.waitForDialog('Minoxidil');
  const sources = await poll(async () => {
    const found = await driver.queryByRole({ role: 'link' });
    return found.filter((link) => link.inShadowRoot).length > 0 ? found.filter((link) => link.inShadowRoot) : null;
  });
  const { rect } = sources[0]!;
  await driver.mouseMove(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await driver.mouseDown();
  await sleep(1500);
  const toPublishers = driver.connectionsOpened().filter((url) => publisherHosts.has(new URL(url).hostname));
  // Let go elsewhere: no click on the source.
  await driver.mouseMove(1240, 700);
  await driver.mouseUp();
  expect(toPublishers).toEqual([]);
  expect(driver.externalRequests()).toEqual([]);
});

test('text under a transparent overlay opens its card, and the overlay still gets its events', async ({ driver }) => {
  await openMarked(driver);
  await driver.hoverText('dermatologist');
  const dialog = await driver.waitForDialog(/dermatologist/i);
  expect(dialog.text.length).toBeGreaterThan(20);
  expect(await driver.evaluate(() => (window as unknown as { overlayEvents: number }).overlayEvents, undefined)).toBeGreaterThan(0);
});

test('text in a scaled and rotated container opens its card', async ({ driver }) => {
  await openMarked(driver);
  await driver.hoverText('placebo');
  const dialog = await driver.waitForDialog(/placebo/i);
  expect(dialog.text.length).toBeGreaterThan(20);
});
