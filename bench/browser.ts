/**
 * What the page benchmark and the GC trace share: a local server for the pages, and headless
 * Chromium (Debian's) that cannot reach anything but that server and the extension.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_EXECUTABLE, extensionArgs, OFFLINE_CHROMIUM_ARGS } from '../tests/e2e/drivers/chromium';

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves each URL path of `files` (path → file on disk) as HTML, from 127.0.0.1 or another
 * loopback address (`host`; each is a site of its own).
 */
export async function serve(files: ReadonlyMap<string, string>, host = '127.0.0.1'): Promise<Served> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

/**
 * Headless Chromium with its own profile (in `dir`, for the caller to remove), with the unpacked
 * extension at `extension`, or with extensions off when it is null.
 */
export async function launch(extension: string | null): Promise<{ context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(extension ? extensionArgs(extension) : ['--disable-extensions']),
      ...OFFLINE_CHROMIUM_ARGS,
      '--disable-gpu',
      '--js-flags=--expose-gc',
    ],
  });
  // tsx compiles this file keeping function names through an `__name` helper, which functions
  // shipped to the page by evaluate() then call: give the page a no-op one.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  // Corpus pages point at the live web for images, styles and scripts: nothing leaves the machine.
  // (Any loopback address may serve: each is a site of its own, see startup.ts.)
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return LOOPBACK.test(url.hostname) || url.protocol === 'chrome-extension:' ? route.continue() : route.abort();
  });
  return { context, dir };
}

/** A Chrome trace event (only the fields the benchmarks read). */
/** A page's JavaScript heap in MB after a full collection (CDP), as the benchmarks report memory. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1e6;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string } };
}

/** The trace events of `categories` recorded over a tab's DevTools session while `during` runs. */
export async function traceWhile(cdp: CDPSession, categories: string, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // The protocol types these loosely (string values); the fields read here are numbers.
  const onData = (data: { value: object[] }): void => {
    events.push(...(data.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  try {
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    await during();
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}
