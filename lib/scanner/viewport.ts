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
