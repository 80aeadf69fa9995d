// The npm package of the core (target/npm, built by `make npm` before the
// e2e run) works from a plain <script type="module"> page in Chromium.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const dir = resolve('../target/npm');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
let server;
let base;

test.beforeAll(async () => {
  expect(existsSync(join(dir, 'example.html')), 'run `make npm` first').toBe(true);
  server = createServer(async (req, res) => {
    try {
      const path = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!path.startsWith(dir)) throw new Error('outside');
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(await readFile(path));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
test.afterAll(() => server?.close());

test('the npm package evaluates in a plain module page and reports bad input by field', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/example.html`);
  await expect(page.locator('html')).toHaveAttribute('data-mtt-ready', '1');
  await expect(page.getByTestId('version')).toContainText('@mantetong/core');
  await page.getByTestId('eval').click();
  await expect(page.getByTestId('summary')).toContainText('shanxi-linfen');
  const result = JSON.parse(await page.getByTestId('result').textContent());
  expect(result.pack.id).toBe('shanxi-linfen');
  expect(['eligible', 'ineligible', 'undetermined']).toContain(result.eligibility.status);
  await page.getByTestId('bad').click();
  await expect(page.getByTestId('error')).toContainText('applicant.id_number');
  expect(errors).toEqual([]);
});

// The README's bundler notes, run: esbuild bundles a page that imports the
// package by name; the wasm is copied by `--loader:.wasm=file` and given to
// init({ module_or_path }). Without that, the glue would look for the wasm
// next to the bundle, where esbuild did not put it.
test('bundled with esbuild as the README says: the wasm is emitted and init({ module_or_path }) loads it', async ({ page }) => {
  const { build } = await import('esbuild');
  const { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readdirSync } = await import('node:fs');
  const work = mkdtempSync(join(resolve('../target'), 'npm-esbuild-'));
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  let bundleServer;
  try {
    mkdirSync(join(work, 'node_modules/@mantetong'), { recursive: true });
    symlinkSync(dir, join(work, 'node_modules/@mantetong/core'), 'dir');
    // The README's snippet, as a portal's entry module.
    writeFileSync(join(work, 'app.js'), [
      "import init, * as mtt from '@mantetong/core';",
      "import wasmUrl from '@mantetong/core/mantetong_core_bg.wasm';",
      'await init({ module_or_path: wasmUrl });',
      "const r = mtt.eval({ region: 'shanxi-linfen', as_of: '2025-09-30', applicant: { insured_in: 'shanxi-linfen', contribution: 'normal', arrears: false, hukou_local: true }, disease: { id: 'hypertension', grade: 3 }, diagnosis: { hospital_level: 2, hospital_public: true }, expenses: { drugs: 6000, exams: 1200 } });",
      "document.body.dataset.result = `${r.eligibility.status} ${r.estimate.reimbursed}`;",
    ].join('\n'));
    await build({ entryPoints: [join(work, 'app.js')], bundle: true, format: 'esm', loader: { '.wasm': 'file' }, outdir: join(work, 'dist'), logLevel: 'silent' });
    const out = join(work, 'dist');
    expect(readdirSync(out).some((f) => f.endsWith('.wasm')), 'esbuild emitted the wasm').toBe(true);
    writeFileSync(join(out, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundle</title><link rel="icon" href="data:,"><script type="module" src="app.js"></script></head><body></body></html>');
    bundleServer = createServer(async (req, res) => {
      try {
        const path = join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
        if (!path.startsWith(out)) throw new Error('outside');
        res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(await readFile(path));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((ok) => bundleServer.listen(0, '127.0.0.1', ok));
    await page.goto(`http://127.0.0.1:${bundleServer.address().port}/index.html`);
    await expect(page.locator('body')).toHaveAttribute('data-result', 'eligible 4000');
    expect(errors).toEqual([]);
  } finally {
    bundleServer?.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('in a browser, a call before init() says to await init()', async ({ page }) => {
  await page.goto(`${base}/example.html`);
  const message = await page.evaluate(async () => {
    const m = await import('./web/index.js?fresh');
    try {
      m.eval({});
      return 'no error';
    } catch (e) {
      return e.message;
    }
  });
  expect(message).toContain('call `await init()` before eval()');
});
