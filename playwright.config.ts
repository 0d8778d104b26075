import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests in Debian's Chromium against the running portal, started
 * by `node scripts/start.mjs` on its own port (WOOW_E2E_PORT, default 7017,
 * so a developer's portal on 7007 can keep running) with the test
 * environment's cluster (KUBECONFIG set by `npm test`).
 */
const port = Number(process.env.WOOW_E2E_PORT ?? 7017);
const baseURL = `http://127.0.0.1:${port}`;
/** The e2e portal's own SQLite data (npm test empties it before the run). */
export const e2eDataDir = path.resolve(__dirname, 'artifacts', 'e2e-data');

export default defineConfig({
  testDir: 'e2e-tests',
  // Specs that need the test environment's real node (file names with
  // "realnode") are left out without it (scripts/test.mjs says so).
  testIgnore:
    process.env.WOOW_TESTENV_REAL_NODE === '0' ? /realnode/ : undefined,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'artifacts/e2e-report' }],
  ],
  outputDir: 'artifacts/e2e-results',
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      WOOW_URL: baseURL,
      WOOW_DATA_DIR: e2eDataDir,
      // Backstage reads APP_CONFIG_* variables as config overrides.
      APP_CONFIG_app_baseUrl: baseURL,
      APP_CONFIG_backend_baseUrl: baseURL,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_cors_origin: baseURL,
    },
  },
  use: {
    baseURL,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.WOOW_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
