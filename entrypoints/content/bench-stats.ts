/**
 * Benchmark build only: answers a `health-glossary:bench` event from the page with a performance
 * mark carrying the scanner's counters, so `npm run bench` can read them from the page's main
 * world. Never part of a release build (see the MODE check at the call site).
 */
import type { ScanStats } from '../../lib/scanner/page-scanner';

export const BENCH_REQUEST_EVENT = 'health-glossary:bench';
export const BENCH_STATS_MARK = 'health-glossary:stats';

export function exposeStatsForBenchmark(read: () => ScanStats | undefined): void {
  document.addEventListener(BENCH_REQUEST_EVENT, () => {
    performance.mark(BENCH_STATS_MARK, { detail: JSON.stringify(read() ?? null) });
  });
}
