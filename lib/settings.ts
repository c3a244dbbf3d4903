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

export const settingsItem = storage.defineItem<StoredSettings>('sync:settings', {
  fallback: {},
  version: SETTINGS_VERSION,
  migrations: { 2: migrateV1ToV2 },
});

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/**
 * Writes `patch` over the stored record. Unknown keys, at the top level and inside `categories`,
 * are kept: a newer version in another synced browser may have written them.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const stored = await settingsItem.getValue();
  const base = isRecord(stored) ? stored : {};
  const next: StoredSettings = { ...base, ...patch };
  if (patch.categories && isRecord(base.categories)) next.categories = { ...base.categories, ...patch.categories };
  await settingsItem.setValue(next);
  return parseSettings(next);
}

/** Calls `onChange` with the validated settings whenever any context changes them. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
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
