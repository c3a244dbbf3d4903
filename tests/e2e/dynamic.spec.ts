import { expect, test } from './fixtures';
import type { Driver } from './driver';
import { dialogInShadowRoots, markedTexts, waitForMarks } from './marks';
import { installMutationRecorder, readMutations } from './page-functions';
import { UI_HOST_NAME, mutationsOtherThanUiHost } from './mutations';

// Every page, as it changes: content added, changed and replaced after load, frames of every
// kind, web components, a page that never stops mutating, and scrolling with an open popover.

type PageWindow = Window & {
  appendParagraph(text: string): void;
  setStatus(text: string): void;
  navigate(path: string, html: string): void;
  startTicker(): void;
  stopTicker(): void;
  tickCount?: number;
};

const noExtensionProblems = (driver: Driver) => expect(driver.problems().filter((p) => p.fromExtension)).toEqual([]);

test('appended content, a changed text node and a replaced SPA view are marked, and stale marks go', async ({ driver }) => {
  await driver.open('pages/dynamic.html');
  await waitForMarks(driver, [], { absent: ['psoriasis'] });

  await driver.evaluate(() => (window as unknown as PageWindow).appendParagraph('Loaded later: psoriasis can affect the nails.'), undefined);
  await waitForMarks(driver, ['psoriasis']);
  await driver.hoverText('psoriasis');
  await driver.waitForDialog('Psoriasis');
  await driver.mouseMove(2, 2);
  await driver.waitForNoDialog();

  await driver.evaluate(() => (window as unknown as PageWindow).setStatus('Now the status mentions vitiligo.'), undefined);
  await waitForMarks(driver, ['psoriasis', 'vitiligo']);
  await driver.evaluate(() => (window as unknown as PageWindow).setStatus('And now it mentions nothing.'), undefined);
  await waitForMarks(driver, ['psoriasis'], { absent: ['vitiligo'] });

  // A client-side route change: the whole view is replaced and the URL pushed, no reload.
  await driver.evaluate(
    () => (window as unknown as PageWindow).navigate('/pages/dynamic.html#/treatments', '<h1>Treatments</h1><p>Doctors may suggest minoxidil or a JAK inhibitor.</p>'),
    undefined,
  );
  const marks = await waitForMarks(driver, ['minoxidil', 'JAK inhibitor'], { absent: ['psoriasis'] });
  expect(marks).not.toContain('vitiligo');
  await driver.hoverText('minoxidil');
  await driver.waitForDialog('Minoxidil');
  noExtensionProblems(driver);
});

test('terms in same-origin, cross-origin, srcdoc and about:blank frames are marked and open a popover inside their frame', async ({ driver }) => {
  await driver.open('pages/frames.html');
  await waitForMarks(driver, ['psoriasis']);
  // The empty about:blank frame got the content script when the page was parsed, long before the
  // top page's marks settled; a second more, and the page fills it. A frame without text waits
  // for some before it sets anything up, so nothing of the extension is visible there until then.
  expect(await driver.evaluateInFrame('about:blank', () => document.body.textContent, undefined)).toBe('');
  expect(await driver.evaluateInFrame('about:blank', () => CSS.highlights.size, undefined)).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await driver.evaluate(() => (window as unknown as { fillBlankFrame(): void }).fillBlankFrame(), undefined);
  const frames = [
    { urlPart: 'frame-child.html?same', iframe: '#same', phrase: 'alopecia areata', name: 'Alopecia areata' },
    { urlPart: 'frame-child.html?cross', iframe: '#cross', phrase: 'thyroid disease', name: 'Thyroid disease' },
    { urlPart: 'about:srcdoc', iframe: '#srcdoc', phrase: 'vitiligo', name: 'Vitiligo' },
    { urlPart: 'about:blank', iframe: '#blank', phrase: 'baricitinib', name: 'Baricitinib' },
  ];
  for (const frame of frames) {
    await waitForMarks(driver, [frame.phrase], { read: () => driver.evaluateInFrame(frame.urlPart, markedTexts, undefined) });
    // Page coordinates = the iframe's content box in the top page + the phrase's place in the frame.
    const offset = await driver.evaluate((selector) => {
      const iframe = document.querySelector(selector) as HTMLIFrameElement;
      iframe.scrollIntoView({ block: 'center' });
      const r = iframe.getBoundingClientRect();
      return { x: r.x + iframe.clientLeft, y: r.y + iframe.clientTop };
    }, frame.iframe);
    const inFrame = await driver.evaluateInFrame(
      frame.urlPart,
      (phrase) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node as Text).data.indexOf(phrase);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + phrase.length);
          const rect = range.getClientRects()[0]!;
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        return null;
      },
      frame.phrase,
    );
    expect(inFrame, `${frame.phrase} in ${frame.urlPart}`).not.toBeNull();
    await driver.mouseMove(offset.x + inFrame!.x - 30, offset.y + inFrame!.y + 30);
    await driver.mouseMove(offset.x + inFrame!.x, offset.y + inFrame!.y);
    const start = Date.now();
    let dialog: { name: string; text: string } | null = null;
    while (!dialog && Date.now() - start < 5000) {
      dialog = await driver.evaluateInFrameWithUi(frame.urlPart, dialogInShadowRoots, undefined);
      if (!dialog) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(dialog?.name, `popover in ${frame.urlPart}`).toBe(frame.name);
    // The popover lives in the frame, not in the top page.
    expect(await driver.dialog()).toBeNull();
    await driver.mouseMove(2, 2);
  }
  noExtensionProblems(driver);
});

