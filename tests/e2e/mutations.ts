import type { RecordedMutation } from './page-functions';

/**
 * The extension's UI host: a custom element with a fresh random name on every page
 * (`randomHostName` in entrypoints/content/popover-ui.tsx), so a test knows only its shape.
 */
export const UI_HOST_NAME = /^[a-z]{6}-[a-z]{6}$/i;

function isHost(name: string, host: string | RegExp): boolean {
  return typeof host === 'string' ? name === host.toUpperCase() : host.test(name);
}

/**
 * The recorded mutations that are NOT the extension's UI host being added to or removed from the
 * page, or changing itself. Invariant 1 ("the page's DOM is never changed, except for adding and
 * removing the UI host") holds when this is empty. `hostTag` is the host element's tag name, in
 * any case (the recorder reports nodeName, which is upper case for HTML elements).
 */
export function mutationsOtherThanUiHost(mutations: readonly RecordedMutation[], hostTag: string | RegExp): RecordedMutation[] {
  return mutations.filter((mutation) => {
    if (isHost(mutation.target.name, hostTag)) return false;
    const nodes = [...mutation.added, ...mutation.removed];
    return !(mutation.type === 'childList' && nodes.length > 0 && nodes.every((node) => isHost(node.name, hostTag)));
  });
}

/** Whether the UI host was added to the page at some point. */
export function uiHostWasAdded(mutations: readonly RecordedMutation[], hostTag: string | RegExp): boolean {
  return mutations.some((mutation) => mutation.added.some((node) => isHost(node.name, hostTag)));
}
