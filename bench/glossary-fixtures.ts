/**
 * The three glossaries the scale benchmark builds the extension with, as compiled glossaries
 * (JSON), which `HEALTH_GLOSSARY_COMPILED=FILE wxt build` builds in (glossary/vite-plugin.ts):
 * - today: the 181 entries of commit 924940b, the size the glossary had when issue 21 was filed.
 *   They predate today's schema (no area, no familiarity); those are taken from today's file of
 *   the same entry where there is one, and the content rules added since are not applied;
 * - grown: the glossary being written now (../main/glossary or this checkout's), every entry that
 *   parses, whatever the build's content rules still say about it;
 * - generated: 10,000 entries and 50,000 aliases: the grown glossary's entries, and made-up ones
 *   to fill, with the grown glossary's lengths of aliases and texts, share of multi-word,
 *   case-sensitive and context-ruled aliases, and texts of its entries' lengths.
 *
 *   npx tsx bench/glossary-fixtures.ts [--out DIR]    (writes today.json, grown.json, generated.json)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { compileGlossary, loadGlossary, matcherData } from '../glossary/compile';
import type { AliasSpec, CompiledEntry, CompiledGlossary } from '../lib/compiled/compiled';

const ROOT = resolve(import.meta.dirname, '..');
export const TODAY_COMMIT = '924940b';
export const GENERATED_ENTRIES = 10_000;
export const GENERATED_ALIASES = 50_000;

/** The glossary folder being written now: the main checkout's when there is one beside this one. */
export function grownGlossaryDir(): string {
  const main = resolve(ROOT, '..', 'main', 'glossary');
  return existsSync(join(main, 'entries')) ? main : join(ROOT, 'glossary');
}

/** Compiles every entry of a folder that parses, ignoring the content rules' errors. */
function lenient(dir: string): CompiledGlossary {
  const loaded = loadGlossary({ dir });
  const ids = new Set(loaded.entries.map((e) => e.id));
  // Related ids the folder does not have (yet) are dropped, as the card would not show them.
  for (const entry of loaded.entries) entry.related = entry.related.filter((id) => ids.has(id));
  return compileGlossary(loaded);
}

