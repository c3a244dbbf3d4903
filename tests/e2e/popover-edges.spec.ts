import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { Driver, PageRect } from './driver';
import { markedTexts, waitForMarks } from './marks';

// Placement: a term at each edge of the viewport, and one in a small iframe. The card must stay
// inside the viewport (or the frame), never cover the term, and sit above or below its line.
// Chromium also writes the pictures in docs/screenshots (light and dark) that the README links.

const PAGE = 'pages/popover-edges.html';
const FRAME = 'popover-frame.html';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const PADDING = 8;

const EDGES = [
  { edge: 'top', phrase: 'psoriasis', name: 'Psoriasis' },
  { edge: 'bottom', phrase: 'vitiligo', name: 'Vitiligo' },
  { edge: 'left', phrase: 'lupus', name: 'Lupus' },
  { edge: 'right', phrase: 'eczema', name: 'Atopic dermatitis' },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function overlaps(a: PageRect, b: PageRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectInside(card: PageRect, width: number, height: number, what: string): void {
  // Whole pixels: the card is placed on rounded coordinates.
  expect(card.x, `${what}: left`).toBeGreaterThanOrEqual(PADDING - 1);
  expect(card.y, `${what}: top`).toBeGreaterThanOrEqual(PADDING - 1);
  expect(card.x + card.width, `${what}: right`).toBeLessThanOrEqual(width - PADDING + 1);
  expect(card.y + card.height, `${what}: bottom`).toBeLessThanOrEqual(height - PADDING + 1);
}

/** The card in this document's UI host, and the viewport it must stay in. */
function cardInDocument(_: undefined, uiRoots: ShadowRoot[]): { card: PageRect; width: number; height: number } | null {
  const card = uiRoots[0]?.querySelector('.hg-popover');
  if (!card) return null;
  const r = card.getBoundingClientRect();
  if (r.width === 0 || getComputedStyle(card.parentElement!).visibility === 'hidden') return null;
  return { card: { x: r.x, y: r.y, width: r.width, height: r.height }, width: innerWidth, height: innerHeight };
}

/** Past the 120 ms fade-in, so pictures show the card at rest. */
const rest = () => sleep(400);

for (const scheme of ['light', 'dark'] as const) {
  test(`near each viewport edge the card stays inside and off the term (${scheme})`, async ({ driver }) => {
    await driver.emulateMedia({ colorScheme: scheme });
    await driver.open(PAGE);
    await waitForMarks(driver, EDGES.map((e) => e.phrase));
    const viewport = await driver.evaluate(() => ({ width: innerWidth, height: innerHeight }), undefined);
    for (const { edge, phrase, name } of EDGES) {
      await driver.press('Escape');
      await driver.waitForNoDialog();
      await driver.hoverText(phrase, { scroll: false });
      const dialog = await driver.waitForDialog(name);
      const term = (await driver.textRect(phrase, { scroll: false }))!.bounds;
      expectInside(dialog.rect, viewport.width, viewport.height, edge);
      expect(overlaps(dialog.rect, term), `${edge}: the card covers the term`).toBe(false);
      // Above the line at the bottom edge, below it everywhere else.
      if (edge === 'bottom') expect(dialog.rect.y + dialog.rect.height).toBeLessThanOrEqual(term.y);
      else expect(dialog.rect.y).toBeGreaterThanOrEqual(term.y + term.height);
      if (driver.browserName === 'chromium') {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await rest();
        await driver.screenshot(join(SCREENSHOTS, `popover-edge-${edge}-${scheme}.png`));
      }
    }
    expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);
  });
}

test('in a small iframe the card fits inside the frame and does not cover the term', async ({ driver }) => {
  await driver.open(PAGE);
  await waitForMarks(driver, ['alopecia areata'], { read: () => driver.evaluateInFrame(FRAME, markedTexts, undefined) });
  const frame = await driver.evaluate(() => {
    const r = document.getElementById('frame')!.getBoundingClientRect();
    // Inside the 1 px border.
    return { x: r.x + 1, y: r.y + 1 };
  }, undefined);
  const term = await driver.evaluateInFrame(
    FRAME,
    () => {
      const text = document.getElementById('framed')!.firstChild as Text;
      const at = text.data.indexOf('alopecia areata');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'alopecia areata'.length);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    undefined,
  );
  await driver.mouseMove(frame.x + term.x + term.width / 2, frame.y + term.y + term.height / 2);
  // The frame has its own content script and its own UI host: the card lives in the frame.
  const inFrame = await pollFrame(driver);
  expectInside(inFrame.card, inFrame.width, inFrame.height, 'frame');
  expect(overlaps(inFrame.card, term)).toBe(false);
  if (driver.browserName === 'chromium') {
    await rest();
    await driver.screenshot(join(SCREENSHOTS, 'popover-edge-frame-light.png'));
  }
  expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);
});

async function pollFrame(driver: Driver): Promise<{ card: PageRect; width: number; height: number }> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = await driver.evaluateInFrameWithUi(FRAME, cardInDocument, undefined);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no popover inside the frame');
    await sleep(50);
  }
}
