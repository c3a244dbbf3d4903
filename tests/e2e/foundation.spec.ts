import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { UI_HOST_NAME } from './mutations';
import type { Driver } from './driver';
import { installMutationRecorder, readMutations } from './page-functions';
import { waitForMarks } from './marks';

// The first slice, end to end in both browsers: terms are marked without touching the page's
// DOM, hovering one shows its vetted definition, and the popup switch acts on open tabs live.

const PAGE = 'pages/demo-article.html';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

function extensionProblems(driver: Driver) {
  return driver.problems().filter((problem) => problem.fromExtension);
}

test('hovering "alopecia areata" shows its vetted definition and sources, and the page DOM is untouched', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await driver.open(PAGE);

  const marked = await waitForMarks(driver, ['alopecia areata', 'alopecia totalis', 'alopecia universalis', 'rheumatoid arthritis', 'JAK inhibitors']);
  // What a reader types is theirs: the textarea holds "alopecia areata" too, and it is not marked.
  expect(marked.filter((text) => text === 'alopecia areata')).toHaveLength(2);

  await driver.hoverText('alopecia areata');
  const dialog = await driver.waitForDialog('Alopecia areata');
  expect(dialog.inShadowRoot).toBe(true);
  expect(dialog.text).toContain('immune system attacks hair follicles');
  expect(dialog.text).toMatch(/Sources?:.*NIAMS/);
  const links = await driver.queryByRole({ role: 'link', name: /NIAMS/ });
  expect(links.length).toBeGreaterThan(0);

  // Every mutation after parsing was the extension adding its one UI host; nothing else changed.
  const mutations = await driver.evaluate(readMutations, undefined);
  expect(mutations).toEqual([
    { type: 'childList', target: { name: 'HTML', id: '' }, added: [{ name: expect.stringMatching(UI_HOST_NAME), id: '' }], removed: [], attributeName: null },
  ]);
  expect(driver.externalRequests()).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);

  // Last: a screenshot may itself touch the page (the automation hides the text caret).
  const file = join(SCREENSHOTS, `popover-${driver.browserName}.png`);
  mkdirSync(dirname(file), { recursive: true });
  // Past the popover's 120 ms fade-in, so the picture shows it as a reader sees it at rest.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await driver.screenshot(file);
});

test('the popover stays open while the pointer moves into it, and closes on leaving or Escape', async ({ driver }) => {
  await driver.open(PAGE);
  await waitForMarks(driver, ['alopecia areata']);

  await driver.hoverText('rheumatoid arthritis');
  const dialog = await driver.waitForDialog('Rheumatoid arthritis');
  // Travel into the popover: it must still be there well after the grace period.
  await driver.mouseMove(dialog.rect.x + dialog.rect.width / 2, dialog.rect.y + 12);
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect((await driver.dialog())?.name).toBe('Rheumatoid arthritis');

  // Leaving both the term and the popover closes it.
  await driver.mouseMove(5, 5);
  await driver.waitForNoDialog();

  await driver.hoverText('JAK inhibitors');
  await driver.waitForDialog('JAK inhibitor');
  await driver.press('Escape');
  await driver.waitForNoDialog({ timeout: 1000 });
  expect(extensionProblems(driver)).toEqual([]);
});

test('resting on plain text or inside a textarea opens nothing', async ({ driver }) => {
  await driver.open(PAGE);
  await waitForMarks(driver, ['alopecia areata']);
  await driver.hoverText('coin-sized bald spot');
  await new Promise((resolve) => setTimeout(resolve, 900));
  expect(await driver.dialog()).toBeNull();
  // A textarea's value is not page text: aim the pointer at the words inside the field.
  const field = await driver.evaluate(() => {
    const notes = document.getElementById('notes')!;
    notes.scrollIntoView({ block: 'center' });
    const r = notes.getBoundingClientRect();
    return { x: r.x + 40, y: r.y + 14 };
  }, undefined);
  await driver.mouseMove(field.x, field.y);
  await new Promise((resolve) => setTimeout(resolve, 900));
  expect(await driver.dialog()).toBeNull();
});

test('the popup switch turns marking off and on in an open tab without a reload', async ({ driver }) => {
  await driver.open(PAGE);
  await waitForMarks(driver, ['alopecia areata']);
  const reloads = await driver.evaluate(() => performance.getEntriesByType('navigation').length, undefined);

  // The reader flips the switch in the popup, then goes back to the page (closing the popup),
  // as with the real toolbar popup; a background tab would not get pointer hovers at all.
  const setSwitch = async (on: boolean) => {
    const popup = await driver.openPopup();
    expect(await popup.isChecked('switch')).toBe(!on);
    await popup.setChecked('switch', undefined, on);
    await popup.close();
  };
  await setSwitch(false);
  try {
    await driver.waitForFunction(() => !CSS.highlights.has('health-glossary-term'), undefined);
    await driver.hoverText('alopecia areata');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await driver.dialog()).toBeNull();
  } finally {
    await setSwitch(true);
  }
  const marked = await waitForMarks(driver, ['alopecia areata']);
  expect(marked).toContain('alopecia areata');
  await driver.mouseMove(5, 5);
  await driver.hoverText('alopecia areata');
  await driver.waitForDialog('Alopecia areata');
  expect(await driver.evaluate(() => performance.getEntriesByType('navigation').length, undefined)).toBe(reloads);
  expect(extensionProblems(driver)).toEqual([]);
});
