/**
 * The matcher's contract. Pure: no DOM, no browser APIs. Input is the text of one block (a
 * paragraph, list item, table cell, ...); output is the non-overlapping matches in it.
 */

/**
 * When an alias is also an everyday word or belongs to other fields ("universalis", "AA"), it is
 * only a health term when one of its cues occurs nearby: in the same block, or within `window`
 * words before or after it.
 */
export interface ContextRule {
  cues: string[];
  scope: 'block' | 'near';
  window: number;
}

/** One surface form the matcher looks for, and the entry it stands for. */
export interface AliasSpec {
  text: string;
  entryId: string;
  caseSensitive: boolean;
  context?: ContextRule;
}

export interface Match {
  /** UTF-16 offsets into the block text, end exclusive. */
  start: number;
  end: number;
  entryId: string;
}

export interface FindOptions {
  /**
   * "First occurrence only" density: entries already marked earlier on the page. When given, the
   * matcher skips matches for these ids and adds the ids it reports, so one set serves a page.
   */
  seen?: Set<string>;
  /**
   * The block is a bare heading or link on a page that is plainly about health ("Depression" in a
   * health site's menu): its context rules count as met, since such a label has no sentence around
   * it to hold a cue.
   */
  cuesGranted?: boolean;
}

export interface Matcher {
  /** Matches in one block of text, in order of start, never overlapping. */
  findMatches(text: string, options?: FindOptions): Match[];
}
