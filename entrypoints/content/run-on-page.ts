/**
 * The content script's work in one frame: the settings, the page's GlossaryOnPage, and the one
 * listener for the messages of the background and the popup.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import glossary from 'virtual:health-glossary/page';
import { entryKinds, type EntryKinds } from '../../lib/compiled/page-glossary';
import { matcherFromTables, type MatcherTables } from '../../lib/matcher';
import { deserializeMatcherTables } from '../../lib/matcher/serialize';
import {
  EXPLAIN_SELECTION,
  LIST_TERMS,
  parseBackgroundToContent,
  parsePopupToContent,
  REPORT_TERMS,
  REVEAL_TERM,
  STEP_TERM,
  TERMS_ON_PAGE,
  type ContentToBackgroundMessage,
  type Responses,
} from '../../lib/messages';
import { whenTextArrives } from '../../lib/scanner/blocks';
import { afterPageSettles } from '../../lib/scanner/page-settled';
import { entryFilterFor } from '../../lib/entry-scope';
import { loadSettings, watchSettings } from '../../lib/settings';
import { normalizeHostname } from '../../lib/site';
import { GlossaryOnPage, type GlossaryOnPageOptions } from './glossary-on-page';

type MatcherFactory = GlossaryOnPageOptions['createMatcher'];

/** What a caller of runOnPage may change; the content script itself passes nothing. */
export interface RunOptions {
  /** Resolves true when the first scan may start; by default once the page has settled. */
  firstScanWhen?: () => Promise<boolean>;
  /** Wraps the matcher factory, which loads the matcher built with the glossary. */
  wrapMatcherFactory?: (create: MatcherFactory) => MatcherFactory;
}

/**
 * The glossary on this frame's page: loads the settings, scans and marks once the page has
 * settled, follows settings changes and answers messages, until the content script is invalidated.
 * Resolves with the page once its first scan has been started (undefined in a frame without text).
 */
export async function runOnPage(ctx: ContentScriptContext, options: RunOptions = {}): Promise<GlossaryOnPage | undefined> {
  // A frame with no text (an ad slot, a tracking frame: a page can hold dozens, most of them
  // empty for good) waits for some before it reads the settings or sets anything up.
  const isTopFrame = window === window.top;
  if (!isTopFrame && !(await whenTextArrives(document, ctx.signal))) return undefined;
  const settings = await loadSettings();
  let tables: MatcherTables | undefined;
  let kinds: EntryKinds | undefined;
  // The matcher and its gate come built with the glossary: loading them costs a fraction of
  // building them here. The reader's categories and "Which terms to mark" only turn entries off.
  const createMatcher: MatcherFactory = (scope) =>
    matcherFromTables((tables ??= deserializeMatcherTables(glossary.matcher)), glossary.gate, {
      enabled: entryFilterFor({ get entries() { return (kinds ??= entryKinds(glossary)); } }, scope),
    });
  const page = new GlossaryOnPage(
    ctx,
    {
      createMatcher: options.wrapMatcherFactory ? options.wrapMatcherFactory(createMatcher) : createMatcher,
      host: normalizeHostname(siteHostname() ?? ''),
      onTermsChanged: (entryIds) => {
        const message: ContentToBackgroundMessage = { type: TERMS_ON_PAGE, entryIds };
        // The background may be asleep or the extension reloading; the badge is not worth an error.
        browser.runtime.sendMessage(message).catch(() => {});
      },
    },
    settings,
  );
  const unwatch = watchSettings((next) => page.update(next));
  ctx.onInvalidated(unwatch);

  const onMessage = (raw: unknown) => routeMessage(page, raw, isTopFrame);
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  // A reader may point at a term before the first scan: the block under the pointer is then
  // scanned on demand (see GlossaryOnPage.pointerBeforeFirstScan). Until the pointer moves, this
  // listener is all the page pays.
  const early = new AbortController();
  ctx.onInvalidated(() => early.abort());
  document.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      early.abort();
      page.pointerBeforeFirstScan(event);
    },
    { capture: true, passive: true, signal: early.signal },
  );
  // The first scan waits until the page has finished starting up (a settings change meanwhile
  // starts it at once, and this start then does nothing).
  const firstScanWhen = options.firstScanWhen ?? (() => afterPageSettles(window, ctx.signal));
  const settled = await firstScanWhen();
  early.abort();
  if (settled) void page.start();
  return page;
}

/**
 * The content script's one message listener. Returns the answer's promise for a message that
 * expects one, and undefined for the rest, which lets other listeners answer.
 */
function routeMessage(page: GlossaryOnPage, raw: unknown, isTopFrame: boolean): Promise<Responses[keyof Responses]> | undefined {
  const fromBackground = parseBackgroundToContent(raw);
  if (fromBackground?.type === REPORT_TERMS) page.reportAgain();
  else if (fromBackground?.type === STEP_TERM) page.step(fromBackground.direction);
  else if (fromBackground?.type === EXPLAIN_SELECTION) page.explainSelection(fromBackground.selectionText);
  if (fromBackground) return undefined;
  // The popup talks to the top frame only (it sends with frameId 0).
  if (!isTopFrame) return undefined;
  const fromPopup = parsePopupToContent(raw);
  // A reader asking for the terms does not wait for the page to settle.
  if (fromPopup?.type === LIST_TERMS) return page.scanForReader().then(() => page.listTerms());
  if (fromPopup?.type === REVEAL_TERM) return Promise.resolve({ revealed: page.reveal(fromPopup.entryId) });
  return undefined;
}

/**
 * The site a reader would name for this page: the top frame's hostname, so that turning a site off
 * covers the frames it embeds. Cross-origin frames cannot read it; Chromium still tells them
 * through ancestorOrigins, elsewhere they fall back to their own hostname.
 */
function siteHostname(): string | undefined {
  try {
    if (window.top) return window.top.location.hostname;
  } catch {
    // cross-origin top frame
  }
  const ancestors = location.ancestorOrigins;
  const topOrigin = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  if (topOrigin) {
    try {
      return new URL(topOrigin).hostname;
    } catch {
      // fall through
    }
  }
  return location.hostname;
}
