/**
 * The benchmark build's probe (`wxt build --mode bench`): the content script's one benchmark hook
 * installs it, and release builds contain none of it. It runs the content script as a release
 * build does, and lets the benchmarks in bench/ read from the page's main world:
 * - the scanner's counters and the matcher's set-up time, as a performance mark, on a
 *   `health-glossary:bench` event;
 * - a fresh first scan with the code warm, timing matching and marking apart, on
 *   `health-glossary:bench-rescan`;
 * - performance marks at the start and end of the first scan, for traces;
 * and, for a page loaded with one of the queries below, a bare, floor or sliced floor pass instead
 * of a scan, or a first scan that does not wait for the page to settle.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageGlossary } from '../lib/compiled/compiled';
import { TermMarks } from '../lib/marks/term-marks';
import type { Matcher } from '../lib/matcher/types';
import { gateExpressions, warmUpGateExpression, type GateSpec } from '../lib/matcher/prefilter';
import { SKIPPED_TAGS } from '../lib/scanner/blocks';
import { afterPageSettles } from '../lib/scanner/page-settled';
import type { ScanStats } from '../lib/scanner/page-scanner';
import { createYieldToPage } from '../lib/scanner/yield';
import type { EntryScope } from '../lib/entry-scope';

type MatcherFactory = (scope: EntryScope) => Matcher;

export const BENCH_REQUEST_EVENT = 'health-glossary:bench';
export const BENCH_STATS_MARK = 'health-glossary:stats';

/** Asks for a fresh first scan of the page, to time it again with the code already warm. */
export const BENCH_RESCAN_EVENT = 'health-glossary:bench-rescan';

/** What the probe reports: the scanner's counters, with the set-up and stage times it measured. */
export interface ProbeStats extends ScanStats {
  /** Building the matcher (trie and gate) for this page, before the first scan. */
  matcherSetupMs?: number;
  /** Of the warm rescan's busy time: inside the matcher, and turning matches into marks. */
  stages?: { matchMs: number; markMs: number };
}

/** The part of the content script's GlossaryOnPage the probe drives. */
interface ProbedPage {
  scanStats(): ScanStats | undefined;
  restart(): Promise<void>;
  idle(): Promise<void>;
}

type RunOnPage = (
  ctx: ContentScriptContext,
  options: { firstScanWhen?: () => Promise<boolean>; wrapMatcherFactory?: (create: MatcherFactory) => MatcherFactory },
) => Promise<ProbedPage | undefined>;

/**
 * Runs the content script's `runOnPage` under the probe, or a benchmark pass instead when the
 * page's query asks for one.
 */
export async function installProbe(ctx: ContentScriptContext, glossary: PageGlossary, runOnPage: RunOnPage): Promise<void> {
  // A pass instead of a scan, after the same wait as a first scan, so both meet the page in the
  // same state.
  const pass = benchmarkPassFor(location.search, glossary.gate);
  if (pass) {
    if (await afterPageSettles(window, ctx.signal)) await pass();
    return;
  }
  let page: ProbedPage | undefined;
  let matcherSetupMs: number | undefined;
  let stages: { matchMs: number; markMs: number } | undefined;
  document.addEventListener(BENCH_REQUEST_EVENT, () => {
    const stats = page?.scanStats();
    const probed: ProbeStats | null = stats ? { ...stats, matcherSetupMs, ...(stages ? { stages: { ...stages } } : {}) } : null;
    performance.mark(BENCH_STATS_MARK, { detail: JSON.stringify(probed) });
  });
  document.addEventListener(BENCH_RESCAN_EVENT, () => {
    // Matching and marking are timed apart only here: it reads the clock twice more per block,
    // which on some machines costs more than the block.
    const timed = (stages = { matchMs: 0, markMs: 0 });
    const add = TermMarks.prototype.addMatches;
    TermMarks.prototype.addMatches = function (this: TermMarks, ...args: Parameters<TermMarks['addMatches']>) {
      const start = performance.now();
      add.apply(this, args);
      timed.markMs += performance.now() - start;
    };
    void page?.restart().finally(() => {
      TermMarks.prototype.addMatches = add;
    });
  });
  const startAtOnce = location.search === START_AT_ONCE_QUERY;
  page = await runOnPage(ctx, {
    firstScanWhen: async () => {
      const settled = startAtOnce || (await afterPageSettles(window, ctx.signal));
      if (settled) performance.mark(FIRST_SCAN_START_MARK);
      return settled;
    },
    wrapMatcherFactory: (create) => (scope) => {
      const started = performance.now();
      const matcher = create(scope);
      matcherSetupMs = performance.now() - started;
      return {
        findMatches(text, options) {
          if (!stages) return matcher.findMatches(text, options);
          const start = performance.now();
          const found = matcher.findMatches(text, options);
          stages.matchMs += performance.now() - start;
          return found;
        },
      };
    },
  });
  void page?.idle().then(() => performance.mark(FIRST_SCAN_END_MARK));
}

/** Performance marks at the start and the end of each first scan (benchmark build only), for traces. */
export const FIRST_SCAN_START_MARK = 'health-glossary:first-scan-start';
export const FIRST_SCAN_END_MARK = 'health-glossary:first-scan-end';

