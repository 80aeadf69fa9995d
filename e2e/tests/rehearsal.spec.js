// The first step fast on a return visit (issue 15): once the flow's module
// is here, the shell builds the region step unseen while the person is on
// the home page (app/src/shell.rs `rehearse`), so V8 has compiled its code
// and the region list is loaded before 开始 is tapped. These check what a
// person sees of that: the list at once after 开始, and nothing else —
// no draft saved, no title or URL change, no storage request before the
// flow is really shown, nothing fetched for a first visit that has not
// started.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';

const REGIONS = /\/regions\/index\.json$/;
const LATER = /\/pkg\/[0-9a-f]{16}\/split_later\.wasm$/;

// The page's own requests, as on a visit the worker does not answer (the
// rehearsal runs where the notice was agreed earlier, or where the worker
// answers: the first here).
test.use({ serviceWorkers: 'block' });

/** Counts `navigator.storage.persist()` calls (the flow asks once shown). */
async function countPersist(page) {
  await page.addInitScript(() => {
    window.__persistCalls = 0;
    const s = navigator.storage;
    if (s && s.persist) {
      const real = s.persist.bind(s);
      s.persist = () => { window.__persistCalls += 1; return real(); };
    }
  });
}

test('returning after the notice: the region list shows at once after 开始, and nothing of the rehearsal is seen or kept', async ({ page }) => {
  const app = new AppPage(page);
  await page.addInitScript(() => {
    if (location.pathname === '/' && !sessionStorage.getItem('set')) {
      sessionStorage.setItem('set', '1');
      localStorage.setItem('mtt:privacy-seen', '1');
    }
  });
  await countPersist(page);
  const regionsAsked = page.waitForResponse(REGIONS, { timeout: 20_000 });
  await app.goto('/');
  const home = { title: await page.title(), h1: await app.h1.innerText(), entries: await page.evaluate(() => history.length) };
  // The region list is loaded while the person is still on the home page.
  await regionsAsked;
  await expect(page).toHaveURL(/\/$/);
  // The second build (with the list) comes in the next idle period.
  await page.waitForTimeout(1500);
  await expect(page).toHaveURL(/\/$/);
  expect(await page.title(), 'the title stays the home page\'s').toBe(home.title);
  await expect(app.h1).toHaveText(home.h1);
  await expect(page.locator('form')).toHaveCount(0);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys, 'no draft saved, no step remembered').toEqual(['mtt:privacy-seen']);
  expect(await page.evaluate(() => window.__persistCalls), 'no storage request before the flow is shown').toBe(0);
  expect(await page.evaluate(() => history.length), 'no history entry').toBe(home.entries);

  // Now the list's file would not come at all: the step still shows it.
  await page.route(REGIONS, () => {});
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  const linfen = page.locator('.mtt-radio label', { hasText: '临汾' }).first();
  await expect(linfen).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page).toHaveTitle('选择地区 - 慢特通');
  await expect.poll(() => page.evaluate(() => window.__persistCalls), { message: 'the flow asks once shown' }).toBeGreaterThan(0);
  // And it works: the draft starts with the region chosen.
  await linfen.click();
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/apply\/who$/);
  const current = await page.evaluate(() => localStorage.getItem('mtt:current'));
  expect(current, 'the draft is saved once the person acts').not.toBeNull();
  expect(await app.axeViolations()).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('returning after the notice, 开始 by keyboard before the flow\'s module is here: the static region step, then the app\'s', async ({ page }) => {
  const app = new AppPage(page);
  await page.addInitScript(() => {
    if (location.pathname === '/') localStorage.setItem('mtt:privacy-seen', '1');
  });
  // The flow's module held: the tap comes before anything is rehearsed.
  // The static home stays on show meanwhile (main.rs `swap_in`), and its
  // 开始 opens the static region step at once.
  let release;
  const gate = new Promise((r) => { release = r; });
  const asked = page.waitForRequest(LATER);
  await page.route(LATER, async (route) => { await gate; await route.continue(); });
  await page.goto('/');
  await asked;
  await expect(page.locator('.mtt-static')).toHaveCount(1);
  const start = page.locator('.mtt-start');
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('.mtt-radio label', { hasText: '临汾' }).first()).toBeVisible();
  release();
  await app.ready();
  await expect(page.locator('.mtt-static')).toHaveCount(0);
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('.mtt-radio label', { hasText: '临汾' }).first()).toBeVisible();
  await expect(page.locator('form button[type=submit]')).toBeEnabled();
  expect(app.errors).toEqual([]);
});

test('a first visit that has not started fetches neither the flow nor the region list (Lighthouse\'s load unchanged)', async ({ page }) => {
  const app = new AppPage(page);
  const asked = [];
  page.on('request', (r) => { if (REGIONS.test(r.url()) || LATER.test(r.url())) asked.push(new URL(r.url()).pathname); });
  await app.goto('/');
  await page.waitForTimeout(2000);
  expect(asked).toEqual([]);
  await expect(page).toHaveURL(/\/$/);
  expect(app.errors).toEqual([]);
});
