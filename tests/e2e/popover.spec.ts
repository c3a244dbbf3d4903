import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures';
import type { Driver, PageRect } from './driver';
import { waitForMarks } from './marks';
import { installMutationRecorder, readMutations } from './page-functions';
import { UI_HOST_NAME, mutationsOtherThanUiHost } from './mutations';

// The popover for every kind of reader: hover intent, pinning and keyboard focus, navigation
// inside the card, touch, trigger modes, keyboard navigation between terms, "explain", themes and
// motion, right-to-left pages, and an axe-core audit. Placement at the viewport's edges is in
// popover-edges.spec.ts.

const ARTICLE = 'pages/popover-article.html';
// The messages the background sends (lib/messages.ts): kept literal so a renamed message type
// fails here instead of silently following the rename.
const STEP_TERM = 'background-to-content:step-term';
const EXPLAIN_SELECTION = 'background-to-content:explain-selection';

/** A point in the article page's empty right margin. */
const BLANK = { x: 1240, y: 400 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function extensionProblems(driver: Driver) {
  return driver.problems().filter((problem) => problem.fromExtension);
}

interface CardState {
  dir: string;
  layerClass: string;
  background: string;
  animationName: string;
  fontSize: string;
  /** aria-label or text of the focused control inside the card, or null. */
  focused: string | null;
  live: string;
  rect: PageRect;
}

/** The card inside the extension's (closed) shadow root, as the test can measure it. */
function cardState(_: undefined, uiRoots: ShadowRoot[]): CardState | null {
  const root = uiRoots[0];
  const card = root?.querySelector<HTMLElement>('.hg-popover');
  if (!root || !card || !card.parentElement) return null;
  const layer = card.parentElement;
  const style = getComputedStyle(card);
  const active = root.activeElement;
  const r = card.getBoundingClientRect();
  return {
    dir: layer.dir,
    layerClass: layer.className,
    background: style.backgroundColor,
    animationName: style.animationName,
    fontSize: getComputedStyle(layer).fontSize,
    focused: active ? (active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '') : null,
    live: root.querySelector('[role="status"]')?.textContent ?? '',
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
  };
}

/** Relative luminance of a computed `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function card(driver: Driver): Promise<CardState> {
  return driver.waitForFunction(cardState, undefined);
}

/** Scrolls a control of the card into view inside the card (a long card scrolls by itself). */
function revealInCard(arg: { name: string }, uiRoots: ShadowRoot[]): boolean {
  const root = uiRoots[0];
  const control = [...(root?.querySelectorAll<HTMLElement>('button, a[href]') ?? [])].find(
    (el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim() === arg.name,
  );
  control?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return !!control;
}

/** Clicks the centre of the single visible control with this role and name (page or card). */
async function clickControl(driver: Driver, role: string, name: string | RegExp): Promise<void> {
  if (typeof name === 'string') await driver.evaluateWithUi(revealInCard, { name });
  const matches = await driver.queryByRole({ role, name });
  expect(matches, `${role} ${String(name)}`).toHaveLength(1);
  const { rect } = matches[0]!;
  await driver.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

async function centreOf(driver: Driver, phrase: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const found = await driver.textRect(phrase, { occurrence });
  if (!found) throw new Error(`no ${phrase}`);
  return { x: found.firstLine.x + found.firstLine.width / 2, y: found.firstLine.y + found.firstLine.height / 2 };
}

/**
 * Changes reader settings from an extension page (as the options page does) and returns a
 * function that puts the previous stored record back. Worker storage outlives the test.
 */
async function changeSettings(driver: Driver, patch: Record<string, unknown>): Promise<() => Promise<void>> {
  const page = await driver.openPopup();
  const previous = await page.evaluate(async (change) => {
    type Area = { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
    const sync = (scope.browser ?? scope.chrome)!.storage.sync;
    const stored = (await sync.get('settings')).settings as Record<string, unknown> | undefined;
    await sync.set({ settings: { ...(stored ?? {}), ...change } });
    return stored ?? null;
  }, patch);
  await page.close();
  // The content script applies settings through a storage watch: give it a moment.
  await sleep(300);
  return async () => {
    const restore = await driver.openPopup();
    await restore.evaluate(async (stored) => {
      type Area = { set(items: object): Promise<void>; remove(key: string): Promise<void> };
      const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
      const sync = (scope.browser ?? scope.chrome)!.storage.sync;
      if (stored === null) await sync.remove('settings');
      else await sync.set({ settings: stored });
    }, previous);
    await restore.close();
    await sleep(300);
  };
}

async function openArticle(driver: Driver, expected: string[] = ['psoriasis', 'alopecia areata']): Promise<void> {
  await driver.open(ARTICLE);
  await waitForMarks(driver, expected);
}

test('hover intent: a fast sweep over terms opens nothing, resting opens, and focus stays where it was', async ({ driver }) => {
  await openArticle(driver);
  await driver.evaluate(() => document.getElementById('page-button')!.focus(), undefined);
  const cardsInHost = (_: undefined, uiRoots: ShadowRoot[]) => {
    const root = uiRoots[0];
    return root ? root.querySelectorAll('.hg-popover').length : -1;
  };
  // Until the pointer comes to a term, the extension adds nothing to the page.
  expect(await driver.evaluateWithUi(cardsInHost, undefined), 'no UI host yet').toBe(-1);

  // Sweep along the line of six terms in 20 px steps every 25 ms, ending on plain text.
  const line = (await driver.textRect('Readers ask about psoriasis, vitiligo, acne, asthma, lupus and shingles'))!.firstLine;
  const y = line.y + line.height / 2;
  for (let x = line.x; x <= line.x + line.width; x += 20) {
    await driver.mouseMove(x, y);
    await sleep(25);
  }
  const plain = await centreOf(driver, 'only a long plain sentence');
  await driver.mouseMove(plain.x, plain.y);
  await sleep(900);
  expect(await driver.dialog()).toBeNull();
  // Passing over terms got the card ready unseen (laid out once during the hover delay, so the
  // first popover opens within its frame): the host is there, with no card left in it.
  expect(await driver.evaluateWithUi(cardsInHost, undefined)).toBe(0);

  await driver.hoverText('psoriasis');
  await sleep(150);
  expect(await driver.dialog(), 'not before the hover delay').toBeNull();
  const dialog = await driver.waitForDialog('Psoriasis');
  expect(dialog.inShadowRoot).toBe(true);
  expect(dialog.text).toContain('Information, not medical advice');
  expect(dialog.text).toMatch(/Reviewed \w+ \d{4}/);
  expect(await driver.evaluate(() => document.activeElement?.id, undefined)).toBe('page-button');
  expect((await card(driver)).focused).toBeNull();

  // Straight on from the open card's term to the next term, and resting there without another
  // move: the first card goes after its grace period, and the second opens after its own delay.
  await driver.hoverText('vitiligo');
  expect((await driver.waitForDialog('Vitiligo')).name).toBe('Vitiligo');
  expect(extensionProblems(driver)).toEqual([]);
});

test('the popover stays open on the way into it, and closes when its term scrolls away', async ({ driver }) => {
  await openArticle(driver);
  const start = await driver.hoverText('alopecia areata');
  const dialog = await driver.waitForDialog('Alopecia areata');
  // Travel in small steps, as a hand does, from the term to the middle of the card.
  const end = { x: dialog.rect.x + dialog.rect.width / 2, y: dialog.rect.y + dialog.rect.height / 2 };
  for (let i = 1; i <= 6; i++) {
    await driver.mouseMove(start.x + ((end.x - start.x) * i) / 6, start.y + ((end.y - start.y) * i) / 6);
    await sleep(40);
  }
  await sleep(800);
  expect((await driver.dialog())?.name).toBe('Alopecia areata');

  // The pointer rests on the card; the page scrolls the term out of the viewport.
  await driver.evaluate(() => window.scrollBy(0, 2000), undefined);
  await driver.waitForNoDialog();
  expect(extensionProblems(driver)).toEqual([]);
});

test('pin keeps the popover while the pointer leaves; Tab moves into it and Escape returns focus', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await openArticle(driver);
  await driver.hoverText('JAK inhibitor');
  await driver.waitForDialog('JAK inhibitor');
  await clickControl(driver, 'button', 'Keep open');
  const pin = await driver.queryByRole({ role: 'button', name: 'Keep open' });
  expect(pin[0]?.text).toBe('');

  // Pinned: leaving, waiting and clicking elsewhere on the page do not close it.
  await driver.mouseMove(5, 5);
  await sleep(900);
  await driver.click(BLANK.x, BLANK.y);
  await sleep(300);
  expect((await driver.dialog())?.name).toBe('JAK inhibitor');

  // Keyboard: from a page control, Tab goes into the card and through its controls.
  await driver.evaluate(() => document.getElementById('page-button')!.focus(), undefined);
  await driver.press('Tab');
  const first = (await card(driver)).focused;
  expect(first).not.toBeNull();
  const seen = new Set([first]);
  for (let i = 0; i < 4; i++) {
    await driver.press('Tab');
    seen.add((await card(driver)).focused);
  }
  expect([...seen]).toEqual(expect.arrayContaining(['Keep open', 'Close', 'More about it']));
  // Focus is in the card: the page sees only the host, under its unpredictable name.
  expect(await driver.evaluate(() => document.activeElement?.localName, undefined)).toMatch(UI_HOST_NAME);

  await driver.press('Escape');
  await driver.waitForNoDialog({ timeout: 1000 });
  expect(await driver.evaluate(() => document.activeElement?.id, undefined)).toBe('page-button');

  // Reopen and close with the × button.
  await driver.hoverText('JAK inhibitor');
  await driver.waitForDialog('JAK inhibitor');
  await clickControl(driver, 'button', 'Close');
  await driver.waitForNoDialog({ timeout: 1000 });

  // The card's controls are the only focusable things added, and they are inside the UI host.
  expect(mutationsOtherThanUiHost(await driver.evaluate(readMutations, undefined), UI_HOST_NAME)).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);
});

test('"more" expands the explanation; related terms navigate inside the popover, and back returns', async ({ driver }) => {
  await openArticle(driver);
  await driver.hoverText('alopecia areata');
  const first = await driver.waitForDialog('Alopecia areata');
  expect(first.text).not.toContain('The follicles are not destroyed');
  await clickControl(driver, 'button', 'More about it');
  const more = await driver.waitForDialog('Alopecia areata');
  expect(more.text).toContain('The follicles are not destroyed');
  expect((await driver.queryByRole({ role: 'button', name: 'Less' }))[0]).toBeDefined();

  await clickControl(driver, 'button', 'JAK inhibitor');
  const related = await driver.waitForDialog('JAK inhibitor');
  expect(related.text).toMatch(/Sources?:/);
  await clickControl(driver, 'button', 'Back to Alopecia areata');
  await driver.waitForDialog('Alopecia areata');
  expect(await driver.queryByRole({ role: 'button', name: /^Back to/ })).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);
});

test('keyboard commands move between terms from the viewport, announce them, and add nothing focusable to the page', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await openArticle(driver);
  const focusable = () => document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]').length;
  const before = await driver.evaluate(focusable, undefined);

  await driver.sendToContentScript({ type: STEP_TERM, direction: 1 }, { frameId: 0 });
  await driver.waitForDialog('Psoriasis');
  await expect.poll(async () => (await card(driver)).live).toMatch(/^Psoriasis, term 1 of \d+\. /);
  await driver.sendToContentScript({ type: STEP_TERM, direction: 1 }, { frameId: 0 });
  await driver.waitForDialog('Vitiligo');
  await driver.sendToContentScript({ type: STEP_TERM, direction: -1 }, { frameId: 0 });
  await driver.waitForDialog('Psoriasis');
  await expect.poll(async () => (await card(driver)).live).toMatch(/^Psoriasis, term 1 of/);
  // Previous from the first wraps to the last term of the page, scrolled into view.
  await driver.sendToContentScript({ type: STEP_TERM, direction: -1 }, { frameId: 0 });
  await driver.waitForDialog('Placebo');
  await expect.poll(async () => (await card(driver)).live).toMatch(/^Placebo, term (\d+) of \1, back at the last/);
  const target = await driver.evaluate(() => {
    const r = document.getElementById('target')!.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, undefined);
  expect(target).toBe(true);

  expect(await driver.evaluate(focusable, undefined)).toBe(before);
  expect(await driver.evaluate(() => document.activeElement === document.body, undefined)).toBe(true);
  expect(mutationsOtherThanUiHost(await driver.evaluate(readMutations, undefined), UI_HOST_NAME)).toEqual([]);
  expect(extensionProblems(driver)).toEqual([]);
});

