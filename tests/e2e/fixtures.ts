import { test as base, expect } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../fixtures/server';
import type { BrowserName, Driver } from './driver';
import type { BaseDriver } from './drivers/base';
import { ChromiumSession } from './drivers/chromium';
import { FirefoxSession } from './drivers/firefox';

/**
 * Scenario files import `test` and `expect` from here and use only the `driver` fixture, so each
 * scenario runs once per project (chromium, firefox) against the built extension.
 */
export interface E2EOptions {
  /** Set per project in playwright.config.ts. */
  e2eBrowser: BrowserName;
}

interface WorkerFixtures extends E2EOptions {
  fixtureServer: FixtureServer;
  browserSession: ChromiumSession | FirefoxSession;
}

interface TestFixtures {
  driver: Driver;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  e2eBrowser: ['chromium', { option: true, scope: 'worker' }],

  fixtureServer: [
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  // One browser per worker: launching Firefox costs seconds, a new tab costs milliseconds.
  browserSession: [
    async ({ e2eBrowser, fixtureServer }, use) => {
      const session =
        e2eBrowser === 'chromium' ? await ChromiumSession.launch(fixtureServer) : await FirefoxSession.launch(fixtureServer);
      await use(session);
      await session.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  driver: async ({ browserSession }, use, testInfo) => {
    const driver: BaseDriver = await browserSession.newDriver();
    await use(driver);
    if (testInfo.status !== testInfo.expectedStatus) {
      const path = testInfo.outputPath('failure.png');
      try {
        await driver.screenshot(path);
        await testInfo.attach('page at failure', { path, contentType: 'image/png' });
      } catch {
        // A crashed or closed page cannot be photographed; the failure itself is what matters.
      }
      const problems = driver.problems();
      if (problems.length > 0) await testInfo.attach('browser problems', { body: JSON.stringify(problems, null, 2), contentType: 'application/json' });
    }
    await driver.dispose();
  },
});

export { expect };
export type { Driver };
