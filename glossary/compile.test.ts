/**
 * The compiler is the editors' safety net: each malformed entry must be rejected with the file and
 * the field named, so the person fixing it knows where to look. Every case writes a small glossary
 * into a temp folder and loads it; the real glossary must pass as well.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildGlossary, GlossaryBuildError, loadGlossary, type GlossaryProblem } from './compile';
import {
  LONG_READING_GRADE_CEILING,
  LONG_READING_GRADE_TARGET_MEDIAN,
  READING_GRADE_CEILING,
  READING_GRADE_TARGET_MEDIAN,
  median,
  readingLevel,
} from './readability';
import { AREAS } from '../lib/compiled/categories';

const TODAY = new Date('2026-11-27T12:00:00Z');
const PUBLISHERS = {
  niams: { name: 'NIAMS', domains: ['niams.nih.gov'] },
  medlineplus: { name: 'MedlinePlus', domains: ['medlineplus.gov'] },
};

function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: id.replace(/-/g, ' '),
    category: 'condition',
    area: 'skin-hair',
    familiarity: 'common',
    short: 'A short and plain definition. It uses small words.',
    long: 'This is the long text. It says more in small words.',
    sources: [{ publisher: 'niams', title: 'Alopecia Areata', url: 'https://www.niams.nih.gov/health-topics/alopecia-areata' }],
    reviewed: '2026-11-01',
    ...overrides,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a glossary folder; `files` maps file names to entry objects or raw YAML text. */
function glossaryDir(files: Record<string, Record<string, unknown> | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'glossary-test-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'entries'));
  writeFileSync(join(dir, 'publishers.yaml'), stringify(PUBLISHERS));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, 'entries', name), typeof content === 'string' ? content : stringify(content));
  }
  return dir;
}

function load(files: Record<string, Record<string, unknown> | string>) {
  const dir = glossaryDir(files);
  return loadGlossary({ dir, root: dir, today: TODAY });
}

function expectProblem(problems: GlossaryProblem[], file: string, field: string, message: RegExp): void {
  expect(problems, JSON.stringify(problems, null, 2)).toContainEqual(
    expect.objectContaining({ file: join('entries', file), field, message: expect.stringMatching(message) }),
  );
}

