/**
 * What a first scan meets when it starts as soon as the page is ready, against one that waits for
 * the page to settle (lib/scanner/page-settled.ts): loads each page in one tab of headless
 * Chromium with the benchmark build, the two ways alternating (the build starts at once when the
 * URL asks it to), records a Chrome trace of each load, and reports for each way
 * - the first scan's busy time (median over the loads),
 * - inside the scan's window (from its start to its end, means over the loads): the time the
 *   renderer's other threads spent on tasks, of it on compiling JavaScript (V8's Maglev and
 *   Turbofan jobs), and the time its main thread spent in garbage collection.
 *
 *   npx wxt build --mode bench && npx tsx bench/contention.ts [--loads 4] [page.html ...]
 *
 * A diagnosis, not a benchmark: tracing adds some time of its own, the same both ways.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FIRST_SCAN_END_MARK, FIRST_SCAN_START_MARK, START_AT_ONCE_QUERY } from './probe';
import { launch, serve, traceWhile, type TraceEvent } from './browser';
import { waitForFirstScan } from './first-scan';
import { summarize } from './summary';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const EXTENSION = join(ROOT, '.output', 'chrome-mv3-bench');
const DEFAULT_PAGES = ['videos-1.html', 'quanta-1.html', 'engadget.html'];
const CATEGORIES = 'toplevel,v8,v8.execute,disabled-by-default-v8.gc,disabled-by-default-v8.compile,blink.user_timing,devtools.timeline';
const COMPILE_JOB = /^V8\.(MaglevTask|TurbofanTask)$/;
const MAIN_THREAD_GC = /^(MinorGC|MajorGC)$/;

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { loads: { type: 'string', default: '4' } } });
if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no benchmark build at ${EXTENSION}: run \`npx wxt build --mode bench\``);
const pages = positionals.length > 0 ? positionals : DEFAULT_PAGES;
for (const name of pages) if (!existsSync(join(CORPUS, name))) throw new Error(`no page ${name} in ${CORPUS} (the corpus sits beside the checkout, in ../shared/corpus)`);

type Way = 'at once' | 'settled';
interface Load {
  busyMs: number;
  windowMs: number;
  otherThreadsMs: number;
  compileMs: number;
  mainThreadGcMs: number;
}

/** Sums the parts of `events` (complete events of the marks' process) inside the first scan's window. */
function measure(events: TraceEvent[], busyMs: number): Load {
  const start = events.find((e) => e.name === FIRST_SCAN_START_MARK);
  const end = events.find((e) => e.name === FIRST_SCAN_END_MARK);
  if (!start || !end) throw new Error('no first-scan marks in the trace (is this a benchmark build of this version?)');
  const overlap = (e: TraceEvent) => Math.max(0, Math.min(e.ts + e.dur!, end.ts) - Math.max(e.ts, start.ts)) / 1000;
  const load: Load = { busyMs, windowMs: (end.ts - start.ts) / 1000, otherThreadsMs: 0, compileMs: 0, mainThreadGcMs: 0 };
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || e.pid !== start.pid) continue;
    if (e.tid === start.tid) {
      if (MAIN_THREAD_GC.test(e.name)) load.mainThreadGcMs += overlap(e);
    } else if (e.name === 'ThreadPool_RunTask') load.otherThreadsMs += overlap(e);
    else if (COMPILE_JOB.test(e.name)) load.compileMs += overlap(e);
  }
  return load;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const round = (ms: number) => ms.toFixed(1).padStart(6);

/** One way's line: its busy time (the median of a page's loads, or the mean over all pages) and the means of the rest. */
function row(way: Way, loads: Load[], busy: 'median' | 'mean'): string {
  const busyMs = busy === 'median' ? summarize(loads.map((x) => x.busyMs)).median : mean(loads.map((x) => x.busyMs));
  const of = (field: keyof Load) => round(mean(loads.map((x) => x[field])));
  const busyNote = busy === 'median' ? ' (median)' : '';
  const meansNote = busy === 'median' ? '(means)' : `(means over ${loads.length} loads)`;
  return `  ${way.padEnd(8)} busy ${round(busyMs)} ms${busyNote}  window ${of('windowMs')}  other threads ${of('otherThreadsMs')}, compiling ${of('compileMs')}  main-thread GC ${of('mainThreadGcMs')} ms ${meansNote}`;
}

const server = await serve(new Map(pages.map((name) => [`/${name}`, join(CORPUS, name)])));
const { context } = await launch(EXTENSION);
try {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // The first load in a fresh browser also starts its processes: not part of either way's cost.
  await page.goto(server.origin + '/' + pages[0], { waitUntil: 'load' });
  await waitForFirstScan(page);
  const all: Record<Way, Load[]> = { 'at once': [], settled: [] };
  for (const name of pages) {
    const loads: Record<Way, Load[]> = { 'at once': [], settled: [] };
    for (let i = 0; i < Number(args.loads); i++) {
      for (const way of (i % 2 === 0 ? ['at once', 'settled'] : ['settled', 'at once']) as Way[]) {
        let busyMs = 0;
        const events = await traceWhile(cdp, CATEGORIES, async () => {
          await page.goto(`${server.origin}/${name}${way === 'at once' ? START_AT_ONCE_QUERY : ''}`, { waitUntil: 'load', timeout: 120_000 });
          busyMs = (await waitForFirstScan(page)).busyMs;
        });
        loads[way].push(measure(events, busyMs));
      }
    }
    console.log(name);
    for (const way of ['at once', 'settled'] as Way[]) {
      all[way].push(...loads[way]);
      console.log(row(way, loads[way], 'median'));
    }
  }
  console.log('all pages');
  for (const way of ['at once', 'settled'] as Way[]) console.log(row(way, all[way], 'mean'));
} finally {
  await context.close().catch(() => {});
  await server.close();
}
