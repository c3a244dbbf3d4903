/**
 * Makes `import glossary from 'virtual:health-glossary'` resolve to the compiled glossary, built
 * from glossary/entries at build time. A bad entry throws here, which fails `wxt build` with the
 * compiler's file-and-field messages.
 */
import type { Plugin } from 'vite';
import { join } from 'node:path';
import { buildGlossary } from './compile';
import type { CompiledGlossary } from '../lib/compiled/compiled';

const VIRTUAL_ID = 'virtual:health-glossary';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function healthGlossary(options: { root: string }): Plugin {
  // Another glossary folder (same layout) can be built in, e.g. a draft pack under review.
  const dir = process.env.HEALTH_GLOSSARY_DIR ?? join(options.root, 'glossary');
  return {
    name: 'health-glossary',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const glossary = buildGlossary({ dir, root: options.root });
      this.addWatchFile(join(dir, 'entries'));
      this.addWatchFile(join(dir, 'publishers.yaml'));
      return glossaryModuleSource(glossary);
    },
  };
}

/**
 * The module's code. The content script is compiled from source on every page of a site not open
 * in another tab, and the glossary is most of it; V8 scans a string literal far faster than it
 * parses the same data as object literals. So the texts a page needs only when a card opens or a
 * reader asks about a selection ship as JSON text, parsed when first read: each entry on its own
 * (a card parses its entry and its related entries' names, a few kB, not the 200 kB of all of
 * them), and the aliases as one. The gate and the matcher's tables, which every page uses at once,
 * ship as literals.
 */
export function glossaryModuleSource(glossary: CompiledGlossary): string {
  const { entries, aliases, ...usedAtOnce } = glossary;
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
    `  ...${JSON.stringify(usedAtOnce)},`,
    `  entries,`,
    `  get aliases() { return (aliases ??= JSON.parse(${jsonText(aliases)})); },`,
    `};`,
  ].join('\n');
}