describe('the glossary compiler rejects malformed entries, naming file and field', () => {
  it('accepts a well-formed pair of entries', () => {
    const loaded = load({ 'a.yaml': entry('a', { related: ['b'] }), 'b.yaml': entry('b') });
    expect(loaded.errors).toEqual([]);
    expect(loaded.entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('missing short', () => {
    const { short: _dropped, ...withoutShort } = entry('a');
    expectProblem(load({ 'a.yaml': withoutShort }).errors, 'a.yaml', 'short', /./);
  });

  it('short over 40 words', () => {
    const short = Array.from({ length: 41 }, () => 'hair').join(' ') + '.';
    expectProblem(load({ 'a.yaml': entry('a', { short }) }).errors, 'a.yaml', 'short', /at most 40 words/);
  });

  it('short above the reading-grade ceiling', () => {
    const short =
      'Immunologically mediated inflammatory dermatological manifestations characteristically necessitate comprehensive multidisciplinary therapeutic intervention.';
    expect(readingLevel(short).grade).toBeGreaterThan(READING_GRADE_CEILING);
    expectProblem(load({ 'a.yaml': entry('a', { short }) }).errors, 'a.yaml', 'short', /Flesch–Kincaid grade .* above the ceiling/);
  });

  it('long above its own reading-grade ceiling', () => {
    const long =
      'Immunologically mediated inflammatory dermatological manifestations characteristically necessitate comprehensive multidisciplinary therapeutic intervention.';
    expect(readingLevel(long).grade).toBeGreaterThan(LONG_READING_GRADE_CEILING);
    expectProblem(load({ 'a.yaml': entry('a', { long }) }).errors, 'a.yaml', 'long', /above the ceiling of 10/);
  });

  it('missing or unknown area and familiarity', () => {
    const { area: _a, ...withoutArea } = entry('a');
    expectProblem(load({ 'a.yaml': withoutArea }).errors, 'a.yaml', 'area', /./);
    expectProblem(load({ 'a.yaml': entry('a', { area: 'feet' }) }).errors, 'a.yaml', 'area', /area must be one of: heart/);
    expectProblem(load({ 'a.yaml': entry('a', { familiarity: 'rare' }) }).errors, 'a.yaml', 'familiarity', /everyday, common, specialist/);
  });

  it('getHelp over 40 words', () => {
    const getHelp = Array.from({ length: 41 }, () => 'call').join(' ') + '.';
    expectProblem(load({ 'a.yaml': entry('a', { getHelp }) }).errors, 'a.yaml', 'getHelp', /at most 40 words/);
  });

  it('a search-result page or a home page as a source', () => {
    const search = [{ publisher: 'medlineplus', title: 'Search', url: 'https://medlineplus.gov/search.html?query=minoxidil' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources: search }) }).errors, 'a.yaml', 'sources[0].url', /search-result page/);
    const cfm = [{ publisher: 'niams', title: 'Search', url: 'https://www.niams.nih.gov/dailymed/search.cfm?labeltype=all' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources: cfm }) }).errors, 'a.yaml', 'sources[0].url', /search-result page/);
    const home = [{ publisher: 'medlineplus', title: 'MedlinePlus', url: 'https://medlineplus.gov/' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources: home }) }).errors, 'a.yaml', 'sources[0].url', /not a home page/);
  });

  it('a source read in the future', () => {
    const sources = [{ publisher: 'niams', title: 'AA', url: 'https://www.niams.nih.gov/health-topics/alopecia-areata', read: '2027-01-01' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources }) }).errors, 'a.yaml', 'sources[0].read', /in the future/);
  });

  const medicine = {
    treats: 'Hair loss.',
    availability: 'prescription',
    approval: 'FDA-approved in June 2022 for adults.',
    ages: 'Adults 18 and older.',
    boxedWarnings: [{ name: 'Serious infections', plain: 'It can make infections worse.' }],
    sideEffects: { common: 'Headache.', serious: 'Serious infections.' },
  };

  it('a drug entry without its medicine facts, or with a status that gives no date', () => {
    expectProblem(load({ 'a.yaml': entry('a', { category: 'drug' }) }).errors, 'a.yaml', 'medicine', /needs a medicine block/);
    expect(load({ 'a.yaml': entry('a', { category: 'drug', medicine }) }).errors).toEqual([]);
    expect(load({ 'a.yaml': entry('a', { category: 'drug', drugClass: true }) }).errors).toEqual([]);
    const undated = { ...medicine, approval: 'Approved by the FDA.' };
    expectProblem(load({ 'a.yaml': entry('a', { category: 'drug', medicine: undated }) }).errors, 'a.yaml', 'medicine.approval', /a year/);
    const { boxedWarnings: _b, ...unchecked } = medicine;
    expectProblem(load({ 'a.yaml': entry('a', { category: 'drug', medicine: unchecked }) }).errors, 'a.yaml', 'medicine.boxedWarnings', /./);
    expectProblem(load({ 'a.yaml': entry('a', { medicine }) }).errors, 'a.yaml', 'medicine', /only entries of category drug/);
  });

  it('http source URL', () => {
    const sources = [{ publisher: 'niams', title: 'AA', url: 'http://www.niams.nih.gov/health-topics/alopecia-areata' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources }) }).errors, 'a.yaml', 'sources[0].url', /https/);
  });

  it('source on a domain its publisher does not own', () => {
    const sources = [{ publisher: 'niams', title: 'AA', url: 'https://example.com/alopecia' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources }) }).errors, 'a.yaml', 'sources[0].url', /example\.com is not a domain of niams/);
  });

  it('publisher not on the allowed list', () => {
    const sources = [{ publisher: 'blog', title: 'AA', url: 'https://www.niams.nih.gov/x' }];
    expectProblem(load({ 'a.yaml': entry('a', { sources }) }).errors, 'a.yaml', 'sources[0].publisher', /not in glossary\/publishers.yaml/);
  });

  it('unknown related id', () => {
    expectProblem(load({ 'a.yaml': entry('a', { related: ['nope'] }) }).errors, 'a.yaml', 'related[0]', /no entry has the id "nope"/);
  });

  it('the same alias claimed by two entries without sharedWith', () => {
    const loaded = load({ 'a.yaml': entry('a', { aliases: ['hair loss'] }), 'b.yaml': entry('b', { aliases: ['Hair-Loss'] }) });
    expectProblem(loaded.errors, 'a.yaml', 'aliases', /also claimed by b/);
    expectProblem(loaded.errors, 'b.yaml', 'aliases', /also claimed by a/);
  });

  it('a shared alias is fine when both sides declare it', () => {
    const loaded = load({
      'a.yaml': entry('a', { aliases: [{ text: 'steroid', sharedWith: ['b'] }] }),
      'b.yaml': entry('b', { aliases: [{ text: 'steroid', sharedWith: ['a'] }] }),
    });
    expect(loaded.errors).toEqual([]);
  });

  it('review date in the future', () => {
    expectProblem(load({ 'a.yaml': entry('a', { reviewed: '2026-12-25' }) }).errors, 'a.yaml', 'reviewed', /in the future/);
  });

  it('bad YAML', () => {
    expectProblem(load({ 'a.yaml': 'id: a\nname: [unclosed\n' }).errors, 'a.yaml', '(file)', /not valid YAML/);
  });

  it('id that does not match the file name', () => {
    expectProblem(load({ 'a.yaml': entry('b') }).errors, 'a.yaml', 'id', /must match the file name "a"/);
  });

  it('unknown field (a typo such as "sorces")', () => {
    const { sources, ...rest } = entry('a');
    expect(load({ 'a.yaml': { ...rest, sorces: sources } }).errors.some((p) => p.file === join('entries', 'a.yaml'))).toBe(true);
  });

  it('warns, without failing, when a yearly review is overdue', () => {
    const loaded = load({ 'a.yaml': entry('a', { reviewed: '2025-11-26' }), 'b.yaml': entry('b', { reviewed: '2025-11-27' }) });
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([
      { file: join('entries', 'a.yaml'), field: 'reviewed', message: expect.stringMatching(/due 2026-11-26/) },
    ]);
  });

  it('buildGlossary throws every problem at once', () => {
    const dir = glossaryDir({ 'a.yaml': entry('a', { related: ['x'], reviewed: '2030-01-01' }) });
    expect(() => buildGlossary({ dir, root: dir, today: TODAY })).toThrow(GlossaryBuildError);
    try {
      buildGlossary({ dir, root: dir, today: TODAY });
    } catch (error) {
      expect((error as GlossaryBuildError).problems.map((p) => p.field).sort()).toEqual(['related[0]', 'reviewed']);
    }
  });
});

