// A visit the service worker answers (issue 15: the second visit's first
// step within 1 s): the start script asks for the app at once instead of
// after the page's `load` and the static screen's largest paint (a wait
// that is for a first visit's Lighthouse score), and the app still comes
// up in the saved language and elder mode, working, with nothing wrong.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';

/** When the home module was asked for, and when the page's `load` began. */
const order = (page) => page.evaluate(() => ({
  wasm: performance.getEntriesByType('resource').find((e) => /mantetong-app_bg\.wasm$/.test(e.name)).startTime,
  load: performance.getEntriesByType('navigation')[0].loadEventStart,
}));

test('under the service worker the app is asked for before the page has loaded, in the saved language and mode', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await page.waitForLoadState('load');
  // A first visit (no worker yet): the app only after `load`.
  const first = await order(page);
  expect(first.wasm).toBeGreaterThan(first.load);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await app.langSwitch.click();
  await app.elderSwitch.click();

  await app.reload();
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const second = await order(page);
  expect(second.wasm).toBeLessThan(second.load);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.root).toHaveClass(/mtt-elder/);
  await expect(app.h1).toHaveText('Get your outpatient chronic disease benefits recognised, step by step');
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/privacy$/);
  await page.locator('.mtt-privacy-agree').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(app.h1).toHaveText('Where are you insured?');
  expect(await app.axeViolations()).toEqual([]);
  expect(app.errors).toEqual([]);
});
