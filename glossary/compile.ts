/**
 * Reads glossary/entries/*.yaml, validates every entry against the schema and against each other,
 * and produces the CompiledGlossary the extension ships. Runs in Node only (build, tests, report).
 *
 * Errors name the file and the field, because the person fixing them is an editor looking at one
 * file, not a developer reading a stack trace.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { EntrySchema, PublishersSchema, type Entry, type Publisher } from './schema';
import type { AliasSpec, CompiledEntry, CompiledGlossary } from '../lib/compiled/compiled';
import { checkReadability, LONG_READING_GRADE_CEILING, READING_GRADE_CEILING } from './readability';
import { foldKey } from '../lib/matcher/fold';
import { buildMatcherTables } from '../lib/matcher';
import { PrefilterBuilder } from '../lib/matcher/prefilter';
import { serializeMatcherTables } from '../lib/matcher/serialize';

export interface GlossaryProblem {
  file: string;
  field: string;
  message: string;
}

export interface LoadedGlossary {
  entries: Entry[];
  /** Entry id → path of its file, relative to the project root. */
  files: Map<string, string>;
  publishers: Record<string, Publisher>;
  errors: GlossaryProblem[];
  warnings: GlossaryProblem[];
}

export interface LoadOptions {
  /** The glossary folder (holding entries/ and publishers.yaml). */
  dir: string;
  /** Paths in messages are shown relative to this (the project root). */
  root?: string;
  /** "Today" for review-date checks; injectable so tests do not depend on the clock. */
  today?: Date;
}

export function formatProblem(p: GlossaryProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((item) => item.key as string | number) ?? [];
  if (path.length === 0) return '(entry)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

function readYaml(file: string, shown: string, errors: GlossaryProblem[]): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'), { prettyErrors: true });
  } catch (error) {
    errors.push({ file: shown, field: '(file)', message: `not valid YAML: ${(error as Error).message}` });
    return undefined;
  }
}

export function loadGlossary(options: LoadOptions): LoadedGlossary {
  const { dir } = options;
  const root = options.root ?? join(dir, '..');
  const today = options.today ?? new Date();
  const show = (path: string) => relative(root, path);
  const errors: GlossaryProblem[] = [];
  const warnings: GlossaryProblem[] = [];

  const publishersFile = join(dir, 'publishers.yaml');
  let publishers: Record<string, Publisher> = {};
  if (!existsSync(publishersFile)) {
    errors.push({ file: show(publishersFile), field: '(file)', message: 'the allowed publishers list is missing' });
  } else {
    const parsed = v.safeParse(PublishersSchema, readYaml(publishersFile, show(publishersFile), errors));
    if (parsed.success) publishers = parsed.output;
    else for (const issue of parsed.issues) errors.push({ file: show(publishersFile), field: issuePath(issue), message: issue.message });
  }

  const entriesDir = join(dir, 'entries');
  const names = existsSync(entriesDir) ? readdirSync(entriesDir).filter((n) => !n.startsWith('.')).sort() : [];
  const entries: Entry[] = [];
  const files = new Map<string, string>();

  for (const name of names) {
    const path = join(entriesDir, name);
    const shown = show(path);
    if (!name.endsWith('.yaml')) {
      errors.push({ file: shown, field: '(file)', message: 'entry files must end in .yaml' });
      continue;
    }
    const raw = readYaml(path, shown, errors);
    if (raw === undefined) continue;
    const parsed = v.safeParse(EntrySchema, raw);
    if (!parsed.success) {
      for (const issue of parsed.issues) errors.push({ file: shown, field: issuePath(issue), message: issue.message });
      continue;
    }
    const entry = parsed.output;
    if (entry.id !== basename(name, '.yaml')) {
      errors.push({ file: shown, field: 'id', message: `id "${entry.id}" must match the file name "${basename(name, '.yaml')}"` });
    }
    if (files.has(entry.id)) {
      errors.push({ file: shown, field: 'id', message: `id "${entry.id}" is already used by ${files.get(entry.id)}` });
      continue;
    }
    files.set(entry.id, shown);
    entries.push(entry);
  }

  checkCrossReferences(entries, files, publishers, today, errors);
  checkReadingLevel(entries, files, errors);
  checkReviewDue(entries, files, today, warnings);
  return { entries, files, publishers, errors, warnings };
}

