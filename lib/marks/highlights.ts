/**
 * The page's highlights: the names under which the marks are registered in the document's
 * HighlightRegistry, and the registering. entrypoints/content/highlights.css paints each name; the
 * page's DOM never changes. One Highlight holds every marked term and moves between the style names
 * as the reader changes the mark style. The registry is shared with the page, so nothing else goes
 * in it: the term whose popover is open is emphasised inside the extension's closed UI instead.
 */
import type { MarkStyle } from '../settings';

/** The registry name for each painted mark style. */
export const MARK_HIGHLIGHT_NAMES: Readonly<Record<Exclude<MarkStyle, 'none'>, string>> = {
  dotted: 'health-glossary-term',
  solid: 'health-glossary-term-solid',
  background: 'health-glossary-term-background',
};

/** The registry name for a style; undefined for 'none' (terms are hit-tested but not painted). */
export function markHighlightName(style: MarkStyle): string | undefined {
  return style === 'none' ? undefined : MARK_HIGHLIGHT_NAMES[style];
}

/** The only parts of the browser the highlights need; tests pass a fake. */
export interface HighlightDeps {
  registry: HighlightRegistry;
  createHighlight: () => Highlight;
}

/** The highlight of one page's marks, registered from construction until destroy(). */
export class MarkHighlights {
  /** Every marked term. */
  readonly terms: Highlight;
  private style: MarkStyle;

  constructor(
    private readonly deps: HighlightDeps,
    style: MarkStyle = 'dotted',
  ) {
    this.terms = deps.createHighlight();
    this.style = style;
    this.registerTerms();
  }

  /** Moves the terms' highlight to the name whose CSS paints `style`. */
  setStyle(style: MarkStyle): void {
    if (style === this.style) return;
    this.unregisterTerms();
    this.style = style;
    this.registerTerms();
  }

  /** Takes the highlight out of the registry: the symmetric end of the constructor. */
  destroy(): void {
    this.unregisterTerms();
  }

  private registerTerms(): void {
    const name = markHighlightName(this.style);
    if (name) this.deps.registry.set(name, this.terms);
  }

  private unregisterTerms(): void {
    const name = markHighlightName(this.style);
    if (name && this.deps.registry.get(name) === this.terms) this.deps.registry.delete(name);
  }
}
