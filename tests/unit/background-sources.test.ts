import { describe, expect, it } from 'vitest';
import { onOpenSource, type SourceOpener } from '../../entrypoints/background/sources';
import { OPEN_SOURCE } from '../../lib/messages';

function recorder() {
  const opened: unknown[] = [];
  const opener: SourceOpener = { openTab: async (properties) => void opened.push(properties) };
  return { opened, opener };
}

describe('opening a source from the card', () => {
  it('opens an http(s) source in a new tab next to the page', async () => {
    const { opened, opener } = recorder();
    expect(await onOpenSource({ type: OPEN_SOURCE, url: 'https://www.aad.org/public/diseases/hair-loss' }, { id: 4, index: 2 }, opener)).toBe(true);
    expect(opened).toEqual([{ url: 'https://www.aad.org/public/diseases/hair-loss', openerTabId: 4, index: 3 }]);
  });

  it('opens nothing but http(s), and ignores other messages', async () => {
    const { opened, opener } = recorder();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'chrome://settings', 'not a url', 'data:text/html,x']) {
      expect(await onOpenSource({ type: OPEN_SOURCE, url }, { id: 1 }, opener)).toBe(false);
    }
    expect(await onOpenSource({ type: 'content-to-background:terms-on-page', entryIds: [] }, { id: 1 }, opener)).toBe(false);
    expect(opened).toEqual([]);
  });
});
