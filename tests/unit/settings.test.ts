import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, parseSettings, updateSettings, watchSettings } from '../../lib/settings';

describe('settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('has documented defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({ enabled: true, hoverDelayMs: 400, firstOnly: false });
  });

  it('falls back field by field, keeping the valid values', () => {
    expect(parseSettings({ enabled: false, hoverDelayMs: 'soon', firstOnly: 3 })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(parseSettings({ hoverDelayMs: -5 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ hoverDelayMs: 250 })).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 250 });
  });

  it('treats a corrupt stored record as defaults', () => {
    for (const raw of [null, undefined, 'x', 42, [true], { enabled: null }]) expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads corrupt storage without throwing and keeps unknown keys on write', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: 'yes', fromNewerVersion: 7 } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings({ enabled: false });
    const stored = (await fakeBrowser.storage.sync.get('settings')).settings;
    expect(stored).toMatchObject({ enabled: false, fromNewerVersion: 7 });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
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
