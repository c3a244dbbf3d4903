import type { RecordedMutation } from './page-functions';

/**
 * The recorded mutations that are NOT the extension's UI host being added to or removed from the
 * page, or changing itself. Invariant 1 ("the page's DOM is never changed, except for adding and
 * removing the UI host") holds when this is empty. `hostTag` is the host element's tag name, in
 * any case (the recorder reports nodeName, which is upper case for HTML elements).
 */
export function mutationsOtherThanUiHost(mutations: readonly RecordedMutation[], hostTag: string): RecordedMutation[] {
  const host = hostTag.toUpperCase();
  return mutations.filter((mutation) => {
    if (mutation.target.name === host) return false;
    const nodes = [...mutation.added, ...mutation.removed];
    return !(mutation.type === 'childList' && nodes.length > 0 && nodes.every((node) => node.name === host));
  });
}

/** Whether the UI host was added to the page at some point. */
export function uiHostWasAdded(mutations: readonly RecordedMutation[], hostTag: string): boolean {
  const host = hostTag.toUpperCase();
  return mutations.some((mutation) => mutation.added.some((node) => node.name === host));
}
