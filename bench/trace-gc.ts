/**
 * Why a first scan's longest slice is sometimes long: loads a page several times in one tab of
 * headless Chromium with the benchmark build, records a Chrome trace of each load, and prints the
 * scan's longest slice beside the garbage-collection pauses of 20 ms or more on the page's main
 * thread, with what was running when each started.
 *
 *   npx wxt build --mode bench && npx tsx bench/trace-gc.ts [--loads 5] [--without-extension | --sliced-floor] [page.html ...]
 *
 * Without pages it loads the page benchmark's generated 5 MB page; pages are corpus file names.
 * With --without-extension the same loads run in a browser without the extension (each traced
 * until 3 s after its load event), to tell the page's own collections from those the scan brings.
 * With --sliced-floor the extension runs the floor pass in slices instead of scanning (see
 * runSlicedFloorPassForBenchmark): it reads every node as any reader must and does little else, to
 * tell the pauses that reading the page brings from those the scanner's own work brings.
 * A diagnosis, not a benchmark: tracing itself adds some time.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SLICED_FLOOR_MARK, SLICED_FLOOR_QUERY } from './probe';
import { launch, serve, traceWhile } from './browser';
import { markDetail, waitForFirstScan } from './first-scan';
import { stressPage } from './stress-page';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const EXTENSION = join(ROOT, '.output', 'chrome-mv3-bench');
const STRESS = '/stress/5mb.html';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    loads: { type: 'string', default: '5' },
    'without-extension': { type: 'boolean', default: false },
    'sliced-floor': { type: 'boolean', default: false },
  },
});
const slicedFloor = args['sliced-floor'];
if (slicedFloor && args['without-extension']) throw new Error('--sliced-floor runs in the extension: not with --without-extension');
const withExtension = !args['without-extension'];
if (withExtension && !existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`no benchmark build at ${EXTENSION}: run \`npx wxt build --mode bench\``);
const pages = positionals.length > 0 ? positionals.map((name) => `/${name}`) : [STRESS];
const scratch = mkdtempSync(join(tmpdir(), 'hg-trace-gc-pages-'));
const files = new Map(pages.map((path) => [path, join(CORPUS, path)]));
for (const [path, file] of files) if (path !== STRESS && !existsSync(file)) throw new Error(`no page ${path.slice(1)} in ${CORPUS}`);
if (files.has(STRESS)) {
  files.set(STRESS, join(scratch, 'stress-5mb.html'));
  writeFileSync(files.get(STRESS)!, stressPage());
}
const server = await serve(files);

const GC_PAUSE = /^(MajorGC|MinorGC)$/;

interface SlicedFloorPass {
  ms: number;
  slices: number;
  longestSliceMs: number;
}
const { context, dir } = await launch(withExtension ? EXTENSION : null);
try {
  // One tab for every load, as in the page benchmark: each load's collector also meets the garbage
  // of the load before.
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  for (const name of pages) {
    for (let load = 0; load < Number(args.loads); load++) {
      let first: Awaited<ReturnType<typeof waitForFirstScan>> | undefined;
      let floor: SlicedFloorPass | undefined;
      const events = await traceWhile(cdp, 'toplevel,v8,v8.gc,devtools.timeline', async () => {
        await page.goto(server.origin + name + (slicedFloor ? SLICED_FLOOR_QUERY : ''), { waitUntil: 'load', timeout: 120_000 });
        if (slicedFloor) floor = await markDetail<SlicedFloorPass>(page, SLICED_FLOOR_MARK, 120_000);
        else if (withExtension) first = await waitForFirstScan(page, 120_000);
        else await page.waitForTimeout(3000);
      });
      const mainThread = events.find((e) => e.name === 'ParseHTML')?.tid;
      const spans = events.filter((e) => e.ph === 'X' && e.tid === mainThread && e.dur !== undefined);
      const pauses = spans.filter((e) => GC_PAUSE.test(e.name) && e.dur! >= 20_000);
      const scan = first
        ? `first scan ${first.busyMs.toFixed(0)} ms busy in ${first.slices} slices, longest slice ${first.maxSliceMs.toFixed(1)} ms`
        : floor
          ? `sliced floor pass ${floor.ms.toFixed(0)} ms busy in ${floor.slices} slices, longest slice ${floor.longestSliceMs.toFixed(1)} ms`
          : 'without the extension';
      console.log(`${name.slice(1)} load ${load + 1}: ${scan}`);
      for (const pause of pauses) {
        const around = spans.filter((e) => e !== pause && e.ts <= pause.ts && e.ts + e.dur! >= pause.ts + pause.dur!).map((e) => e.name);
        console.log(`  ${pause.name} ${(pause.dur! / 1000).toFixed(1)} ms, inside: ${around.join(' > ') || '(top level)'}`);
      }
    }
  }
} finally {
  await context.close().catch(() => {});
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
