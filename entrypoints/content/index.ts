import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import glossary from 'virtual:health-glossary';
import { matcherFromTables, type MatcherTables } from '../../lib/matcher';
import { deserializeMatcherTables } from '../../lib/matcher/serialize';
import { entryFilterFor } from '../../lib/page-settings';
import {
  LIST_TERMS,
  parseBackgroundToContent,
  parsePopupToContent,
  REPORT_TERMS,
  REVEAL_TERM,
  TERMS_ON_PAGE,
  type ContentToBackgroundMessage,
  type Responses,
} from '../../lib/messages';
import { whenTextArrives } from '../../lib/scanner/blocks';
import { afterPageSettles } from '../../lib/scanner/page-settled';
import { loadSettings, watchSettings } from '../../lib/settings';
import { normalizeHostname } from '../../lib/site';
import { GlossaryOnPage } from './glossary-on-page';
import { benchmarkPassFor, exposeStatsForBenchmark, START_AT_ONCE_QUERY } from './bench-stats';
import './highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // The highlight styles go in the manifest: a stylesheet the browser applies, not an element.
  cssInjectionMode: 'manifest',
  // WXT's legacy start-up postMessage is visible to the page and trips pages whose message
  // listeners assume their own format; the custom event it also sends is enough.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // Benchmark build only: time a bare text pass, or the floor pass (whole or sliced), from this
    // world instead of scanning, after the same wait as a first scan, so that both meet the page in
    // the same state.
    const benchmarkPass = import.meta.env.MODE === 'bench' ? benchmarkPassFor(location.search, glossary.gate) : undefined;
    if (benchmarkPass) {
      if (!(await afterPageSettles(window, ctx.signal))) return;
      return benchmarkPass();
    }
    // A frame with no text (an ad slot, a tracking frame: a page can hold dozens, most of them
    // empty for good) waits for some before it reads the settings or sets anything up.
    const isTopFrame = window === window.top;
    if (!isTopFrame && !(await whenTextArrives(document, ctx.signal))) return;
    const settings = await loadSettings();
    let tables: MatcherTables | undefined;
    const page = new GlossaryOnPage(
      ctx,
      glossary,
      {
        // The matcher and its gate come built with the glossary: loading them costs a fraction of
        // building them here. Category switches only turn entries off in it.
        createMatcher: (scope) => matcherFromTables((tables ??= deserializeMatcherTables(glossary.matcher)), glossary.gate, { enabled: entryFilterFor(glossary, scope) }),
        host: normalizeHostname(siteHostname() ?? ''),
        onTermsChanged: (entryIds) => {
          const message: ContentToBackgroundMessage = { type: TERMS_ON_PAGE, entryIds };
          // The background may be asleep or the extension reloading; the badge is not worth an error.
          browser.runtime.sendMessage(message).catch(() => {});
        },
      },
      settings,
    );
    // Only in the benchmark build (`wxt build --mode bench`); the condition is a build-time
    // constant, so release builds contain none of it and tell the page nothing.
    // The rescan it asks for times matching and marking apart; the first scan does not, as in a
    // release build.
    if (import.meta.env.MODE === 'bench') exposeStatsForBenchmark(() => page.scanStats(), () => {
        page.stop();
        page.start({ timeStages: true });
      });
    const unwatch = watchSettings((next) => page.update(next));
    ctx.onInvalidated(unwatch);

    const onMessage = (raw: unknown): Promise<Responses[keyof Responses]> | undefined => {
      if (parseBackgroundToContent(raw)?.type === REPORT_TERMS) {
        page.reportAgain();
        return undefined;
      }
      // The popup talks to the top frame only (it sends with frameId 0).
      if (!isTopFrame) return undefined;
      const message = parsePopupToContent(raw);
      // A reader asking for the terms does not wait for the page to settle.
      if (message?.type === LIST_TERMS) return page.scanForReader().then(() => page.listTerms());
      if (message?.type === REVEAL_TERM) return Promise.resolve({ revealed: page.reveal(message.entryId) });
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    // The first scan waits until the page has finished starting up (a settings change meanwhile
    // starts it at once, and this start then does nothing). The benchmark build starts at once
    // when asked, for bench/contention.ts.
    const startAtOnce = import.meta.env.MODE === 'bench' && location.search === START_AT_ONCE_QUERY;
    if (startAtOnce || (await afterPageSettles(window, ctx.signal))) page.start();
  },
});

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
