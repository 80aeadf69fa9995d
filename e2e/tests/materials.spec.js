// After the result: the checklist with pre-review, attaching papers (photos
// downscaled and stripped on the device), the estimate, the timeline on the
// working-day calendar, check your answers, and where to apply.
import { test, expect } from '@playwright/test';
import { FlowPage, flowForEachTest, SEPT_30 } from '../pages/flow.js';
import { noisyPng, gif, linfenEligible as linfen } from '../fixtures.js';

let flow;
flowForEachTest(test, (f) => { flow = f; }, { fixedTime: SEPT_30 });

test('Linfen: the checklist pre-reviews each paper and says how to fix it', async ({ page }) => {
  await flow.through('临汾', linfen);
  await page.locator('a', { hasText: '查看需要的材料' }).click();
  await expect(flow.material('diagnosis_certificate')).toBeVisible();
  for (const id of ['id_card', 'diagnosis_certificate', 'exam_reports', 'application_form']) {
    await expect(flow.material(id)).toHaveClass(/mtt-material-missing/);
  }
  await expect(flow.material('residence_permit')).toHaveCount(0);
  expect(await flow.axeViolations()).toEqual([]);

  // A diagnosis certificate dated in the future, without the hospital seal.
  await flow.material('diagnosis_certificate').locator('a').click();
  await page.locator('#issued').fill('2025-10-20');
  await page.locator('fieldset', { hasText: '公章' }).locator('label', { hasText: '否' }).click();
  await page.locator('fieldset', { hasText: '分期' }).locator('label', { hasText: '否' }).click();
  expect(await flow.axeViolations()).toEqual([]);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/apply\/materials$/);
  expect((await flow.problems('diagnosis_certificate')).sort()).toEqual(['future_date', 'stage_missing', 'unsealed']);
  await expect(flow.material('diagnosis_certificate')).toContainText('请医院补盖所需印章');

  // Exam reports older than the one-year window.
  await flow.material('exam_reports').locator('a').click();
  await page.locator('#issued').fill('2024-08-01');
  await page.locator('fieldset', { hasText: '公章' }).locator('label', { hasText: '是' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  expect(await flow.problems('exam_reports')).toContain('expired');
  await flow.screenshot('materials-problems');

  // Fixed: sealed, states the stage, issued last month.
  await flow.material('diagnosis_certificate').locator('a').click();
  await page.locator('#issued').fill('2025-08-20');
  await page.locator('fieldset', { hasText: '公章' }).locator('label', { hasText: '是' }).click();
  await page.locator('fieldset', { hasText: '分期' }).locator('label', { hasText: '是' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  expect(await flow.problems('diagnosis_certificate')).toEqual([]);
  await expect(flow.material('diagnosis_certificate')).toHaveClass(/mtt-material-ok|mtt-material-unchecked/);
});

test('a photo is downscaled to about 400 KB, stripped of EXIF, stored on the device and survives a reload', async ({ page }) => {
  await flow.through('临汾', linfen);
  await page.goto('/apply/materials/id_card');
  await flow.ready();
  const big = noisyPng();
  expect(big.length).toBeGreaterThan(5_000_000);
  await page.locator('#file').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: big });
  await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机：IMG_0001.jpg', { timeout: 30_000 });
  const facts = await flow.savedFacts();
  const doc = facts.documents.find((d) => d.kind === 'id_card');
  expect(doc.file.type).toBe('image/jpeg');
  expect(doc.file.size).toBeLessThanOrEqual(420 * 1024);
  const bytes = await flow.storedFile('id_card');
  expect(bytes.length).toBe(doc.file.size);
  expect(bytes.slice(0, 3)).toEqual([0xff, 0xd8, 0xff]);
  const text = Buffer.from(bytes).toString('latin1');
  expect(text).not.toContain('Exif');
  expect(text).not.toContain('GPSLatitude');

  await flow.reload();
  await expect(page.locator('.mtt-file-status')).toContainText('IMG_0001.jpg');
  expect((await flow.storedFile('id_card')).length).toBe(doc.file.size);

  // Anything that is not a photo or a PDF by its bytes is refused, kindly.
  await page.locator('#file').setInputFiles({ name: 'scan.jpg', mimeType: 'image/jpeg', buffer: gif });
  await expect(page.locator('.mtt-file-status')).toContainText('只支持 JPG、PNG、WebP 照片和 PDF');
});

test('Linfen estimate: the 4000-yuan cap at 70%, inpatient outside the cap, with a chart', async ({ page }) => {
  await flow.through('临汾', linfen);
  await page.goto('/apply/estimate');
  await flow.ready();
  await page.locator('#exp-drugs').fill('6000');
  await page.locator('#exp-exams').fill('1200');
  await expect(page.locator('[data-figure=reimbursed]')).toHaveText('4,000.00 元');
  await expect(page.locator('[data-figure=out_of_pocket]')).toHaveText('3,200.00 元');
  await expect(page.locator('[data-figure=annual_cap]')).toHaveText('4,000.00 元');
  await expect(page.locator('[data-figure=ratio]')).toHaveText('70%');
  await expect(page.locator('.mtt-chart svg .mtt-cap')).toHaveCount(1);
  await page.locator('#exp-drugs').fill('1000');
  await page.locator('#exp-exams').fill('');
  await expect(page.locator('[data-figure=reimbursed]')).toHaveText('700.00 元');
  await page.locator('#exp-drugs').fill('-5');
  await expect(page.locator('.mtt-error-summary')).toContainText('药费');
  await page.locator('#exp-drugs').fill('1000');
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('estimate-linfen');
  expect((await flow.savedFacts()).expenses).toEqual({ drugs: 1000 });
});

test('Rizhao estimate is a bound: a 65% floor with no published cap', async ({ page }) => {
  await flow.through('日照', {
    'applicant.insured_in': '日照市', 'applicant.contribution': '正常缴费', 'disease.id': '恶性肿瘤', 'diagnosis.hospital_level': '二级医保定点医院',
    'diagnosis.meets_criteria': '是，医生已确认',
  });
  await page.goto('/apply/estimate');
  await flow.ready();
  await page.locator('#exp-drugs').fill('10000');
  await expect(page.locator('.mtt-estimate')).toHaveAttribute('data-exact', 'false');
  await expect(page.locator('[data-figure=ratio]')).toHaveText('不低于65%');
  await expect(page.locator('[data-figure=annual_cap]')).toHaveText('未公布');
  await expect(page.locator('[data-figure=reimbursed]')).toHaveText('6,500.00 元');
  await expect(page.locator('.mtt-notes')).toContainText('这是一个范围');
});

test('Linfen timeline on the working-day calendar, with a renewal reminder to download', async ({ page }) => {
  await flow.through('临汾', linfen);
  await page.goto('/apply/timeline');
  await flow.ready();
  const date = (k) => page.locator(`[data-date=${k}]`);
  await expect(date('submitted')).toHaveText('2025-09-30');
  await expect(date('pre_review_by')).toHaveText('2025-10-09');
  await expect(date('decision_by')).toHaveText('2025-10-14');
  await expect(date('effective_from')).toHaveText('2025-10-15');
  await expect(date('renewal_due')).toHaveText('2028-10-15');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载查询提醒' }).click(),
  ]);
  const ics = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  expect(ics).toContain('DTSTART;VALUE=DATE:20281015');
  expect(ics).toMatch(/^BEGIN:VCALENDAR/);
  expect(await flow.axeViolations()).toEqual([]);
});

test('check your answers, then where to apply: Linfen online account, Liaoyuan on paper', async ({ page }) => {
  await flow.through('临汾', linfen);
  await page.goto('/apply/check');
  await flow.ready();
  await expect(page.locator('.mtt-check-answers')).toContainText('三级公立医院');
  expect(await flow.axeViolations()).toEqual([]);
  await page.locator('.mtt-check-answers a', { hasText: '修改' }).filter({ hasText: '病种' }).click();
  await expect(page).toHaveURL(/\/apply\/q\/disease\/id$/);
  await expect(page.locator('.mtt-radio input:checked + label')).toHaveText('高血压');
  await page.goto('/apply/ready');
  await flow.ready();
  await expect(page.locator('.mtt-channel')).toHaveAttribute('data-channel', 'officialapp');
  await expect(page.locator('.mtt-channel')).toContainText('服务大厅');
  await flow.screenshot('ready-linfen');

  await page.evaluate(() => localStorage.clear());
  await flow.through('辽源', { 'applicant.insured_in': '辽源市', 'disease.id': '糖尿病' });
  await page.goto('/apply/ready');
  await flow.ready();
  await expect(page.locator('.mtt-channel')).toHaveAttribute('data-channel', 'paper');
});
