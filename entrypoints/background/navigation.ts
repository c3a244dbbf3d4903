/**
 * Keyboard commands that move between the marked terms of the page in the active tab and open
 * each one's popover. The content script does the work (it knows the marks); this only routes
 * the browser's command to the top frame of the active tab.
 */
import { browser } from 'wxt/browser';
import { STEP_TERM, type BackgroundToContentMessage } from '../../lib/messages';

export const NEXT_TERM_COMMAND = 'next-term';
export const PREVIOUS_TERM_COMMAND = 'previous-term';

/** What the content script is told for a command; undefined for commands that are not ours. */
export function navigationMessage(command: string): BackgroundToContentMessage | undefined {
  if (command === NEXT_TERM_COMMAND) return { type: STEP_TERM, direction: 1 };
  if (command === PREVIOUS_TERM_COMMAND) return { type: STEP_TERM, direction: -1 };
  return undefined;
}

export interface TabMessenger {
  activeTabId: () => Promise<number | undefined>;
  send: (tabId: number, message: BackgroundToContentMessage, frameId?: number) => Promise<unknown>;
}

export const browserMessenger: TabMessenger = {
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  send: (tabId, message, frameId) => browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }),
};

/** The tab a command is for: the one the browser passes (Chrome), else the active tab. */
export async function commandTab(tabId: number | undefined, messenger: TabMessenger): Promise<number | undefined> {
  return tabId ?? (await messenger.activeTabId());
}

/** Handles one command. */
export async function onNavigationCommand(command: string, tabId: number | undefined, messenger: TabMessenger): Promise<boolean> {
  const message = navigationMessage(command);
  if (!message) return false;
  const target = await commandTab(tabId, messenger);
  if (target === undefined) return false;
  // Terms in frames are not walked: the top frame holds the article on nearly every page.
  await messenger.send(target, message, 0).catch(() => {
    // A tab without the content script (a browser page, the web store): nothing to navigate.
  });
  return true;
}

export function registerNavigation(messenger: TabMessenger = browserMessenger): void {
  // Firefox for Android has no keyboard commands.
  browser.commands?.onCommand.addListener((command, tab) => void onNavigationCommand(command, tab?.id, messenger));
}
