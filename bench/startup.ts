/**
 * Start-up benchmark: how long the content script holds a page's main thread when it is loaded,
 * in Chromium with the production build.
 *
 *   npm run bench:startup        (builds; writes bench/results/startup.json)
 *   npx tsx bench/startup.ts --extension DIR   (another build, e.g. an older commit's; writes too)
 *
 * The script is loaded into every page as one task (the browser's EvaluateScript): compiling
 * the bundle and running its top level (what its main() leaves to promises runs after the task).
 * In a renderer process that has run it before, the compiled code is cached and the task takes a
 * few ms; in a new process, which is what a page on a site not open in another tab gets, it is
 * compiled from source. The page benchmark loads every page from one site, so it never sees that
 * task; this one loads a page from a new site (127.0.0.2, 127.0.0.3, ...: each loopback address
 * is a site of its own) in a new tab each time, and once more in a browser just started, and
 * reads the task from a Chrome trace. Numbers, not assertions: the slices of the scan that follow
 * are the page benchmark's.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { launch, serve, traceWhile } from './browser';
import { summarize } from './summary';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(import.meta.dirname, 'results', 'startup.json');
/** A mid-size article with no glossary term in view, so the scan starts right after the script. */
const PAGE = resolve(ROOT, '..', 'shared', 'corpus', 'mercurial.html');
const FALLBACK_PAGE = join(ROOT, 'tests', 'fixtures', 'pages', 'settings-article.html');
/** The main thread's limit for any one task of the extension (issue 5). */
const LONG_TASK_MS = 50;

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '15' },
    browsers: { type: 'string', default: '5' },
    extension: { type: 'string', default: join(ROOT, '.output', 'chrome-mv3') },
    // Another page (bench/scale.ts: one without text, as an empty frame gets), another results file.
    page: { type: 'string' },
    out: { type: 'string', default: RESULTS },
  },
});
const EXTENSION = resolve(args.extension);

interface Evaluation {
  /** The whole task, and of it: compiling the script (parse and eager compile), and running its top level. */
  ms: number;
  compileMs: number;
  runMs: number;
  gcMs: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** One page load in a new tab, traced: the content script's evaluation task in the page's frame. */
async function evaluationOnLoad(context: BrowserContext, url: string): Promise<Evaluation> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = await traceWhile(cdp, 'toplevel,v8,v8.gc,devtools.timeline', async () => {
    await page.goto(url, { waitUntil: 'load' });
    // The script runs at document_idle, after the load event at the latest; give it time to.
    await page.waitForTimeout(1000);
  });
  await page.close();
  const task = events.find((e) => e.name === 'EvaluateScript' && e.ph === 'X' && (e.args?.data?.url ?? '').startsWith('chrome-extension://') && e.args!.data!.url!.includes('/content-scripts/'));
  if (!task?.dur) throw new Error(`no evaluation of the content script in the trace of ${url}`);
  const inside = (name: RegExp) =>
    events.filter((e) => name.test(e.name) && e.ph === 'X' && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur!).reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  return { ms: round(task.dur / 1000), compileMs: round(inside(/^v8\.compile$/)), runMs: round(inside(/^v8\.run$/)), gcMs: round(inside(/^(MinorGC|MajorGC)$/)) };
}

const sites = Array.from({ length: Number(args.sites) }, (_, i) => `127.0.0.${i + 2}`);
let page = args.page ? resolve(args.page) : PAGE;
if (!existsSync(page)) {
  console.log(`(${PAGE} is missing: using the fixture article instead)`);
  page = FALLBACK_PAGE;
}
const [home, ...newSites] = await Promise.all(['127.0.0.1', ...sites].map((host) => serve(new Map([['/', page]]), host)));
const freshBrowser: Evaluation[] = [];
const newSite: Evaluation[] = [];
try {
  for (let b = 0; b < Number(args.browsers); b++) {
    const { context, dir } = await launch(EXTENSION);
    try {
      freshBrowser.push(await evaluationOnLoad(context, `${home!.origin}/`));
      // Sites are spread over the browsers so each address is new to the browser that loads it.
      for (let s = b; s < newSites.length; s += Number(args.browsers)) newSite.push(await evaluationOnLoad(context, `${newSites[s]!.origin}/`));
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await Promise.all([home!, ...newSites].map((server) => server.close()));
}

const describe = (name: string, runs: Evaluation[]) => {
  const total = summarize(runs.map((r) => r.ms));
  const compile = summarize(runs.map((r) => r.compileMs));
  const run = summarize(runs.map((r) => r.runMs));
  const over = runs.filter((r) => r.ms > LONG_TASK_MS).length;
  console.log(
    `${name.padEnd(38)} median ${total.median}, p90 ${total.p90}, max ${total.max} ms; compile median ${compile.median}, ` +
      `top level median ${run.median} ms; over ${LONG_TASK_MS} ms: ${over} of ${runs.length}`,
  );
  return { total, compile, run, over50Ms: over, runs };
};
const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8')) as { version: string };
console.log(`content script evaluation task (production build ${manifest.version}; ${cpus().length} CPUs; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const results = {
  date: new Date().toISOString(),
  loadAverage: loadavg(),
  contentScriptBytes: readFileSync(join(EXTENSION, 'content-scripts', 'content.js')).length,
  firstPageInAFreshBrowser: describe('first page in a browser just started', freshBrowser),
  firstPageOfANewSite: describe('first page of a new site (new process)', newSite),
};
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written to ${args.out}`);
