/**
 * What the extension costs a page over all of its frames. The content script runs in every frame,
 * about:blank and srcdoc ones included (terms in frames are part of issue 5), and pages full of
 * ads hold dozens of such frames, most of them empty. The page benchmark times the top frame's
 * scan only; this one sums everything:
 *
 *   npm run bench:frames         (production build; writes bench/results/frames.json)
 *   npx tsx bench/frames.ts --extension DIR [--loads 5] [page.html ...]   (another build; writes too)
 *
 * For each page, over `loads` loads in one tab:
 * - frames: how many frames the content script ran in (its isolated worlds, one per frame);
 * - CPU: the extension's main-thread time from navigation to 4 s after the load event (the first
 *   scan waits up to 2 s for the page to settle, see lib/scanner/page-settled.ts), as V8's
 *   sampling profiler sees it (samples every 100 µs with extension code anywhere on the stack;
 *   the profiler adds some time of its own, the same for any build);
 * - memory, after the last load and a full collection: the renderer's heap with the extension
 *   minus the same page's heap in a browser without it, as a heap snapshot counts it (JS objects
 *   and the array buffers behind typed arrays, which the JS heap size leaves out).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from '@playwright/test';
import { launch, serve } from './browser';
import { summarize } from './summary';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const RESULTS = join(import.meta.dirname, 'results', 'frames.json');
/** Pages with many empty ad frames (15–19 each), the largest corpus page, and a page of one frame. */
const DEFAULT_PAGES = ['breitbart.html', 'cnet.html', 'bug-1255978.html', 'yahoo-2.html', 'mercurial.html'];
const SETTLE_MS = 4000;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { loads: { type: 'string', default: '5' }, extension: { type: 'string', default: join(ROOT, '.output', 'chrome-mv3') } },
});
const EXTENSION = resolve(args.extension);
const loads = Number(args.loads);
const pages = positionals.length > 0 ? positionals : DEFAULT_PAGES;

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}

/** Milliseconds of samples in `profile` with extension code anywhere on their stack. */
function extensionMs(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const involvesExtension = new Map<number, boolean>();
  const isExtension = (id: number): boolean => {
    let answer = involvesExtension.get(id);
    if (answer === undefined) {
      const up = parent.get(id);
      answer = byId.get(id)!.callFrame.url.startsWith('chrome-extension://') || (up !== undefined && isExtension(up));
      involvesExtension.set(id, answer);
    }
    return answer;
  };
  let us = 0;
  // timeDeltas[i] is the time before sample i; the time after it is the next delta.
  profile.samples.forEach((id, i) => {
    if (isExtension(id)) us += profile.timeDeltas[i + 1] ?? 0;
  });
  return us / 1000;
}

/** Bytes in a heap snapshot of the tab's renderer, and those in array buffers' backing stores. */
async function heapSnapshot(cdp: CDPSession): Promise<{ totalMb: number; arrayBuffersMb: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }): void => {
    chunks.push(event.chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  let total = 0;
  let arrayBuffers = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const size = snapshot.nodes[i + sizeAt]!;
    total += size;
    if (snapshot.strings[snapshot.nodes[i + nameAt]!] === 'system / JSArrayBufferData') arrayBuffers += size;
  }
  return { totalMb: total / 1e6, arrayBuffersMb: arrayBuffers / 1e6 };
}

async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForTimeout(SETTLE_MS);
}

const round = (value: number): number => Math.round(value * 10) / 10;

for (const name of pages) if (!existsSync(join(CORPUS, name))) throw new Error(`no page ${name} in ${CORPUS} (the corpus sits beside the checkout, in ../shared/corpus)`);
const server = await serve(new Map(pages.map((name) => [`/${name}`, join(CORPUS, name)])));
const withExtension = await launch(EXTENSION);
const without = await launch(null);
console.log(`extension ${EXTENSION}; ${cpus().length} CPUs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const results = [];
try {
  const page = await withExtension.context.newPage();
  const cdp = await withExtension.context.newCDPSession(page);
  const plain = await without.context.newPage();
  const plainCdp = await without.context.newCDPSession(plain);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  // Each frame the content script runs in gets an isolated world of the extension's origin.
  let extensionFrames = new Set<string>();
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const frameId = (context.auxData as { frameId?: string } | undefined)?.frameId;
    if (context.origin.startsWith('chrome-extension://') && frameId) extensionFrames.add(frameId);
  });
  await cdp.send('Runtime.enable');
  for (const name of pages) {
    const url = `${server.origin}/${name}`;
    const cpuMs: number[] = [];
    const frames: number[] = [];
    for (let i = 0; i < loads; i++) {
      extensionFrames = new Set();
      await cdp.send('Profiler.start');
      await load(page, url);
      const { profile } = await cdp.send('Profiler.stop');
      cpuMs.push(extensionMs(profile as unknown as Parameters<typeof extensionMs>[0]));
      frames.push(extensionFrames.size);
    }
    const withHeap = await heapSnapshot(cdp);
    await load(plain, url);
    const withoutHeap = await heapSnapshot(plainCdp);
    const result = {
      page: name,
      frames: summarize(frames).median,
      cpuMs: round(summarize(cpuMs).median),
      cpuSamplesMs: cpuMs.map(round),
      extensionMemoryMb: round(withHeap.totalMb - withoutHeap.totalMb),
      extensionArrayBuffersMb: round(withHeap.arrayBuffersMb - withoutHeap.arrayBuffersMb),
    };
    results.push(result);
    console.log(`${name.padEnd(22)} frames with the script ${String(result.frames).padStart(3)} | extension CPU median ${String(result.cpuMs).padStart(6)} ms (${result.cpuSamplesMs.join(', ')}) | memory ${result.extensionMemoryMb} MB, of which array buffers ${result.extensionArrayBuffersMb} MB`);
  }
} finally {
  await withExtension.context.close().catch(() => {});
  await without.context.close().catch(() => {});
  await server.close();
  rmSync(withExtension.dir, { recursive: true, force: true });
  rmSync(without.dir, { recursive: true, force: true });
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), extension: EXTENSION, loads, loadAverage: loadavg(), pages: results }, null, 2)}\n`);
console.log(`written to ${RESULTS}`);
