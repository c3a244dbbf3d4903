/**
 * Benchmark build only: answers a `health-glossary:bench` event from the page with a performance
 * mark carrying the scanner's counters, so `npm run bench` can read them from the page's main
 * world. Never part of a release build (see the MODE check at the call site).
 */
import type { ScanStats } from '../../lib/scanner/page-scanner';

export const BENCH_REQUEST_EVENT = 'health-glossary:bench';
export const BENCH_STATS_MARK = 'health-glossary:stats';

/** Asks for a fresh first scan of the page, to time it again with the code already warm. */
export const BENCH_RESCAN_EVENT = 'health-glossary:bench-rescan';

export function exposeStatsForBenchmark(read: () => ScanStats | undefined, rescan: () => void): void {
  document.addEventListener(BENCH_REQUEST_EVENT, () => {
    performance.mark(BENCH_STATS_MARK, { detail: JSON.stringify(read() ?? null) });
  });
  document.addEventListener(BENCH_RESCAN_EVENT, rescan);
}

/** A page loaded with this query gets the bare pass instead of a scan (benchmark build only). */
export const BARE_PASS_QUERY = '?health-glossary-bare-pass';
export const BARE_PASS_MARK = 'health-glossary:bare-pass';

/**
 * The floor for any extension: a TreeWalker over every text node reading its text, from the
 * content script's own (isolated) world on a page it has not touched yet. Reading nodes from an
 * isolated world costs more than from the page's world, because each node needs a wrapper object
 * of this world the first time it is seen; the scanner pays that too.
 */
export function runBarePassForBenchmark(): void {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += (node as Text).data.length;
  performance.mark(BARE_PASS_MARK, { detail: JSON.stringify({ ms: performance.now() - start, chars }) });
}
