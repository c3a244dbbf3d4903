/**
 * "Explain with Health Glossary": beyond hover, a reader can ask about any selected text, from
 * the context menu or with a keyboard command. The content script of the frame with the
 * selection looks it up and opens the popover at the selection (or says the glossary does not
 * have it and offers the closest entries).
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { EXPLAIN_SELECTION, type BackgroundToContentMessage } from '../../lib/messages';
import { browserMessenger, commandTab, type TabMessenger } from './navigation';

export const EXPLAIN_MENU_ID = 'health-glossary-explain';
export const EXPLAIN_COMMAND = 'explain-selection';

export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  frameId?: number;
}

/** Where a menu click is delivered and what is said; undefined for other extensions' items. */
export function explainDelivery(info: MenuClick, tabId: number | undefined): { tabId: number; frameId: number | undefined; message: BackgroundToContentMessage } | undefined {
  if (info.menuItemId !== EXPLAIN_MENU_ID || tabId === undefined || tabId < 0) return undefined;
  return {
    tabId,
    // The menu knows the frame the selection is in; only that frame's script should answer.
    frameId: info.frameId,
    message: { type: EXPLAIN_SELECTION, selectionText: info.selectionText?.slice(0, 2000) },
  };
}

export async function onExplainMenuClick(info: MenuClick, tabId: number | undefined, messenger: TabMessenger): Promise<boolean> {
  const delivery = explainDelivery(info, tabId);
  if (!delivery) return false;
  await messenger.send(delivery.tabId, delivery.message, delivery.frameId).catch(() => {});
  return true;
}

/**
 * The keyboard command does not know which frame has the selection: every frame is told, and
 * only the frame with a selection or focus answers (see the content script).
 */
export async function onExplainCommand(command: string, tabId: number | undefined, messenger: TabMessenger): Promise<boolean> {
  if (command !== EXPLAIN_COMMAND) return false;
  const target = await commandTab(tabId, messenger);
  if (target === undefined) return false;
  await messenger.send(target, { type: EXPLAIN_SELECTION }).catch(() => {});
  return true;
}

interface MenusApi {
  removeAll: () => Promise<void>;
  create: (properties: { id: string; title: string; contexts: ['selection'] }) => unknown;
}

/**
 * Firefox names the API `menus` (with `contextMenus` as an alias); Chrome only `contextMenus`.
 * Firefox for Android has neither.
 */
function menusApi(): (MenusApi & { onClicked: typeof browser.contextMenus.onClicked }) | undefined {
  const api = browser as unknown as { menus?: typeof browser.contextMenus; contextMenus?: typeof browser.contextMenus };
  return (api.menus ?? api.contextMenus) as (MenusApi & { onClicked: typeof browser.contextMenus.onClicked }) | undefined;
}

export function registerExplain(messenger: TabMessenger = browserMessenger): void {
  const menus = menusApi();
  // Firefox for Android has no keyboard commands either.
  browser.commands?.onCommand.addListener((command, tab) => void onExplainCommand(command, tab?.id, messenger));
  if (!menus) return;
  // Created at every start: Chrome keeps items across worker restarts (so remove first to avoid a
  // duplicate-id error), Firefox's background page starts without them.
  void menus
    .removeAll()
    .then(() => menus.create({ id: EXPLAIN_MENU_ID, title: i18n.t('menu.explain'), contexts: ['selection'] }))
    .catch(() => {});
  menus.onClicked.addListener((info, tab) => void onExplainMenuClick(info, tab?.id, messenger));
}
