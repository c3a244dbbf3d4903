/**
 * Popup benchmark: how fast the real toolbar popup paints, in Chromium and Firefox ESR, with the
 * production build.
 *
 *   npm run bench:popup          (builds; writes bench/results/popup.json)
 *
 * For each browser: open a page with health terms, then open the toolbar popup for it as a click
 * on the toolbar button does (Chromium: action.openPopup() from the service worker; Firefox:
 * browserAction.openPopup() from another extension page), wait until it lists the page's terms,
 * read its timing and close it. The first opening after the browser starts is reported apart: it
 * also starts the extension's page process. Times are ms from the popup's navigation start:
 * - first contentful paint: the browser's own entry, the first frame with text in it;
 * - first frame with the settings: the popup's own mark, a frame after its first render.
 * The floor, in Chromium: the same popup as static HTML (its rendered DOM with the terms list,
 * the same stylesheets, and a two-line script that sets the same marks), opened the same way. What
 * the real popup takes beyond that is the cost of its own code; the rest is the browser's.
 * Numbers, not assertions. Run on a quiet machine: the runs go one after the other and the load
 * average is recorded with the results.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LIST_TERMS } from '../lib/messages';
import { startFixtureServer } from '../tests/fixtures/server';
import { fixturePageTerms } from '../tests/e2e/extension-page-functions';
import type { PopupTiming } from '../tests/e2e/driver';
import { builtExtensionDir } from '../tests/e2e/drivers/base';
import { ChromiumSession } from '../tests/e2e/drivers/chromium';
import { FirefoxSession } from '../tests/e2e/drivers/firefox';
import { summarize, type Summary } from './summary';

const RESULTS = resolve(import.meta.dirname, 'results', 'popup.json');
/** An article with a dozen glossary terms, so the popup has a real list to show. */
const PAGE = 'pages/settings-article.html';

const { values: args } = parseArgs({ options: { openings: { type: 'string', default: '20' } } });
const OPENINGS = Number(args.openings);

interface BrowserResult {
  browser: 'chromium' | 'firefox';
  popup: 'extension' | 'static copy';
  /** The first opening after the browser started. */
  first: PopupTiming;
  firstContentfulPaint: Summary;
  firstFrameWithSettings: Summary;
  openings: PopupTiming[];
}

type BrowserName = 'chromium' | 'firefox';

async function measure(browser: BrowserName, popup: BrowserResult['popup']): Promise<BrowserResult> {
  const server = await startFixtureServer();
  const session = browser === 'chromium' ? await ChromiumSession.launch(server) : await FirefoxSession.launch(server);
  try {
    const driver = await session.newDriver();
    await driver.open(PAGE);
    const open = () => driver.toolbarPopupTiming();
    const first = await open();
    const openings: PopupTiming[] = [];
    for (let i = 0; i < OPENINGS; i++) openings.push(await open());
    await driver.dispose();
    return {
      browser,
      popup,
      first,
      firstContentfulPaint: summarize(openings.map((run) => run.firstContentfulPaint ?? Number.POSITIVE_INFINITY)),
      firstFrameWithSettings: summarize(openings.map((run) => run.rendered)),
      openings,
    };
  } finally {
    await session.close();
    await server.close();
  }
}

/** The popup's rendered body for the fixture page's tab, read from the popup page opened in a tab. */
async function renderedPopupBody(): Promise<string> {
  const server = await startFixtureServer();
  const session = await ChromiumSession.launch(server);
  try {
    const article = await session.context.newPage();
    await article.goto(server.url(PAGE));
    const popup = await session.context.newPage();
    await popup.goto(`${session.extension.origin}/popup.html`);
    const tabId = (await popup.evaluate(fixturePageTerms, LIST_TERMS))?.tabId;
    if (tabId === undefined) throw new Error('the fixture page has no tab');
    await popup.goto(`${session.extension.origin}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('.terms li');
    return await popup.evaluate(() => document.body.innerHTML);
  } finally {
    await session.close();
    await server.close();
  }
}

/**
 * A copy of the Chromium build whose popup.html is `body` as static HTML with the real popup's
 * stylesheets, and a script that only sets the marks the timing reader waits for. Returns the
 * output directory to point the driver at.
 */
function staticPopupBuild(body: string): string {
  const outputDir = mkdtempSync(join(tmpdir(), 'hg-bench-static-popup-'));
  const dir = join(outputDir, 'chrome-mv3');
  cpSync(builtExtensionDir('chromium'), dir, { recursive: true });
  const html = readFileSync(join(dir, 'popup.html'), 'utf8')
    .replace(/<script type="module"[^>]*><\/script>/, '<script type="module" src="/static-popup-marks.js"></script>')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<body>[\s\S]*<\/body>/, `<body>${body}</body>`);
  writeFileSync(join(dir, 'popup.html'), html);
  writeFileSync(
    join(dir, 'static-popup-marks.js'),
    "performance.mark('popup-script-start');\nrequestAnimationFrame(() => performance.mark('popup-rendered'));\n",
  );
  return outputDir;
}

const round = (ms: number | null) => (ms === null ? '—' : Math.round(ms).toString());

console.log(`${cpus().length} CPUs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${OPENINGS} openings per browser after the first`);
const results: BrowserResult[] = [];
const report = (result: BrowserResult) => {
  results.push(result);
  const { first, firstContentfulPaint: fcp, firstFrameWithSettings: frame } = result;
  console.log(
    `${`${result.browser}, ${result.popup}`.padEnd(22)} first contentful paint: median ${round(fcp.median)}, p90 ${round(fcp.p90)}, max ${round(fcp.max)} ms` +
      ` | first frame with the settings: median ${round(frame.median)}, p90 ${round(frame.p90)} ms` +
      ` | first opening after start: ${round(first.firstContentfulPaint)} / ${round(first.rendered)} ms`,
  );
};
report(await measure('chromium', 'extension'));
report(await measure('firefox', 'extension'));
const staticOutput = staticPopupBuild(await renderedPopupBody());
process.env.E2E_OUTPUT_DIR = staticOutput;
try {
  report(await measure('chromium', 'static copy'));
} finally {
  delete process.env.E2E_OUTPUT_DIR;
  rmSync(staticOutput, { recursive: true, force: true });
}
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), loadAverage: loadavg(), openings: OPENINGS, results }, null, 2)}\n`);
console.log(`written to ${join('bench', 'results', 'popup.json')}`);
