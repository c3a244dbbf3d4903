/**
 * Scale benchmark (issue 21): the extension built with today's glossary (181 entries), the grown
 * one (the glossary being written) and a generated one of 10,000 entries, measured side by side
 * in one run, each target of the issue printed beside its measurement at the three sizes.
 *
 *   npx tsx bench/scale.ts [--pages a,b,c] [--skip-build] [--skip-startup]
 *
 * Builds (unless --skip-build) a release and a benchmark build per size into /tmp/hg-scale-builds
 * (bench/glossary-fixtures.ts writes the glossaries), then, in headless Chromium:
 * - content.js of each release build;
 * - start-up: bench/startup.ts on each release build, on an article and on a page without text
 *   (what an empty frame evaluates);
 * - on each page of a corpus subset and the generated 5 MB page, loads interleaved by size: the
 *   floor pass (median of 3 loads) and our first scan (median of 3 loads, their longest slice);
 * - the extension's heap on yahoo-2 and the 5 MB page;
 * - hover to visible card on the demo article, and the first card after the background's service
 *   worker was stopped (CDP ServiceWorker.stopAllWorkers, as Chromium does after 30 s idle);
 * - a data table of 300,000 small text nodes: a term hovered 2 s and 5 s after load, while the
 *   first scan waits or runs, to its visible card.
 * - in Firefox ESR (bench/firefox-scan.ts): first scans on a few of the pages.
 * Writes bench/results/scale.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { FLOOR_PASS_MARK, FLOOR_PASS_QUERY } from './probe';
import { heapMb, launch, serve } from './browser';
import { markDetail, waitForFirstScan } from './first-scan';
import { stressPage } from './stress-page';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const GLOSSARIES = join(tmpdir(), 'hg-scale-glossaries');
const BUILDS = join(tmpdir(), 'hg-scale-builds');
const RESULTS = join(ROOT, 'bench', 'results', 'scale.json');
const SIZES = ['today', 'grown', 'generated'] as const;
type Size = (typeof SIZES)[number];
/** A representative subset of the corpus: small, mid-size and the largest pages, health and not. */
const DEFAULT_PAGES = ['001', 'aclu', 'ars-1', 'breitbart', 'cnet', 'lemonde-1', 'medium-1', 'mercurial', 'nytimes-1', 'webmd-1', 'wikipedia', 'yahoo-2'];
const HOVER_DELAY_MS = 400;

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'skip-startup': { type: 'boolean', default: false },
    'skip-firefox': { type: 'boolean', default: false },
    'firefox-pages': { type: 'string', default: '001,cnet,medium-1,mercurial,webmd-1,wikipedia,yahoo-2' },
    loads: { type: 'string', default: '3' },
  },
});
const LOADS = Number(args.loads);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

function build(): void {
  execFileSync('npx', ['tsx', join(ROOT, 'bench', 'glossary-fixtures.ts'), '--out', GLOSSARIES], { cwd: ROOT, stdio: 'inherit' });
  for (const size of SIZES) {
    const env = { ...process.env, HEALTH_GLOSSARY_COMPILED: join(GLOSSARIES, `${size}.json`), HEALTH_GLOSSARY_OUT_DIR: join(BUILDS, size) };
    for (const mode of [[], ['--mode', 'bench'], ['-b', 'firefox', '--mode', 'bench']]) execFileSync('npx', ['wxt', 'build', ...mode], { cwd: ROOT, env, stdio: 'ignore' });
  }
}

const release = (size: Size) => join(BUILDS, size, 'chrome-mv3');
const benchBuild = (size: Size) => join(BUILDS, size, 'chrome-mv3-bench');

interface StartupSummary {
  median: number;
  p90: number;
}

function startup(size: Size, page: string | undefined): StartupSummary {
  const out = join(tmpdir(), `hg-scale-startup-${size}.json`);
  execFileSync('npx', ['tsx', join(ROOT, 'bench', 'startup.ts'), '--extension', release(size), '--sites', '8', '--browsers', '2', '--out', out, ...(page ? ['--page', page] : [])], { cwd: ROOT, stdio: 'ignore' });
  const result = JSON.parse(readFileSync(out, 'utf8')) as { firstPageOfANewSite: { total: StartupSummary } };
  return { median: result.firstPageOfANewSite.total.median, p90: result.firstPageOfANewSite.total.p90 };
}

