/**
 * The elements a reader is looking at, found by sampling a grid of points over the viewport: a
 * few dozen hit-tests cost far less than measuring every block of a long page.
 */
export function elementsInView(doc: Document, columns = 4, rows = 8): Element[] {
  const view = doc.defaultView;
  if (!view) return [];
  const width = view.innerWidth;
  const height = view.innerHeight;
  if (width === 0 || height === 0) return [];
  const found = new Set<Element>();
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const element = doc.elementFromPoint(((column + 0.5) * width) / columns, ((row + 0.5) * height) / rows);
      if (element && element !== doc.documentElement && element !== doc.body) found.add(element);
    }
  }
  return [...found];
}

/**
 * How many elements a document must have before its first scan looks for what is in view first.
 * A smaller document is scanned whole in a few slices of about 8 ms, too soon for the order to
 * show, while sampling the viewport waits for a rendered frame and costs hit-tests, which add up
 * on a page that embeds many small frames (ads).
 */
export const IN_VIEW_FIRST_MIN_ELEMENTS = 2000;

/** Whether `doc` has at least `minElements` elements, counted only that far. */
export function hasManyElements(doc: Document, minElements = IN_VIEW_FIRST_MIN_ELEMENTS): boolean {
  // item(n) walks to the n-th element and stops; length would count the whole document.
  return doc.getElementsByTagName('*').item(minElements - 1) !== null;
}

/**
 * Resolves true once the browser has rendered a frame (so layout is up to date and hit-testing is
 * cheap), or false if no frame comes within `timeoutMs` (a background tab or a throttled frame).
 * Hit-testing before that would make the browser lay out the page inside the extension's task,
 * which on a very large page that has not been laid out yet takes a long time.
 */
export function afterRenderedFrame(view: Window, timeoutMs = 200): Promise<boolean> {
  if (view.document.visibilityState === 'hidden') return Promise.resolve(false);
  return new Promise((resolve) => {
    const giveUp = view.setTimeout(() => resolve(false), timeoutMs);
    // Animation frame callbacks run just before the frame's layout; a task queued from one runs after it.
    view.requestAnimationFrame(() =>
      view.setTimeout(() => {
        view.clearTimeout(giveUp);
        resolve(true);
      }, 0),
    );
  });
}
