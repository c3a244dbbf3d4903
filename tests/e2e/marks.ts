import type { Driver } from './driver';

/**
 * The texts a registered highlight paints (by default the extension's term highlight), as the page
 * itself sees the registry; null when the name is not registered.
 */
export function markedTexts(name = 'health-glossary-term'): string[] | null {
  const highlight = CSS.highlights.get(name);
  if (!highlight) return null;
  return [...highlight].map((range) => {
    const r = document.createRange();
    r.setStart(range.startContainer, range.startOffset);
    r.setEnd(range.endContainer, range.endOffset);
    return r.toString().replace(/\s+/g, ' ');
  });
}

/**
 * The marked texts once they have settled: the extension has started scanning (its highlight is
 * registered: `read` answers null until then, so a first scan that waits for the page to settle
 * never passes for an empty one), they include every phrase in `expected`, exclude every phrase in
 * `absent`, and have not changed for 300 ms (scans are time-sliced and mutation rescans batched,
 * so the set moves for a moment after a change). `read` defaults to the top frame.
 */
export async function waitForMarks(
  driver: Driver,
  expected: string[] = [],
  options: { absent?: string[]; read?: () => Promise<string[] | null>; timeout?: number } = {},
): Promise<string[]> {
  const read = options.read ?? (() => driver.evaluate(markedTexts, undefined));
  const absent = options.absent ?? [];
  const deadline = Date.now() + (options.timeout ?? 10_000);
  let previous = '';
  let stableSince = Date.now();
  for (;;) {
    const registered = await read();
    const texts = registered ?? [];
    const key = registered === null ? 'not registered' : JSON.stringify(texts);
    if (key !== previous) {
      previous = key;
      stableSince = Date.now();
    } else if (
      registered !== null &&
      expected.every((phrase) => texts.includes(phrase)) &&
      absent.every((phrase) => !texts.includes(phrase)) &&
      Date.now() - stableSince >= 300
    ) {
      return texts;
    }
    if (Date.now() > deadline) {
      throw new Error(`marks did not settle with ${JSON.stringify(expected)} and without ${JSON.stringify(absent)}; last: ${key}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The visible [role=dialog] inside any shadow root of the current document (the UI's closed one too), with its name. */
export function dialogInShadowRoots(_: undefined, uiRoots: ShadowRoot[] = []): { name: string; text: string } | null {
  const visit = (root: Document | ShadowRoot): { name: string; text: string } | null => {
    for (const element of root.querySelectorAll('*')) {
      const shadow = element.shadowRoot ?? uiRoots.find((r) => r.host === element);
      if (!shadow) continue;
      const dialog = shadow.querySelector('[role="dialog"]');
      if (dialog && dialog.getClientRects().length > 0) {
        const labelId = dialog.getAttribute('aria-labelledby');
        const name = (labelId ? shadow.getElementById(labelId)?.textContent : dialog.getAttribute('aria-label')) ?? '';
        return { name: name.trim(), text: (dialog as HTMLElement).innerText.replace(/\s+/g, ' ').trim() };
      }
      const nested = visit(shadow);
      if (nested) return nested;
    }
    return null;
  };
  return visit(document);
}
