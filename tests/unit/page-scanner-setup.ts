/**
 * A page scanner over the test environment's document, with a literal matcher and a fake
 * highlight registry, shared by the scanner tests of both DOM environments.
 */
import { TermMarks, type MarkedTerm } from '../../lib/marks/term-marks';
import { PageScanner } from '../../lib/scanner/page-scanner';
import type { Matcher, Match } from '../../lib/matcher/types';

/** A literal, case-sensitive matcher: enough to exercise the scanner without the real one. */
export function literalMatcher(terms: Record<string, string>): Matcher {
  return {
    findMatches(text, options) {
      const found: Match[] = [];
      for (const [phrase, entryId] of Object.entries(terms)) {
        for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + phrase.length)) found.push({ start: i, end: i + phrase.length, entryId });
      }
      found.sort((a, b) => a.start - b.start);
      if (!options?.seen) return found;
      return found.filter((m) => (options.seen!.has(m.entryId) ? false : (options.seen!.add(m.entryId), true)));
    },
  };
}

class FakeHighlight extends Set<StaticRange> {
  priority = 0;
}

export function setupExcluding(excludedTags: ReadonlySet<string>) {
  return setup(false, excludedTags);
}

/** A scanner that leaves out the elements `isExcluded` names, whatever their tag. */
export function setupExcludingElements(isExcluded: (element: Element) => boolean) {
  return setup(false, undefined, undefined, {}, {}, isExcluded);
}

export function setup(
  firstOnly = false,
  excludedTags?: ReadonlySet<string>,
  elementsInView?: () => Element[] | Promise<Element[]>,
  timing: { now?: () => number; yieldToPage?: () => Promise<void> } = {},
  page: { matcher?: Matcher; healthPage?: boolean } = {},
  isExcluded?: (element: Element) => boolean,
) {
  const registry = new Map<string, FakeHighlight>();
  const marks = new TermMarks({
    registry: registry as unknown as HighlightRegistry,
    createHighlight: () => new FakeHighlight() as unknown as Highlight,
    createStaticRange: (init) => ({ ...init, collapsed: false }) as StaticRange,
  });
  const scanner = new PageScanner(
    {
      doc: document,
      matcher: page.matcher ?? literalMatcher({ 'alopecia areata': 'aa', psoriasis: 'ps' }),
      marks,
      scanOptions: { ...(excludedTags ? { excludedTags } : {}), ...(isExcluded ? { isExcluded } : {}) },
      now: timing.now ?? (() => 0),
      yieldToPage: timing.yieldToPage ?? (() => Promise.resolve()),
      ...(elementsInView ? { elementsInView } : {}),
    },
    { firstOnly, healthPage: page.healthPage ?? false },
  );
  return { registry, marks, scanner };
}

export const describeTerm = (t: MarkedTerm) => {
  const r = t.range;
  if (r.startContainer === r.endContainer) return `${t.entryId}:${(r.startContainer as Text).data.slice(r.startOffset, r.endOffset)}`;
  return `${t.entryId}:${(r.startContainer as Text).data.slice(r.startOffset)}|${(r.endContainer as Text).data.slice(0, r.endOffset)}`;
};

