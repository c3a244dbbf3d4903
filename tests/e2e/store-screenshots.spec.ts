import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { poll } from './driver';
import { expect, test, type Driver } from './fixtures';
import { waitForMarks } from './marks';

// The store listings' pictures, 1280×800 as both stores ask, made in each browser into
// docs/store/screenshots/ (<browser>-<n>-<what>.png). With E2E_UI_LOCALE=es (npm run
// screenshots:es, Chromium) the same card and popup in Spanish (es-*.png) instead.
const OUT = join(import.meta.dirname, '..', '..', 'docs', 'store', 'screenshots');
const STORE = { width: 1280, height: 800 };
const SPANISH = process.env.E2E_UI_LOCALE === 'es';
const ARTICLE = 'pages/demo-article.html';

async function openArticle(driver: Driver): Promise<void> {
  await driver.open(ARTICLE);
  await driver.setViewport(STORE);
  await waitForMarks(driver, ['alopecia areata']);
}

/** The card for the first "alopecia areata", scrolled to the middle of the picture. */
async function showCard(driver: Driver): Promise<void> {
  // From elsewhere: a pointer already resting where the term is after a reload moves no more.
  await driver.mouseMove(5, 5);
  await driver.hoverText('alopecia areata');
  await driver.waitForDialog(/alopecia areata/i, { timeout: 10_000 });
  // Fonts and the card's entrance transition settle.
  await new Promise((resolve) => setTimeout(resolve, 400));
}

/**
 * The popup as the toolbar shows it, over the article: a picture of the popup page laid at the
 * top right of the tab, where the toolbar button opens it. The overlay is only in the picture.
 */
async function popupOverArticle(driver: Driver, file: string, scheme: 'light' | 'dark'): Promise<void> {
  await openArticle(driver);
  const probe = await driver.openPopup();
  const tabId = await poll(
    () =>
      probe.evaluate(async (url) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        // Every tab, then by address: Firefox's url patterns do not take a port.
        const tab = (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.url === url);
        return tab?.id ?? null;
      }, driver.url(ARTICLE)),
    { message: 'the article tab was not found' },
  );
  await probe.close();
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewport({ width: 360, height: 800 });
  await popup.emulateMedia({ colorScheme: scheme });
  await poll(() => popup.evaluate(() => document.querySelectorAll('.terms li').length > 0, undefined), { message: 'the popup listed no terms' });
  const shot = join(OUT, `.popup-${process.pid}.png`);
  await popup.screenshot(shot, { selector: 'main' });
  await popup.close();
  const image = `data:image/png;base64,${readFileSync(shot).toString('base64')}`;
  rmSync(shot);
  await driver.evaluate((src) => {
    const img = document.createElement('img');
    img.src = src;
    img.alt = '';
    img.style.cssText =
      'position:fixed;top:0;right:24px;width:360px;max-height:790px;object-fit:cover;object-position:top;border:1px solid #8888;border-radius:0 0 8px 8px;box-shadow:0 8px 28px #0005;z-index:2147483647';
    document.body.append(img);
    return new Promise((resolve) => (img.complete ? resolve(null) : (img.onload = () => resolve(null))));
  }, image);
  await driver.screenshot(join(OUT, file));
}

test.describe('store screenshots', () => {
  test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

  test('the card on an article, the popup, the options page, the glossary, dark mode', async ({ driver }) => {
    test.skip(SPANISH, 'the English pictures are made without E2E_UI_LOCALE');
    test.setTimeout(90_000);
    const name = (n: number, what: string) => join(OUT, `${driver.browserName}-${n}-${what}.png`);

    await openArticle(driver);
    await showCard(driver);
    await driver.screenshot(name(1, 'popover'));

    await popupOverArticle(driver, `${driver.browserName}-2-popup.png`, 'light');

    const options = await driver.openExtensionPage('options.html');
    await options.setViewport(STORE);
    await poll(() => options.evaluate(() => document.getElementById('settings-heading') !== null, undefined), { message: 'no settings' });
    await options.screenshot(name(3, 'options'));
    await options.evaluate(() => {
      document.getElementById('glossary-heading')!.scrollIntoView({ block: 'start' });
      document.querySelector<HTMLButtonElement>('.glossary-entry .entry-more')?.click();
    }, undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await options.screenshot(name(4, 'glossary'));
    await options.close();

    await driver.emulateMedia({ colorScheme: 'dark' });
    await openArticle(driver);
    await showCard(driver);
    await driver.screenshot(name(5, 'dark'));
    expect(driver.externalRequests()).toEqual([]);
  });

  test('the card and the popup in Spanish', async ({ driver }) => {
    test.skip(!SPANISH, 'run with E2E_UI_LOCALE=es (npm run screenshots:es)');
    test.skip(driver.browserName !== 'chromium', 'Firefox ESR here has no Spanish language pack');
    await openArticle(driver);
    await showCard(driver);
    const card = await driver.dialog();
    expect(card?.text).toContain('el texto del glosario está en inglés');
    await driver.screenshot(join(OUT, 'es-card.png'));
    await popupOverArticle(driver, 'es-popup.png', 'light');
  });
});
