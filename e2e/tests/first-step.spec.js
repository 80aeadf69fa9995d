// The first step fast (issue 15): once the privacy notice has been read (a
// second visit), 开始 goes to the region question, which the first-load
// module shows by itself while the flow's module is still on its way; the
// flow takes over at the next step, with the region chosen.
import { test, expect } from '@playwright/test';
import { FlowPage } from '../pages/flow.js';

test('the region step works before the flow module arrives, and the next step once it has', async ({ page }) => {
  const flow = new FlowPage(page);
  await page.addInitScript(() => localStorage.setItem('mtt:privacy-seen', '1'));
  // The flow's module is held back until the region has been chosen.
  let release;
  const held = new Promise((r) => { release = r; });
  let asked = 0;
  await page.route('**/split_later.wasm', async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await flow.goto('/');
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('.mtt-step-indicator')).toHaveText('第 1 步，共 8 步 · 选择地区');
  await expect(page.locator('h1')).toHaveText('您在哪个地区参加医保？');
  await expect(page).toHaveTitle('选择地区 - 慢特通');
  expect(asked, 'the flow module was asked for (and is held)').toBeGreaterThan(0);

  // Nothing chosen: the error summary, as under the flow.
  await flow.continue.click();
  await expect(page.locator('.mtt-error-summary')).toContainText('请选择一项');
  await expect(page).toHaveTitle('错误：选择地区 - 慢特通');
  expect(await flow.axeViolations()).toEqual([]);

  // English from the header switch, then back.
  await flow.langSwitch.click();
  await expect(page.locator('h1')).toHaveText('Where are you insured?');
  await expect(page.locator('.mtt-step-indicator')).toHaveText('Step 1 of 8 · Region');
  await flow.langSwitch.click();
  await expect(page.locator('h1')).toHaveText('您在哪个地区参加医保？');

  // Keyboard: the radios and the button are reached and used with keys.
  await page.locator('.mtt-radio input').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.mtt-radio input').first()).toBeChecked();
  await flow.choose('临汾');
  await flow.continue.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/who$/);
  await expect(page.locator('.mtt-loading')).toBeVisible();

  release();
  await expect(page.locator('h1')).toHaveText('这次是给谁申请？');
  // The flow started from the region chosen, and saved it in the draft.
  const region = await page.evaluate(() => JSON.parse(localStorage.getItem(`mtt:draft:${localStorage.getItem('mtt:current')}`)).facts.region);
  expect(region).toBe('shanxi-linfen');
  await expect(page.locator('.mtt-step-indicator')).toContainText('第 2 步，共 8 步');
  // Back: the region step again, now the flow's, with the choice kept.
  await page.locator('.mtt-back').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('.mtt-radio input[value="shanxi-linfen"]')).toBeChecked();
  await flow.continue.click();
  await flow.chooseWho();
  await expect(page).toHaveURL(/\/apply\/q\//);
  expect(flow.errors).toEqual([]);
});

test('where storage is blocked, the region chosen in the first step still reaches the flow', async ({ page }) => {
  const flow = new FlowPage(page);
  // Reads work (the notice counts as read); every write fails, as in a
  // storage-blocked WebView.
  await page.addInitScript(() => {
    localStorage.setItem('mtt:privacy-seen', '1');
    Storage.prototype.setItem = () => { throw new DOMException('blocked', 'QuotaExceededError'); };
  });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/split_later.wasm', async (route) => { await held; await route.continue(); });
  await flow.goto('/');
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await flow.choose('日照');
  await flow.continue.click();
  await expect(page).toHaveURL(/\/apply\/who$/);
  release();
  await flow.chooseWho();
  // Rizhao's own first question: the region reached the flow.
  await expect(page).toHaveURL(/\/apply\/q\/applicant\/insured_in$/);
  await expect(page.locator('.mtt-radio label', { hasText: '日照市' })).toBeVisible();
});
