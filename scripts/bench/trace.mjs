// A Chrome trace (devtools.timeline, v8, wasm) of the app's load on
// Lighthouse's mobile profile applied as DevTools throttling (4x CPU,
// 150 ms RTT, 1.6 Mbps), a first visit and then a second one (the service
// worker installed), as Lighthouse loads a page: no tap, then quiet for
// WAIT ms. Writes OUT-first.json and OUT-second.json and prints their long
// tasks (scripts/bench/long-tasks.mjs). With TAP=1, taps 开始 the moment it
// shows (the first-step path of scripts/bench/first-step.mjs); with
// TAP_AFTER_MS=N as well, N ms after it shows.
// Usage: node trace.mjs APP_URL OUT_PREFIX [WAIT_MS]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { longTasks } from './long-tasks.mjs';
import { IN_PAGE } from './marks.mjs';

const load = (pkg) => createRequire(new URL(pkg, import.meta.url))('playwright-core');
let chromium;
try { ({ chromium } = load('../../bench/package.json')); } catch { ({ chromium } = load('../../e2e/package.json')); }

const [base, out, waitArg] = process.argv.slice(2);
const wait = Number(waitArg ?? 6000);
const cpu = Number(process.env.CPU ?? 4);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const categories = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'v8', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.gc',
  'blink.user_timing', 'loading', 'latencyInfo', 'disabled-by-default-lighthouse', 'ServiceWorker',
];

async function visit(context, name) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  const la = loadavg()[0];
  await page.goto(base, { waitUntil: 'commit' });
  if (process.env.TAP) {
    // TAP_AFTER_MS=N: N ms after 开始 shows, as a person reading would.
    if (process.env.TAP_AFTER_MS) {
      await page.locator('.mtt-start').waitFor({ state: 'visible', timeout: 60_000 });
      await page.waitForTimeout(Number(process.env.TAP_AFTER_MS));
    }
    await page.locator('.mtt-start').click({ timeout: 60_000 });
    await page.locator(':is(.mtt-privacy-agree, form button[type=submit]):visible').first().waitFor({ timeout: 60_000 });
  } else {
    await page.waitForLoadState('load');
  }
  await page.waitForTimeout(wait);
  const marks = process.env.TAP ? await page.evaluate(() => window.__mttFirstStep) : null;
  await cdp.send('Tracing.end');
  await done;
  writeFileSync(`${out}-${name}.json`, JSON.stringify({ traceEvents: events }));
  const tasks = longTasks(events, Number(process.env.MIN ?? 50));
  console.log(`== ${name} visit (${cpu}x CPU, load ${la.toFixed(2)} -> ${loadavg()[0].toFixed(2)}): ${out}-${name}.json`);
  if (marks) console.log(`开始 painted at ${marks.start?.toFixed(0)} ms, tapped at ${marks.tap?.toFixed(0)} ms, the first step at ${marks.step?.toFixed(0)} ms`);
  for (const t of tasks) console.log(`${String(t.at).padStart(6)} ms  ${String(t.ms).padStart(6)} ms (cpu ${String(t.cpu).padStart(5)})  ${t.parts.join('; ')}`);
  console.log(`${tasks.length} long tasks, ${tasks.reduce((a, t) => a + t.ms, 0).toFixed(0)} ms (cpu ${tasks.reduce((a, t) => a + (t.cpu ?? 0), 0).toFixed(0)}), blocking ${tasks.reduce((a, t) => a + Math.max(0, t.ms - 50), 0).toFixed(0)} ms`);
  return page;
}

const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
if (process.env.TAP) await context.addInitScript(IN_PAGE);
let page = await visit(context, 'first');
// As scripts/bench/first-step.mjs's first visit goes on: the notice agreed,
// so the second visit's 开始 goes straight to the region step.
if (process.env.TAP) {
  await page.locator('.mtt-privacy-agree').click();
  await page.waitForURL(/\/apply\/region$/);
}
await page.evaluate(() => navigator.serviceWorker.ready.then(() => new Promise((r) => setTimeout(r, 1000))));
await page.evaluate(() => { localStorage.removeItem('mtt:current'); });
await page.close();
page = await visit(context, 'second');
await context.close();
await browser.close();
