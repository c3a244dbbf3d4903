/**
 * The glossary module ships the entries and aliases as JSON text, parsed on first read, so that
 * page loads compile less. It must still hand every context exactly the compiled glossary, and
 * parse each part once, only when it is read.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGlossary } from './compile';
import type { CompiledGlossary } from '../lib/compiled/compiled';
import { glossaryModuleSource } from './vite-plugin';

const ROOT = join(import.meta.dirname, '..');

let imports = 0;
async function importSource(source: string): Promise<CompiledGlossary> {
  // A new URL each time: the module cache would otherwise hand back an earlier, already parsed copy.
  source += `\n// import ${++imports}`;
  const module = (await import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(source)}`)) as { default: CompiledGlossary };
  return module.default;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('glossaryModuleSource', () => {
  const glossary = buildGlossary({ dir: join(ROOT, 'glossary'), root: ROOT });

  it('gives back the compiled glossary, field for field', async () => {
    const loaded = await importSource(glossaryModuleSource(glossary));
    expect(loaded.gate).toEqual(glossary.gate);
    expect(loaded.matcher).toEqual(glossary.matcher);
    expect(loaded.entries).toEqual(glossary.entries);
    expect(loaded.aliases).toEqual(glossary.aliases);
  });

  it('parses an entry, and the aliases, only when read, and each once', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const loaded = await importSource(glossaryModuleSource(glossary));
    void loaded.gate;
    void loaded.matcher;
    const ids = Object.keys(loaded.entries);
    expect(ids).toEqual(Object.keys(glossary.entries));
    expect(parse).not.toHaveBeenCalled();
    const entry = loaded.entries[ids[0]!];
    expect(parse).toHaveBeenCalledTimes(1);
    expect(loaded.entries[ids[0]!]).toBe(entry);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(loaded.entries['not-an-entry']).toBeUndefined();
    void loaded.aliases;
    void loaded.aliases;
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('keeps text that JSON and JavaScript quote differently', async () => {
    const tricky = 'quotes " \' ` ${x} backslash \\ line\u2028separator </script> \u00e9';
    const entry = { ...Object.values(glossary.entries)[0]!, short: tricky };
    const loaded = await importSource(glossaryModuleSource({ ...glossary, entries: { [entry.id]: entry } }));
    expect(loaded.entries[entry.id]!.short).toBe(tricky);
  });
});
