/**
 * The toolbar icon follows whether the extension works on each tab's site now: the teal mark when
 * it does, the grey one when it is off everywhere, off for the tab's site, or paused. Set per tab
 * (a tab's site decides), repainted when a tab navigates or is switched to, when the settings
 * change, and when a pause ends.
 */
import { browser } from 'wxt/browser';
import { loadSettings, watchSettings, type Settings } from '../../lib/settings';
import { activityOn, siteOfUrl } from '../../lib/site';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The icon paths for `setIcon`: the mark, or its inactive (grey) variant. */
export function iconPaths(active: boolean): Record<string, string> {
  const folder = active ? 'icon' : 'icon-inactive';
  return Object.fromEntries(ICON_SIZES.map((size) => [String(size), `/${folder}/${size}.png`]));
}

/** Whether the tab at `url` shows the active icon. Pages without a site (browser pages) do. */
export function iconActive(settings: Settings, url: string | undefined, now: number): boolean {
  const host = siteOfUrl(url);
  return activityOn(settings, host, now) === 'on';
}

interface IconAction {
  setIcon: (details: { tabId?: number; path: Record<string, string> }) => Promise<void>;
}

/** Chrome MV3 has `action`; Firefox MV2 has `browserAction`. */
function toolbarAction(): IconAction | undefined {
  const api = browser as unknown as { action?: IconAction; browserAction?: IconAction };
  return api.action ?? api.browserAction;
}

export function registerToolbarIcon(): void {
  const action = toolbarAction();
  // Firefox for Android shows the action as a menu item without an icon to set.
  if (typeof action?.setIcon !== 'function') return;
  let settings: Settings | undefined;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last icon set per tab, so an unchanged state costs no call. */
  const painted = new Map<number, boolean>();

  const paintTab = (tabId: number, url: string | undefined): void => {
    if (!settings) return;
    const active = iconActive(settings, url, Date.now());
    if (painted.get(tabId) === active) return;
    painted.set(tabId, active);
    action.setIcon({ tabId, path: iconPaths(active) }).catch(() => painted.delete(tabId));
  };

  const paintAll = async (): Promise<void> => {
    painted.clear();
    const tabs = await browser.tabs.query({}).catch(() => []);
    for (const tab of tabs) if (tab.id !== undefined) paintTab(tab.id, tab.url);
  };

  const apply = (next: Settings): void => {
    settings = next;
    if (pauseTimer !== undefined) clearTimeout(pauseTimer);
    const left = next.pausedUntil - Date.now();
    // A worker stopped before the pause ends repaints on the next tab event or start-up instead.
    if (left > 0 && left < 2 ** 31) pauseTimer = setTimeout(() => void paintAll(), left + 50);
    void paintAll();
  };

  void loadSettings().then(apply);
  watchSettings(apply);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A navigation resets a tab's icon to the manifest's in Chrome; paint it again.
    if (change.url !== undefined || change.status === 'loading') painted.delete(tabId);
    if (change.url !== undefined || change.status !== undefined) paintTab(tabId, tab.url);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void browser.tabs.get(tabId).then((tab) => paintTab(tabId, tab.url), () => {});
  });
  browser.tabs.onRemoved.addListener((tabId) => painted.delete(tabId));
}
