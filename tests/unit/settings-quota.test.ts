import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  migrateStoredSettings,
  SettingsWriteError,
  SYNC_QUOTA_BYTES,
  SYNC_QUOTA_BYTES_PER_ITEM,
  syncItemBytes,
  updateSettings,
  watchSettings,
  type MigrationArea,
} from '../../lib/settings';
import { MAX_HOSTNAME_LENGTH, normalizeHostname, withSite } from '../../lib/site';

/**
 * storage.sync with the real limits: the fake browser stores anything, the browsers reject a
 * write whose item (key + JSON) passes 8,192 bytes or that takes the area past 102,400, whole.
 */
function enforceSyncQuotas(): void {
  const sync = fakeBrowser.storage.sync;
  const set = sync.set.bind(sync);
  vi.spyOn(sync, 'set').mockImplementation(async (items: Record<string, unknown>) => {
    const current = await sync.get(null);
    const next = { ...current, ...items };
    for (const [key, value] of Object.entries(items)) {
      if (syncItemBytes(key, value) > SYNC_QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    const total = Object.entries(next).reduce((sum, [key, value]) => sum + syncItemBytes(key, value), 0);
    if (total > SYNC_QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    await set(items);
  });
}

afterEach(() => vi.restoreAllMocks());

/** `count` plausible hostnames, ~20 characters each: about what a long-time reader collects. */
function sites(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `news-site-${String(i).padStart(4, '0')}.example`).sort();
}

describe('settings writes within storage.sync quotas', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    enforceSyncQuotas();
  });

  it('the master switch and the pause are still stored with a full site list', async () => {
    // ~8,000 bytes of sites: with every setting in one item, no other change would fit.
    const many = sites(320);
    await updateSettings({ disabledSites: many });
    expect((await loadSettings()).disabledSites).toHaveLength(320);
    await updateSettings({ enabled: false });
    await updateSettings({ pausedUntil: 1_900_000_000_000 });
    expect(await loadSettings()).toMatchObject({ enabled: false, pausedUntil: 1_900_000_000_000, disabledSites: many });
  });

  it('a site list over the item quota is refused as "full", and nothing of it is stored', async () => {
    await updateSettings({ disabledSites: ['kept.example'] });
    const tooMany = sites(400);
    const error = await updateSettings({ disabledSites: tooMany }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as SettingsWriteError).reason).toBe('sites-full');
    expect((await loadSettings()).disabledSites).toEqual(['kept.example']);
  });

  it('a write storage refuses rejects (not silently dropped) with reason "storage"', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    const error = await updateSettings({ enabled: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsWriteError);
    expect((error as SettingsWriteError).reason).toBe('storage');
  });

  it('one pasted hostname cannot fill the record: names over 253 characters are refused', () => {
    const label = 'a'.repeat(63);
    const longest = [label, label, label, 'a'.repeat(61)].join('.');
    expect(longest).toHaveLength(MAX_HOSTNAME_LENGTH);
    expect(normalizeHostname(longest)).toBe(longest);
    expect(normalizeHostname(`${longest}a`)).toBeUndefined();
    expect(normalizeHostname(`a.${'b'.repeat(8000)}`)).toBeUndefined();
    expect(withSite([], `${longest}.com`)).toEqual([]);
  });

  it('reads a site list still in the old record, and moves it out on the next change', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, disabledSites: ['old.example'] }, settings$: { v: 2 } });
    expect((await loadSettings()).disabledSites).toEqual(['old.example']);
    await updateSettings({ disabledSites: ['new.example', 'old.example'] });
    const stored = await fakeBrowser.storage.sync.get(['settings', 'disabledSites']);
    expect(stored.disabledSites).toEqual(['new.example', 'old.example']);
    expect(stored.settings).toEqual({ enabled: true });
  });

  it('watchers see changes of either item', async () => {
    const seen: Array<[boolean, number]> = [];
    const unwatch = watchSettings((s) => seen.push([s.enabled, s.disabledSites.length]));
    await updateSettings({ enabled: false });
    await updateSettings({ disabledSites: ['a.example'] });
    await new Promise((r) => setTimeout(r, 0));
    unwatch();
    expect(seen).toEqual([
      [false, 0],
      [false, 1],
    ]);
  });
});

describe('the migration racing a reader', () => {
  beforeEach(() => fakeBrowser.reset());

  /** storage.sync where a reader's write lands between the migration's read and its write. */
  function areaWithWriteDuringMigration(readerWrite: Record<string, unknown>): MigrationArea {
    const sync = fakeBrowser.storage.sync;
    let raced = false;
    return {
      get: async (keys) => {
        const result = await sync.get(keys);
        if (!raced) {
          raced = true;
          await sync.set(readerWrite);
        }
        return result;
      },
      set: (items) => sync.set(items),
      onChanged: sync.onChanged as unknown as MigrationArea['onChanged'],
    };
  }

  it("keeps the reader's change that landed in the middle of the migration", async () => {
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: 2800, firstOnly: true } });
    // The popup read the old record, then wrote it back with the master switch off.
    const migrated = await migrateStoredSettings(areaWithWriteDuringMigration({ settings: { hoverDelayMs: 2800, firstOnly: true, enabled: false } }));
    expect(migrated).toBe(true);
    // The reader's change survives, and the old delay is still migrated.
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false, firstOnly: true, trigger: 'click' });
    expect((await fakeBrowser.storage.sync.get('settings$')).settings$).toEqual({ v: 2 });
  });

  it('a change after the migration is simply the newest', async () => {
    await fakeBrowser.storage.sync.set({ settings: { hoverDelayMs: 50 } });
    await migrateStoredSettings(fakeBrowser.storage.sync);
    await updateSettings({ enabled: false });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false, hoverDelayMs: 100 });
  });
});
