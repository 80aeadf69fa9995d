// Times the rules core in Chromium: the bare wasm harness
// (scripts/bench/core-wasm) instantiated in a blank page, N evaluations per
// case timed with performance.now(), unthrottled and with Lighthouse's mobile
// 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate). Prints JSON.
// Usage: node browser-eval.mjs HARNESS.wasm
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// playwright-core lives in bench/node_modules (bench/package.json).
const require = createRequire(new URL('../../bench/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const wasm = readFileSync(process.argv[2]).toString('base64');
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const cases = ['shanxi-linfen', 'shandong-rizhao', 'jilin-liaoyuan'];
const result = { browser: browser.version(), wasm_bytes: Buffer.from(wasm, 'base64').length, rows: [] };
for (const throttle of [1]) {
  const page = await browser.newPage();
  const rows = await page.evaluate(async ({ wasm, cases }) => {
    const bytes = Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const x = instance.exports;
    if (x.setup() !== cases.length) throw new Error('harness setup failed');
    const time = (fn, c) => {
      // Warm up, then pick n so one sample takes ~100 ms; best of 7 samples
      // (the machine is shared: the minimum is the least disturbed).
      fn(c, 50);
      let n = 50, t0 = performance.now();
      fn(c, n);
      const once = Math.max((performance.now() - t0) / n, 1e-4);
      n = Math.max(10, Math.min(200000, Math.round(100 / once)));
      const samples = [];
      for (let i = 0; i < 7; i++) {
        t0 = performance.now();
        if (fn(c, n) === 0) throw new Error('harness returned 0');
        samples.push(((performance.now() - t0) / n) * 1000);
      }
      samples.sort((a, b) => a - b);
      return { us: samples[0], n };
    };
    return cases.map((name, c) => ({
      name,
      eval_us: time(x.eval_n, c).us,
      parse_eval_json_us: time(x.parse_eval_json_n, c).us,
    }));
  }, { wasm, cases });
  for (const r of rows) result.rows.push({ throttle, ...r });
  await page.close();
}
await browser.close();
console.log(JSON.stringify(result, null, 2));
