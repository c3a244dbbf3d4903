import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { mutationsOtherThanUiHost, uiHostWasAdded } from './mutations';
import { installMutationRecorder, readMutations } from './page-functions';

// Proves the harness itself in both browsers: if one of these fails, no other scenario's result
// can be trusted.

test('the built extension is loaded', async ({ driver }) => {
  if (driver.browserName === 'chromium') {
    expect(driver.extension.id).toMatch(/^[a-p]{32}$/);
    expect(driver.extension.origin).toBe(`chrome-extension://${driver.extension.id}`);
  } else {
    expect(driver.extension.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(driver.extension.origin).toBe(`moz-extension://${driver.extension.id}`);
    expect(driver.extension.addonId).toBe('health-glossary@health-glossary.dev');
  }
  expect(driver.extension.hasFile('manifest.json')).toBe(true);
});

test('fixture pages come from 127.0.0.1 and outside requests are blocked and recorded', async ({ driver }) => {
  await driver.open('pages/harness.html');
  const page = await driver.evaluate(() => {
    const image = document.getElementById('outside') as HTMLImageElement;
    return { origin: location.origin, title: document.title, imageComplete: image.complete, imageWidth: image.naturalWidth };
  }, undefined);
  expect(page.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(page.title).toBe('Harness self-test');
  expect(page).toMatchObject({ imageComplete: true, imageWidth: 0 });
  await expect.poll(() => driver.externalRequests().map((request) => new URL(request.url).host)).toContain('example.com');
  expect(driver.externalRequests().every((request) => !request.url.includes('127.0.0.1'))).toBe(true);
});

test('the mutation recorder reports changes after parsing, and only those', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await driver.open('pages/harness.html');
  const mutations = await driver.evaluate(readMutations, undefined);

  expect(mutations).toContainEqual({
    type: 'childList',
    target: { name: 'BODY', id: '' },
    added: [{ name: 'ASIDE', id: 'appended-by-page' }],
    removed: [],
    attributeName: null,
  });
  expect(mutations).toContainEqual({
    type: 'attributes',
    target: { name: 'P', id: 'intro' },
    added: [],
    removed: [],
    attributeName: 'data-touched',
  });
  // The parser's own insertions (the <main> and the page script) are not changes to the page.
  const addedIds = mutations.flatMap((mutation) => mutation.added.map((node) => node.id));
  expect(addedIds).not.toContain('article');

  await driver.evaluate(() => document.getElementById('intro')?.firstChild?.replaceWith('Changed text. '), undefined);
  const later = await driver.evaluate(readMutations, undefined);
  expect(later.length).toBeGreaterThan(mutations.length);
  expect(later.slice(mutations.length)).toContainEqual(expect.objectContaining({ type: 'childList', target: { name: 'P', id: 'intro' } }));
});

test('changes other than a UI host are told apart from the host coming and going', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await driver.open('pages/harness.html');
  const afterLoad = (await driver.evaluate(readMutations, undefined)).length;

  await driver.evaluate(() => {
    const host = document.createElement('harness-ui');
    document.documentElement.append(host);
    host.setAttribute('style', 'position: fixed');
    host.attachShadow({ mode: 'open' }).append(document.createElement('div'));
    host.remove();
  }, undefined);
  const hostOnly = (await driver.evaluate(readMutations, undefined)).slice(afterLoad);
  expect(uiHostWasAdded(hostOnly, 'harness-ui')).toBe(true);
  expect(mutationsOtherThanUiHost(hostOnly, 'harness-ui')).toEqual([]);

  await driver.evaluate(() => document.getElementById('intro')?.setAttribute('class', 'touched'), undefined);
  const withPageChange = (await driver.evaluate(readMutations, undefined)).slice(afterLoad);
  expect(mutationsOtherThanUiHost(withPageChange, 'harness-ui')).toEqual([
    { type: 'attributes', target: { name: 'P', id: 'intro' }, added: [], removed: [], attributeName: 'class' },
  ]);
});

test('reading mutations without the recorder fails loudly', async ({ driver }) => {
  await driver.open('pages/harness.html');
  await expect(driver.evaluate(readMutations, undefined)).rejects.toThrow(/mutation recorder is not installed/);
});

