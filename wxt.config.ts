import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { healthGlossary } from './glossary/vite-plugin';

// Firefox's id is fixed so that storage.sync, e2e tests and store listings keep one identity.
export const GECKO_ID = 'health-glossary@health-glossary.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports keep modules testable outside WXT and make dependencies visible.
  imports: false,
  vite: ({ mode }) => ({
    plugins: [preact(), healthGlossary({ root: import.meta.dirname })],
    // The benchmark build keeps names, so CPU profiles of it read as the source does.
    build: { sourcemap: false, minify: mode !== 'bench' },
  }),
  manifest: ({ browser }) => ({
    name: 'Health Glossary',
    // UI strings live in locales/<lang>.yml (@wxt-dev/i18n); English is the fallback.
    default_locale: 'en',
    description: 'Plain-language, vetted definitions of health terms on any page. Nothing you read leaves your browser.',
    // contextMenus: "Explain with Health Glossary" on selected text (Firefox also accepts this name).
    permissions: ['storage', 'contextMenus'],
    // Chrome allows 4 suggested shortcuts per extension; we suggest 3. Alt+Shift+Period/Comma/H are
    // not Chrome or Firefox shortcuts, and screen readers use other modifiers (NVDA and JAWS:
    // Insert/CapsLock; VoiceOver: Control+Option). On a Mac, Option+Shift+key types a symbol,
    // which the command then replaces. Readers can change them (chrome://extensions/shortcuts,
    // Firefox: Manage Extension Shortcuts).
    commands: {
      'next-term': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Go to the next health term on the page and explain it',
      },
      'previous-term': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Go to the previous health term on the page and explain it',
      },
      'explain-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Explain the selected text with Health Glossary',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              // The extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
