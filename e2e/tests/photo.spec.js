// Reading the paper (issue 13), in the browser: the paper page's large
// photo button opens the picker, the photo is read on the phone by the
// reading module (reader/ built to wasm + tesseract-wasm, in a Web Worker),
// and what was read is pre-filled for the person to confirm or correct,
// with the core's pre-review right there. One engine, three doors: the
// worker's reading equals `mantetong read`'s on the project's photo set.
// Bad input: a clear message each, nothing already entered lost.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { FlowPage, flowForEachTest } from '../pages/flow.js';
import { pdf, linfenEligible as linfen } from '../fixtures.js';
import { chunk } from '../fixtures.js';

const golden = '../tests/photos/golden';
const cli = '../target/release/mantetong';
const photos = readdirSync(golden).filter((f) => f.endsWith('.jpg')).sort();
const expected = (f) => JSON.parse(readFileSync(`${golden}/${f.replace(/\.jpg$/, '.json')}`, 'utf8'));
const photo = (f) => readFileSync(`${golden}/${f}`);
// A photo of the set by what the CLI read on it.
const pick = (pred) => {
  const f = photos.find((p) => pred(expected(p)));
  if (!f) throw new Error('tests/photos/golden has no such photo');
  return f;
};

// What `mantetong read` prints for a photo: the CLI itself when it is built
// (make test builds it before the e2e), else its committed golden answer.
function cliReading(f) {
  if (existsSync(cli)) {
    try {
      return JSON.parse(execFileSync(cli, ['read', `${golden}/${f}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch { /* a CLI without the reader: the golden */ }
  }
  return expected(f);
}

let flow;
flowForEachTest(test, (f) => { flow = f; });

/** Opens the paper page of the diagnosis certificate after an eligible Linfen interview. */
async function paperPage(page) {
  await flow.through('临汾', linfen);
  await page.goto('/apply/materials/diagnosis_certificate');
  await flow.ready();
}

/** Adds a photo through the page's own button (a real file chooser). */
async function addThroughButton(page, file) {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('.mtt-photo-button').click();
  await (await chooser).setFiles(file);
}

const reading = (page) => page.locator('.mtt-reading');

test('browser = CLI: the worker reads the project\'s photo set as `mantetong read` does', async ({ page }) => {
  test.setTimeout(240_000);
  await flow.goto('/');
  const got = {};
  for (const f of photos) {
    got[f] = await page.evaluate(async (bytes) => {
      if (!window.mttReader) {
        const index = await (await fetch('/reader/index.json')).json();
        const w = new Worker(index.worker, { type: 'module' });
        const waiting = new Map();
        w.onmessage = (e) => {
          const m = e.data;
          const done = waiting.get(m.id);
          if (done && (m.type === 'reading' || m.type === 'read_failed' || (m.type === 'decoded' && !m.ok))) done(m);
        };
        let n = 0;
        window.mttReader = (b) => new Promise((resolve) => {
          n += 1;
          waiting.set(n, resolve);
          const now = new Date();
          w.postMessage({ type: 'read', id: n, bytes: b, today: [now.getFullYear(), now.getMonth() + 1, now.getDate()] });
        });
      }
      const m = await window.mttReader(new Uint8Array(bytes).buffer);
      return m.reading ?? m;
    }, [...photo(f)]);
  }
  for (const f of photos) expect(got[f], f).toEqual(cliReading(f));
});

test('a photo of the certificate is read, pre-filled, confirmed and corrected; the pre-review shows at once', async ({ page }) => {
  test.setTimeout(120_000);
  await paperPage(page);
  // The interview already knows the diagnosing hospital: not asked again.
  await expect(page.locator('[data-carried=hospital_level]')).toContainText('三级');
  await expect(page.locator('fieldset', { hasText: '几级医院' })).toHaveCount(0);
  expect(await flow.axeViolations()).toEqual([]);

  // Sealed and dated: both pre-filled from the photo.
  const f = pick((r) => r.seal === 'found' && r.date && r.quality === 'ok');
  const want = expected(f);
  await addThroughButton(page, { name: 'zhenduan.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-seal', 'found', { timeout: 60_000 });
  await expect(reading(page)).toHaveAttribute('data-read-date', want.date);
  const [y, m, d] = want.date.split('-').map(Number);
  await expect(reading(page).locator('.mtt-read-summary')).toHaveText(`我们读到：日期 ${y}年${m}月${d}日；有红色印章`);
  await expect(page.locator('#issued')).toHaveValue(want.date);
  await expect(page.locator('fieldset', { hasText: '公章' }).locator('input[value=yes]')).toBeChecked();
  await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机：zhenduan.jpg');
  await expect(page.locator('canvas.mtt-photo-canvas')).toHaveAttribute('aria-label', /蓝色方框标出了找到的印章/);
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('paper-photo-read');

  // The date is right: confirmed, and kept at once.
  await reading(page).locator('[data-read-item=date]').locator('.mtt-read-right').click();
  await expect(reading(page).locator('[data-read-item=date]')).toContainText('您已确认');
  expect((await flow.savedFacts()).documents.find((x) => x.kind === 'diagnosis_certificate').issued).toBe(want.date);

  // The seal is not: the answer is cleared, the question gets the focus,
  // and the person's own answer brings the core's problem at once.
  await reading(page).locator('[data-read-item=seal]').locator('.mtt-read-wrong').click();
  await expect(page.locator('input[name=sealed]').first()).toBeFocused();
  await expect(page.locator('input[name=sealed]:checked')).toHaveCount(0);
  await page.locator('fieldset', { hasText: '公章' }).locator('label', { hasText: '否' }).click();
  await expect(reading(page).locator('[data-problem=unsealed]')).toContainText('请医院补盖所需印章');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/apply\/materials$/);
  expect(await flow.problems('diagnosis_certificate')).toContain('unsealed');
});

test('back on the paper page, and after a reload: the photo drawn again with its seal outlined, the reading and the person\'s word kept', async ({ page }) => {
  test.setTimeout(120_000);
  await paperPage(page);
  const f = pick((r) => r.seal === 'found' && r.date && r.quality === 'ok');
  const want = expected(f);
  await page.locator('#file').setInputFiles({ name: 'zhenduan.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-seal', 'found', { timeout: 60_000 });
  await reading(page).locator('[data-read-item=date] .mtt-read-right').click();
  await expect(reading(page).locator('[data-read-item=date]')).toContainText('您已确认');
  const canvas = page.locator('canvas.mtt-photo-canvas');
  // Pixels of the outline's blue (#0b57d0) on the canvas: the photo itself has none.
  const outlined = () => canvas.evaluate((c) => {
    if (!c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 11) < 12 && Math.abs(d[i + 1] - 87) < 12 && Math.abs(d[i + 2] - 208) < 12) n += 1;
    return n;
  });
  await expect.poll(outlined).toBeGreaterThan(100);
  const kept = async () => {
    await expect(reading(page)).toHaveAttribute('data-read-seal', 'found');
    await expect(reading(page)).toHaveAttribute('data-read-date', want.date);
    await expect(reading(page).locator('[data-read-item=date]')).toContainText('您已确认');
    await expect(page.locator('#issued')).toHaveValue(want.date);
    await expect(page.locator('fieldset', { hasText: '公章' }).locator('input[value=yes]')).toBeChecked();
    await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机：zhenduan.jpg');
    await expect(canvas).toBeVisible();
    await expect(canvas).toHaveAttribute('aria-label', /蓝色方框标出了找到的印章/);
    await expect.poll(outlined).toBeGreaterThan(100);
  };
  // Away without saving (the page's 返回), and to the paper again through
  // the app's own links (the page is made anew, not reloaded).
  await page.locator('.mtt-back').click();
  await expect(page).not.toHaveURL(/diagnosis_certificate$/);
  await page.locator('a[href="/apply/materials"]').first().click();
  await page.locator('a[href="/apply/materials/diagnosis_certificate"]').first().click();
  await expect(page).toHaveURL(/diagnosis_certificate$/);
  await kept();
  await flow.reload();
  await kept();
  expect(await flow.axeViolations()).toEqual([]);
  // Removed: the reading goes with the photo.
  await page.getByRole('button', { name: '删除这份材料' }).click();
  await expect(reading(page)).toHaveCount(0);
  await flow.reload();
  await expect(reading(page)).toHaveCount(0);
  await expect(canvas).toBeHidden();
});

test('no seal on the photo: said, pre-filled as no, and the pre-review asks for the seal right there', async ({ page }) => {
  test.setTimeout(120_000);
  await paperPage(page);
  const f = pick((r) => r.seal === 'absent' && r.quality === 'ok');
  await page.locator('#file').setInputFiles({ name: 'zhenduan.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-seal', 'absent', { timeout: 60_000 });
  await expect(reading(page).locator('.mtt-read-summary')).toContainText('没有找到红色印章');
  await expect(page.locator('fieldset', { hasText: '公章' }).locator('input[value=no]')).toBeChecked();
  await expect(reading(page).locator('[data-problem=unsealed]')).toContainText('请医院补盖所需印章');
});

test('a blurry photo is said at once, with how to take it again; the date is asked, with why', async ({ page }) => {
  test.setTimeout(120_000);
  await paperPage(page);
  const f = pick((r) => r.quality === 'blurry');
  await page.locator('#file').setInputFiles({ name: 'blurry.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-quality', 'blurry', { timeout: 60_000 });
  await expect(reading(page)).toHaveAttribute('data-read-date', '');
  await expect(reading(page).locator('.mtt-read-quality')).toContainText('拿稳');
  await expect(reading(page).locator('[data-read-item=date]')).toContainText('读不出日期');
  await expect(page.locator('#issued')).toHaveValue('');
  await expect(page.locator('.mtt-photo-button')).toHaveText('重新拍照 / 换一张');
});

test('elder mode: the photo button and the 对 / 不对 answers are at least 60 × 60; 44 × 44 otherwise', async ({ page }) => {
  test.setTimeout(120_000);
  const f = pick((r) => r.seal === 'found' && r.date && r.quality === 'ok');
  const sizes = async () => page.locator('.mtt-main').evaluate((main) =>
    [...main.querySelectorAll('.mtt-photo-button, .mtt-read-buttons button')].map((b) => {
      const r = b.getBoundingClientRect();
      return { text: b.textContent, w: r.width, h: r.height };
    }));
  await paperPage(page);
  await page.locator('#file').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page).locator('.mtt-read-buttons button')).toHaveCount(4, { timeout: 60_000 });
  for (const s of await sizes()) {
    expect(s.w, s.text).toBeGreaterThanOrEqual(44);
    expect(s.h, s.text).toBeGreaterThanOrEqual(44);
  }
  await page.evaluate(() => localStorage.setItem('mtt:prefs', 'lang=zh-CN;elder=1'));
  await flow.reload();
  await expect(flow.root).toHaveClass(/mtt-elder/);
  await page.locator('#file').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page).locator('.mtt-read-buttons button')).toHaveCount(4, { timeout: 60_000 });
  const elder = await sizes();
  expect(elder.length).toBe(5);
  for (const s of elder) {
    expect(s.w, s.text).toBeGreaterThanOrEqual(60);
    expect(s.h, s.text).toBeGreaterThanOrEqual(60);
  }
  expect(await flow.axeViolations()).toEqual([]);
  // Keyboard: the reading's answers are reached with Tab and pressed with Enter.
  const right = reading(page).locator('[data-read-item=date] .mtt-read-right');
  await right.focus();
  await page.keyboard.press('Enter');
  await expect(reading(page).locator('[data-read-item=date]')).toContainText('您已确认');
});

// A white PNG of about 50 megapixels (it compresses to almost nothing).
function hugePng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 0; // 8-bit grey
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * (width + 1));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

test('bad input: not a photo, a cut-short JPEG, HEIC, a 50-megapixel photo, a PDF: each said, nothing entered lost', async ({ page }) => {
  test.setTimeout(180_000);
  await paperPage(page);
  await page.locator('#issued').fill('2025-08-01');
  await page.locator('fieldset', { hasText: '分期' }).locator('label', { hasText: '是' }).click();
  const status = page.locator('.mtt-file-status');
  const kept = async () => {
    await expect(page.locator('#issued')).toHaveValue('2025-08-01');
    await expect(page.locator('fieldset', { hasText: '分期' }).locator('input[value=yes]')).toBeChecked();
  };

  await page.locator('#file').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('these are my notes, not a photo\n') });
  await expect(status).toContainText('只支持 JPG、PNG、WebP 照片和 PDF');
  await kept();

  const whole = photo(pick((r) => r.quality === 'ok'));
  await page.locator('#file').setInputFiles({ name: 'cut.jpg', mimeType: 'image/jpeg', buffer: whole.subarray(0, Math.floor(whole.length * 0.6)) });
  await expect(status).toContainText(/文件不完整|无法处理/, { timeout: 60_000 });
  await expect(status).not.toContainText('已保存');
  await kept();

  const heic = Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(2000, 7)]);
  await page.locator('#file').setInputFiles({ name: 'IMG_0042.HEIC', mimeType: 'image/heic', buffer: heic });
  await expect(status).toContainText('HEIC');
  await expect(status).toContainText('兼容性最佳');
  await kept();

  await page.locator('#file').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: hugePng(8660, 5800) });
  await expect(page.locator('.mtt-read-status')).toContainText('50 百万像素', { timeout: 90_000 });
  await expect(reading(page)).toHaveAttribute('data-read-quality', /.+/, { timeout: 90_000 });
  await expect(status).toContainText('已保存在本机：huge.jpg');
  await kept();

  await page.locator('#file').setInputFiles({ name: 'zhenduan.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.locator('.mtt-read-status')).toContainText('PDF 不自动读取');
  await expect(status).toContainText('已保存在本机：zhenduan.pdf');
  await expect(reading(page)).toHaveCount(0);
  await kept();
  expect(await flow.axeViolations()).toEqual([]);
  await page.getByRole('button', { name: '保存' }).click();
  const doc = (await flow.savedFacts()).documents.find((x) => x.kind === 'diagnosis_certificate');
  expect(doc.issued).toBe('2025-08-01');
  expect(doc.states_stage).toBe(true);
  expect(doc.file.type).toBe('application/pdf');
});

test('the reading module is fetched only for a photo, then read offline from the service worker\'s cache', async ({ page, context }) => {
  test.setTimeout(180_000);
  const fetched = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/reader/')) fetched.push(new URL(r.url()).pathname); });
  context.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/reader/')) fetched.push(new URL(r.url()).pathname); });
  await flow.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await flow.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await paperPage(page);
  // The home page, the interview and the paper page fetched nothing of it
  // (the service worker precaches only its small index).
  expect(fetched.filter((p) => p !== '/reader/index.json')).toEqual([]);
  const f = pick((r) => r.seal === 'found' && r.date && r.quality === 'ok');
  await page.locator('#file').setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-seal', 'found', { timeout: 90_000 });
  expect(await page.evaluate(async () => (await (await caches.open('mtt-reader')).keys()).length)).toBeGreaterThanOrEqual(4);

  await context.setOffline(true);
  await flow.reload();
  await page.locator('.mtt-photo-button').waitFor();
  await page.locator('#file').setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: photo(f) });
  await expect(reading(page)).toHaveAttribute('data-read-date', expected(f).date, { timeout: 90_000 });
  await context.setOffline(false);
});
