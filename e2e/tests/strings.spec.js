// The strings past home come one language at a time (app/src/later.rs,
// issue 15: the whole flow's size): a zh-CN visit fetches only the Chinese
// module, a switch mid-flow fetches the English one and redraws the page,
// and after one visit the switch works offline (the service worker has both).
import { test, expect } from '@playwright/test';
import { FlowPage } from '../pages/flow.js';

// The language modules the page itself asked for (its resource timing: the
// service worker's precache, which fetches every module, is not in it),
// each once (the start script's prefetch and the loader ask for the same
// immutable file; the second finds it in the HTTP cache).
const stringModules = (page) => page.evaluate(() => [...new Set(performance.getEntriesByType('resource')
  .map((e) => /\/split_strings_(zh|en)\.wasm$/.exec(new URL(e.name).pathname)?.[1]).filter(Boolean))]);

test('one language of the flow is fetched, the other on a switch mid-flow', async ({ page }) => {
  const flow = new FlowPage(page);
  await flow.start();
  await flow.chooseRegion('临汾');
  await expect(page.locator('h1')).toHaveText('这次是给谁申请？');
  expect(await stringModules(page)).toEqual(['zh']);
  await page.locator('.mtt-switch-lang').click();
  await expect(page.locator('h1')).toHaveText('Who are you applying for?');
  await expect(page.locator('.mtt-step-indicator')).toContainText(/Step \d+ of \d+/);
  expect(await stringModules(page)).toEqual(['zh', 'en']);
  // Back to Chinese: nothing more to fetch.
  await page.locator('.mtt-switch-lang').click();
  await expect(page.locator('h1')).toHaveText('这次是给谁申请？');
  await expect(page.locator('.mtt-step-indicator')).toContainText(/第 \d+ 步/);
  expect(await stringModules(page)).toEqual(['zh', 'en']);
});

test('an English visit starts with the English strings; switching works offline after one visit', async ({ page, context }) => {
  const flow = new FlowPage(page);
  await flow.goto('/');
  await page.locator('.mtt-switch-lang').click();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await flow.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await flow.reload();
  await page.locator('.mtt-start').click();
  await flow.acceptPrivacy();
  await expect(page.locator('h1')).toHaveText('Where are you insured?');
  expect(await stringModules(page)).toEqual(['en']);
  await page.locator('.mtt-switch-lang').click();
  await expect(page.locator('h1')).toHaveText('您在哪个地区参加医保？');
  expect(await stringModules(page)).toEqual(['en', 'zh']);
  await context.setOffline(false);
});