/** Every reader sees `short` first and many open `long`, so both reading levels are build rules. */
function checkReadingLevel(entries: Entry[], files: Map<string, string>, errors: GlossaryProblem[]): void {
  for (const entry of entries) {
    const short = checkReadability(entry.short, READING_GRADE_CEILING);
    if (short) errors.push({ file: files.get(entry.id)!, field: 'short', message: short });
    const long = checkReadability(entry.long, LONG_READING_GRADE_CEILING);
    if (long) errors.push({ file: files.get(entry.id)!, field: 'long', message: long });
  }
}

/**
 * A source must be a page about the claim: a search-result page or a site's home page backs
 * nothing in particular, and its results change under the entry.
 */
export function sourceUrlProblem(url: string): string | undefined {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path === '' || /^\/(index\.html?|default\.aspx?|home|en|en-us)$/i.test(path)) {
    return 'a source must be a page about the term, not a home page';
  }
  const params = [...parsed.searchParams.keys()].map((k) => k.toLowerCase());
  if (/(^|\/)(search|results?)(\.\w+)?(\/|$)/i.test(path) || /search\.cfm$/i.test(path) || params.some((k) => ['q', 'query', 'term', 'search', 'searchterm', 'keys'].includes(k))) {
    return 'a source must be a page about the term, not a search-result page';
  }
  return undefined;
}

/** Which entries the medicine rules apply to, and that they say what a medicine's reader needs. */
function checkMedicine(entry: Entry, file: string, errors: GlossaryProblem[]): void {
  if (entry.category === 'drug' && !entry.medicine && !entry.drugClass) {
    errors.push({ file, field: 'medicine', message: 'a drug entry needs a medicine block (treats, availability, approval, ages, boxedWarnings, sideEffects), or drugClass: true for a class of medicines' });
  }
  if (entry.category !== 'drug' && (entry.medicine || entry.drugClass)) {
    errors.push({ file, field: entry.medicine ? 'medicine' : 'drugClass', message: 'only entries of category drug describe a medicine' });
  }
  if (entry.medicine && entry.drugClass) {
    errors.push({ file, field: 'drugClass', message: 'an entry is either one medicine (medicine block) or a class (drugClass: true), not both' });
  }
}

/** Entries are re-checked against their sources yearly; the day after this date they are due. */
export function reviewDueDate(reviewed: string): string {
  const due = new Date(`${reviewed}T00:00:00Z`);
  due.setUTCFullYear(due.getUTCFullYear() + 1);
  return due.toISOString().slice(0, 10);
}

/** Overdue reviews warn rather than fail: stale text is a task for an editor, not a broken build. */
function checkReviewDue(entries: Entry[], files: Map<string, string>, today: Date, warnings: GlossaryProblem[]): void {
  const todayIso = today.toISOString().slice(0, 10);
  for (const entry of entries) {
    const due = reviewDueDate(entry.reviewed);
    if (todayIso > due) {
      warnings.push({ file: files.get(entry.id)!, field: 'reviewed', message: `last reviewed ${entry.reviewed}; a yearly review was due ${due}` });
    }
  }
}

/**
 * Folds an alias with the matcher's own folding, so two aliases are reported as duplicates exactly
 * when the matcher could not tell them apart.
 */
function aliasKey(text: string, caseSensitive: boolean): string {
  const key = foldKey(text);
  return caseSensitive ? key.cased : key.folded;
}

