/**
 * Whether a page is plainly about health, and which of its blocks are bare labels. On such a page
 * a menu item or heading reading "Depression" or "Cold and flu" means the health term, though it
 * stands alone with no sentence to hold the cue its alias needs elsewhere.
 */
import type { Matcher } from './matcher/types';
import type { TextBlock } from './scanner/blocks';

/** Words in a site's name that say it is about health (nhs.uk, medlineplus.gov, webmd.com, ...). */
const HEALTH_HOST = /(health|medic|clinic|hospital|nhs|nih|cdc|medline|webmd|mayo|doctor|pharm|nurs|cancer|heart|diabet|mental|wellness|patient|drugs?\b)/i;

/** Distinct entries in a page's title and description that make it a health page. */
const TITLE_ENTRIES = 2;

/**
 * A site whose name is about health, or a page whose title and description name at least two
 * glossary entries under the ordinary rules (so "Stroke of luck" on a sports page does not count).
 */
export function isHealthPage(host: string, doc: Document, matcher: Matcher): boolean {
  if (HEALTH_HOST.test(host)) return true;
  const description = doc.querySelector('meta[name="description" i]')?.getAttribute('content') ?? '';
  const text = `${doc.title}\n${description}`.slice(0, 2000);
  const entries = new Set(matcher.findMatches(text).map((m) => m.entryId));
  return entries.size >= TITLE_ENTRIES;
}

/** Longest text of a bare label; longer text is a sentence and must find its own cues. */
const LABEL_MAX_CHARS = 40;
const LABEL_MAX_WORDS = 4;
const LABEL_CONTAINER = 'h1, h2, h3, h4, h5, h6, a, summary, th, [role="heading"], [role="link"], [role="tab"], [role="menuitem"]';

/** A heading, link or menu item of a few words, alone in its block. */
export function isBareLabel(block: TextBlock): boolean {
  const text = block.text.trim();
  if (text.length === 0 || text.length > LABEL_MAX_CHARS) return false;
  if (text.split(/\s+/).length > LABEL_MAX_WORDS) return false;
  const parent = block.segments[0]?.node.parentElement;
  return parent?.closest(LABEL_CONTAINER) != null;
}
