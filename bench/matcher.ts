/**
 * Matcher benchmark: compile time for large synthetic glossaries and matching throughput over the
 * text of the real corpus pages, with a glossary-sized alias list versus 100,000 aliases.
 *
 *   npm run bench:matcher            (writes bench/results/matcher.json)
 *
 * Numbers, not assertions: run it on a quiet machine and compare runs, not against a threshold.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { createMatcher, type AliasSpec } from '../lib/matcher';
import { compileGlossary, loadGlossary } from '../glossary/compile';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/** Deterministic PRNG (mulberry32) so every run benchmarks the same glossary. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['al', 'ar', 'bar', 'cor', 'der', 'en', 'fib', 'gly', 'hep', 'im', 'kin', 'lym', 'mel', 'neu', 'ost', 'pso', 'rit', 'sar', 'thy', 'vit', 'xan', 'zo', 'ca', 'di', 'tri', 'per', 'pro', 'ana', 'bio', 'cy'];
const MIDDLES = ['o', 'a', 'i', 'e', 'u', 'ro', 'li', 'ne', 'ta', 'mi', 'co', 'pa', 'to', 'phy', 'cit', 'sta', 'gen', 'lo', 'ri', 'ma'];
const CODAS = ['sis', 'itis', 'oma', 'ine', 'ib', 'ab', 'ol', 'ide', 'ase', 'ia', 'osis', 'pathy', 'gram', 'cyte', 'emia', 'tinib', 'umab', 'ate', 'ism', 'al'];
const HEADS = ['syndrome', 'disease', 'disorder', 'deficiency', 'inhibitor', 'receptor', 'therapy', 'test', 'score', 'scale', 'injection', 'cream', 'infection', 'type 2', 'factor'];
const MODIFIERS = ['acute', 'chronic', 'juvenile', 'primary', 'secondary', 'severe', 'mild', 'early-onset', 'familial', 'diffuse', 'focal', 'systemic', 'topical', 'oral', 'congenital'];

function syntheticWord(rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  let word = pick(ONSETS);
  const middles = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < middles; i++) word += pick(MIDDLES);
  return word + pick(CODAS);
}

/** Aliases shaped like a medical vocabulary: mostly 1–4 word phrases, some abbreviations and eponyms. */
function syntheticAliases(count: number, seed: number): AliasSpec[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const aliases: AliasSpec[] = [];
  const seen = new Set<string>();
  let n = 0;
  while (aliases.length < count) {
    const entryId = `synthetic-${Math.floor(n / 3)}`;
    n++;
    const shape = rand();
    let text: string;
    let caseSensitive = false;
    let context: AliasSpec['context'];
    if (shape < 0.3) text = syntheticWord(rand);
    else if (shape < 0.6) text = `${syntheticWord(rand)} ${pick(HEADS)}`;
    else if (shape < 0.75) text = `${pick(MODIFIERS)} ${syntheticWord(rand)} ${pick(HEADS)}`;
    else if (shape < 0.85) {
      const name = syntheticWord(rand);
      text = `${name[0]!.toUpperCase()}${name.slice(1)}'s ${pick(HEADS)}`;
    } else if (shape < 0.95) {
      text = `${syntheticWord(rand)}-${syntheticWord(rand)} ${pick(HEADS)}`;
    } else {
      const letters = 2 + Math.floor(rand() * 4);
      text = '';
      for (let i = 0; i < letters; i++) text += String.fromCharCode(65 + Math.floor(rand() * 26));
      caseSensitive = true;
      context = { cues: [syntheticWord(rand), pick(HEADS)], scope: rand() < 0.5 ? 'block' : 'near', window: 6 };
    }
    if (rand() < 0.2 && !caseSensitive) text = text.replace(/\b\w/g, (c) => c.toUpperCase());
    const key = caseSensitive ? text : text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push({ text, entryId, caseSensitive, ...(context ? { context } : {}) });
  }
  return aliases;
}

/** The real glossary, topped up with synthetic aliases to the size of a ~150-entry glossary. */
function glossaryScaleAliases(): { aliases: AliasSpec[]; realEntries: number; realAliases: number } {
  const compiled = compileGlossary(loadGlossary({ dir: join(ROOT, 'glossary'), root: ROOT }));
  const real = compiled.aliases;
  const realEntries = Object.keys(compiled.entries).length;
  const entries = Math.max(150, realEntries);
  const perEntry = realEntries > 0 ? Math.max(3, real.length / realEntries) : 3;
  const target = Math.round(entries * perEntry);
  const extra = target > real.length ? syntheticAliases(target - real.length, 7) : [];
  return { aliases: [...real, ...extra], realEntries, realAliases: real.length };
}

