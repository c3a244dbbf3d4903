import { defineConfig } from '@playwright/test';
import type { E2EOptions } from './tests/e2e/fixtures';

// End-to-end tests drive the BUILT extension (.output/) in real Chromium and Firefox ESR; every
// scenario in tests/e2e/*.spec.ts runs in both projects. `npm run test:e2e` builds first.
export default defineConfig<E2EOptions>({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  // Two cores: one worker per browser keeps both busy without starving the browsers.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // `list` ends with the counts line ("N passed", "N failed", "N skipped").
  reporter: [['list']],
  projects: [
    { name: 'chromium', use: { e2eBrowser: 'chromium' } },
    { name: 'firefox', use: { e2eBrowser: 'firefox' } },
  ],
});
