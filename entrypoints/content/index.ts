import { defineContentScript } from 'wxt/utils/define-content-script';
import glossary from 'virtual:health-glossary';
import { createMatcher } from '../../lib/matcher';
import { loadSettings, watchSettings } from '../../lib/settings';
import { GlossaryOnPage } from './glossary-on-page';
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
    const settings = await loadSettings();
    const page = new GlossaryOnPage(ctx, glossary, createMatcher(glossary.aliases), settings);
    page.start();
    const unwatch = watchSettings((next) => page.update(next));
    ctx.onInvalidated(unwatch);
  },
});
