/**
 * Makes `import glossary from 'virtual:health-glossary'` resolve to the compiled glossary, built
 * from glossary/entries at build time. A bad entry throws here, which fails `wxt build` with the
 * compiler's file-and-field messages.
 */
import type { Plugin } from 'vite';
import { join } from 'node:path';
import { buildGlossary } from './compile';

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
      return `export default ${JSON.stringify(glossary)};`;
    },
  };
}
