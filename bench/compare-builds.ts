/**
 * A/B of two benchmark builds on the same corpus pages, in one run:
 *
 *   npx tsx bench/compare-builds.ts --old DIR --new DIR [--loads 5] page.html ...
 *
 * DIR is a `wxt build --mode bench` output (e.g. a worktree's .output/chrome-mv3-bench). Each
 * build gets its own headless Chromium; every page is loaded in both, alternating which goes
 * first, `loads` times, and the medians of the first scan's busy time (and of the matcher's set-up)
 * are compared. On this 2-core machine whole `npm run bench` runs differ by up to ±40 % in sum;
 * interleaving the two builds is what makes a 15 % change visible.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_EXECUTABLE, extensionArgs, OFFLINE_CHROMIUM_ARGS } from '../tests/e2e/drivers/chromium';
import { waitForFirstScan, type FirstScan } from './first-scan';

const CORPUS = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');

const { values: args, positionals: pages } = parseArgs({
  allowPositionals: true,
  options: { old: { type: 'string' }, new: { type: 'string' }, loads: { type: 'string', default: '5' } },
});
if (!args.old || !args.new || pages.length === 0) throw new Error('usage: compare-builds.ts --old DIR --new DIR [--loads N] page.html ...');
const loads = Number(args.loads);

const server = createServer((request, response) => {
  const file = join(CORPUS, decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
  if (!file.startsWith(CORPUS) || !existsSync(file)) {
    response.statusCode = 404;
    response.end();
    return;
  }
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(readFileSync(file));
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const builds = { old: resolve(args.old), new: resolve(args.new) } as const;
type Build = keyof typeof builds;

const contexts: BrowserContext[] = [];
const profiles: string[] = [];
const tabs = {} as Record<Build, Page>;
for (const build of Object.keys(builds) as Build[]) {
  const profile = mkdtempSync(join(tmpdir(), 'hg-compare-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    args: [...extensionArgs(builds[build]), ...OFFLINE_CHROMIUM_ARGS, '--disable-gpu'],
  });
  // Corpus pages point at the live web: nothing leaves the machine.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  contexts.push(context);
  tabs[build] = await context.newPage();
}

async function firstScan(page: Page, url: string): Promise<FirstScan> {
  await page.goto(url, { waitUntil: 'load' });
  return waitForFirstScan(page);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const totals = { old: { busy: 0, setup: 0 }, new: { busy: 0, setup: 0 } };
try {
  // The first load in a fresh browser also starts its processes: not part of either build's cost.
  for (const build of Object.keys(builds) as Build[]) await firstScan(tabs[build], origin + pages[0]);
  for (const name of pages) {
    const scans: Record<Build, FirstScan[]> = { old: [], new: [] };
    for (let i = 0; i < loads; i++) {
      for (const build of (i % 2 === 0 ? ['old', 'new'] : ['new', 'old']) as Build[]) scans[build].push(await firstScan(tabs[build], origin + name));
    }
    const row = (build: Build) => {
      const busy = median(scans[build].map((scan) => scan.busyMs));
      const setup = median(scans[build].map((scan) => scan.matcherSetupMs));
      totals[build].busy += busy;
      totals[build].setup += setup;
      return `${busy.toFixed(1)} (${scans[build][0]!.blocks} blocks; matcher set-up ${setup.toFixed(1)})`;
    };
    console.log(`${name.padEnd(28)} old ${row('old')}  new ${row('new')}`);
  }
  const change = ((totals.new.busy / totals.old.busy - 1) * 100).toFixed(1);
  console.log(`sum of medians: old ${totals.old.busy.toFixed(1)} ms, new ${totals.new.busy.toFixed(1)} ms (${change} %); matcher set-up: old ${totals.old.setup.toFixed(1)}, new ${totals.new.setup.toFixed(1)}`);
} finally {
  for (const context of contexts) await context.close();
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  server.close();
}
