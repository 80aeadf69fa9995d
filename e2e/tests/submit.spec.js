// Submission to the real intake server, exactly once, whatever the network
// does: each fault ends with one stored application per idempotency key.
import { test, expect } from '@playwright/test';
import { FlowPage } from '../pages/flow.js';
import { storedApplications } from '../pages/intake.js';
import { pdf, linfenEligible as linfen } from '../fixtures.js';

const API = '**/api/v1/applications';

let flow;
test.beforeEach(async ({ page }) => {
  flow = new FlowPage(page);
});

/** Through the Linfen flow with a PDF for each of the four required
 *  papers (an online send waits until they are there), to the ready page. */
async function readyToSubmit(page) {
  await flow.through('临汾', linfen);
  for (const id of ['diagnosis_certificate', 'id_card', 'exam_reports', 'application_form']) {
    await page.goto(`/apply/materials/${id}`);
    await flow.ready();
    await page.locator('#file').setInputFiles({ name: `${id}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机');
  }
  await page.goto('/apply/ready');
  await flow.ready();
}

async function submitted(page) {
  const status = page.locator('.mtt-submission');
  await expect(status).toHaveAttribute('data-state', 'sent', { timeout: 90_000 });
  const receipt = await page.locator('[data-receipt]').textContent();
  const key = await page.evaluate(() => JSON.parse(localStorage.getItem('mtt:outbox'))[0].key);
  const stored = storedApplications().filter((a) => a.idempotency_key === key);
  expect(stored, 'exactly one stored application for this key').toHaveLength(1);
  expect(stored[0].receipt).toBe(receipt);
  return receipt;
}

test('nothing leaves the device before submit; then one submission with its receipt', async ({ page }) => {
  const posts = [];
  page.on('request', (r) => { if (r.method() !== 'GET') posts.push(r.url()); });
  await readyToSubmit(page);
  expect(posts, 'no request but GETs of the app before submit').toEqual([]);
  expect(await flow.axeViolations()).toEqual([]);
  await page.locator('.mtt-submit-button').click();
  const receipt = await submitted(page);
  expect(posts).toHaveLength(1);
  const status = await page.request.get(`/api/v1/applications/${receipt}`);
  expect(status.status()).toBe(200);
  expect((await status.json()).files).toBeTruthy();
  await flow.screenshot('submitted');
  expect(flow.errors).toEqual([]);
});

test('two server errors, then success: retried with the same key, stored once', async ({ page }) => {
  await readyToSubmit(page);
  let failures = 0;
  const keys = new Set();
  await page.route(API, async (route) => {
    keys.add(route.request().headers()['idempotency-key']);
    if (failures < 2) { failures++; await route.fulfill({ status: 500, body: 'boom' }); } else await route.continue();
  });
  await page.locator('.mtt-submit-button').click();
  await expect(page.locator('.mtt-submission')).toContainText('将自动重试');
  await submitted(page);
  expect(failures).toBe(2);
  expect(keys.size).toBe(1);
});

test('the connection drops after the server stored it: the retry gets the same receipt', async ({ page }) => {
  await readyToSubmit(page);
  let dropped = false;
  await page.route(API, async (route) => {
    if (!dropped) {
      dropped = true;
      await route.fetch(); // the server receives and stores it...
      await route.abort('connectionreset'); // ...and the answer is lost
    } else await route.continue();
  });
  await page.locator('.mtt-submit-button').click();
  await submitted(page);
  expect(dropped).toBe(true);
});

test('a 30-second stall: the client gives up, retries, and the region still gets one', async ({ page }) => {
  test.setTimeout(120_000);
  await readyToSubmit(page);
  let stalled = false;
  await page.route(API, async (route) => {
    if (!stalled) {
      stalled = true;
      await new Promise((r) => setTimeout(r, 30_000));
      await route.continue().catch(() => {}); // the page may have aborted it already
    } else await route.continue();
  });
  await page.locator('.mtt-submit-button').click();
  await submitted(page);
});

test('offline, then online: queued on the device, sent when the network returns', async ({ page, context }) => {
  await readyToSubmit(page);
  // The ready page asks the endpoint who receives it (issue 12) while
  // online; only then does it offer to send.
  await expect(page.locator('.mtt-submit-button')).toBeVisible();
  await context.setOffline(true);
  await page.locator('.mtt-submit-button').click();
  await expect(page.locator('.mtt-submission')).toHaveAttribute('data-state', 'queued');
  await page.waitForTimeout(1500);
  expect(storedApplications().length).toBeGreaterThanOrEqual(0);
  await context.setOffline(false);
  await submitted(page);
});

test('a reload mid-retry resumes the outbox on the next start', async ({ page }) => {
  await readyToSubmit(page);
  await page.route(API, (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.locator('.mtt-submit-button').click();
  await expect(page.locator('.mtt-submission')).toContainText('将自动重试');
  await page.unroute(API);
  await flow.reload();
  await submitted(page);
});

test('a tampered package is refused with the field named, and is not retried', async ({ page }) => {
  await readyToSubmit(page);
  await page.route(API, async (route) => {
    const body = route.request().postDataBuffer();
    const i = body.indexOf('%PDF');
    body[i + 5] ^= 0xff; // flip a byte of the PDF inside the ZIP
    await route.continue({ postData: body });
  });
  await page.locator('.mtt-submit-button').click();
  await expect(page.locator('.mtt-submission')).toHaveAttribute('data-state', 'refused', { timeout: 30_000 });
  await expect(page.locator('.mtt-submission')).toContainText('files/');
});

test('an official-app region offers the package download and the steps; a paper region the print package', async ({ page }) => {
  await readyToSubmit(page);
  await expect(page.locator('.mtt-channel')).toContainText('服务大厅');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.mtt-download').click()]);
  const zip = await download.createReadStream().then((s) => s.toArray()).then((c) => Buffer.concat(c));
  expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  expect(zip.toString('latin1')).toContain('manifest.json');
  expect(zip.toString('latin1')).toContain('files/diagnosis_certificate.pdf');

  await page.evaluate(() => localStorage.clear());
  await flow.through('辽源', { 'applicant.insured_in': '辽源市', 'disease.id': '糖尿病' });
  await page.goto('/apply/ready');
  await flow.ready();
  await expect(page.locator('.mtt-channel')).toHaveAttribute('data-channel', 'paper');
  await expect(page.locator('.mtt-submit-button')).toHaveCount(0);
  await expect(page.locator('[data-summary-material]').first()).toBeVisible();
  // Where and when, as far as the pack knows: working days, the designated hospital.
  await expect(page.locator('.mtt-paper-when')).toContainText('工作日');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.mtt-header')).toBeHidden();
  await expect(page.locator('.mtt-print-summary')).toBeVisible();
  await flow.screenshot('paper-print');
});
