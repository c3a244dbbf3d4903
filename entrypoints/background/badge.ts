/**
 * The toolbar badge: how many distinct terms are marked on each tab. Content scripts (one per
 * frame) report their entry ids; the badge shows the size of their union. Reset when the tab
 * starts loading a new page, and blank everywhere while `showBadge` is off.
 *
 * Counts live in memory: after Chrome stops an idle service worker the next report rebuilds them,
 * and on each finished page load every frame is asked to report again.
 */
import { browser } from 'wxt/browser';
import { parseContentToBackground, REPORT_TERMS, type BackgroundToContentMessage } from '../../lib/messages';
import { loadSettings, watchSettings } from '../../lib/settings';

/** Distinct entry ids per tab, kept per frame so one frame's update does not erase another's. */
export class TermCounts {
  private readonly tabs = new Map<number, Map<number, ReadonlySet<string>>>();

  /** Records one frame's entries; returns the tab's distinct count. */
  setFrame(tabId: number, frameId: number, entryIds: readonly string[]): number {
    let frames = this.tabs.get(tabId);
    if (!frames) this.tabs.set(tabId, (frames = new Map()));
    if (entryIds.length === 0) frames.delete(frameId);
    else frames.set(frameId, new Set(entryIds));
    return this.count(tabId);
  }

  count(tabId: number): number {
    const frames = this.tabs.get(tabId);
    if (!frames) return 0;
    const all = new Set<string>();
    for (const ids of frames.values()) for (const id of ids) all.add(id);
    return all.size;
  }

  clearTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  tabIds(): number[] {
    return [...this.tabs.keys()];
  }
}

/** What the badge says for a count: nothing for none, and at most four characters. */
export function badgeText(count: number, show: boolean): string {
  if (!show || count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Chrome MV3 has `action`; Firefox MV2 has `browserAction`. */
function toolbarAction(): typeof browser.action | undefined {
  const api = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return api.action ?? api.browserAction;
}

export function registerBadge(): void {
  const action = toolbarAction();
  // Firefox for Android has no badge.
  if (typeof action?.setBadgeText !== 'function') return;
  const counts = new TermCounts();
  let show = true;
  const settingsReady = loadSettings().then((settings) => {
    show = settings.showBadge;
  });

  const paint = (tabId: number): void => {
    action.setBadgeText({ tabId, text: badgeText(counts.count(tabId), show) }).catch(() => {
      // The tab closed between the report and the paint.
    });
  };

  if ('setBadgeBackgroundColor' in action) void action.setBadgeBackgroundColor({ color: '#0b57d0' }).catch(() => {});
  if ('setBadgeTextColor' in action) void action.setBadgeTextColor({ color: '#ffffff' }).catch(() => {});

  browser.runtime.onMessage.addListener((raw, sender) => {
    const message = parseContentToBackground(raw);
    const tabId = sender.tab?.id;
    if (!message || tabId === undefined) return undefined;
    counts.setFrame(tabId, sender.frameId ?? 0, message.entryIds);
    void settingsReady.then(() => paint(tabId));
    return undefined;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') {
      counts.clearTab(tabId);
      paint(tabId);
    } else if (change.status === 'complete') {
      // A same-document navigation can also pass through "loading": ask the frames for their
      // terms again rather than leave the badge blank.
      const message: BackgroundToContentMessage = { type: REPORT_TERMS };
      browser.tabs.sendMessage(tabId, message).catch(() => {
        // No content script in this tab (a browser page): nothing to count.
      });
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => counts.clearTab(tabId));

  watchSettings((settings) => {
    if (settings.showBadge === show) return;
    show = settings.showBadge;
    for (const tabId of counts.tabIds()) paint(tabId);
  });
}
