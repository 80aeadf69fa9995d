// Each seed region end to end, for oneself and as a proxy, with what the
// person sees on the result, checklist, estimate and timeline pages.
import { test, expect } from '@playwright/test';
import { FlowPage, flowForEachTest, SEPT_30 } from '../pages/flow.js';

let flow;
flowForEachTest(test, (f) => { flow = f; }, { fixedTime: SEPT_30 });

const date = (page, k) => page.locator(`[data-date=${k}]`);

test('Rizhao, for a son or daughter: instant track for a tumour, a 65% floor, decided the same day', async ({ page }) => {
  await flow.through('日照', {
    'applicant.insured_in': '日照市', 'applicant.contribution': '正常缴费', 'disease.id': '恶性肿瘤', 'diagnosis.hospital_level': '三级医保定点医院',
    'diagnosis.meets_criteria': '是，医生已确认',
  }, '子女');
  expect(await flow.resultStatus()).toBe('eligible');
  await page.locator('a', { hasText: '查看需要的材料' }).click();
  await expect(flow.material('id_card').locator('h2')).toHaveText('子女的身份证');
  // Reports within half a year: one from March is too old on 30 September.
  await flow.material('exam_reports').locator('a').click();
  await page.locator('#issued').fill('2025-03-01');
  await page.getByRole('button', { name: '保存' }).click();
  expect(await flow.problems('exam_reports')).toContain('expired');
  await page.goto('/apply/estimate');
  await flow.ready();
  await page.locator('#exp-drugs').fill('20000');
  await expect(page.locator('[data-figure=reimbursed]')).toHaveText('13,000.00 元');
  await expect(page.locator('[data-figure=ratio]')).toHaveText('不低于65%');
  await page.goto('/apply/timeline');
  await flow.ready();
  await expect(date(page, 'submitted')).toHaveText('2025-09-30');
  await expect(date(page, 'decision_by')).toHaveText('2025-09-30');
  await expect(date(page, 'effective_from')).toHaveText('2025-10-01');
  await page.goto('/apply/ready');
  await flow.ready();
  await expect(page.locator('.mtt-channel')).toHaveAttribute('data-channel', 'officialapp');
  await expect(page.locator('.mtt-channel')).toContainText('日照');
});

test('Liaoyuan, for oneself: paper at the hospital, no published figures shown as unknown, two-year inpatient records', async ({ page }) => {
  await flow.through('辽源', { 'applicant.insured_in': '辽源市', 'disease.id': '糖尿病' });
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('2025年吉林辽源门诊特殊病种待遇认定');
  await page.goto('/apply/materials');
  await flow.ready();
  await flow.material('inpatient_records').locator('a').click();
  await page.locator('#issued').fill('2023-06-01');
  await page.locator('fieldset', { hasText: '病案室' }).locator('label', { hasText: '否' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  expect((await flow.problems('inpatient_records')).sort()).toEqual(['expired', 'unsealed']);
  await page.goto('/apply/estimate');
  await flow.ready();
  await expect(page.locator('.mtt-status')).toContainText('没有公布报销比例和限额');
  await page.goto('/apply/timeline');
  await flow.ready();
  await expect(date(page, 'decision_by')).toHaveText('政策未说明');
  await page.goto('/apply/ready');
  await flow.ready();
  await expect(page.locator('.mtt-channel')).toHaveAttribute('data-channel', 'paper');
});

test('English, for a spouse in Linfen: wording, result and figures in English', async ({ page }) => {
  await flow.goto('/');
  await flow.langSwitch.click();
  await page.locator('.mtt-start').click();
  await flow.acceptPrivacy();
  await flow.choose('Linfen');
  await flow.continue.click();
  await flow.choose('A family member');
  await flow.choose('Husband or wife');
  await flow.continue.click();
  await page.locator('#applicant-name').fill('Wang Xiuying');
  await page.locator('#applicant-id_number').fill('11010519491231002X');
  await page.locator('#proxy-name').fill('Li Ming');
  await page.locator('#proxy-id_number').fill('34052419800101001X');
  await page.locator('#proxy-phone').fill('13800000000');
  await flow.continue.click();
  await expect(page.locator('.mtt-banner')).toHaveText('You are applying for your husband or wife: answer the questions about them.');
  // In English too, every question is about the person filed for (a spouse
  // whose ID says a woman), never "you".
  await flow.answerAll({
    'applicant.insured_in': 'Linfen', 'applicant.contribution': 'Paid normally', 'applicant.arrears': 'No', 'disease.id': 'Diabetes',
    'disease.complications': 'Yes', 'applicant.hukou_local': 'hukou is in Linfen', 'diagnosis.hospital_level': 'Public hospital, level 2',
  }, async () => {
    await expect(page.locator('h1')).toContainText(/your wife/i);
  });
  expect(await flow.resultStatus()).toBe('eligible');
  await expect(page.locator('.mtt-status h2')).toHaveText('You can apply');
  await page.goto('/apply/estimate');
  await flow.ready();
  await page.locator('#exp-drugs').fill('3000');
  await expect(page.locator('[data-figure=reimbursed]')).toHaveText('2,100.00 yuan');
  expect(await flow.axeViolations()).toEqual([]);
});