test('text inside open shadow roots (nested too) is marked and hoverable', async ({ driver }) => {
  await driver.addInitScript(installMutationRecorder);
  await driver.open('pages/shadow.html');
  const inShadow = () =>
    driver.evaluate(() => {
      const texts: string[] = [];
      const highlight = CSS.highlights.get('health-glossary-term');
      for (const range of highlight ?? []) {
        if (!(range.startContainer.getRootNode() instanceof ShadowRoot)) continue;
        const r = document.createRange();
        r.setStart(range.startContainer, range.startOffset);
        r.setEnd(range.endContainer, range.endOffset);
        texts.push(r.toString());
      }
      return texts;
    }, undefined);
  await waitForMarks(driver, ['rheumatoid arthritis', 'vitiligo'], { read: inShadow });

  const point = await driver.evaluate(() => {
    const p = document.getElementById('card')!.shadowRoot!.getElementById('inside')!;
    const text = p.firstChild as Text;
    const at = text.data.indexOf('rheumatoid arthritis');
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 'rheumatoid arthritis'.length);
    const rect = range.getClientRects()[0]!;
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }, undefined);
  await driver.mouseMove(point.x - 40, point.y - 30);
  await driver.mouseMove(point.x, point.y);
  await driver.waitForDialog('Rheumatoid arthritis');
  // The page's DOM was read, not changed: the one mutation is the extension's UI host arriving.
  const mutations = await driver.evaluate(readMutations, undefined);
  expect(mutationsOtherThanUiHost(mutations, UI_HOST_NAME)).toEqual([]);
  noExtensionProblems(driver);
});

test('a page that mutates 1,000 times a second still gets its terms, and its ticker keeps its pace', async ({ driver }) => {
  await driver.open('pages/dynamic.html');
  // The extension has started (it waits for the page to settle), so what follows is rescans.
  await waitForMarks(driver, []);
  await driver.evaluate(() => (window as unknown as PageWindow).startTicker(), undefined);
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    // New terms on the busy page are still found while the ticker runs.
    await driver.evaluate(() => (window as unknown as PageWindow).appendParagraph('Meanwhile: alopecia totalis.'), undefined);
    await waitForMarks(driver, ['alopecia totalis']);
    const before = await driver.evaluate(() => (window as unknown as PageWindow).tickCount ?? 0, undefined);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await driver.evaluate(() => (window as unknown as PageWindow).tickCount ?? 0, undefined);
    // The page's own work was not starved: it made (many) more mutations meanwhile. The CPU the
    // extension spends on them is measured by `npm run bench`, not asserted here.
    expect(after - before).toBeGreaterThan(500);
  } finally {
    await driver.evaluate(() => (window as unknown as PageWindow).stopTicker(), undefined);
  }
  noExtensionProblems(driver);
});

test('an open popover follows its term when the page scrolls', async ({ driver }) => {
  await driver.open('pages/demo-article.html');
  await waitForMarks(driver, ['rheumatoid arthritis']);
  await driver.hoverText('rheumatoid arthritis');
  const before = await driver.waitForDialog('Rheumatoid arthritis');
  const termBefore = await driver.textRect('rheumatoid arthritis', { scroll: false });
  await driver.evaluate(() => window.scrollBy(0, 60), undefined);
  const termAfter = await driver.textRect('rheumatoid arthritis', { scroll: false });
  const moved = termAfter!.bounds.y - termBefore!.bounds.y;
  expect(moved).toBeLessThan(-30);
  // The popover moves with the term (it may close instead if the term left the viewport).
  const start = Date.now();
  let after = await driver.dialog();
  while (after && Math.abs(after.rect.y - (before.rect.y + moved)) > 2 && Date.now() - start < 2000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = await driver.dialog();
  }
  expect(after, 'the popover is still open after a small scroll').not.toBeNull();
  expect(Math.abs(after!.rect.y - (before.rect.y + moved))).toBeLessThanOrEqual(2);
  noExtensionProblems(driver);
});

test('a page that removes most of itself while the first scan is under way still gets the terms after it', async ({ driver }) => {
  await driver.open('pages/removes-while-scanning.html');
  // The feed goes as soon as the first term is marked; the scan, paused somewhere in the feed,
  // goes on from where the feed was, to the last paragraph.
  await driver.waitForFunction(() => (window as unknown as { removedAt: number | null }).removedAt !== null, undefined);
  await waitForMarks(driver, ['Alopecia areata', 'psoriasis']);
  noExtensionProblems(driver);
});
