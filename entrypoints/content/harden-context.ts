/**
 * WXT's ContentScriptContext, made safe on a hostile page. Out of the box it
 * - dispatches `<extension id>:content:wxt:content-script-started` on `document` as it is made,
 *   in every frame and before the settings are read, so a page learns the extension is installed
 *   even where the reader turned it off (and Firefox ids are public);
 * - invalidates itself when any such event arrives with another `messageId`, so a page that
 *   dispatches one with a made-up id stops the extension on it (marks gone, hovering dead).
 *
 * The event exists so that a newer copy of the script can stop an older one in the same frame.
 * Browsers load a new copy only into new documents, where there is no old one, and an old copy
 * left behind by an update or reload is orphaned (`browser.runtime.id` gone) and stops itself at
 * its next timer (`ctx.isValid`). So the event is not sent, and one that arrives is obeyed only
 * by a copy that really is orphaned: a page can neither see the script start nor stop it.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

type ContextInternals = Pick<ContentScriptContext, 'stopOldScripts' | 'verifyScriptStartedEvent'>;

export function hardenContentScriptContext(
  prototype: ContextInternals = ContentScriptContext.prototype,
  extensionAlive: () => boolean = () => browser.runtime?.id != null,
): void {
  prototype.stopOldScripts = () => {};
  prototype.verifyScriptStartedEvent = () => !extensionAlive();
}
