import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXPLAIN_COMMAND, EXPLAIN_MENU_ID, explainDelivery, onExplainCommand, onExplainMenuClick } from '../../entrypoints/background/explain';
import { browserMessenger, navigationMessage, onNavigationCommand, type TabMessenger } from '../../entrypoints/background/navigation';
import { EXPLAIN_SELECTION, parseBackgroundToContent, STEP_TERM } from '../../lib/messages';

/** A focused window with an active tab, as when the reader presses a shortcut. */
async function activeTab() {
  const window = await fakeBrowser.windows.create({ focused: true });
  return fakeBrowser.tabs.create({ url: 'https://example.org/', active: true, windowId: window?.id });
}

/** The real active-tab lookup over the fake browser's tabs; sending is recorded. */
function recordingMessenger() {
  const sent: { tabId: number; message: unknown; frameId: number | undefined }[] = [];
  const messenger: TabMessenger = {
    activeTabId: browserMessenger.activeTabId,
    send: vi.fn(async (tabId, message, frameId) => {
      sent.push({ tabId, message, frameId });
    }),
  };
  return { messenger, sent };
}

describe('keyboard navigation commands', () => {
  beforeEach(() => fakeBrowser.reset());

  it('maps the two commands to step messages and ignores others', () => {
    expect(navigationMessage('next-term')).toEqual({ type: STEP_TERM, direction: 1 });
    expect(navigationMessage('previous-term')).toEqual({ type: STEP_TERM, direction: -1 });
    expect(navigationMessage('explain-selection')).toBeUndefined();
  });

  it('sends to the top frame of the tab the browser names, else the active tab', async () => {
    const { messenger, sent } = recordingMessenger();
    expect(await onNavigationCommand('next-term', 42, messenger)).toBe(true);
    const active = await activeTab();
    expect(await onNavigationCommand('previous-term', undefined, messenger)).toBe(true);
    expect(sent).toEqual([
      { tabId: 42, message: { type: STEP_TERM, direction: 1 }, frameId: 0 },
      { tabId: active.id, message: { type: STEP_TERM, direction: -1 }, frameId: 0 },
    ]);
    expect(await onNavigationCommand('something-else', 42, messenger)).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('a tab without the content script is not an error', async () => {
    const messenger: TabMessenger = { activeTabId: async () => 7, send: async () => Promise.reject(new Error('Receiving end does not exist')) };
    await expect(onNavigationCommand('next-term', undefined, messenger)).resolves.toBe(true);
  });
});

describe('explain: context menu and command', () => {
  beforeEach(() => fakeBrowser.reset());

  it('delivers a menu click to the frame that has the selection, with its text', async () => {
    const { messenger, sent } = recordingMessenger();
    await onExplainMenuClick({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'alopecia areata', frameId: 3 }, 9, messenger);
    expect(sent).toEqual([{ tabId: 9, message: { type: EXPLAIN_SELECTION, selectionText: 'alopecia areata' }, frameId: 3 }]);
    // What the background sends is what the content script accepts.
    expect(parseBackgroundToContent(sent[0]!.message)).toEqual(sent[0]!.message);
  });

  it('ignores other menu items and clicks without a real tab', () => {
    expect(explainDelivery({ menuItemId: 'someone-else', selectionText: 'x' }, 1)).toBeUndefined();
    expect(explainDelivery({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'x' }, undefined)).toBeUndefined();
    // Chrome reports -1 for clicks outside a tab (e.g. in a devtools page).
    expect(explainDelivery({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'x' }, -1)).toBeUndefined();
  });

  it('caps what the menu reports, so a whole selected page is not sent around', () => {
    const delivery = explainDelivery({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'a'.repeat(5000) }, 1);
    expect((delivery?.message as { selectionText: string }).selectionText).toHaveLength(2000);
  });

  it('the keyboard command asks every frame of the active tab (no text: the frames look at their selection)', async () => {
    const { messenger, sent } = recordingMessenger();
    const active = await activeTab();
    expect(await onExplainCommand(EXPLAIN_COMMAND, undefined, messenger)).toBe(true);
    expect(sent).toEqual([{ tabId: active.id, message: { type: EXPLAIN_SELECTION }, frameId: undefined }]);
    expect(await onExplainCommand('next-term', 1, messenger)).toBe(false);
  });

  it('the content script rejects malformed messages', () => {
    expect(parseBackgroundToContent({ type: STEP_TERM, direction: 2 })).toBeUndefined();
    expect(parseBackgroundToContent({ type: EXPLAIN_SELECTION, selectionText: 5 })).toBeUndefined();
    expect(parseBackgroundToContent({ type: 'nope' })).toBeUndefined();
  });
});
