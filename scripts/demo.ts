/**
 * `npm run demo`: opens a browser with the built extension on the bundled demo article, so a
 * person can rest the pointer on a term and read its definition.
 *
 *   npm run demo                      Chromium window (needs a display)
 *   npm run demo -- --browser firefox Firefox ESR window
 *   npm run demo -- --headless        no window: hovers a term in both browsers and writes
 *                                     screenshots to demo-output/ (for machines without a display)
 *
 * The page is served from 127.0.0.1 and the browsers are started without background networking:
 * the demo, like the extension, sends nothing anywhere.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_EXECUTABLE, extensionArgs, OFFLINE_CHROMIUM_ARGS } from '../tests/e2e/drivers/chromium';
import { FIREFOX_EXECUTABLE, firefoxPrefs } from '../tests/e2e/drivers/firefox';
import { startFixtureServer } from '../tests/fixtures/server';
import { GECKO_ID } from '../wxt.config';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'demo-output');
const DEMO_PAGE = 'pages/demo-article.html';
const FIREFOX_UUID = '7d3c1f9e-2b4a-4c1e-9f0a-5e8d6c2b1a00';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY },
    browser: { type: 'string', default: 'chromium' },
  },
});

const server = await startFixtureServer();
const pageUrl = server.url(DEMO_PAGE);

// Everything but loopback goes to a closed port (9): nothing leaves the machine.
const firefoxPreferences = firefoxPrefs(9, GECKO_ID, FIREFOX_UUID);

async function chromiumDemo(headless: boolean): Promise<string | undefined> {
  const dir = join(ROOT, '.output', 'chrome-mv3');
  const userDataDir = join(ROOT, '.cache', 'demo-chromium-profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless,
    viewport: headless ? { width: 1100, height: 720 } : null,
    args: [...extensionArgs(dir), ...OFFLINE_CHROMIUM_ARGS, ...(headless ? ['--disable-gpu'] : [])],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl);
  if (!headless) {
    console.log(`Chromium is open on ${pageUrl}. Rest the pointer on an underlined term. Close the window to end.`);
    await new Promise((done) => context.on('close', done));
    return undefined;
  }
  const term = await hoverPhrase((fn) => page.evaluate(fn), (x, y) => page.mouse.move(x, y));
  await page.waitForFunction(cardBelow, term);
  await page.waitForTimeout(400);
  const file = join(OUT, 'demo-chromium.png');
  await page.screenshot({ path: file });
  await context.close();
  return file;
}

async function firefoxDemo(headless: boolean): Promise<string | undefined> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: firefoxPreferences,
    defaultViewport: headless ? { width: 1100, height: 720 } : null,
  });
  await browser.installExtension(join(ROOT, '.output', 'firefox-mv2'));
  const page = await browser.newPage();
  await page.goto(pageUrl);
  if (!headless) {
    console.log(`Firefox is open on ${pageUrl}. Rest the pointer on an underlined term. Close the window to end.`);
    await new Promise((done) => browser.on('disconnected', done));
    return undefined;
  }
  const term = await hoverPhrase((fn) => page.evaluate(fn), (x, y) => page.mouse.move(x, y));
  await page.waitForFunction(cardBelow, {}, term);
  await new Promise((done) => setTimeout(done, 400));
  const file = join(OUT, 'demo-firefox.png');
  await page.screenshot({ path: file });
  await browser.close();
  return file;
}

/**
 * Whether the card shows below the term at `point`: the page cannot look into the extension's
 * closed shadow root, but the element it sees at a point the card covers is the UI host (the one
 * element the extension adds under <html>).
 */
function cardBelow(point: { x: number; bottom: number }): boolean {
  const element = document.elementFromPoint(point.x, point.bottom + 24);
  return !!element && element.parentElement === document.documentElement && element !== document.body && element !== document.head;
}

/** Waits for the marks, then rests the pointer on "alopecia areata" as a reader would; returns where. */
async function hoverPhrase(
  evaluate: <T>(fn: () => T) => Promise<T>,
  move: (x: number, y: number) => Promise<void>,
): Promise<{ x: number; bottom: number }> {
  const deadline = Date.now() + 10_000;
  let point: { x: number; y: number; bottom: number } | null = null;
  while (!point && Date.now() < deadline) {
    point = await evaluate(() => {
      const highlight = CSS.highlights.get('health-glossary-term');
      for (const range of highlight ?? []) {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        if (live.toString() === 'alopecia areata') {
          const rect = live.getClientRects()[0]!;
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, bottom: rect.bottom };
        }
      }
      return null;
    });
    if (!point) await new Promise((done) => setTimeout(done, 100));
  }
  if (!point) throw new Error('the extension marked no "alopecia areata" on the demo page within 10 s');
  await move(point.x - 40, point.y - 30);
  await move(point.x, point.y);
  return { x: point.x, bottom: point.bottom };
}

try {
  if (values.headless) {
    mkdirSync(OUT, { recursive: true });
    const shots = [await chromiumDemo(true), await firefoxDemo(true)];
    console.log(`No display: hovered "alopecia areata" on the demo page in both browsers. Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  } else if (values.browser === 'firefox') {
    await firefoxDemo(false);
  } else {
    await chromiumDemo(false);
  }
} finally {
  await server.close();
}
