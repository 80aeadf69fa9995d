// Every step of a complete application, in zh-CN, in elder mode and in
// English: axe-clean at each step, and a screenshot of each step for review
// (e2e/screenshots/tour-<mode>-<n>-<step>.png).
import { test, expect } from '@playwright/test';
import { FlowPage } from '../pages/flow.js';
import { linfenEligible } from '../fixtures.js';

const modes = [
  { name: 'zh', elder: false, en: false },
  { name: 'elder', elder: true, en: false },
  { name: 'en', elder: false, en: true },
];

const answers = {
  zh: { region: '临汾', who: '给我自己', q: linfenEligible, next: '继续', materials: '查看需要的材料' },
  en: { region: 'Linfen', who: 'Myself', q: {
    'applicant.insured_in': 'Linfen', 'applicant.contribution': 'Paid normally', 'applicant.arrears': 'No', 'disease.id': 'Hypertension', 'disease.grade': 'Grade III',
    'applicant.hukou_local': 'My hukou is in Linfen', 'diagnosis.hospital_level': 'Public hospital, level 3' }, next: 'Continue', materials: 'See which papers you need' },
};

for (const mode of modes) {
  test(`the whole flow, step by step, in ${mode.name} mode`, async ({ page }) => {
    // Fifteen axe runs and full-page screenshots: more than the default
    // minute on a loaded machine (the ready page grew with issue 12).
    test.setTimeout(150_000);
    const flow = new FlowPage(page);
    await page.clock.setFixedTime(new Date('2025-09-30T10:00:00+08:00'));
    const a = mode.en ? answers.en : answers.zh;
    let n = 0;
    const step = async (name) => {
      expect(await flow.axeViolations(), `axe on ${name}`).toEqual([]);
      await flow.screenshot(`tour-${mode.name}-${String(++n).padStart(2, '0')}-${name}`);
    };
    await flow.goto('/');
    if (mode.elder) await flow.elderSwitch.click();
    if (mode.en) await flow.langSwitch.click();
    await step('home');
    await page.locator('.mtt-start').click();
    await expect(page).toHaveURL(/\/apply\/privacy$/);
    await step('privacy');
    await page.locator('.mtt-privacy-agree').click();
    await expect(page.locator('.mtt-radio').first()).toBeVisible();
    await step('region');
    await flow.choose(a.region);
    await flow.continue.click();
    await expect(page).toHaveURL(/\/apply\/who$/);
    await step('who');
    await flow.choose(a.who);
    await flow.continue.click();
    for (let id = await flow.questionId(); id; id = await flow.questionId()) {
      expect(Object.keys(a.q), `unexpected question ${id}`).toContain(id);
      await expect(page.locator('h1')).not.toBeEmpty();
      await step(`q-${id}`);
      await flow.choose(a.q[id]);
      await flow.continue.click();
      await expect(page).not.toHaveURL(new RegExp(`/q/${id.replace('.', '/')}$`));
    }
    expect(await flow.resultStatus()).toBe('eligible');
    await step('result');
    await page.locator('a', { hasText: a.materials }).click();
    await expect(flow.material('diagnosis_certificate')).toBeVisible();
    await step('materials');
    await flow.material('diagnosis_certificate').locator('a').click();
    await expect(page.locator('#issued')).toBeVisible();
    await step('paper');
    await page.goto('/apply/estimate');
    await flow.ready();
    await page.locator('#exp-drugs').fill('6000');
    await expect(page.locator('[data-figure=reimbursed]')).toContainText('4,000.00');
    await step('estimate');
    await page.goto('/apply/timeline');
    await flow.ready();
    await expect(page.locator('[data-date=decision_by]')).toHaveText('2025-10-14');
    await step('timeline');
    await page.goto('/apply/check');
    await flow.ready();
    await expect(page.locator('.mtt-check-answers')).toBeVisible();
    await step('check');
    await page.goto('/apply/ready');
    await flow.ready();
    await expect(page.locator('.mtt-channel')).toBeVisible();
    await step('ready');
    if (mode.elder) {
      // Every target on the last page is at least 60 × 60 in elder mode.
      const small = await page.locator('.mtt-root button, .mtt-root a.mtt-button, .mtt-root .mtt-switch').evaluateAll((els) =>
        els.filter((e) => e.offsetParent).map((e) => e.getBoundingClientRect()).filter((r) => r.width < 60 || r.height < 60).length);
      expect(small).toBe(0);
    }
    expect(flow.errors, 'console errors').toEqual([]);
  });
}