test('on a touch screen a tap opens a term, a tap elsewhere closes it, and a tap in a link is the page\'s', async ({ driver }) => {
  await openArticle(driver);
  const term = await centreOf(driver, 'vitiligo');
  await driver.tap(term.x, term.y);
  await driver.waitForDialog('Vitiligo');
  // No hover closes it: there is no pointer to leave.
  await sleep(900);
  expect((await driver.dialog())?.name).toBe('Vitiligo');

  // The page's empty margin, well away from the card.
  await driver.tap(BLANK.x, BLANK.y);
  await driver.waitForNoDialog({ timeout: 1500 });

  const linked = await centreOf(driver, 'rheumatoid arthritis');
  await driver.tap(linked.x, linked.y);
  await driver.waitForFunction(() => location.hash === '#target', undefined);
  await sleep(500);
  expect(await driver.dialog()).toBeNull();
  expect(extensionProblems(driver)).toEqual([]);
});

test('trigger modes: hover with the modifier key held, and click (links still follow)', async ({ driver }) => {
  await openArticle(driver);
  const restore = await changeSettings(driver, { trigger: 'modifier', modifierKey: 'Shift' });
  try {
    await driver.hoverText('psoriasis');
    await sleep(900);
    expect(await driver.dialog(), 'no popover without the key').toBeNull();
    await driver.keyDown('Shift');
    await driver.waitForDialog('Psoriasis');
    await driver.keyUp('Shift');
    await driver.mouseMove(5, 5);
    await driver.waitForNoDialog();

    await restore();
    await changeSettings(driver, { trigger: 'click' });
    await driver.hoverText('vitiligo');
    await sleep(900);
    expect(await driver.dialog(), 'hover opens nothing in click mode').toBeNull();
    const term = await centreOf(driver, 'alopecia areata');
    await driver.click(term.x, term.y);
    await driver.waitForDialog('Alopecia areata');
    await driver.mouseMove(5, 5);
    await sleep(700);
    expect((await driver.dialog())?.name, 'a clicked popover stays').toBe('Alopecia areata');
    expect(await driver.evaluate(() => (window as unknown as { pageClicks: string[] }).pageClicks, undefined)).toEqual(['single']);

    await driver.click(BLANK.x, BLANK.y);
    await driver.waitForNoDialog({ timeout: 1500 });

    const linked = await centreOf(driver, 'rheumatoid arthritis');
    await driver.click(linked.x, linked.y);
    await driver.waitForFunction(() => location.hash === '#target', undefined);
    await sleep(400);
    expect(await driver.dialog()).toBeNull();
  } finally {
    await restore();
  }
  expect(extensionProblems(driver)).toEqual([]);
});

