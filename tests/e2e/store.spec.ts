import { poll } from './driver';
import { expect, test } from './fixtures';

// Run first in each browser's session: the welcome tab is opened by the install itself.
test('the welcome page opens on install, with the shortcuts and a paragraph to try', async ({ driver }) => {
  const welcome = `${driver.extension.origin}/welcome.html`;
  await poll(async () => (await driver.openTabUrls()).includes(welcome), { timeout: 10_000, message: 'no welcome tab after install' });

  const page = await driver.openExtensionPage('welcome.html');
  expect(await page.queryByRole('heading', 'Welcome to Health Glossary')).toHaveLength(1);
  expect(await page.queryByRole('heading', 'Keyboard shortcuts')).toHaveLength(1);
  // The shortcuts as the browser has them now (commands.getAll()).
  const keys = await page.evaluate(() => [...document.querySelectorAll('kbd')].map((k) => k.textContent), undefined);
  expect(keys.length).toBe(3);
  expect(keys.join(' ')).toMatch(/Alt\+Shift\+H/i);
  // Resting on a term of the paragraph opens the real card.
  await page.evaluate(() => {
    const term = document.querySelector<HTMLElement>('.try-term')!;
    term.focus();
  }, undefined);
  await poll(() => page.evaluate(() => !!document.querySelector('.try-card-host')?.shadowRoot?.querySelector('[role="dialog"]'), undefined), {
    message: 'the try-it card did not open',
  });
  await page.close();
  expect(driver.externalRequests()).toEqual([]);
  expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);
});

test('the options page lists the shortcuts and offers three pauses', async ({ driver }) => {
  const page = await driver.openExtensionPage('options.html');
  expect(await page.queryByRole('heading', 'Keyboard shortcuts')).toHaveLength(1);
  expect(await page.queryByRole('button', 'Pause for 1 hour')).toHaveLength(1);
  expect(await page.queryByRole('button', 'Pause until tomorrow')).toHaveLength(1);
  expect(await page.queryByRole('button', 'Turn off until I turn it back on')).toHaveLength(1);
  await page.close();
});
