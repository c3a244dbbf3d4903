/**
 * Functions that run INSIDE an extension page (the popup opened in a tab), passed to an extension
 * page's `evaluate`. Shipped as source text like the page functions: self-contained, with only
 * serialisable arguments and results.
 */

/**
 * The tab whose top frame runs the content script on a fixture page (served from 127.0.0.1), with
 * the names of the terms it lists there, or null. `listTermsType` is the popup's list-terms
 * message type (lib/messages LIST_TERMS): the tab is found by asking each one, as tab URLs need a
 * permission the extension does not ask for.
 */
export async function fixturePageTerms(listTermsType: string): Promise<{ tabId: number; names: string[] } | null> {
  type Tabs = {
    query(info: object): Promise<{ id?: number }[]>;
    getCurrent(): Promise<{ id?: number } | undefined>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  const tabs = ((globalThis as { browser?: { tabs: Tabs } }).browser ?? (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome).tabs;
  const own = (await tabs.getCurrent())?.id;
  for (const tab of await tabs.query({})) {
    if (tab.id === undefined || tab.id === own) continue;
    const reply = await tabs.sendMessage(tab.id, { type: listTermsType }, { frameId: 0 }).catch(() => null);
    // Firefox also runs content scripts in a blank start tab, which has no host.
    if (reply && typeof reply === 'object' && (reply as { host?: unknown }).host === '127.0.0.1') {
      return { tabId: tab.id, names: ((reply as { terms?: { name: string }[] }).terms ?? []).map((term) => term.name) };
    }
  }
  return null;
}