/** In the page: resolves with the time from the first pointer move to the first frame showing the card. */
function watchCard(): Promise<number> {
  return new Promise<number>((done) => {
    let t0 = 0;
    document.addEventListener('pointermove', () => (t0 ||= performance.now()), { capture: true });
    const visible = () => {
      const host = document.querySelector('health-glossary-ui');
      const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
      return !!dialog && dialog.getClientRects().length > 0 && getComputedStyle(dialog.parentElement!).visibility !== 'hidden';
    };
    const frame = () => (t0 && visible() ? done(performance.now() - t0) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  });
}

/** Moves the pointer onto the element `selector` finds; ms from the move to a visible card. */
async function hoverToCard(page: Page, selector: string, timeoutMs = 15_000): Promise<number | null> {
  // Away long enough for a card still open to close (its grace period) before the next hover.
  await page.mouse.move(2, 2);
  await page.waitForTimeout(800);
  const point = await page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return { x: r.x + Math.min(r.width / 2, 20), y: r.y + r.height / 2 };
  }, selector);
  const watch = page.evaluate(watchCard);
  await page.mouse.move(point.x, point.y);
  return Promise.race([watch, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

/**
 * Stops the extension's service worker, as Chromium does after 30 s without events; true once
 * DevTools reports it stopped (Playwright's list of workers does not follow a stop).
 */
async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<boolean> {
  const cdp = await context.newCDPSession(page);
  let stopped = false;
  let running = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { runningStatus: string }[] }) => {
    for (const version of event.versions) {
      if (version.runningStatus === 'running') running = true;
      if (version.runningStatus === 'stopped') stopped = true;
    }
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(200);
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 5000;
  while (!stopped && Date.now() < deadline) await page.waitForTimeout(50);
  await cdp.send('ServiceWorker.disable').catch(() => {});
  await cdp.detach();
  return stopped || !running;
}

/** 300,000 small text nodes: a data table of 50,000 rows, a term in some cells. */
function tablePage(): string {
  const rows: string[] = [];
  const terms = ['psoriasis', 'vitiligo', 'alopecia areata', 'minoxidil'];
  for (let r = 0; r < 50_000; r++) {
    const term = r % 7 === 0 ? terms[r % terms.length] : 'stable';
    rows.push(`<tr><td>${r}</td><td>patient ${r}</td><td>${term}</td><td>${r % 90} y</td><td>visit ${r % 12}</td><td>${r % 3 ? 'yes' : 'no'}</td></tr>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Table</title></head><body><h1>Patients</h1><table><tbody id="rows">${rows.join('')}</tbody></table></body></html>`;
}

interface PageRow {
  page: string;
  floorMs: Record<Size, number>;
  scanMs: Record<Size, number>;
  maxSliceMs: Record<Size, number>;
}

async function main(): Promise<void> {
  if (!args['skip-build']) build();
  const contentBytes = Object.fromEntries(SIZES.map((size) => [size, statSync(join(release(size), 'content-scripts', 'content.js')).size])) as Record<Size, number>;
  const glossaryCounts = Object.fromEntries(
    SIZES.map((size) => {
      const g = JSON.parse(readFileSync(join(GLOSSARIES, `${size}.json`), 'utf8')) as { entries: object; aliases: unknown[] };
      return [size, { entries: Object.keys(g.entries).length, aliases: g.aliases.length }];
    }),
  ) as Record<Size, { entries: number; aliases: number }>;

  const scratch = mkdtempSync(join(tmpdir(), 'hg-scale-pages-'));
  const files = new Map<string, string>();
  const wanted = args.pages ? args.pages.split(',') : DEFAULT_PAGES;
  const names: string[] = [];
  for (const p of wanted) {
    const file = join(CORPUS, `${p}.html`);
    if (existsSync(file)) {
      files.set(`/corpus/${p}.html`, file);
      names.push(`/corpus/${p}.html`);
    }
  }
  writeFileSync(join(scratch, 'stress.html'), stressPage());
  files.set('/stress/5mb.html', join(scratch, 'stress.html'));
  writeFileSync(join(scratch, 'table.html'), tablePage());
  files.set('/table.html', join(scratch, 'table.html'));
  writeFileSync(join(scratch, 'empty.html'), '<!doctype html><html><head><title>empty</title></head><body></body></html>');
  files.set('/demo.html', join(ROOT, 'tests', 'fixtures', 'pages', 'demo-article.html'));

  let startupResults: Record<string, Record<Size, StartupSummary>> | undefined;
  if (!args['skip-startup']) {
    startupResults = { article: {} as Record<Size, StartupSummary>, emptyPage: {} as Record<Size, StartupSummary> };
    for (const size of SIZES) {
      startupResults.article![size] = startup(size, undefined);
      startupResults.emptyPage![size] = startup(size, join(scratch, 'empty.html'));
      process.stdout.write(`start-up ${size} `);
    }
    process.stdout.write('\n');
  }

  // Firefox first, before the Chromium browsers start: its first scans, from the probe's counters.
  type FirefoxRows = { page: string; scanMs: number[]; maxSliceMs: number[]; error?: string }[];
  let firefox: Record<Size, FirefoxRows> | undefined;
  if (!args['skip-firefox']) {
    const measured: Partial<Record<Size, FirefoxRows>> = {};
    for (const size of SIZES) {
      const out = join(tmpdir(), `hg-scale-firefox-${size}.json`);
      execFileSync('npx', ['tsx', join(ROOT, 'bench', 'firefox-scan.ts'), '--extension', join(BUILDS, size, 'firefox-mv2-bench'), '--pages', args['firefox-pages']!, '--loads', String(LOADS), '--out', out], { cwd: ROOT, stdio: 'ignore' });
      measured[size] = JSON.parse(readFileSync(out, 'utf8')) as FirefoxRows;
      process.stdout.write(`firefox ${size} `);
    }
    firefox = measured as Record<Size, FirefoxRows>;
    process.stdout.write('\n');
  }

  const server = await serve(files);
  const browsers = Object.fromEntries(await Promise.all(SIZES.map(async (size) => [size, await launch(benchBuild(size))] as const))) as Record<Size, { context: BrowserContext; dir: string }>;
  const plain = await launch(null);
  const tabs = Object.fromEntries(await Promise.all(SIZES.map(async (size) => [size, await browsers[size].context.newPage()] as const))) as Record<Size, Page>;
  const plainTab = await plain.context.newPage();
  const rows: PageRow[] = [];
  const memory: { page: string; extensionMb: Record<Size, number> }[] = [];
  const hover: Record<Size, { warmMs: number[]; afterWorkerStoppedMs: (number | null)[]; workerStopped: boolean[] }> = {} as never;
  const table: Record<Size, { at2sMs: number | null; at5sMs: number | null; scannedMs: number | null }> = {} as never;
  console.log(`Chromium ${browsers.today.context.browser()?.version() ?? ''}; ${cpus().length} CPUs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  try {
    for (const name of [...names, '/stress/5mb.html']) {
      const row: PageRow = { page: name.replace(/^\/(corpus|stress)\//, ''), floorMs: {} as never, scanMs: {} as never, maxSliceMs: {} as never };
      const floors: Record<Size, number[]> = { today: [], grown: [], generated: [] };
      const scans: Record<Size, number[]> = { today: [], grown: [], generated: [] };
      const slices: Record<Size, number[]> = { today: [], grown: [], generated: [] };
      for (let load = 0; load < LOADS; load++) {
        for (const size of SIZES) {
          const page = tabs[size];
          await page.goto(`${server.origin}${name}${FLOOR_PASS_QUERY}`, { waitUntil: 'load', timeout: 120_000 });
          floors[size].push((await markDetail<{ ms: number }>(page, FLOOR_PASS_MARK)).ms);
          await page.goto(server.origin + name, { waitUntil: 'load', timeout: 120_000 });
          const scan = await waitForFirstScan(page, 120_000);
          scans[size].push(scan.busyMs);
          slices[size].push(scan.maxSliceMs);
        }
      }
      for (const size of SIZES) {
        row.floorMs[size] = round(median(floors[size]), 2);
        row.scanMs[size] = round(median(scans[size]), 2);
        row.maxSliceMs[size] = round(Math.max(...slices[size]), 2);
      }
      rows.push(row);
      process.stdout.write(`${row.page} `);
    }
    process.stdout.write('\n');

    for (const name of ['/corpus/yahoo-2.html', '/stress/5mb.html'].filter((n) => files.has(n))) {
      await plainTab.goto(server.origin + name, { waitUntil: 'load', timeout: 120_000 });
      const withoutMb = await heapMb(plainTab);
      const extensionMb = {} as Record<Size, number>;
      for (const size of SIZES) {
        await tabs[size].goto(server.origin + name, { waitUntil: 'load', timeout: 120_000 });
        await waitForFirstScan(tabs[size], 120_000);
        extensionMb[size] = round((await heapMb(tabs[size])) - withoutMb, 2);
      }
      memory.push({ page: name.replace(/^\/(corpus|stress)\//, ''), extensionMb });
    }

    for (const size of SIZES) {
      const page = tabs[size];
      await page.goto(`${server.origin}/demo.html`, { waitUntil: 'load' });
      await waitForFirstScan(page);
      const warmMs: number[] = [];
      const afterWorkerStoppedMs: (number | null)[] = [];
      const workerStopped: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        const ms = await hoverToCard(page, '#intro em');
        warmMs.push(ms === null ? NaN : round(ms - HOVER_DELAY_MS, 2));
      }
      for (let i = 0; i < 3; i++) {
        // A fresh load, so the card's entry is not in the page's cache yet.
        await page.goto(`${server.origin}/demo.html?${i}`, { waitUntil: 'load' });
        await waitForFirstScan(page);
        workerStopped.push(await stopServiceWorkers(browsers[size].context, page));
        const ms = await hoverToCard(page, '#intro em');
        afterWorkerStoppedMs.push(ms === null ? null : round(ms - HOVER_DELAY_MS, 2));
      }
      hover[size] = { warmMs, afterWorkerStoppedMs, workerStopped };

      const cell = '#rows tr:nth-child(8) td:nth-child(3)';
      const at = async (ms: number): Promise<number | null> => {
        await page.goto(`${server.origin}/table.html?${ms}`, { waitUntil: 'load', timeout: 120_000 });
        await page.waitForTimeout(ms);
        const card = await hoverToCard(page, cell, 20_000);
        return card === null ? null : round(card - HOVER_DELAY_MS, 1);
      };
      const at2sMs = await at(2000);
      const at5sMs = await at(5000);
      // The same hover once the first scan has read the whole table: what "as quick as on a
      // scanned page" compares with.
      await page.goto(`${server.origin}/table.html?scanned`, { waitUntil: 'load', timeout: 120_000 });
      await waitForFirstScan(page, 120_000);
      const scanned = await hoverToCard(page, cell, 20_000);
      table[size] = { at2sMs, at5sMs, scannedMs: scanned === null ? null : round(scanned - HOVER_DELAY_MS, 1) };
    }
  } finally {
    for (const size of SIZES) {
      await browsers[size].context.close().catch(() => {});
      rmSync(browsers[size].dir, { recursive: true, force: true });
    }
    await plain.context.close().catch(() => {});
    rmSync(plain.dir, { recursive: true, force: true });
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }

  // ---- the targets beside the measurements
  const corpus = rows.filter((r) => r.page !== '5mb.html');
  const stress = rows.find((r) => r.page === '5mb.html');
  const ratioToToday = (size: Size) => corpus.map((r) => r.scanMs[size] / Math.max(r.scanMs.today, 0.01));
  const floorRatios = (size: Size) => corpus.map((r) => r.scanMs[size] / Math.max(r.floorMs[size], 0.01));
  const at = (f: (size: Size) => string) => SIZES.map(f).join(' | ');
  const lines: [string, string, string][] = [
    ['content.js (kB)', 'grown ≤ 573; 10,000 ≤ 1,500', at((s) => `${round(contentBytes[s] / 1024)}`)],
    ...(startupResults
      ? ([
          ['start-up, first page of a new site, median (p90) ms', '10,000 ≤ 1.2× today', at((s) => `${startupResults!.article![s].median} (${startupResults!.article![s].p90})`)],
          ['start-up, page without text (an empty frame), median ms', 'unchanged', at((s) => `${startupResults!.emptyPage![s].median}`)],
        ] as [string, string, string][])
      : []),
    ['first scan over today\'s, worst page', 'grown ≤ 1.2×; 10,000 ≤ 1.5×', at((s) => `${round(Math.max(...ratioToToday(s)), 2)}×`)],
    ['first scan over today\'s, median page', '', at((s) => `${round(median(ratioToToday(s)), 2)}×`)],
    ['first scan over the floor pass, median / p90', '≤ 1.5× / ≤ 2×', at((s) => `${round(median(floorRatios(s)), 2)}× / ${round(percentile(floorRatios(s), 90), 2)}×`)],
    ...(firefox
      ? ([
          ['Firefox: first scan over today\'s, worst / median page', 'grown ≤ 1.2×; 10,000 ≤ 1.5×', at((s) => {
            const ratios = firefox![s].flatMap((row, i) => (row.scanMs.length > 0 && firefox!.today[i]!.scanMs.length > 0 ? [median(row.scanMs) / Math.max(median(firefox!.today[i]!.scanMs), 0.01)] : []));
            return `${round(Math.max(...ratios), 2)}× / ${round(median(ratios), 2)}×`;
          })],
          ['Firefox: first scan, median page (ms)', '', at((s) => `${round(median(firefox![s].filter((row) => row.scanMs.length > 0).map((row) => median(row.scanMs))), 1)}`)],
          ['Firefox: longest slice (ms)', '≤ 30', at((s) => `${round(Math.max(...firefox![s].flatMap((row) => row.maxSliceMs)))}`)],
        ] as [string, string, string][])
      : []),
    ['longest slice, corpus pages (ms)', '≤ 30', at((s) => `${round(Math.max(...corpus.map((r) => r.maxSliceMs[s])))}`)],
    ['longest slice, 5 MB page (ms)', '≤ 100', at((s) => `${stress ? round(stress.maxSliceMs[s]) : '–'}`)],
    ['hover to card after the delay, median (max) ms', '≤ 16', at((s) => `${round(median(hover[s].warmMs))} (${round(Math.max(...hover[s].warmMs))})`)],
    ['first card after the service worker was stopped, ms', '≤ 16', at((s) => `${hover[s].afterWorkerStoppedMs.map((x) => (x === null ? 'none' : round(x))).join(', ')} (stopped: ${hover[s].workerStopped.filter(Boolean).length} of ${hover[s].workerStopped.length})`)],
    ...memory.map((m): [string, string, string] => [`extension heap on ${m.page} (MB)`, '10,000 ≤ 1.5× today', at((s) => `${m.extensionMb[s]}`)]),
    ['300,000-node table: hovered at 2 s / 5 s / once scanned, card after the delay (ms)', 'as on a scanned page', at((s) => `${table[s].at2sMs ?? 'none'} / ${table[s].at5sMs ?? 'none'} / ${table[s].scannedMs ?? 'none'}`)],
  ];
  console.log(`\n| target | goal | today (${glossaryCounts.today.entries} entries, ${glossaryCounts.today.aliases} aliases) | grown (${glossaryCounts.grown.entries}, ${glossaryCounts.grown.aliases}) | generated (${glossaryCounts.generated.entries}, ${glossaryCounts.generated.aliases}) |`);
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [what, goal, values] of lines) console.log(`| ${what} | ${goal} | ${values} |`);
  console.log('\n| page | floor ms (today, grown, 10,000) | first scan ms | longest slice ms |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.page} | ${at((s) => `${r.floorMs[s]}`).replaceAll(' | ', ', ')} | ${at((s) => `${r.scanMs[s]}`).replaceAll(' | ', ', ')} | ${at((s) => `${r.maxSliceMs[s]}`).replaceAll(' | ', ', ')} |`);

  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage: loadavg(), glossaries: glossaryCounts, contentBytes, startup: startupResults ?? null, firefox: firefox ?? null, pages: rows, memory, hover, table, targets: lines.map(([what, goal, values]) => ({ what, goal, today: values.split(' | ')[0], grown: values.split(' | ')[1], generated: values.split(' | ')[2] })) }, null, 2)}\n`,
  );
  console.log(`Wrote ${RESULTS}`);
}

await main();