test('explain: a selection opens its entry; text not in the glossary offers the closest entries', async ({ driver }) => {
  await openArticle(driver);
  const select = (phrase: string) =>
    driver.evaluate((wanted) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return true;
      }
      return false;
    }, phrase);

  // The context menu's path: the frame and the selected text, as the menu handler sends them.
  expect(await select('were alopecia areata and')).toBe(true);
  await driver.sendToContentScript({ type: EXPLAIN_SELECTION, selectionText: 'were alopecia areata and' }, { frameId: 0 });
  await driver.waitForDialog('Alopecia areata');
  await driver.press('Escape');
  await driver.waitForNoDialog();

  // The keyboard command's path: no text, every frame; the one with the selection answers.
  expect(await select('weather and gardens')).toBe(true);
  await driver.sendToContentScript({ type: EXPLAIN_SELECTION });
  const unknown = await driver.waitForDialog('“weather and gardens”');
  expect(unknown.text).toContain('not in the Health Glossary');
  await driver.press('Escape');
  await driver.waitForNoDialog();

  // A misspelling the browser reported (e.g. selected in a text field the page cannot see into).
  await driver.evaluate(() => getSelection()!.removeAllRanges(), undefined);
  await driver.sendToContentScript({ type: EXPLAIN_SELECTION, selectionText: 'psoriasys' }, { frameId: 0 });
  const suggestions = await driver.waitForDialog('“psoriasys”');
  expect(suggestions.text).toContain('Did you mean');
  await clickControl(driver, 'button', 'Psoriasis');
  await driver.waitForDialog('Psoriasis');
  await clickControl(driver, 'button', 'Back to “psoriasys”');
  await driver.waitForDialog('“psoriasys”');
  expect(extensionProblems(driver)).toEqual([]);
});

