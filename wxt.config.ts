import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { healthGlossary } from './glossary/vite-plugin';
import { PROJECT_URL } from './lib/report';

// Firefox's id is fixed so that storage.sync, e2e tests and store listings keep one identity.
export const GECKO_ID = 'health-glossary@health-glossary.dev';

/**
 * What the sources archive (for addons.mozilla.org's review) holds: what a rebuild needs, and of
 * that only what git tracks, so local glossary drafts, test screenshots, demo output and benchmark
 * results never go in. Outside a git checkout (a rebuild from the archive itself) the same paths.
 */
const SOURCE_PATHS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'README.md',
  'LICENSE',
  'PRIVACY.md',
  'CHANGELOG.md',
  'assets/**',
  'components/**',
  'entrypoints/**',
  'glossary/**',
  'lib/**',
  'locales/**',
  'public/**',
];

function trackedSources(): string[] {
  try {
    const tracked = execFileSync('git', ['ls-files', '--', ...SOURCE_PATHS.map((p) => `:(glob)${p}`)], { cwd: import.meta.dirname, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    return tracked.length > 0 ? tracked : SOURCE_PATHS;
  } catch {
    return SOURCE_PATHS;
  }
}

/** The content security policy of the extension's own pages. */
export const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; connect-src 'none'; form-action 'none'; frame-src 'none'; base-uri 'none'";

export default defineConfig({
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-sources.zip',
    includeSources: trackedSources(),
    // Unit tests beside the code are not needed to rebuild.
    excludeSources: ['**/*.test.ts'],
  },
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Explicit imports keep modules testable outside WXT and make dependencies visible.
  imports: false,
  // The scale benchmark builds one extension per glossary size, each into a folder of its own.
  outDir: process.env.HEALTH_GLOSSARY_OUT_DIR ?? '.output',
  vite: ({ mode }) => ({
    plugins: [preact(), healthGlossary({ root: import.meta.dirname })],
    // The benchmark build keeps names, so CPU profiles of it read as the source does.
    build: { sourcemap: false, minify: mode !== 'bench' },
  }),
  manifest: ({ browser }) => ({
    // UI strings live in locales/<lang>.yml (@wxt-dev/i18n); English is the fallback. The
    // browser fills __MSG_<key>__ from the locale the reader's browser uses.
    name: '__MSG_app_name__',
    default_locale: 'en',
    description: '__MSG_app_description__',
    // The project's repository: its issue tracker receives "Report a problem with this definition".
    homepage_url: PROJECT_URL,
    // contextMenus: "Explain with Health Glossary" on selected text (Firefox also accepts this name).
    permissions: ['storage', 'contextMenus'],
    // The toolbar icon turns grey on a tab whose site is switched off, so the background must
    // read each tab's address (tabs.query / onUpdated give no url without a host permission, and
    // the content script's matches do not count). It asks for no more than the content script
    // already has (every site), so the install prompt is the same; MV2 lists it in permissions.
    host_permissions: ['<all_urls>'],
    // Chrome allows 4 suggested shortcuts per extension; we suggest 3. Alt+Shift+Period/Comma/H are
    // not Chrome or Firefox shortcuts, and screen readers use other modifiers (NVDA and JAWS:
    // Insert/CapsLock; VoiceOver: Control+Option). On a Mac, Option+Shift+key types a symbol,
    // which the command then replaces. Readers can change them (chrome://extensions/shortcuts,
    // Firefox: Manage Extension Shortcuts).
    commands: {
      'next-term': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: '__MSG_commands_nextTerm__',
      },
      'previous-term': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: '__MSG_commands_previousTerm__',
      },
      'explain-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commands_explainSelection__',
      },
    },
    // "No requests" enforced, not only promised: the extension's own pages (popup, options, the
    // background) may load only the extension's scripts and may open no connection at all.
    content_security_policy:
      browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 142: data_collection_permissions (140 on desktop, 142 on Android), the CSS Custom
              // Highlight API that paints every mark (140), and one version for both platforms.
              strict_min_version: '142.0',
              // The extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android: no context menus, keyboard commands or per-tab toolbar icons
            // there; the background guards each (entrypoints/background/).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // 107: the CSS Custom Highlight API (CSS.highlights and ::highlight, 105) paints every
          // mark, and Vite's default build target ("baseline widely available") is Chrome 107.
          // caretPositionFromPoint (128) has a caretRangeFromPoint fallback.
          minimum_chrome_version: '107',
        }),
  }),
});
