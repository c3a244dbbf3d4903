import { expect, test } from './fixtures';
import { markedTexts, waitForMarks } from './marks';

// Issue 21: the entries' texts live in the background, and a card fetches its entry while the
// reader waits out the hover delay; a term hovered before the first scan has run is scanned on
// demand, block by block, under the pointer.

const ARTICLE = 'pages/popover-article.html';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a term hovered before the first scan opens its card: the block under the pointer is scanned on demand', async ({ driver }) => {
  await driver.open(ARTICLE);
  const loaded = Date.now();
  const point = await driver.hoverText('alopecia areata');
  // The pointer rests on the term; small moves reach the content script as soon as it listens
  // (it starts at document_idle), without leaving the term.
  let dialog = await driver.dialog();
  for (let i = 0; !dialog && Date.now() - loaded < 5000; i++) {
    await driver.mouseMove(point.x + (i % 2), point.y);
    await sleep(100);
    dialog = await driver.dialog();
  }
  const openedAfterMs = Date.now() - loaded;
  const marked = (await driver.evaluate(markedTexts, undefined)) ?? [];
  expect(dialog?.name).toBe('Alopecia areata');
  expect(dialog?.text).toContain('immune system');
  // Opened within the wait before the first scan (1 s after the page settles, at the least): then
  // only the hovered paragraph is marked, not the rest of the article.
  if (openedAfterMs < 900) expect(marked).not.toContain('psoriasis');
  expect(marked).toContain('alopecia areata');
  // The first scan then marks the rest, without marking the hovered paragraph twice.
  const all = await waitForMarks(driver, ['psoriasis', 'alopecia areata']);
  expect(all.filter((text) => text === 'alopecia areata')).toHaveLength(1);
});

test('a card whose entry comes from a background that was asleep opens with its text', async ({ driver }) => {
  await driver.open(ARTICLE);
  await waitForMarks(driver, ['vitiligo']);
  const suspended = await driver.suspendBackground();
  // Chromium suspends an idle service worker; Firefox keeps this extension's background page.
  expect(suspended).toBe(driver.browserName === 'chromium');
  await driver.hoverText('vitiligo');
  const dialog = await driver.waitForDialog('Vitiligo');
  expect(dialog.text).not.toContain('Not found');
  expect(dialog.text).toContain('Sources');
  expect(driver.problems().filter((problem) => problem.fromExtension)).toEqual([]);
});
