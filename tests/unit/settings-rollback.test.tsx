// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsContainer } from '../../components/OptionsApp';
import { loadSettings, SYNC_QUOTA_BYTES_PER_ITEM, syncItemBytes, updateSettings } from '../../lib/settings';
import { uiTestRoot } from './ui-test-root';

// A change storage refuses goes back in the UI, and the page says so.

const root = uiTestRoot();
afterEach(() => vi.restoreAllMocks());

const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

function switchLabelled(text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes(text));
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no switch labelled "${text}"`);
  return input;
}

async function showOptions() {
  act(() => render(<OptionsContainer />, root));
  await settle();
}

describe('a refused settings write in the UI', () => {
  it('turns the switch back and says the change was not saved', async () => {
    await showOptions();
    const everywhere = switchLabelled('on every site');
    expect(everywhere.checked).toBe(true);
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    act(() => everywhere.click());
    await settle();
    expect(switchLabelled('on every site').checked).toBe(true);
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(/^Not saved\./);
    expect((await loadSettings()).enabled).toBe(true);

    // The next change that is stored clears the message.
    vi.restoreAllMocks();
    act(() => switchLabelled('on every site').click());
    await settle();
    expect(switchLabelled('on every site').checked).toBe(false);
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect((await loadSettings()).enabled).toBe(false);
  });

  it('a site list that is full is refused with its own sentence, the list unchanged', async () => {
    const sites = Array.from({ length: 300 }, (_, i) => `site-number-${String(i).padStart(4, '0')}.org`);
    await updateSettings({ disabledSites: sites });
    expect(syncItemBytes('disabledSites', sites)).toBeLessThan(SYNC_QUOTA_BYTES_PER_ITEM);
    await showOptions();
    const field = root.querySelector<HTMLInputElement>('.site-list input, input[type="text"]');
    if (!field) throw new Error('no site field');
    // Enough new sites to pass the quota, added one by one as a reader would.
    for (let i = 0; i < 80; i++) {
      act(() => {
        field.value = `another-long-site-name-${i}.example`;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      act(() => field.form?.requestSubmit());
      await settle();
      if (root.querySelector('[role="alert"]')) break;
    }
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('list of sites');
    const stored = (await loadSettings()).disabledSites;
    expect(syncItemBytes('disabledSites', stored)).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
    expect(root.textContent).not.toContain(`another-long-site-name-${stored.length - 300}.example`);
  });
});