describe('the real glossary', () => {
  const root = join(import.meta.dirname, '..');
  const loaded = loadGlossary({ dir: join(root, 'glossary'), root });

  it('has no errors and at least 150 entries', () => {
    expect(loaded.errors.map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([]);
    expect(loaded.entries.length).toBeGreaterThanOrEqual(150);
  });

  it('reads at a median Flesch–Kincaid grade at or below the targets, short and long', () => {
    expect(median(loaded.entries.map((e) => readingLevel(e.short).grade))).toBeLessThanOrEqual(READING_GRADE_TARGET_MEDIAN);
    expect(median(loaded.entries.map((e) => readingLevel(e.long).grade))).toBeLessThanOrEqual(LONG_READING_GRADE_TARGET_MEDIAN);
  });

  it('has at least 1,200 entries, with every area holding its core vocabulary', () => {
    expect(loaded.entries.length).toBeGreaterThanOrEqual(1200);
    const thin = AREAS.filter((area) => loaded.entries.filter((e) => e.area === area).length < 15);
    expect(thin).toEqual([]);
  });

  it('states the current FDA approvals for alopecia areata', () => {
    const byId = new Map(loaded.entries.map((e) => [e.id, e]));
    expect(`${byId.get('baricitinib')?.short} ${byId.get('baricitinib')?.long}`).toMatch(/June 2022/);
    // The date and who it is for, in whatever order the plain-language text puts them.
    expect(byId.get('ritlecitinib')?.short).toMatch(/June 2023/);
    expect(byId.get('ritlecitinib')?.short).toMatch(/\b12\b/);
    expect(byId.get('deuruxolitinib')?.short).toMatch(/July 2024/);
    expect(byId.get('deuruxolitinib')?.short).toMatch(/\badults\b/);
  });
});
