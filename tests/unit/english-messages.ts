/**
 * Gives the fake browser the real English messages, built from locales/en.yml the way the
 * extension build does, so UI tests assert the strings a reader sees. Call after fakeBrowser.reset().
 */
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const messages = generateChromeMessages(await parseMessagesFile(join(import.meta.dirname, '..', '..', 'locales', 'en.yml'))) as Record<
  string,
  { message: string }
>;

/** chrome.i18n.getMessage: the message for a key, with $1..$9 replaced; '' for unknown keys. */
export function getEnglishMessage(key: string, substitutions?: string | string[]): string {
  const message = messages[key]?.message;
  if (message === undefined) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return message.replace(/\$(\d)/g, (match, index: string) => subs[Number(index) - 1] ?? match);
}

export function installEnglishMessages(): void {
  fakeBrowser.i18n.getMessage = getEnglishMessage as typeof fakeBrowser.i18n.getMessage;
}
