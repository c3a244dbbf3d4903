import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CATEGORIES } from '../../lib/compiled/categories';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  loadSettings,
  migrateStoredSettings,
  migrateV1ToV2,
  parseSettings,
  updateSettings,
  watchSettings,
} from '../../lib/settings';

const allOn = Object.fromEntries(CATEGORIES.map((c) => [c, true]));

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('has documented defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      enabled: true,
      disabledSites: [],
      pausedUntil: 0,
      markStyle: 'dotted',
      markTerms: 'not-everyday',
      trigger: 'hover',
      modifierKey: 'Alt',
      hoverDelayMs: 400,
      firstOnly: false,
      categories: allOn,
      theme: 'system',
      textSize: 'medium',
      showBadge: true,
    });
  });

  it('falls back field by field, keeping the valid values', () => {
    expect(parseSettings({ enabled: false, hoverDelayMs: 'soon', firstOnly: 3 })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(parseSettings({ hoverDelayMs: -5 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ hoverDelayMs: 50 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ hoverDelayMs: 2500 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ hoverDelayMs: 250 })).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 250 });
    expect(parseSettings({ markStyle: 'wavy', trigger: 'click', theme: 'dark', textSize: 'huge' })).toEqual({
      ...DEFAULT_SETTINGS,
      trigger: 'click',
      theme: 'dark',
    });
    expect(parseSettings({ modifierKey: 'alt', showBadge: false })).toEqual({ ...DEFAULT_SETTINGS, showBadge: false });
    expect(parseSettings({ pausedUntil: 1.5 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ pausedUntil: 1_700_000_000_000 }).pausedUntil).toBe(1_700_000_000_000);
  });

  it('validates each category switch on its own', () => {
    expect(parseSettings({ categories: { drug: false, sign: 'no', unknownCategory: false } }).categories).toEqual({ ...allOn, drug: false });
    expect(parseSettings({ categories: 'none' }).categories).toEqual(allOn);
  });

  it('keeps the valid hostnames of a site list, normalised, and drops the rest', () => {
    expect(parseSettings({ disabledSites: ['Example.COM', 'https://www.news.org/a', 42, 'not a host', 'example.com'] }).disabledSites).toEqual([
      'example.com',
      'news.org',
    ]);
    expect(parseSettings({ disabledSites: 'example.com' }).disabledSites).toEqual([]);
  });

  it('treats a corrupt stored record as defaults', () => {
    for (const raw of [null, undefined, 'x', 42, [true], { enabled: null }]) expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads corrupt storage without throwing and keeps unknown keys on write', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'yes', fromNewerVersion: 7 }, settings$: { v: SETTINGS_VERSION } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings({ enabled: false });
    const stored = (await fakeBrowser.storage.sync.get('settings')).settings;
    expect(stored).toMatchObject({ enabled: false, fromNewerVersion: 7 });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('keeps unknown category keys when categories change', async () => {
    await fakeBrowser.storage.sync.set({ settings: { categories: { anatomy: false, drug: true } }, settings$: { v: SETTINGS_VERSION } });
    await updateSettings({ categories: { ...allOn, drug: false } as typeof DEFAULT_SETTINGS.categories });
    const stored = (await fakeBrowser.storage.sync.get('settings')).settings as { categories: Record<string, boolean> };
    expect(stored.categories).toMatchObject({ anatomy: false, drug: false });
  });

  it('notifies watchers with validated settings', async () => {
    const seen: boolean[] = [];
    const unwatch = watchSettings((s) => seen.push(s.enabled));
    await updateSettings({ enabled: false });
    await updateSettings({ enabled: true });
    unwatch();
    expect(seen).toEqual([false, true]);
  });
});

describe('migration from version 1', () => {
  beforeEach(() => fakeBrowser.reset());

  it('maps v1 delays into the v2 range and keeps everything else', () => {
    expect(migrateV1ToV2({ enabled: false, hoverDelayMs: 600, firstOnly: true, extra: 'kept' })).toEqual({
      enabled: false,
      hoverDelayMs: 600,
      firstOnly: true,
      extra: 'kept',
    });
    expect(migrateV1ToV2({ hoverDelayMs: 0 })).toEqual({ hoverDelayMs: 100 });
    // Pushing the delay to v1's far end meant "do not open by accident": that is the click trigger.
    expect(migrateV1ToV2({ hoverDelayMs: 3000 })).toEqual({ hoverDelayMs: 400, trigger: 'click' });
    expect(migrateV1ToV2({ hoverDelayMs: 'soon' })).toEqual({ hoverDelayMs: 'soon' });
    expect(migrateV1ToV2('garbage')).toEqual({});
  });

  it('migrates a stored v1 record in place and records the new version', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: false, hoverDelayMs: 2800, firstOnly: true } });
    expect(await migrateStoredSettings(fakeBrowser.storage.sync)).toBe(true);
    const after = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(after.settings$).toEqual({ v: 2 });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false, firstOnly: true, trigger: 'click' });
  });

  it('leaves a record already at the current version alone', async () => {
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: 2800 }, settings$: { v: SETTINGS_VERSION } });
    expect(await migrateStoredSettings(fakeBrowser.storage.sync)).toBe(false);
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual({ hoverDelayMs: 2800 });
  });
});

describe('settings cache for a fast first frame', () => {
  const memory = () => {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
  };

  it('round-trips settings and validates what it reads', async () => {
    const { cacheSettings, readCachedSettings, DEFAULT_SETTINGS } = await import('../../lib/settings');
    const cache = memory();
    expect(readCachedSettings(cache)).toBeUndefined();
    cacheSettings(cache, { ...DEFAULT_SETTINGS, enabled: false });
    expect(readCachedSettings(cache)).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    cache.map.set([...cache.map.keys()][0]!, '{"enabled": "nope", "hoverDelayMs": 250');
    expect(readCachedSettings(cache)).toBeUndefined();
    cache.map.set([...cache.map.keys()][0]!, '{"enabled": "nope", "hoverDelayMs": 250}');
    expect(readCachedSettings(cache)).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 250 });
  });

  it('never throws when storage does', async () => {
    const { cacheSettings, readCachedSettings, DEFAULT_SETTINGS } = await import('../../lib/settings');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(readCachedSettings(broken)).toBeUndefined();
    expect(() => cacheSettings(broken, DEFAULT_SETTINGS)).not.toThrow();
  });
});
