/**
 * Serves the compiled glossary, built from glossary/entries at build time, as two modules:
 * - `virtual:health-glossary/page`: what marking needs (the matcher's tables and gate, each
 *   entry's id, category and familiarity), for the content script, which every frame loads;
 * - `virtual:health-glossary/texts`: the entries' texts and the aliases, for the background (which
 *   sends a card its entry) and the options page (the glossary browser).
 * A bad entry throws here, which fails `wxt build` with the compiler's file-and-field messages.
 *
 * Benchmarks build other glossaries in: HEALTH_GLOSSARY_DIR names another glossary folder (same
 * layout), HEALTH_GLOSSARY_COMPILED a compiled glossary as JSON (bench/glossary-fixtures.ts).
 */
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGlossary } from './compile';
import { CATEGORIES, FAMILIARITY } from '../lib/compiled/categories';
import type { CompiledGlossary, PageGlossary } from '../lib/compiled/compiled';

export const PAGE_ID = 'virtual:health-glossary/page';
export const TEXTS_ID = 'virtual:health-glossary/texts';

export function healthGlossary(options: { root: string }): Plugin {
  const dir = process.env.HEALTH_GLOSSARY_DIR ?? join(options.root, 'glossary');
  const compiledFile = process.env.HEALTH_GLOSSARY_COMPILED;
  let compiled: CompiledGlossary | undefined;
  return {
    name: 'health-glossary',
    buildStart() {
      compiled = undefined;
    },
    resolveId(id) {
      return id === PAGE_ID || id === TEXTS_ID ? `\0${id}` : undefined;
    },
    load(id) {
      if (id !== `\0${PAGE_ID}` && id !== `\0${TEXTS_ID}`) return undefined;
      if (compiledFile) {
        compiled ??= JSON.parse(readFileSync(compiledFile, 'utf8')) as CompiledGlossary;
        this.addWatchFile(compiledFile);
      } else {
        compiled ??= buildGlossary({ dir, root: options.root });
        this.addWatchFile(join(dir, 'entries'));
        this.addWatchFile(join(dir, 'publishers.yaml'));
      }
      return id === `\0${PAGE_ID}` ? pageModuleSource(compiled) : textsModuleSource(compiled);
    },
  };
}

/** What the content script keeps of the glossary (see PageGlossary). */
export function pageGlossary(glossary: CompiledGlossary): PageGlossary {
  const digit = (index: number) => String.fromCharCode(48 + index);
  const ids = glossary.matcher.entryIds === '' ? [] : glossary.matcher.entryIds.split('\n');
  return {
    gate: glossary.gate,
    matcher: glossary.matcher,
    scope: ids.map((id) => glossary.entries[id]!).map((entry) => digit(CATEGORIES.indexOf(entry.category)) + digit(FAMILIARITY.indexOf(entry.familiarity))).join(''),
  };
}

/**
 * The content script's glossary module: one object literal of short fields and long strings,
 * which the engine scans rather than parses (the matcher's tables are strings; see serialize.ts).
 */
export function pageModuleSource(glossary: CompiledGlossary): string {
  return `export default ${JSON.stringify(pageGlossary(glossary))};`;
}

/**
 * The texts' module. V8 scans a string literal far faster than it parses the same data as object
 * literals, so the texts ship as JSON text, parsed when first read: each entry on its own (a card
 * parses its entry, a few kB, not all of them), and the aliases as one.
 */
export function textsModuleSource(glossary: CompiledGlossary): string {
  const { entries, aliases } = glossary;
  const jsonText = (value: unknown) => JSON.stringify(JSON.stringify(value));
  const entryTexts = Object.entries(entries).map(([id, entry]) => `${JSON.stringify(id)}:${jsonText(entry)}`);
  return [
    `const entryTexts = {${entryTexts.join(',')}};`,
    `const entries = {};`,
    `for (const id of Object.keys(entryTexts)) {`,
    `  let entry;`,
    `  Object.defineProperty(entries, id, { enumerable: true, get: () => (entry ??= JSON.parse(entryTexts[id])) });`,
    `}`,
    `let aliases;`,
    `export default {`,
    `  entries,`,
    `  get aliases() { return (aliases ??= JSON.parse(${jsonText(aliases)})); },`,
    `};`,
  ].join('\n');
}
