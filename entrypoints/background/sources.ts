/**
 * Opens a card's source when the reader chooses it (OPEN_SOURCE): the card holds buttons, not
 * links, so the page's browser makes no connection to a publisher until the reader opens one.
 */
import { browser } from 'wxt/browser';
import { parseOpenSource } from '../../lib/messages';

export interface SourceOpener {
  openTab: (properties: { url: string; openerTabId?: number; index?: number }) => Promise<unknown>;
}

const browserOpener: SourceOpener = { openTab: (properties) => browser.tabs.create({ ...properties, active: true }) };

/** Opens the source next to the tab that asked; false for anything that is not OPEN_SOURCE. */
export async function onOpenSource(raw: unknown, tab: { id?: number; index?: number } | undefined, opener: SourceOpener = browserOpener): Promise<boolean> {
  const message = parseOpenSource(raw);
  if (!message) return false;
  await opener.openTab({ url: message.url, ...(tab?.id !== undefined && tab.id >= 0 ? { openerTabId: tab.id } : {}), ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}) });
  return true;
}

export function registerSources(opener: SourceOpener = browserOpener): void {
  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only content scripts ask (a tab sent it); other messages are other listeners' business.
    if (!sender.tab) return undefined;
    void onOpenSource(raw, sender.tab, opener).catch(() => {});
    return undefined;
  });
}
