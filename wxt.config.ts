import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { healthGlossary } from './glossary/vite-plugin';

// Firefox's id is fixed so that storage.sync, e2e tests and store listings keep one identity.
export const GECKO_ID = 'health-glossary@health-glossary.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep modules testable outside WXT and make dependencies visible.
  imports: false,
  vite: () => ({
    plugins: [preact(), healthGlossary({ root: import.meta.dirname })],
    build: { sourcemap: false },
  }),
  manifest: ({ browser }) => ({
    name: 'Health Glossary',
    description: 'Plain-language, vetted definitions of health terms on any page. Nothing you read leaves your browser.',
    permissions: ['storage'],
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
