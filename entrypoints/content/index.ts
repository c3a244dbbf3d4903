// First: WXT's entry makes this script's ContentScriptContext once this module has loaded, and
// the context must be hardened by then. (A side-effect import, so `wxt prepare`, which loads this
// file without its main(), leaves it out.)
import './harden-installed';
import { defineContentScript } from 'wxt/utils/define-content-script';
import glossary from 'virtual:health-glossary/page';
import { runOnPage } from './run-on-page';
import './highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // The highlight styles go in the manifest: a stylesheet the browser applies, not an element.
  cssInjectionMode: 'manifest',
  // WXT's legacy start-up postMessage is visible to the page and trips pages whose message
  // listeners assume their own format (and hardenContentScriptContext drops the event too).
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // `wxt build --mode bench` only: a build-time constant, so release builds hold none of it.
    if (import.meta.env.MODE === 'bench') return (await import('../../bench/probe')).installProbe(ctx, glossary, runOnPage);
    await runOnPage(ctx);
  },
});
