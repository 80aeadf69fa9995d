// Citations a citizen can read (issue 11): every page cites the policy
// document by its title and section, never by a file name; the file
// reference is only in a folded "for rule authors" details element. And a
// proxy filing's questions name the person they are about.
import { test, expect } from '@playwright/test';
import { FlowPage, flowForEachTest, SEPT_30 } from '../pages/flow.js';
import { linfenEligible } from '../fixtures.js';

let flow;
flowForEachTest(test, (f) => { flow = f; }, { fixedTime: SEPT_30 });

/** The text a person sees on the page (closed details are not shown). */
const visible = (page) => page.evaluate(() => document.body.innerText);
const FILE = /\b\d{3}_[0-9a-f]{16}\.txt\b|\.txt\b/;

test('no page shows a file name as a citation; the titles are shown, the files only for rule authors', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho();
  await flow.answerAll(linfenEligible, async (id) => {
    await page.locator('.mtt-details summary').first().click();
    expect(await visible(page), `question ${id}`).not.toMatch(FILE);
    await expect(page.locator('.mtt-details .mtt-source').first()).toContainText('2025年山西临汾特殊病种线上办理');
  });
  expect(await visible(page), 'result').not.toMatch(FILE);
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('政策出处：2025年山西临汾特殊病种线上办理');
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('§一');
  // For rule authors, folded: the file and section.
  const authors = page.locator('.mtt-author-sources');
  await expect(authors).not.toHaveAttribute('open');
  await authors.locator('summary').click();
  await expect(authors).toContainText('000_07b534b3317dd747.txt §一 准入标准');
  expect(await flow.axeViolations()).toEqual([]);
  // A paper with a problem, so the checklist shows problems and hints too.
  await page.goto('/apply/materials/application_form');
  await flow.ready();
  await page.locator('fieldset', { hasText: '主治医师' }).locator('label', { hasText: '否' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/apply\/materials$/);
  expect(await flow.problems('application_form')).toEqual(['unsigned']);
  for (const path of ['/apply/materials', '/apply/estimate', '/apply/timeline', '/apply/check', '/apply/ready', '/apply/handoff']) {
    await page.goto(path);
    await flow.ready();
    await expect(page.locator('h1')).not.toBeEmpty();
    expect(await visible(page), path).not.toMatch(FILE);
  }
  // English shows the English title.
  await page.goto('/apply/result');
  await flow.ready();
  await flow.langSwitch.click();
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('Policy source: Linfen (Shanxi) 2025');
  expect(await visible(page)).not.toMatch(FILE);
});

test('a proxy filing for a relative of unknown relation asks every question about TA', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho('其他亲属');
  await flow.answerAll(linfenEligible, async () => {
    // 其他亲属: no kinship word to use, so the person is TA.
    await expect(page.locator('h1')).toContainText('TA');
    await expect(page.locator('h1')).not.toContainText('您的');
  });
  expect(await flow.resultStatus()).toBe('eligible');
});