/** Text blocks from the corpus pages: tags stripped with a regex, block-level tags as breaks. */
function corpusBlocks(): { blocks: string[]; chars: number; pages: number } {
  if (!existsSync(CORPUS)) throw new Error(`corpus folder not found at ${CORPUS}`);
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.html'));
  const blocks: string[] = [];
  let chars = 0;
  for (const file of files) {
    const html = readFileSync(join(CORPUS, file), 'utf8');
    const text = html
      .replace(/<(script|style|noscript|svg)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/?(p|div|li|td|th|h[1-6]|br|tr|section|article|blockquote|dd|dt|figcaption|pre)\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&amp;/g, '&')
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
    for (const block of text.split('\n')) {
      if (block.trim().length === 0) continue;
      blocks.push(block);
      chars += block.length;
    }
  }
  return { blocks, chars, pages: files.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time and median process CPU time (ms): on a busy machine the two part ways. */
function timeCompile(aliases: readonly AliasSpec[], runs: number): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    createMatcher(aliases);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/**
 * A trivial loop over the same text (read each unit, write it lower-cased), as a yardstick for how
 * fast this machine is right now: matching MB/s mean little without it on a shared, loaded box.
 */
function baselineMBps(blocks: readonly string[], chars: number, runs: number): number {
  const sink = new Uint16Array(1 << 16);
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const block of blocks) for (let i = 0; i < block.length; i++) sink[i & 0xffff] = block.charCodeAt(i) | 0x20;
    rates.push(chars / 1e6 / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

/**
 * Matching throughput of two alias lists, measured in alternating passes so both see the same
 * machine load; the slowdown is the median of the per-pair ratios, which is steadier than a ratio
 * of medians on a busy machine.
 */
function throughputPair(first: readonly AliasSpec[], second: readonly AliasSpec[], blocks: readonly string[], chars: number, runs: number, gate: boolean) {
  const matchers = [createMatcher(first, { gate }), createMatcher(second, { gate })];
  const matches = matchers.map((m) => blocks.reduce((n, block) => n + m.findMatches(block).length, 0)); // warm-up
  const rates: [number[], number[]] = [[], []];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const seconds = matchers.map((m) => {
      const t0 = performance.now();
      for (const block of blocks) m.findMatches(block);
      return (performance.now() - t0) / 1000;
    });
    rates[0].push(chars / 1e6 / seconds[0]!);
    rates[1].push(chars / 1e6 / seconds[1]!);
    ratios.push(seconds[1]! / seconds[0]!);
  }
  return { mbPerSecond: [median(rates[0]), median(rates[1])], matches, slowdown: median(ratios) };
}

const glossary = glossaryScaleAliases();
const big = syntheticAliases(100_000, 42);
const corpus = corpusBlocks();

const baseline = baselineMBps(corpus.blocks, corpus.chars, 7);
const compileGlossaryMs = timeCompile(glossary.aliases, 9);
const compileBig = timeCompile(big, 7);
// The trie (with its candidate pass) without the regex gate in front of it: how matching scales
// with the vocabulary.
const pair = throughputPair(glossary.aliases, big, corpus.blocks, corpus.chars, 9, false);
const small = { mbPerSecond: pair.mbPerSecond[0]!, matches: pair.matches[0]! };
const large = { mbPerSecond: pair.mbPerSecond[1]!, matches: pair.matches[1]! };
// What the extension runs: the gate skips blocks that cannot hold a term (it stands down above
// 20,000 anchors, so the 100k list runs as above).
const gated = throughputPair(glossary.aliases, big, corpus.blocks, corpus.chars, 9, true);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  loadAverage: loadavg().map((x) => +x.toFixed(2)),
  baselineCopyLoopMBps: +baseline.toFixed(1),
  corpus: { pages: corpus.pages, blocks: corpus.blocks.length, megachars: +(corpus.chars / 1e6).toFixed(2) },
  glossary: {
    aliases: glossary.aliases.length,
    realEntries: glossary.realEntries,
    realAliases: glossary.realAliases,
    compileMs: +compileGlossaryMs.wallMs.toFixed(2),
    compileCpuMs: +compileGlossaryMs.cpuMs.toFixed(2),
    matchMBps: +small.mbPerSecond.toFixed(2),
    gatedMatchMBps: +gated.mbPerSecond[0]!.toFixed(2),
    matches: small.matches,
  },
  synthetic100k: {
    aliases: big.length,
    compileMs: +compileBig.wallMs.toFixed(1),
    compileCpuMs: +compileBig.cpuMs.toFixed(1),
    matchMBps: +large.mbPerSecond.toFixed(2),
    gatedMatchMBps: +gated.mbPerSecond[1]!.toFixed(2),
    matches: large.matches,
  },
  slowdown: +pair.slowdown.toFixed(3),
};

const row = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
console.log(`Corpus: ${results.corpus.pages} pages, ${results.corpus.blocks} blocks, ${results.corpus.megachars} M chars (MB = million UTF-16 chars)`);
console.log(`Glossary-scale list: ${glossary.realAliases} real aliases from ${glossary.realEntries} entries, topped up to ${glossary.aliases.length}`);
console.log(`Machine now: load average ${results.loadAverage.join(' ')} on ${cpus().length} CPUs; a bare copy loop over the text runs at ${results.baselineCopyLoopMBps} MB/s.`);
console.log(row(['alias list', 'aliases', 'compile wall (ms)', 'compile CPU (ms)', 'trie match (MB/s)', 'with gate (MB/s)', 'matches']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
console.log(row(['glossary-scale', glossary.aliases.length, results.glossary.compileMs, results.glossary.compileCpuMs, results.glossary.matchMBps, results.glossary.gatedMatchMBps, small.matches]));
console.log(row(['synthetic 100k', big.length, results.synthetic100k.compileMs, results.synthetic100k.compileCpuMs, results.synthetic100k.matchMBps, results.synthetic100k.gatedMatchMBps, large.matches]));
console.log('(medians; compile over 9 and 7 runs; matching over 9 alternating pass pairs after a warm-up pass)');
console.log(`Trie matching with 100k aliases takes ${results.slowdown}x the time it takes with the glossary-scale list (median of paired passes; target ≤ 1.5x). 100k compile target: < 300 ms.`);

const outDir = join(ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'matcher.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('Wrote bench/results/matcher.json');
