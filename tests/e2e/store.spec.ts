import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll } from './driver';
import { expect, test } from './fixtures';
import { waitForMarks } from './marks';
import { newIssueUrl, PROJECT_URL } from '../../lib/report';

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

test('"Report a problem" copies the report and opens the prefilled issue, and sends nothing itself', async ({ driver }) => {
  await driver.open('pages/popover-article.html');
  await waitForMarks(driver, ['alopecia areata']);
  await driver.hoverText('alopecia areata');
  await driver.waitForDialog('Alopecia areata');
  const clickRole = async (role: string, name: string | RegExp) => {
    const [match] = (await driver.queryByRole({ role, name })).filter((m) => m.inShadowRoot);
    if (!match) throw new Error(`no ${role} "${name}" in the card`);
    await driver.click(match.rect.x + match.rect.width / 2, match.rect.y + match.rect.height / 2);
  };
  await clickRole('button', 'Report a problem with this definition');
  await poll(async () => (await driver.queryByRole({ role: 'textbox', name: 'What is wrong?' })).length === 1, { message: 'no report form' });
  await clickRole('textbox', 'What is wrong?');
  for (const key of 'Broken link') await driver.press(key);

  const form = () =>
    driver.evaluateWithUi((_: undefined, uiRoots: ShadowRoot[]) => {
      const root = uiRoots[0]!;
      return {
        preview: root.querySelector<HTMLTextAreaElement>('.hg-report-preview')!.value,
        // The card holds no link to the tracker (a press on one would preconnect): Open is a button.
        links: root.querySelectorAll('.hg-report-actions a').length,
        status: root.querySelector('.hg-report-status')!.textContent,
      };
    }, undefined);
  const shown = await form();
  expect(shown.links).toBe(0);
  const [title, ...rest] = shown.preview.split('\n\n');
  const composed = { ...shown, href: newIssueUrl(PROJECT_URL, title!, rest.join('\n\n')) };
  const { version } = JSON.parse(readFileSync(join(driver.extension.dir, 'manifest.json'), 'utf8')) as { version: string };
  expect(composed.preview).toContain('Entry: Alopecia areata (alopecia-areata)');
  expect(composed.preview).toContain(`Extension version: ${version}`);
  expect(composed.preview).toMatch(/Last reviewed: .+ \(\d{4}-\d{2}-\d{2}\)/);
  expect(composed.preview.trim().endsWith('Broken link')).toBe(true);
  const issue = new URL(composed.href);
  expect(`${issue.origin}${issue.pathname}`).toBe('https://github.com/health-glossary/health-glossary/issues/new');
  expect(issue.searchParams.get('title')).toBe('Definition problem: Alopecia areata');
  expect(`${issue.searchParams.get('title')}\n\n${issue.searchParams.get('body')}`).toBe(composed.preview);

  // Copy: the report goes to the clipboard (or is selected for the reader), and nothing is sent.
  await clickRole('button', 'Copy the report');
  await poll(async () => (await form()).status === 'Copied.', { message: 'the report was not copied' });
  expect(driver.externalRequests()).toEqual([]);

  // Open: a new tab at the prefilled address (the harness blocks it from leaving the machine),
  // and that navigation is the only request.
  await clickRole('link', 'Open as a report on the issue tracker (new tab)');
  const opened = () => driver.externalRequests().map((r) => r.url);
  await poll(async () => (await driver.openTabUrls()).includes(composed.href) || opened().includes(composed.href), {
    message: () => `no tab opened at ${composed.href}; tabs ${JSON.stringify(opened())}`,
  });
  // Firefox's blocking proxy sees that navigation as a CONNECT to the tracker's host.
  const tracker = `${issue.protocol}//${issue.host}:443`;
  expect(opened().filter((url) => url !== composed.href && url !== tracker)).toEqual([]);
  expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);
});
