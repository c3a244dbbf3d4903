/**
 * Every reader setting, its type, default and validation, in one module that the content script,
 * popup, options page and background all import. Stored with @wxt-dev/storage in `sync` storage,
 * so a reader's choices follow them across their browsers.
 *
 * Reads are forgiving by design: each field is validated on its own and a corrupt or unknown value
 * falls back to that field's default without disturbing the others. Unknown keys are kept on
 * write, because a newer version of the extension in another synced browser may have added them.
 */
import { storage } from '@wxt-dev/storage';
import * as v from 'valibot';
import { CATEGORIES, type Category } from './compiled/categories';
import { normalizeHostname } from './site';

/**
 * Version history of the stored record:
 * - 1: `{ enabled, hoverDelayMs (0–3000), firstOnly }`.
 * - 2: adds per-site and timed pauses, mark style, trigger, categories, popover theme and text
 *   size, and the badge; narrows `hoverDelayMs` to 100–2000 (see `migrateV1ToV2`).
 */
export const SETTINGS_VERSION = 2;

export const MARK_STYLES = ['dotted', 'solid', 'background', 'none'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];
export const TRIGGERS = ['hover', 'modifier', 'click'] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const MODIFIER_KEYS = ['Alt', 'Control', 'Shift', 'Meta'] as const;
export type ModifierKey = (typeof MODIFIER_KEYS)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const TEXT_SIZES = ['small', 'medium', 'large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/**
 * Which terms are marked, by how well a lay reader already knows them (an entry's familiarity):
 * every term, all but everyday words, or specialist terms only. With well over a thousand entries a
 * health article would otherwise be underlined every few words.
 */
export const MARK_TERMS = ['all', 'not-everyday', 'specialist'] as const;
export type MarkTerms = (typeof MARK_TERMS)[number];

/**
 * Below ~100 ms a pointer crossing a line of text opens popovers all the time (the problem hover
 * intent exists to solve); above 2 s a reader who wants deliberate opening is better served by the
 * click or modifier trigger.
 */
export const HOVER_DELAY_MIN_MS = 100;
export const HOVER_DELAY_MAX_MS = 2000;
/**
 * 400 ms sits inside the 300–500 ms range hover-intent studies recommend (jQuery hoverIntent's
 * sensitivity polling, menu-aim work and Nielsen Norman's guidance that hover menus wait ~0.3–0.5 s):
 * long enough that sweeping across a paragraph opens nothing, short enough to feel like an answer.
 */
export const DEFAULT_HOVER_DELAY_MS = 400;

/** Keeps the valid hostnames of a stored list, normalised and without duplicates. */
const HostnameListSchema = v.pipe(
  v.array(v.unknown()),
  v.transform((items) => {
    const hosts = new Set<string>();
    for (const item of items) {
      const host = typeof item === 'string' ? normalizeHostname(item) : undefined;
      if (host) hosts.add(host);
    }
    return [...hosts];
  }),
);

/** One switch per glossary category, each falling back to "on" by itself. */
const CategoriesSchema = v.object(
  Object.fromEntries(CATEGORIES.map((category) => [category, v.fallback(v.boolean(), true)])) as Record<
    Category,
    v.SchemaWithFallback<v.BooleanSchema<undefined>, true>
  >,
);
export type CategorySwitches = Record<Category, boolean>;

const SettingsSchema = v.object({
  /** Master switch: off means no scanning, no marks and no UI on any page. */
  enabled: v.fallback(v.boolean(), true),
  /**
   * Hostnames where the extension is off ("example.com" also covers its subdomains). Stored
   * lower-case, without "www.", a port or a path; invalid items are dropped one by one.
   */
  disabledSites: v.fallback(HostnameListSchema, []),
  /**
   * A pause that ends by itself: epoch milliseconds until which the extension is off everywhere,
   * or 0 for no pause. Content scripts set a timer for the end, so pages resume without a reload.
   */
  pausedUntil: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  /**
   * How marked terms look: a dotted or solid underline, a tinted background, or no mark at all
   * (terms still open on hover). Colours follow the page's light or dark scheme.
   */
  markStyle: v.fallback(v.picklist(MARK_STYLES), 'dotted'),
  /**
   * What opens a popover: resting the pointer on a term (`hover`), resting it while holding
   * `modifierKey` (`modifier`), or clicking the term (`click`).
   */
  trigger: v.fallback(v.picklist(TRIGGERS), 'hover'),
  /** The key held for the `modifier` trigger. Alt is Option on a Mac. */
  modifierKey: v.fallback(v.picklist(MODIFIER_KEYS), 'Alt'),
  /** How long the pointer rests on a term before its popover opens (hover and modifier triggers). */
  hoverDelayMs: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_MIN_MS), v.maxValue(HOVER_DELAY_MAX_MS)),
    DEFAULT_HOVER_DELAY_MS,
  ),
  /** Mark only the first occurrence of each term on a page (less ink on term-dense articles). */
  firstOnly: v.fallback(v.boolean(), false),
  /** Which terms to mark by familiarity; everyday words are left unmarked by default. */
  markTerms: v.fallback(v.picklist(MARK_TERMS), 'not-everyday'),
  /** Which glossary categories are marked; all on by default. Off categories are not matched. */
  categories: v.fallback(CategoriesSchema, () => allCategoriesOn()),
  /** Popover colours: follow the system, or force light or dark. */
  theme: v.fallback(v.picklist(THEMES), 'system'),
  /** Popover text size. */
  textSize: v.fallback(v.picklist(TEXT_SIZES), 'medium'),
  /** Show the number of distinct terms on a tab on the toolbar button. */
  showBadge: v.fallback(v.boolean(), true),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

function allCategoriesOn(): CategorySwitches {
  return Object.fromEntries(CATEGORIES.map((category) => [category, true])) as CategorySwitches;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(v.parse(SettingsSchema, {}));

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

/** Validates a stored value field by field; never throws. */
export function parseSettings(raw: unknown): Settings {
  return v.parse(SettingsSchema, isRecord(raw) ? raw : {});
}

/**
 * v1 → v2. v1 accepted any delay from 0 to 3000 ms. v2 narrows it (see HOVER_DELAY_MIN_MS) and
 * adds the click trigger: a reader who had pushed the delay past 2 s did so to stop popovers
 * opening by accident, which is what the click trigger is for, so they get it; a delay below
 * 100 ms becomes 100 ms. Everything else, including unknown keys, is kept as it was.
 */
export function migrateV1ToV2(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const next: Record<string, unknown> = { ...raw };
  const delay = raw.hoverDelayMs;
  if (typeof delay === 'number' && Number.isFinite(delay)) {
    if (delay > HOVER_DELAY_MAX_MS) {
      next.trigger = 'click';
      next.hoverDelayMs = DEFAULT_HOVER_DELAY_MS;
    } else if (delay < HOVER_DELAY_MIN_MS) {
      next.hoverDelayMs = HOVER_DELAY_MIN_MS;
    } else {
      next.hoverDelayMs = Math.round(delay);
    }
  }
  return next;
}

/** The stored record: settings plus any keys this version does not know. */
type StoredSettings = Record<string, unknown>;

/**
 * storage.sync's limits (Chrome's and Firefox's are the same): one item's key plus its JSON may
 * take 8,192 bytes, all items together 102,400. A write over either is rejected whole.
 */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;
export const SYNC_QUOTA_BYTES = 102_400;

/** What one item costs against SYNC_QUOTA_BYTES_PER_ITEM: its key and its value as JSON, in UTF-8. */
export function syncItemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

/**
 * Where each part of the settings lives. The list of sites where the extension is off can grow
 * without bound (a reader adds sites for years), so it has an item of its own: when it is full,
 * only adding a site fails, and the master switch, the pause and every other setting, which stay
 * a few hundred bytes, can always still be written.
 */
export const SETTINGS_KEY = 'settings';
export const SITES_KEY = 'disabledSites';

/**
 * No migrations here: this module runs in every frame's content script, the popup and the
 * options page, and a migration is a read-modify-write that would race the reader's own changes
 * from each of them. The background runs it once (`migrateStoredSettings`).
 */
export const settingsItem = storage.defineItem<StoredSettings>(`sync:${SETTINGS_KEY}`, { fallback: {} });
/** The site list: an array of hostnames; null until first written (then the record's old list counts). */
export const sitesItem = storage.defineItem<unknown>(`sync:${SITES_KEY}`, { fallback: null });

/** Why a settings write failed: the site list is full, or storage refused (quota, rate, offline). */
export class SettingsWriteError extends Error {
  constructor(
    readonly reason: 'sites-full' | 'storage',
    options?: ErrorOptions,
  ) {
    super(reason === 'sites-full' ? 'The list of sites is full' : 'The settings could not be saved', options);
    this.name = 'SettingsWriteError';
  }
}

function settingsFrom(record: unknown, sites: unknown): Settings {
  const base = isRecord(record) ? record : {};
  // Until the list has its own item (a reader's first change of it), the record's list counts.
  return parseSettings(sites === null || sites === undefined ? base : { ...base, disabledSites: sites });
}

export async function loadSettings(): Promise<Settings> {
  const [record, sites] = await Promise.all([settingsItem.getValue(), sitesItem.getValue()]);
  return settingsFrom(record, sites);
}

/**
 * Writes `patch`: the site list to its own item, everything else over the stored record. Unknown
 * keys, at the top level and inside `categories`, are kept: a newer version in another synced
 * browser may have written them. Rejects with a SettingsWriteError when storage refuses; nothing
 * of that part is then stored, and the caller must show the stored settings again.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const { disabledSites, ...rest } = patch;
  if (disabledSites !== undefined) {
    const list = parseSettings({ disabledSites }).disabledSites;
    if (syncItemBytes(SITES_KEY, list) > SYNC_QUOTA_BYTES_PER_ITEM) throw new SettingsWriteError('sites-full');
    await sitesItem.setValue(list).catch((cause: unknown) => {
      throw new SettingsWriteError('storage', { cause });
    });
  }
  const stored = await settingsItem.getValue();
  const base = isRecord(stored) ? stored : {};
  const next: StoredSettings = { ...base, ...rest };
  if (rest.categories && isRecord(base.categories)) next.categories = { ...base.categories, ...rest.categories };
  // The record's own list is dropped once the list has its item, so the record stays small.
  if ('disabledSites' in next && (disabledSites !== undefined || (await sitesItem.getValue()) !== null)) delete next.disabledSites;
  if (Object.keys(rest).length > 0 || 'disabledSites' in base !== 'disabledSites' in next) {
    await settingsItem.setValue(next).catch((cause: unknown) => {
      throw new SettingsWriteError('storage', { cause });
    });
  }
  return loadSettings();
}

/** Calls `onChange` with the validated settings whenever any context changes them. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  let record: unknown;
  let sites: unknown;
  let known = false;
  const read = loadRaw().then((raw) => {
    if (!known) ({ record, sites } = raw);
    known = true;
  });
  const changed = (apply: () => void) =>
    void read.then(() => {
      apply();
      onChange(settingsFrom(record, sites));
    });
  const unwatchRecord = settingsItem.watch((value) => changed(() => (record = value)));
  const unwatchSites = sitesItem.watch((value) => changed(() => (sites = value)));
  return () => {
    unwatchRecord();
    unwatchSites();
  };
}

async function loadRaw(): Promise<{ record: unknown; sites: unknown }> {
  const [record, sites] = await Promise.all([settingsItem.getValue(), sitesItem.getValue()]);
  return { record, sites };
}

/** The parts of a storage area the migration uses (storage.sync; a fake in tests). */
export interface MigrationArea {
  get: (keys: string[]) => Promise<Record<string, unknown>>;
  set: (items: Record<string, unknown>) => Promise<void>;
  onChanged: {
    addListener: (listener: (changes: Record<string, { newValue?: unknown }>) => void) => void;
    removeListener: (listener: (changes: Record<string, { newValue?: unknown }>) => void) => void;
  };
}

const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

/**
 * Brings a stored record of an older version up to SETTINGS_VERSION. Run once, by the background
 * at start-up. storage.sync has no transactions, so a reader's change made between this read and
 * this write would be overwritten: any write of the record that lands in between (seen through
 * onChanged) is a newer version's and is put back over the migrated one. Resolves true when it
 * migrated something.
 */
export async function migrateStoredSettings(area: MigrationArea): Promise<boolean> {
  // Every write of the record from before the read on, in the order storage applied them.
  const writes: unknown[] = [];
  const listener = (changes: Record<string, { newValue?: unknown }>) => {
    if (SETTINGS_KEY in changes) writes.push(changes[SETTINGS_KEY]?.newValue);
  };
  area.onChanged.addListener(listener);
  try {
    const stored = await area.get([SETTINGS_KEY, SETTINGS_META_KEY]);
    const value = stored[SETTINGS_KEY];
    const meta = isRecord(stored[SETTINGS_META_KEY]) ? stored[SETTINGS_META_KEY] : {};
    const version = typeof meta.v === 'number' ? meta.v : 1;
    if (!isRecord(value) || version >= SETTINGS_VERSION) return false;
    const read = JSON.stringify(value);
    const migrated = migrateV1ToV2(value);
    await area.set({ [SETTINGS_KEY]: migrated, [SETTINGS_META_KEY]: { ...meta, v: SETTINGS_VERSION } });
    // Change events arrive after the write resolves; give them a turn to come in.
    await new Promise((resolveLater) => setTimeout(resolveLater, 0));
    const own = writes.findLastIndex((write) => JSON.stringify(write) === JSON.stringify(migrated));
    // A reader's write that storage applied after the read and before this write: it was
    // overwritten, so it goes back (in the new format: it may carry the old record's values).
    const lost = writes.slice(0, Math.max(0, own)).filter((write) => JSON.stringify(write) !== read).at(-1);
    if (own === writes.length - 1 && isRecord(lost)) await area.set({ [SETTINGS_KEY]: migrateV1ToV2(lost) });
    return true;
  } finally {
    area.onChanged.removeListener(listener);
  }
}

/** Where extension pages keep a synchronous copy of the last settings they saw. */
const SETTINGS_CACHE_KEY = 'health-glossary:settings-cache';

/**
 * The last settings an extension page saw, read synchronously, so the popup can draw its first
 * frame at once instead of after a round trip to storage.sync; the stored settings replace them a
 * moment later. Validated like any stored value; undefined when absent, unreadable or corrupt.
 */
export function readCachedSettings(cache: Pick<Storage, 'getItem'> | undefined): Settings | undefined {
  try {
    const raw = cache?.getItem(SETTINGS_CACHE_KEY);
    return raw ? parseSettings(JSON.parse(raw)) : undefined;
  } catch {
    return undefined;
  }
}

export function cacheSettings(cache: Pick<Storage, 'setItem'> | undefined, settings: Settings): void {
  try {
    cache?.setItem(SETTINGS_CACHE_KEY, JSON.stringify(settings));
  } catch {
    // A full or disabled localStorage only costs the fast first frame.
  }
}