export function todayGlossary(): CompiledGlossary {
  const dir = mkdtempSync(join(tmpdir(), 'hg-today-'));
  try {
    const entries = join(dir, 'entries');
    mkdirSync(entries, { recursive: true });
    const names = execFileSync('git', ['ls-tree', '--name-only', `${TODAY_COMMIT}:glossary/entries/`], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    const grown = grownGlossaryDir();
    for (const name of names) {
      const old = parseYaml(execFileSync('git', ['show', `${TODAY_COMMIT}:glossary/entries/${name}`], { cwd: ROOT, encoding: 'utf8' })) as Record<string, unknown>;
      const nowFile = join(grown, 'entries', name);
      const now = existsSync(nowFile) ? (parseYaml(readFileSync(nowFile, 'utf8')) as Record<string, unknown>) : {};
      old.area ??= now.area ?? 'skin-hair';
      old.familiarity ??= now.familiarity ?? 'common';
      if (old.category === 'drug' && !old.medicine) old.drugClass = true;
      writeFileSync(join(entries, name), stringifyYaml(old));
    }
    writeFileSync(join(dir, 'publishers.yaml'), execFileSync('git', ['show', `${TODAY_COMMIT}:glossary/publishers.yaml`], { cwd: ROOT, encoding: 'utf8' }));
    return lenient(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function grownGlossary(): CompiledGlossary {
  return lenient(grownGlossaryDir());
}

/** A deterministic generator (mulberry32), so every run builds the same glossary. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = ['cardio', 'neuro', 'hepato', 'derma', 'osteo', 'gastro', 'nephro', 'myo', 'angio', 'pneumo', 'hemo', 'lympho', 'encephalo', 'arthro', 'chondro', 'cysto', 'endo', 'entero', 'fibro', 'glosso', 'histo', 'kerato', 'laryngo', 'masto', 'oculo', 'oto', 'pharyngo', 'procto', 'rhino', 'spleno', 'thoraco', 'tracheo', 'uro', 'vaso', 'adeno', 'broncho', 'cerebro', 'colo', 'cranio', 'dacryo'];
const ROOTS = ['vasc', 'plast', 'troph', 'cyt', 'gen', 'path', 'morph', 'lys', 'sten', 'scler', 'malac', 'megal', 'rrhag', 'ptos', 'stom', 'tom', 'gram', 'scop', 'lith', 'phag'];
const SUFFIXES = ['itis', 'osis', 'ectomy', 'emia', 'pathy', 'plasty', 'algia', 'oma', 'ia', 'ism', 'ic syndrome', 'al disease', 'ous dystrophy', 'otomy', 'oscopy', 'ine', 'ate', 'umab', 'inib', 'olol'];
const WORDS = ['chronic', 'acute', 'primary', 'secondary', 'juvenile', 'familial', 'benign', 'hereditary', 'idiopathic', 'congenital', 'diffuse', 'focal', 'recurrent', 'late-onset', 'type 2', 'atypical'];
const CUES = ['doctor', 'treatment', 'symptoms', 'patients', 'diagnosis', 'blood', 'skin', 'disease', 'clinic', 'therapy', 'pain', 'infection', 'dose', 'medicine', 'hospital'];

/**
 * 10,000 entries and 50,000 aliases: the grown glossary's, and made-up entries like them to fill
 * (names built from medical word parts, so that they read like terms and rarely occur on pages,
 * as most of a big glossary's terms do on any one page).
 */
export function generatedGlossary(grown = grownGlossary(), entryCount = GENERATED_ENTRIES, aliasCount = GENERATED_ALIASES): CompiledGlossary {
  const next = random(21);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const realEntries = Object.values(grown.entries);
  const realAliases = grown.aliases;
  const contextShare = realAliases.filter((a) => a.context).length / realAliases.length;
  const casedShare = realAliases.filter((a) => a.caseSensitive).length / realAliases.length;
  const entries: Record<string, CompiledEntry> = { ...grown.entries };
  const aliases: AliasSpec[] = [...realAliases];
  const used = new Set(realAliases.map((a) => a.text.toLowerCase()));
  const word = (): string => {
    for (;;) {
      const core = `${pick(PREFIXES)}${next() < 0.5 ? pick(ROOTS) : ''}${pick(SUFFIXES)}`;
      const text = next() < 0.45 ? `${pick(WORDS)} ${core}` : core;
      if (!used.has(text)) {
        used.add(text);
        return text;
      }
    }
  };
  const made = entryCount - realEntries.length;
  const aliasesLeft = aliasCount - aliases.length;
  for (let i = 0; i < made; i++) {
    const model = pick(realEntries);
    const name = word();
    // Ids are the name's slug, as the glossary's own are (names are unique).
    let id = name.replace(/[^a-z0-9]+/g, '-');
    if (entries[id]) id = `${id}-${i}`;
    entries[id] = { ...model, id, name, short: `${name}: ${model.short}`, long: model.long, related: [pick(realEntries).id, pick(realEntries).id].filter((r, j, all) => all.indexOf(r) === j) };
    // Each made-up entry's name, and its share of the aliases left to reach the total.
    const own = Math.round(((i + 1) * aliasesLeft) / made) - Math.round((i * aliasesLeft) / made);
    for (let a = 0; a < own; a++) {
      const text = a === 0 ? name : word();
      const caseSensitive = a > 0 && next() < casedShare;
      const spec: AliasSpec = { text: caseSensitive ? text.slice(0, 4).toUpperCase() + text.slice(4) : text, entryId: id, caseSensitive };
      if (next() < contextShare) spec.context = { cues: Array.from({ length: 3 + Math.floor(next() * 12) }, () => pick(CUES)).filter((c, j, all) => all.indexOf(c) === j), scope: next() < 0.4 ? 'near' : 'block', window: 5 };
      aliases.push(spec);
    }
  }
  return { entries, aliases, ...matcherData(aliases) };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(tmpdir(), 'hg-scale-glossaries') } } });
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const grown = grownGlossary();
  for (const [name, glossary] of [['today', todayGlossary()], ['grown', grown], ['generated', generatedGlossary(grown)]] as const) {
    writeFileSync(join(out, `${name}.json`), JSON.stringify(glossary));
    console.log(`${name}: ${Object.keys(glossary.entries).length} entries, ${glossary.aliases.length} aliases → ${join(out, `${name}.json`)}`);
  }
}