test('reduced motion: the popover appears without animation', async ({ driver }) => {
  await openArticle(driver);
  await driver.hoverText('psoriasis');
  await driver.waitForDialog('Psoriasis');
  expect((await card(driver)).animationName).toBe('hg-in');
  await driver.mouseMove(5, 5);
  await driver.waitForNoDialog();

  await driver.emulateMedia({ reducedMotion: 'reduce' });
  expect(await driver.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches, undefined)).toBe(true);
  await driver.hoverText('vitiligo');
  await driver.waitForDialog('Vitiligo');
  expect((await card(driver)).animationName).toBe('none');
});

/** Injects axe-core into the page (once) and audits the popover inside the shadow root. */
async function axeViolations(driver: Driver): Promise<{ id: string; impact: string | null; targets: string[] }[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await driver.evaluate((code) => {
    if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(code);
  }, source);
  // axe cannot enter a closed shadow root: it audits a copy of the card's root (its markup and
  // styles) in an open one, put where the card is, for the time of the audit.
  return driver.evaluateWithUi(async (_: undefined, uiRoots: ShadowRoot[]) => {
    type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    const copyHost = document.createElement('axe-card-copy');
    copyHost.attachShadow({ mode: 'open' }).innerHTML = uiRoots[0]?.innerHTML ?? '';
    document.documentElement.append(copyHost);
    try {
      const result = await axe.run({ include: [{ fromShadowDom: ['axe-card-copy', '.hg-popover'] }] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
    } finally {
      copyHost.remove();
    }
  }, undefined);
}

test('themes and text size follow the system and the reader, and axe finds no violations in light or dark', async ({ driver }) => {
  await openArticle(driver);
  await driver.hoverText('alopecia areata');
  await driver.waitForDialog('Alopecia areata');
  await clickControl(driver, 'button', 'More about it');
  const light = await card(driver);
  expect(luminance(light.background)).toBeGreaterThan(0.8);
  expect(light.fontSize).toBe('15px');
  expect(await axeViolations(driver)).toEqual([]);
  await driver.mouseMove(5, 5);
  await driver.waitForNoDialog();

  await driver.emulateMedia({ colorScheme: 'dark' });
  await driver.hoverText('alopecia areata');
  await driver.waitForDialog('Alopecia areata');
  await clickControl(driver, 'button', 'More about it');
  const dark = await card(driver);
  expect(luminance(dark.background)).toBeLessThan(0.05);
  expect(await axeViolations(driver)).toEqual([]);
  await driver.mouseMove(5, 5);
  await driver.waitForNoDialog();

  // The reader's own choice wins over the system's, and the text size scales the card.
  const restore = await changeSettings(driver, { theme: 'light', textSize: 'large' });
  try {
    await driver.hoverText('psoriasis');
    await driver.waitForDialog('Psoriasis');
    const chosen = await card(driver);
    expect(luminance(chosen.background)).toBeGreaterThan(0.8);
    expect(chosen.fontSize).toBe('18px');
    expect(chosen.layerClass).toContain('hg-theme-light');
    await driver.mouseMove(5, 5);
    await driver.waitForNoDialog();
    await driver.emulateMedia({ colorScheme: 'light' });
    await restore();
    await changeSettings(driver, { theme: 'dark', textSize: 'small' });
    await driver.hoverText('vitiligo');
    await driver.waitForDialog('Vitiligo');
    const forced = await card(driver);
    expect(luminance(forced.background)).toBeLessThan(0.05);
    expect(forced.fontSize).toBe('13px');
    expect(await axeViolations(driver)).toEqual([]);
  } finally {
    await restore();
  }
  expect(extensionProblems(driver)).toEqual([]);
});

test('on a right-to-left page the card mirrors: it starts at the term\'s right edge, controls on the left', async ({ driver }) => {
  await driver.open('pages/popover-rtl.html');
  await waitForMarks(driver, ['alopecia areata']);
  await driver.hoverText('alopecia areata');
  const dialog = await driver.waitForDialog('Alopecia areata');
  const state = await card(driver);
  expect(state.dir).toBe('rtl');
  const term = (await driver.textRect('alopecia areata', { scroll: false }))!.firstLine;
  expect(Math.abs(dialog.rect.x + dialog.rect.width - (term.x + term.width))).toBeLessThan(2);
  const close = (await driver.queryByRole({ role: 'button', name: 'Close' }))[0]!;
  const heading = (await driver.queryByRole({ role: 'heading', name: 'Alopecia areata' }))[0]!;
  expect(close.rect.x).toBeLessThan(heading.rect.x);
  expect(extensionProblems(driver)).toEqual([]);
});
