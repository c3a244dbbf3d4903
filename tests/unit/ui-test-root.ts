/**
 * Set-up shared by the Preact UI tests: before each test a fresh fake browser with the English
 * messages and the returned element in the document to render into; after each, the render is
 * unmounted and the element taken out. Call once at the top of a test file.
 */
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installEnglishMessages } from './english-messages';

export function uiTestRoot(): HTMLElement {
  const root = document.createElement('div');
  beforeEach(() => {
    fakeBrowser.reset();
    installEnglishMessages();
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  return root;
}
