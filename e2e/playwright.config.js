// Playwright in Debian's Chromium (never a downloaded browser), at a phone
// viewport, against the release build in ../dist served by the real intake
// server (which is also the submission endpoint) on its own port, with a
// fresh data directory each run.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.MTT_E2E_PORT ?? 8091);
export const dataDir = '../target/e2e-intake';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 412, height: 823 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `rm -rf ${dataDir} && ../target/release/mantetong-intake --listen 127.0.0.1:${port} --data ${dataDir} --static ../dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});