/**
 * A page loaded with this query is scanned as soon as it is ready, without waiting for it to
 * settle (benchmark build only: bench/contention.ts compares the two).
 */
export const START_AT_ONCE_QUERY = '?health-glossary-start-at-once';

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

/** A page loaded with this query gets the floor pass instead of a scan (benchmark build only). */
export const FLOOR_PASS_QUERY = '?health-glossary-floor-pass';
export const FLOOR_PASS_MARK = 'health-glossary:floor-pass';

/**
 * The least any content script must do to find terms, from this world on a page it has not
 * touched yet: the bare pass, plus the name of each text node's parent (text in a script, a style
 * or a form field is not prose), plus one search of all the text with the shipped gate, the
 * cheapest look at every character there is. A real scan also finds hidden and editable regions,
 * keeps paragraphs apart, matches what the gate lets through and builds highlights, so it can only
 * cost more. Where even this pass misses the first-scan target, no scanner in a content script can
 * meet it on this machine.
 */
export function runFloorPassForBenchmark(gate: GateSpec): void {
  // Compiled to machine code before timing, for one-byte and for two-byte text (the joined text is
  // two-byte as soon as one node holds a curly quote or a dash), as compiling belongs to a script's
  // set-up, as the scanner's set-up does (compileGate).
  const expressions = gateExpressions(gate);
  for (const expression of expressions) {
    warmUpGateExpression(expression);
    warmUpGateExpression(expression, { twoByte: true });
  }
  const start = performance.now();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let lastParent: Node | null = null;
  let parentSkipped = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode;
    if (parent !== lastParent) {
      lastParent = parent;
      parentSkipped = parent !== null && SKIPPED_TAGS.has((parent as Element).localName);
    }
    if (!parentSkipped) parts.push((node as Text).data);
  }
  const text = parts.join('\n');
  let hits = 0;
  for (const anchors of expressions) for (let match = anchors.exec(text); match; match = anchors.exec(text)) hits++;
  performance.mark(FLOOR_PASS_MARK, { detail: JSON.stringify({ ms: performance.now() - start, chars: text.length, hits }) });
}

/**
 * The pass a page's query asks for instead of a scan (benchmark build only): the bare pass, the
 * floor pass or the sliced floor pass; undefined for any other query.
 */
export function benchmarkPassFor(query: string, gate: GateSpec): (() => void | Promise<void>) | undefined {
  if (query === BARE_PASS_QUERY) return runBarePassForBenchmark;
  if (query === FLOOR_PASS_QUERY) return () => runFloorPassForBenchmark(gate);
  if (query === SLICED_FLOOR_QUERY) return () => runSlicedFloorPassForBenchmark(gate);
  return undefined;
}

/** A page loaded with this query gets the sliced floor pass instead of a scan (benchmark build only). */
export const SLICED_FLOOR_QUERY = '?health-glossary-sliced-floor';
export const SLICED_FLOOR_MARK = 'health-glossary:sliced-floor';

/** The sliced floor pass's slices: as long as the scanner's. */
const SLICE_MS = 8;

/**
 * The floor pass cut into slices of about 8 ms with the page given its thread back between them,
 * as the scanner does: each slice reads the next text nodes and their parents' names, and searches
 * its share of the text with the gate. bench/trace-gc.ts runs it on the 5 MB page to tell the
 * collector's pauses any reader of that page meets from those the scanner's own work brings: it
 * reads every node from this world, so it wraps every node as the scanner does, and allocates
 * little else.
 */
export async function runSlicedFloorPassForBenchmark(gate: GateSpec): Promise<void> {
  const expressions = gateExpressions(gate);
  for (const expression of expressions) {
    warmUpGateExpression(expression);
    warmUpGateExpression(expression, { twoByte: true });
  }
  const yieldToPage = createYieldToPage();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  let lastParent: Node | null = null;
  let parentSkipped = false;
  let slices = 0;
  let busyMs = 0;
  let longestSliceMs = 0;
  let hits = 0;
  while (node) {
    const start = performance.now();
    const parts: string[] = [];
    // The clock is read every 64 nodes, as reading it costs about as much as a node.
    for (let count = 1; node; node = walker.nextNode(), count++) {
      const parent = node.parentNode;
      if (parent !== lastParent) {
        lastParent = parent;
        parentSkipped = parent !== null && SKIPPED_TAGS.has((parent as Element).localName);
      }
      if (!parentSkipped) parts.push((node as Text).data);
      if (count % 64 === 0 && performance.now() - start >= SLICE_MS) {
        node = walker.nextNode();
        break;
      }
    }
    const text = parts.join('\n');
    for (const anchors of expressions) {
      anchors.lastIndex = 0;
      for (let match = anchors.exec(text); match; match = anchors.exec(text)) hits++;
    }
    const sliceMs = performance.now() - start;
    slices++;
    busyMs += sliceMs;
    longestSliceMs = Math.max(longestSliceMs, sliceMs);
    if (node) await yieldToPage();
  }
  performance.mark(SLICED_FLOOR_MARK, { detail: JSON.stringify({ ms: busyMs, slices, longestSliceMs, hits }) });
}
