// A return visit's first step before the app is live (issue 15: usable
// within 1 s on a second visit). Once the privacy notice was agreed and no
// draft is open, the static screen's 开始 shows the region step from
// index.html (its options the app's region list), so the person chooses
// while the app starts; when the app is live it takes the choice, and a
// 继续 pressed meanwhile, over through its own region step. The home
// module's wasm is held back here until the test lets it through, so the
// step on show is the static one for as long as the test needs.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';

test.use({ serviceWorkers: 'block' });

/** Holds the home module's wasm until `release()`. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/\/pkg\/[0-9a-f]{16}\/mantetong-app_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

/** A return visit: the notice agreed on an earlier one (and, with `prefs`,
 *  the language and elder mode saved), set before the page's first script. */
async function returning(page, prefs) {
  await page.addInitScript((p) => {
    if (!sessionStorage.getItem('set')) {
      sessionStorage.setItem('set', '1');
      localStorage.setItem('mtt:privacy-seen', '1');
      if (p) localStorage.setItem('mtt:prefs', p);
    }
  }, prefs ?? null);
}

const staticScreen = (page) => page.locator('.mtt-root.mtt-static');

test('tapped before the app is live: the static region step, and the region chosen and 继续 pressed there carried into the flow', async ({ page }) => {
  const app = new AppPage(page);
  await returning(page);
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(staticScreen(page)).toHaveCount(1);
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('h1:visible')).toHaveText('您在哪个地区参加医保？', { useInnerText: true });
  await expect(page).toHaveTitle('选择地区 - 慢特通');
  await expect(page.locator('.mtt-step-indicator:visible')).toHaveText('第 1 步，共 8 步 · 选择地区', { useInnerText: true });
  await expect(page.locator('.mtt-lead')).toBeHidden();
  const submit = page.locator('form button[type=submit]');
  await expect(submit).toBeVisible();
  await expect(submit).toBeEnabled();
  await expect(staticScreen(page), 'still the static screen').toHaveCount(1);
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('static-region');

  // 继续 with nothing chosen: the app's own error, no step taken.
  await submit.click();
  await expect(page.locator('.mtt-pre-error')).toBeVisible();
  await expect(page.locator('.mtt-pre-error')).toContainText('请选择一项');
  await expect(page).toHaveURL(/\/apply\/region$/);

  await page.locator('.mtt-radio label', { hasText: '临汾' }).click();
  await submit.click();
  await expect(page.getByRole('status').filter({ visible: true })).toHaveText('正在加载…', { useInnerText: true });
  await expect(staticScreen(page)).toHaveCount(1);
  await expect(page).toHaveURL(/\/apply\/region$/);

  release();
  // The app goes on from the static step: the who step, with that region.
  await expect(page).toHaveURL(/\/apply\/who$/);
  await expect(staticScreen(page)).toHaveCount(0);
  await expect(app.langSwitch).toBeEnabled();
  await page.goBack();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('input[name=region][value=shanxi-linfen]')).toBeChecked();
  // The draft the app saved has it.
  const draft = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('mtt:draft')).map(([, v]) => v).join(' '));
  expect(draft).toContain('shanxi-linfen');
  expect(app.errors).toEqual([]);
});

test('by keyboard, in English and elder mode: a region chosen on the static step stays chosen and focused when the app takes over', async ({ page }) => {
  const app = new AppPage(page);
  await returning(page, 'lang=en;elder=1');
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(staticScreen(page)).toHaveCount(1);
  const start = page.locator('.mtt-start');
  for (let i = 0; i < 20 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('h1:visible')).toHaveText('Where are you insured?', { useInnerText: true });
  await expect(page.locator('.mtt-radio label:visible', { hasText: 'Linfen, Shanxi' })).toHaveCount(1);
  // Elder mode: every option a 60 px target.
  const box = await page.locator('.mtt-radio label:visible').first().boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(60);
  // Tab into the radio group, then the arrows to Linfen, as a keyboard user.
  const linfen = page.locator('.mtt-static input[value=shanxi-linfen]');
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.name === 'region')); i++) {
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < 10 && !(await linfen.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(linfen).toBeChecked();
  await expect(linfen).toBeFocused();
  expect(await app.axeViolations()).toEqual([]);

  release();
  await expect(staticScreen(page)).toHaveCount(0);
  await expect(app.langSwitch).toBeEnabled();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(app.root).toHaveClass(/mtt-elder/);
  const live = page.locator('input[name=region][value=shanxi-linfen]');
  await expect(live).toBeChecked();
  await expect(live).toBeFocused();
  // The app's own step goes on with it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/who$/);
  expect(app.errors).toEqual([]);
});

test('the static home stays until the flow\'s module is here, and its 开始 is answered meanwhile by the static step', async ({ page }) => {
  const app = new AppPage(page);
  await returning(page);
  let release;
  const gate = new Promise((r) => { release = r; });
  const later = /\/pkg\/[0-9a-f]{16}\/split_later\.wasm$/;
  const asked = page.waitForRequest(later);
  await page.route(later, async (route) => { await gate; await route.continue(); });
  await page.goto('/');
  // The app is running (it asked for the flow's module) but has not
  // replaced the static home: the live one would need that module for 开始.
  await asked;
  await page.waitForTimeout(300);
  await expect(staticScreen(page)).toHaveCount(1);
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await page.locator('.mtt-radio label', { hasText: '临汾' }).click();
  await page.locator('form button[type=submit]').click();
  await expect(staticScreen(page)).toHaveCount(1);
  release();
  await expect(page).toHaveURL(/\/apply\/who$/);
  await expect(app.langSwitch).toBeEnabled();
  expect(app.errors).toEqual([]);
});

// With a draft open, 开始 resumes it (first-step.spec.js), not this step.
test('not before the notice was agreed: 开始 then goes to the notice', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/privacy$/);
  await expect(page.locator('.mtt-pre-region:visible')).toHaveCount(0);
  release();
});
