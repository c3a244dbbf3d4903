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

export const SETTINGS_VERSION = 1;

const SettingsSchema = v.object({
  /** Master switch: off means no scanning, no highlights and no UI on any page. */
  enabled: v.fallback(v.boolean(), true),
  /**
   * How long the pointer must rest on a term before its popover opens. 400 ms sits inside the
   * 300–500 ms range hover-intent studies recommend: long enough that sweeping across a paragraph
   * opens nothing, short enough to feel like an answer.
   */
  hoverDelayMs: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3000)), 400),
  /** Mark only the first occurrence of each term on a page (less ink on term-dense articles). */
  firstOnly: v.fallback(v.boolean(), false),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(v.parse(SettingsSchema, {}));

/** Validates a stored value field by field; never throws. */
export function parseSettings(raw: unknown): Settings {
  const input = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  return v.parse(SettingsSchema, input);
}

/** The stored record: settings plus any keys this version does not know. */
type StoredSettings = Record<string, unknown>;

export const settingsItem = storage.defineItem<StoredSettings>('sync:settings', {
  fallback: {},
  version: SETTINGS_VERSION,
});

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const stored = await settingsItem.getValue();
  const base = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
  const next = { ...base, ...patch };
  await settingsItem.setValue(next);
  return parseSettings(next);
}

/** Calls `onChange` with the validated settings whenever any context changes them. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
}
