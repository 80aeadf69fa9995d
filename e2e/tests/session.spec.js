// The session's loads (app/src/session.rs): the region's pack is a signal
// filled by a task, not a LocalResource (issue 15, docs/size.md). Choosing
// another region in the same visit (no reload) must load that region's
// pack: its questions, its options, its answer.
import { test, expect } from '@playwright/test';
import { flowForEachTest } from '../pages/flow.js';

let flow;
flowForEachTest(test, (f) => { flow = f; });

test('another region chosen in the same visit: its own pack asks and answers', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho();
  // Linfen's first question, with Linfen's own options.
  expect(await flow.questionId()).toBe('applicant.insured_in');
  await expect(page.locator('.mtt-radio', { hasText: '临汾市' })).toBeVisible();
  // Back to the region step inside the app (the session and its loads stay).
  await page.locator('.mtt-back').click();
  await expect(page).toHaveURL(/\/apply\/who$/);
  await page.locator('.mtt-back').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await flow.chooseRegion('日照');
  await flow.chooseWho();
  const asked = await flow.answerAll({
    'applicant.insured_in': '日照市',
    'applicant.contribution': '正常缴费',
    'disease.id': '恶性肿瘤',
    'diagnosis.hospital_level': '二级医保定点医院',
    'diagnosis.meets_criteria': '是，医生已确认',
  });
  expect(asked[0]).toBe('applicant.insured_in');
  expect(await flow.resultStatus()).toBe('eligible');
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('日照');
});
