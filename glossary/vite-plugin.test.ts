/**
 * The texts' module ships the entries and aliases as JSON text, parsed on first read, and the
 * page's module only what marking needs. Together they must hand every context exactly the
 * compiled glossary, and parse each text once, only when it is read.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildGlossary } from './compile';
import type { CompiledGlossary, GlossaryTexts, PageGlossary } from '../lib/compiled/compiled';
import { entryKinds } from '../lib/compiled/page-glossary';
import { pageModuleSource, textsModuleSource } from './vite-plugin';

const ROOT = join(import.meta.dirname, '..');

let imports = 0;
async function importSource<T = GlossaryTexts>(source: string): Promise<T> {
  // A new URL each time: the module cache would otherwise hand back an earlier, already parsed copy.
  source += `\n// import ${++imports}`;
  const module = (await import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(source)}`)) as { default: T };
  return module.default;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the glossary modules', () => {
  const glossary: CompiledGlossary = buildGlossary({ dir: join(ROOT, 'glossary'), root: ROOT });

  it('give back the compiled glossary, field for field', async () => {
    const page = await importSource<PageGlossary>(pageModuleSource(glossary));
    expect(page.gate).toEqual(glossary.gate);
    expect(page.matcher).toEqual(glossary.matcher);
    const kinds = entryKinds(page);
    // Every entry has its name among the aliases, so the matcher knows every entry.
    expect(Object.keys(kinds)).toEqual(Object.keys(glossary.entries));
    for (const entry of Object.values(glossary.entries)) expect(kinds[entry.id]).toEqual({ category: entry.category, familiarity: entry.familiarity });
    const loaded = await importSource(textsModuleSource(glossary));
    expect(loaded.entries).toEqual(glossary.entries);
    expect(loaded.aliases).toEqual(glossary.aliases);
  });

  it('keep the entries\' texts out of the page\'s module', () => {
    const page = pageModuleSource(glossary);
    const entry = Object.values(glossary.entries)[0]!;
    expect(page).not.toContain(entry.short);
    expect(page).not.toContain(entry.long);
  });

  it('parses an entry, and the aliases, only when read, and each once', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const loaded = await importSource(textsModuleSource(glossary));
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
    const loaded = await importSource(textsModuleSource({ ...glossary, entries: { [entry.id]: entry } }));
    expect(loaded.entries[entry.id]!.short).toBe(tricky);
  });
});