function checkCrossReferences(
  entries: Entry[],
  files: Map<string, string>,
  publishers: Record<string, Publisher>,
  today: Date,
  errors: GlossaryProblem[],
): void {
  const claims = new Map<string, { id: string; sharedWith: string[] }[]>();
  const todayIso = today.toISOString().slice(0, 10);

  for (const entry of entries) {
    const file = files.get(entry.id)!;
    for (const [i, related] of entry.related.entries()) {
      if (!files.has(related)) errors.push({ file, field: `related[${i}]`, message: `no entry has the id "${related}"` });
      if (related === entry.id) errors.push({ file, field: `related[${i}]`, message: 'an entry cannot be related to itself' });
    }
    checkMedicine(entry, file, errors);
    for (const [i, source] of entry.sources.entries()) {
      const urlProblem = sourceUrlProblem(source.url);
      if (urlProblem) errors.push({ file, field: `sources[${i}].url`, message: urlProblem });
      if (source.read && source.read > todayIso) errors.push({ file, field: `sources[${i}].read`, message: `${source.read} is in the future` });
      const publisher = publishers[source.publisher];
      if (!publisher) {
        errors.push({ file, field: `sources[${i}].publisher`, message: `"${source.publisher}" is not in glossary/publishers.yaml` });
        continue;
      }
      const host = new URL(source.url).hostname;
      if (!publisher.domains.some((d) => host === d || host.endsWith(`.${d}`))) {
        errors.push({ file, field: `sources[${i}].url`, message: `${host} is not a domain of ${source.publisher} (${publisher.domains.join(', ')})` });
      }
    }
    if (entry.reviewed > todayIso) errors.push({ file, field: 'reviewed', message: `${entry.reviewed} is in the future` });

    const forms = [{ text: entry.name, caseSensitive: entry.nameRule?.caseSensitive ?? false, sharedWith: [] as string[], field: 'name' }];
    entry.aliases.forEach((alias, i) => {
      if (typeof alias === 'string') forms.push({ text: alias, caseSensitive: false, sharedWith: [], field: `aliases[${i}]` });
      else forms.push({ text: alias.text, caseSensitive: alias.caseSensitive, sharedWith: alias.sharedWith ?? [], field: `aliases[${i}]` });
    });
    const ownKeys = new Set<string>();
    for (const form of forms) {
      const key = aliasKey(form.text, form.caseSensitive);
      if (ownKeys.has(key)) {
        errors.push({ file, field: form.field, message: `"${form.text}" is listed twice in this entry` });
        continue;
      }
      ownKeys.add(key);
      for (const other of form.sharedWith) {
        if (!files.has(other)) errors.push({ file, field: `${form.field}.sharedWith`, message: `no entry has the id "${other}"` });
      }
      const list = claims.get(key) ?? [];
      list.push({ id: entry.id, sharedWith: form.sharedWith });
      claims.set(key, list);
    }
  }

  for (const [key, claimants] of claims) {
    if (claimants.length < 2) continue;
    for (const a of claimants) {
      for (const b of claimants) {
        if (a === b) continue;
        if (!a.sharedWith.includes(b.id)) {
          errors.push({
            file: files.get(a.id)!,
            field: 'aliases',
            message: `"${key}" is also claimed by ${b.id}; declare sharedWith: [${b.id}] on both entries if that is intended`,
          });
        }
      }
    }
  }
}

export function compileGlossary(loaded: LoadedGlossary): CompiledGlossary {
  const entries: Record<string, CompiledEntry> = {};
  const aliases: AliasSpec[] = [];
  for (const entry of loaded.entries) {
    entries[entry.id] = {
      id: entry.id,
      name: entry.name,
      category: entry.category,
      area: entry.area,
      familiarity: entry.familiarity,
      ...(entry.pronunciation ? { pronunciation: entry.pronunciation } : {}),
      short: entry.short,
      long: entry.long,
      ...(entry.getHelp ? { getHelp: entry.getHelp } : {}),
      ...(entry.medicine ? { medicine: entry.medicine } : {}),
      related: entry.related,
      sources: entry.sources.map((s) => ({ publisher: loaded.publishers[s.publisher]?.name ?? s.publisher, title: s.title, url: s.url })),
      reviewed: entry.reviewed,
      ...(entry.codes ? { codes: entry.codes } : {}),
    };
    aliases.push({
      text: entry.name,
      entryId: entry.id,
      caseSensitive: entry.nameRule?.caseSensitive ?? false,
      ...(entry.nameRule?.context ? { context: entry.nameRule.context } : {}),
    });
    for (const alias of entry.aliases) {
      if (typeof alias === 'string') aliases.push({ text: alias, entryId: entry.id, caseSensitive: false });
      else aliases.push({ text: alias.text, entryId: entry.id, caseSensitive: alias.caseSensitive, ...(alias.context ? { context: alias.context } : {}) });
    }
  }
  return { entries, aliases, ...matcherData(aliases) };
}

/**
 * The matcher for `aliases` as the glossary ships it: built here, once, for every alias, so a page
 * loads its tables instead of building them (a reader's category switches only turn entries off),
 * with the gate in front of it.
 */
export function matcherData(aliases: readonly AliasSpec[]): Pick<CompiledGlossary, 'gate' | 'matcher'> {
  const gate = new PrefilterBuilder();
  const matcher = serializeMatcherTables(buildMatcherTables(aliases, gate));
  return { gate: gate.spec(), matcher };
}

export class GlossaryBuildError extends Error {
  constructor(readonly problems: GlossaryProblem[]) {
    super(`The glossary has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'GlossaryBuildError';
  }
}

/** Load, validate and compile; throws GlossaryBuildError listing every problem. */
export function buildGlossary(options: LoadOptions): CompiledGlossary {
  const loaded = loadGlossary(options);
  if (loaded.errors.length > 0) throw new GlossaryBuildError(loaded.errors);
  return compileGlossary(loaded);
}
