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
