/**
 * Typed messages between the extension's contexts, named by direction (`<from>-to-<to>:<what>`).
 * Settings never travel as messages: every context reads them from storage (lib/settings.ts).
 *
 * Each receiver validates what arrives, since any extension context (or a stale content script
 * from an older version of the extension) can send anything.
 */
import * as v from 'valibot';

/** popup → content (top frame of a tab): what the page has marked. */
export const LIST_TERMS = 'popup-to-content:list-terms';
/** popup → content: scroll to the first mark of an entry and open its popover. */
export const REVEAL_TERM = 'popup-to-content:reveal-term';
/** content → background: the distinct entries one frame has marked, for the toolbar badge. */
export const TERMS_ON_PAGE = 'content-to-background:terms-on-page';
/** background → content (every frame): send TERMS_ON_PAGE again, e.g. after the badge was reset. */
export const REPORT_TERMS = 'background-to-content:report-terms';

const PopupToContentSchema = v.variant('type', [
  v.object({ type: v.literal(LIST_TERMS) }),
  v.object({ type: v.literal(REVEAL_TERM), entryId: v.pipe(v.string(), v.maxLength(200)) }),
]);
export type PopupToContentMessage = v.InferOutput<typeof PopupToContentSchema>;

const ContentToBackgroundSchema = v.object({
  type: v.literal(TERMS_ON_PAGE),
  entryIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(10_000)),
});
export type ContentToBackgroundMessage = v.InferOutput<typeof ContentToBackgroundSchema>;

/**
 * content → background: open one of a card's sources in a new tab. The card has no links: a link
 * lets the browser preconnect to the publisher as soon as the pointer is pressed on it, before (or
 * without) a click, and nothing may reach the network until the reader opens a source.
 */
export const OPEN_SOURCE = 'content-to-background:open-source';

const OpenSourceSchema = v.object({
  type: v.literal(OPEN_SOURCE),
  url: v.pipe(
    v.string(),
    v.maxLength(8000), // a prefilled problem report carries its text in the address
    v.check((url) => /^https?:$/.test(URL.parse(url)?.protocol ?? ''), 'a source is an http(s) address'),
  ),
});
export type OpenSourceMessage = v.InferOutput<typeof OpenSourceSchema>;

export function parseOpenSource(raw: unknown): OpenSourceMessage | undefined {
  const result = v.safeParse(OpenSourceSchema, raw);
  return result.success ? result.output : undefined;
}

/** One marked entry, with what the popup shows for it (so the popup bundles no glossary). */
export interface TermOnPage {
  entryId: string;
  name: string;
  short: string;
  /** Marks of this entry on the page (1 in first-occurrence mode). */
  count: number;
}

/** The answer to LIST_TERMS. `active` is false when the extension is off or paused on the page. */
export interface TermsOnPage {
  /**
   * The site as the content script sees it (the popup needs no "tabs" permission to know it).
   * Absent for pages without a hostname; Firefox drops undefined values in messages anyway.
   */
  host?: string | undefined;
  active: boolean;
  terms: TermOnPage[];
}

/** The answer to REVEAL_TERM. */
export interface RevealResult {
  revealed: boolean;
}

export interface Responses {
  [LIST_TERMS]: TermsOnPage;
  [REVEAL_TERM]: RevealResult;
}

export function parsePopupToContent(raw: unknown): PopupToContentMessage | undefined {
  const result = v.safeParse(PopupToContentSchema, raw);
  return result.success ? result.output : undefined;
}

export function parseContentToBackground(raw: unknown): ContentToBackgroundMessage | undefined {
  const result = v.safeParse(ContentToBackgroundSchema, raw);
  return result.success ? result.output : undefined;
}

/** A response to LIST_TERMS, validated in the popup (the content script may be older). */
const TermsOnPageSchema = v.object({
  host: v.optional(v.string()),
  active: v.boolean(),
  terms: v.array(v.object({ entryId: v.string(), name: v.string(), short: v.string(), count: v.number() })),
});

export function parseTermsOnPage(raw: unknown): TermsOnPage | undefined {
  const result = v.safeParse(TermsOnPageSchema, raw);
  return result.success ? result.output : undefined;
}

/** background → content (top frame): move to the next/previous marked term and open it (keyboard command). */
export const STEP_TERM = 'background-to-content:step-term';
/**
 * background → content: explain the selected text (context menu, or the keyboard command for the
 * selection or caret). `selectionText` is what the browser reported for the menu, if anything.
 */
export const EXPLAIN_SELECTION = 'background-to-content:explain-selection';

const BackgroundToContentSchema = v.variant('type', [
  v.object({ type: v.literal(REPORT_TERMS) }),
  v.object({ type: v.literal(STEP_TERM), direction: v.picklist([1, -1] as const) }),
  v.object({ type: v.literal(EXPLAIN_SELECTION), selectionText: v.optional(v.pipe(v.string(), v.maxLength(2000))) }),
]);
export type BackgroundToContentMessage = v.InferOutput<typeof BackgroundToContentSchema>;

export function parseBackgroundToContent(raw: unknown): BackgroundToContentMessage | undefined {
  const result = v.safeParse(BackgroundToContentSchema, raw);
  return result.success ? result.output : undefined;
}

/**
 * content → background: the texts a card needs. A page holds no entry texts (they would load in
 * every frame of every page); the card asks for its entry while the reader waits out the hover
 * delay, and for a related entry when it is followed.
 */
export const CARD_ENTRY = 'content-to-background:card-entry';
/** content → background: the names and short texts of entries (the popup's list, announcements). */
export const ENTRY_SUMMARIES = 'content-to-background:entry-summaries';
/** content → background: what "explain" on unmarked text means (exact, contained and closest entries). */
export const LOOK_UP_TEXT = 'content-to-background:look-up-text';

const EntryId = v.pipe(v.string(), v.maxLength(200));
const EntryRequestSchema = v.variant('type', [
  v.object({ type: v.literal(CARD_ENTRY), entryId: EntryId }),
  v.object({ type: v.literal(ENTRY_SUMMARIES), entryIds: v.pipe(v.array(EntryId), v.maxLength(10_000)) }),
  v.object({ type: v.literal(LOOK_UP_TEXT), text: v.pipe(v.string(), v.maxLength(2000)) }),
]);
export type EntryRequest = v.InferOutput<typeof EntryRequestSchema>;

export function parseEntryRequest(raw: unknown): EntryRequest | undefined {
  const result = v.safeParse(EntryRequestSchema, raw);
  return result.success ? result.output : undefined;
}

/** An entry's name and short text. */
export interface EntrySummary {
  entryId: string;
  name: string;
  short: string;
}

/** The answer to LOOK_UP_TEXT: entry ids (see lib/popover/suggest.ts), with the names a card shows. */
export interface TextLookup {
  exact: string | undefined;
  contained: string | undefined;
  closest: string[];
  names: Record<string, string>;
}
