// A visit the service worker answers (issue 15: the second visit's first
// step within 1 s): the start script asks for the app a quiet moment after
// the first screen is painted (nothing of the app's on the main thread
// before 开始 is on screen), not after the page's `load` and the static
// screen's largest paint as on a first visit (a wait that is for a first
// visit's Lighthouse score), and the app still comes up in the saved
// language and elder mode, working, with nothing wrong.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';

/** When the home module was asked for, when the page's `load` began, and
 *  when the first screen was first painted. */
const order = (page) => page.evaluate(() => ({
  wasm: performance.getEntriesByType('resource').find((e) => /mantetong-app_bg\.wasm$/.test(e.name)).startTime,
  load: performance.getEntriesByType('navigation')[0].loadEventStart,
  paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
}));

test('under the service worker the app is asked for once the first screen is painted, in the saved language and mode', async ({ page }) => {
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
  expect(second.wasm, 'the first screen painted before the app is asked for').toBeGreaterThan(second.paint);
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

// On a visit the worker answers, the static screen shows from the first
// paint as on a first visit (its 开始 is usable before the app is live:
// issue 15, a second visit's first step within 1 s; it used to be kept
// from being laid out while the app started, and 开始 then came only with
// the live page); if the app cannot start, its message shows at once.
test('under the service worker the static screen shows while the app starts, and says so when the app cannot start', async ({ page }) => {
  const app = new AppPage(page);
  // Once the stylesheet is there (the app is swapped in several tasks
  // after the document is parsed and its module compiled): is the static
  // screen displayed?
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const link = document.querySelector('link[rel=stylesheet]');
      const check = () => {
        const s = document.querySelector('.mtt-static');
        window.__staticShown = s ? getComputedStyle(s).display !== 'none' : 'already swapped';
      };
      if (link.sheet) check(); else link.addEventListener('load', check);
    });
  });
  await app.goto('/');
  expect(await page.evaluate(() => window.__staticShown), 'a first visit paints the static screen').toBe(true);
  await page.evaluate(() => navigator.serviceWorker.ready);

  await app.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.locator('html')).toHaveClass(/mtt-sw/);
  expect(await page.evaluate(() => window.__staticShown), 'shown while the app starts').toBe(true);
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/privacy$/);
  expect(app.errors).toEqual([]);

  // The worker's copy of the home module broken (a 404 in its place): the
  // app cannot start, and the static screen says so at once.
  await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      for (const r of await c.keys()) if (/mantetong-app_bg\.wasm$/.test(r.url)) await c.put(r, new Response('gone', { status: 404 }));
    }
  });
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/mtt-sw/);
  await expect(page.locator('.mtt-loadfail')).toBeVisible();
  await expect(page.locator('.mtt-static h1')).toBeVisible();
  await expect(page.locator('.mtt-static .mtt-paper .mtt-paper-links a').first()).toBeVisible();
  // The failed fetch and compile are this test's expected errors.
  app.errors.length = 0;
});
