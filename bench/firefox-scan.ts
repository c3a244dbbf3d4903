/**
 * First scans in Firefox ESR with a benchmark build (`wxt build -b firefox --mode bench`): the
 * scanner's busy time and longest slice, from the probe's counters, on a few corpus pages, through
 * the e2e suite's Firefox session (puppeteer over WebDriver BiDi). Firefox offers this bench no
 * trace of the script's evaluation, so start-up is measured in Chromium only.
 *
 *   npx tsx bench/firefox-scan.ts --extension DIR/firefox-mv2 --pages a,b --out FILE
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../tests/fixtures/server';
import { BENCH_REQUEST_EVENT, BENCH_STATS_MARK, type ProbeStats } from './probe';

const { values: args } = parseArgs({ options: { extension: { type: 'string' }, pages: { type: 'string', default: '001,webmd-1,yahoo-2' }, loads: { type: 'string', default: '3' }, out: { type: 'string' } } });
if (!args.extension || !args.out) throw new Error('--extension DIR and --out FILE are needed');
// The e2e session loads `firefox-mv2` from E2E_OUTPUT_DIR.
const output = mkdtempSync(join(tmpdir(), 'hg-ff-'));
symlinkSync(resolve(args.extension), join(output, 'firefox-mv2'));
process.env.E2E_OUTPUT_DIR = output;
const { FirefoxSession } = await import('../tests/e2e/drivers/firefox');

const server = await startFixtureServer();
const session = await FirefoxSession.launch(server);
const results: { page: string; scanMs: number[]; maxSliceMs: number[]; error?: string }[] = [];
try {
  const page = await session.browser.newPage();
  for (const name of args.pages!.split(',')) {
    const row: (typeof results)[number] = { page: name, scanMs: [], maxSliceMs: [] };
    // A page that Firefox will not load here (it navigates away to the blocked web) is recorded
    // with its error and left out of the ratios.
    try {
    for (let load = 0; load < Number(args.loads); load++) {
      await page.goto(server.url(`/corpus/${name}.html`), { waitUntil: 'load', timeout: 120_000 });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const stats = await page.evaluate(
          (event, mark) => {
            document.dispatchEvent(new CustomEvent(event));
            const marks = performance.getEntriesByName(mark);
            const last = marks[marks.length - 1] as PerformanceMark | undefined;
            performance.clearMarks(mark);
            return last ? (last.detail as string) : null;
          },
          BENCH_REQUEST_EVENT,
          BENCH_STATS_MARK,
        );
        const parsed = stats ? (JSON.parse(stats) as ProbeStats | null) : null;
        if (parsed?.firstScan) {
          row.scanMs.push(Math.round(parsed.firstScan.busyMs * 100) / 100);
          row.maxSliceMs.push(Math.round(parsed.firstScan.maxSliceMs * 100) / 100);
          break;
        }
        if (Date.now() > deadline) throw new Error(`no first scan in Firefox on ${name}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    } catch (error) {
      row.error = String((error as Error).message ?? error).split('\n')[0]!.slice(0, 160);
    }
    results.push(row);
  }
} finally {
  await session.close();
  await server.close();
  rmSync(output, { recursive: true, force: true });
}
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