test('a phrase split across elements is found, measured and hovered', async ({ driver }) => {
  await driver.open('pages/harness.html');
  const found = await driver.textRect('alopecia areata');
  expect(found).not.toBeNull();
  expect(found!.bounds.width).toBeGreaterThan(0);
  expect(found!.bounds.height).toBeGreaterThan(0);
  expect(await driver.textRect('not on this page at all')).toBeNull();

  await driver.addInitScript(() => {
    document.addEventListener('mousemove', (event) => {
      (window as unknown as { lastHover?: string }).lastHover = (event.target as Element).id || (event.target as Element).tagName;
    });
  });
  await driver.open('pages/harness.html');
  const point = await driver.hoverText('areata');
  const hovered = await driver.waitForFunction(() => (window as unknown as { lastHover?: string }).lastHover, undefined);
  expect(hovered).toBe('intro');
  const under = await driver.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id, point);
  expect(under).toBe('intro');
});

test('keys, with and without modifiers, reach the page', async ({ driver }) => {
  await driver.addInitScript(() => {
    const keys: string[] = [];
    (window as unknown as { keys: string[] }).keys = keys;
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Shift') keys.push(`${event.shiftKey ? 'Shift+' : ''}${event.key}`);
    });
  });
  await driver.open('pages/harness.html');
  await driver.press('Escape');
  await driver.press('Shift+Tab');
  const keys = await driver.evaluate(() => (window as unknown as { keys: string[] }).keys, undefined);
  expect(keys).toEqual(['Escape', 'Shift+Tab']);
});

test('a dialog inside an open shadow root is found by role and name', async ({ driver }) => {
  await driver.open('pages/harness.html');
  expect(await driver.dialog()).toBeNull();
  await driver.evaluate(() => {
    const host = document.createElement('harness-ui');
    host.id = 'harness-ui-host';
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<div role="dialog" aria-labelledby="t"><h2 id="t">Alopecia areata</h2><p>Hair falls out in patches.</p></div>';
    document.body.append(host);
  }, undefined);
  const dialog = await driver.waitForDialog('Alopecia areata');
  expect(dialog.inShadowRoot).toBe(true);
  expect(dialog.text).toBe('Alopecia areata Hair falls out in patches.');
  await expect(driver.waitForDialog('Something else', { timeout: 300 })).rejects.toThrow(/visible dialogs: \["Alopecia areata"\]/);

  await driver.evaluate(() => document.getElementById('harness-ui-host')?.remove(), undefined);
  await driver.waitForNoDialog();
});

test('errors in the page are captured and attributed', async ({ driver }) => {
  await driver.open('pages/harness.html');
  await driver.evaluate(() => {
    console.error('harness console error');
    setTimeout(() => {
      throw new Error('harness uncaught error');
    }, 0);
  }, undefined);
  await expect.poll(() => driver.problems().map((problem) => `${problem.kind}: ${problem.text}`)).toEqual(
    expect.arrayContaining(['console-error: harness console error', 'page-error: harness uncaught error']),
  );
  expect(driver.problems().filter((problem) => problem.fromExtension)).toEqual([]);
});

test('screenshots are written as PNG', async ({ driver }, testInfo) => {
  await driver.open('pages/harness.html');
  const path = testInfo.outputPath('harness.png');
  await driver.screenshot(path);
  expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('the popup opens in a tab and its switch can be toggled', async ({ driver }) => {
  const popup = await driver.openPopup();
  expect(popup.url).toBe(`${driver.extension.origin}/popup.html`);
  // The popup may render after load (it reads settings first), so wait for its toggle to appear.
  const countToggles = async () => ({
    switch: (await popup.queryByRole('switch')).length,
    checkbox: (await popup.queryByRole('checkbox')).length,
  });
  await expect.poll(async () => Object.values(await countToggles()).some((count) => count > 0)).toBe(true);
  const counts = await countToggles();
  const role = counts.switch > 0 ? 'switch' : 'checkbox';
  // A name can change with the state (a hint inside the label), so address the only toggle by role.
  expect(counts[role]).toBe(1);
  const before = await popup.isChecked(role);
  await popup.setChecked(role, undefined, !before);
  expect(await popup.isChecked(role)).toBe(!before);
  // Put it back: the browser, and with it the extension's storage, is shared by later tests.
  await popup.setChecked(role, undefined, before);
  expect(await popup.isChecked(role)).toBe(before);
  await popup.close();
  expect(driver.problems().filter((problem) => problem.fromExtension)).toEqual([]);
});
