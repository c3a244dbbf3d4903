/** Opens the welcome page once, when the extension is installed (not on updates or reloads). */
import { browser } from 'wxt/browser';

export const WELCOME_PATH = '/welcome.html';

export function registerWelcome(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) }).catch(() => {});
  });
}
