/**
 * Reading the content script's scan counters from a page loaded with the benchmark build
 * (`wxt build --mode bench`; see probe.ts). Shared by the page benchmark and the A/B of two builds.
 */
import type { Page } from '@playwright/test';
import { BENCH_REQUEST_EVENT, BENCH_STATS_MARK, type ProbeStats } from './probe';

/** The scanner's counters so far, or null before the content script has any. */
export async function scanStats(page: Page): Promise<ProbeStats | null> {
  return page.evaluate(({ event, mark }) => {
    document.dispatchEvent(new CustomEvent(event));
    const marks = performance.getEntriesByName(mark);
    const last = marks[marks.length - 1] as PerformanceMark | undefined;
    performance.clearMarks(mark);
    return last ? (JSON.parse(last.detail as string) as ProbeStats | null) : null;
  }, { event: BENCH_REQUEST_EVENT, mark: BENCH_STATS_MARK });
}

/**
 * What a benchmark-build pass (bare, floor or sliced floor) put in its performance mark, once the
 * mark is there.
 */
export async function markDetail<Detail>(page: Page, markName: string, timeoutMs = 60_000): Promise<Detail> {
  const handle = await page.waitForFunction((name) => {
    const mark = performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
    return mark ? (mark.detail as string) : null;
  }, markName, { timeout: timeoutMs });
  return JSON.parse((await handle.jsonValue()) as string) as Detail;
}

export type FirstScan = NonNullable<ProbeStats['firstScan']> & { matcherSetupMs: number; matchMs: number; markMs: number };

/**
 * The first scan's counters, once it has finished, with the matcher's set-up time, and after a
 * rescan the time its matching and marking took.
 */
export async function waitForFirstScan(page: Page, timeoutMs = 60_000): Promise<FirstScan> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await scanStats(page);
    if (stats?.firstScan) return { ...stats.firstScan, matcherSetupMs: stats.matcherSetupMs ?? 0, matchMs: stats.stages?.matchMs ?? 0, markMs: stats.stages?.markMs ?? 0 };
    if (Date.now() > deadline) throw new Error(`no first-scan stats on ${page.url()} (is the extension running?)`);
    await page.waitForTimeout(25);
  }
}
