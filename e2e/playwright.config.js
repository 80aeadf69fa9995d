// Playwright in Debian's Chromium (never a downloaded browser), at a phone
// viewport, against the release build in ../dist served by the real intake
// server (which is also the submission endpoint) on its own port, with a
// fresh data directory each run.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.MTT_E2E_PORT ?? 8091);
// The example portal (examples/portal) on another port, i.e. another origin,
// embedding the app (tests/embed.spec.js). The app's server lets it load the
// widget (CORS) and frame the app (frame-ancestors).
export const portalPort = Number(process.env.MTT_E2E_PORTAL_PORT ?? 8092);
export const appOrigin = `http://127.0.0.1:${port}`;
export const portalOrigin = `http://127.0.0.1:${portalPort}`;
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
  webServer: [
    {
      command: `rm -rf ${dataDir} && ../target/release/mantetong-intake --listen 127.0.0.1:${port} --data ${dataDir} --static ../dist`
        + ` --allow-origin ${portalOrigin} --frame-ancestors ${portalOrigin}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
    },
    {
      // http://localhost:PORT reaches the same server as another origin:
      // the "foreign" page that the embedded app must not listen to.
      command: `node ../examples/portal/serve.mjs --host 127.0.0.1 --port ${portalPort} --app ${appOrigin}`,
      url: `${portalOrigin}/`,
      reuseExistingServer: false,
    },
  ],
});
