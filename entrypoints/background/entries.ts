/**
 * The entries' texts live here, not in the content script: a frame would otherwise load and keep
 * the whole glossary's text to show the few cards a reader opens. A card asks for its entry while
 * the reader waits out the hover delay (CARD_ENTRY); the popup's list and the announcements ask
 * for names and short texts (ENTRY_SUMMARIES); "explain" on unmarked text asks what it means
 * (LOOK_UP_TEXT). Messages within the extension: no network request, nothing a page can probe.
 *
 * The listener is registered when the background starts, so a message wakes a suspended service
 * worker (Chromium) and is answered by the new one.
 */
import { browser } from 'wxt/browser';
import type { GlossaryTexts } from '../../lib/compiled/compiled';
import { answerEntryRequest } from '../../lib/entry-requests';
import { parseEntryRequest } from '../../lib/messages';
import { EntrySuggester } from '../../lib/popover/suggest';
import glossaryTexts from 'virtual:health-glossary/texts';

/**
 * Answers the content scripts' requests for texts. The texts' module parses an entry only when it
 * is read, so a worker woken for one card parses that entry and its related entries' names.
 */
export function registerEntries(texts: GlossaryTexts = glossaryTexts): void {
  let suggester: EntrySuggester | undefined;
  browser.runtime.onMessage.addListener((raw) => {
    const request = parseEntryRequest(raw);
    if (!request) return undefined;
    return Promise.resolve(answerEntryRequest(texts, request, () => (suggester ??= new EntrySuggester(texts))) ?? null);
  });
}
