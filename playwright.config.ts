import { defineConfig } from '@playwright/test';
import { e2eServer } from './e2e/fixtures/e2e-server.js';

// E2E runs Debian's Chromium (Playwright cannot download browsers here) against `npm run web`
// serving the built renderer, with the real Docker Engine behind it.
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'artifacts/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: e2eServer.origin,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The token in the environment, not on the command line where /proc/<pid>/cmdline shows it.
    command: `node dist/electron/web.cjs --host 127.0.0.1 --port ${e2eServer.port}`,
    env: { BERTH_TOKEN: e2eServer.token },
    url: `${e2eServer.origin}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
  },
});
