// The app shell: home page, language and elder-mode switches, routing,
// accessibility, and the static first screen.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';

let app;
test.beforeEach(async ({ page }) => {
  app = new AppPage(page);
});
test.afterEach(async () => {
  expect(app.errors, 'console errors').toEqual([]);
});

test('home page says what the tool does, the steps, and the privacy promise', async ({ page }) => {
  await app.goto('/');
  await expect(page).toHaveTitle('慢特通 - 门诊慢特病待遇认定助手');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(app.h1).toHaveText('门诊慢特病待遇认定，一步一步帮您办');
  await expect(page.locator('.mtt-steps li')).toHaveCount(5);
  await expect(page.locator('.mtt-privacy')).toContainText('在您按下“提交”之前，不会发送到任何地方');
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('home-zh');
});

test('language switch turns the page English and survives a reload', async ({ page }) => {
  await app.goto('/');
  await app.langSwitch.click();
  await expect(app.h1).toHaveText('Get your outpatient chronic disease benefits recognised, step by step');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle(/^Mantetong/);
  await expect(app.langSwitch).toHaveText('中文');
  await app.reload();
  await expect(app.h1).toHaveText(/^Get your/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('home-en');
  await app.langSwitch.click();
  await expect(app.h1).toHaveText('门诊慢特病待遇认定，一步一步帮您办');
});

test('elder mode meets the 适老化 numbers and survives a reload', async () => {
  await app.goto('/');
  const before = await app.metrics('.mtt-lead');
  expect(before.fontSize).toBeGreaterThanOrEqual(16);
  await app.elderSwitch.click();
  await expect(app.elderSwitch).toHaveAttribute('aria-pressed', 'true');
  await app.reload();
  await expect(app.root).toHaveClass(/mtt-elder/);
  await expect(app.elderSwitch).toHaveAttribute('aria-pressed', 'true');

  const lead = await app.metrics('.mtt-lead');
  expect(lead.fontSize, 'main text ≥ 18 pt (24 px)').toBeGreaterThanOrEqual(24);
  expect(lead.lineHeight, 'line height ≥ 1.3').toBeGreaterThanOrEqual(1.3);
  const h1 = await app.metrics('h1');
  expect(h1.fontSize, 'largest text ≥ 30').toBeGreaterThanOrEqual(30);
  for (const target of ['.mtt-switch-lang', '.mtt-switch-elder', '.mtt-brand', '.mtt-drafts-link']) {
    const m = await app.metrics(target);
    expect(m.height, `${target} height`).toBeGreaterThanOrEqual(60);
    expect(m.width, `${target} width`).toBeGreaterThanOrEqual(60);
  }
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('home-elder');

  await app.elderSwitch.click();
  await expect(app.root).not.toHaveClass(/mtt-elder/);
});

test('an unknown address shows a not-found page with a way home', async ({ page }) => {
  await app.goto('/no/such/page');
  await expect(app.h1).toHaveText('页面不存在');
  await expect(page).toHaveTitle('页面不存在 - 慢特通');
  expect(await app.axeViolations()).toEqual([]);
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(app.h1).toHaveText('门诊慢特病待遇认定，一步一步帮您办');
  await expect(page).toHaveURL(/\/$/);
});

test('the keyboard reaches every control in order', async ({ page }) => {
  await app.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.locator('.mtt-skip')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.mtt-brand')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.mtt-drafts-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app.langSwitch).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app.elderSwitch).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.root).toHaveClass(/mtt-elder/);
  await page.keyboard.press('Enter');
  await expect(app.root).not.toHaveClass(/mtt-elder/);
});

test.describe('the pages past home, in a second module', () => {
  // The service worker would fetch (and serve) the module itself; this test
  // is about the page's own fetch of it.
  test.use({ serviceWorkers: 'block' });

  test('the first load is the home module; a failed fetch of the rest says so and retries', async ({ page }) => {
    const wasm = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
    let offline = true;
    await page.route(/\/pkg\/[0-9a-f]{16}\/split_[^/]+\.wasm$/,
      (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await app.goto('/');
    expect(wasm[0], 'the home screen loads its own module first').toMatch(/^\/pkg\/[0-9a-f]{16}\/mantetong-app_bg\.wasm$/);
    await page.locator('.mtt-start').click();
    // The first step after 开始, the privacy notice, is in the home module:
    // it shows without the rest (issue 15: the first step fast).
    await expect(app.h1).toHaveText('开始前，请了解我们如何处理您的信息');
    await expect(page).toHaveURL(/\/apply\/privacy$/);
    await page.locator('.mtt-privacy-agree').click();
    await expect(page.getByRole('alert')).toContainText('这一页没有加载成功');
    expect(await app.axeViolations()).toEqual([]);
    await app.screenshot('module-load-failed');
    expect(wasm.some((p) => /\/split_later\.wasm$/.test(p)), 'the rest was asked for').toBe(true);
    // The failed fetches are the expected errors of this test.
    expect(app.errors.length).toBeGreaterThan(0);
    app.errors.length = 0;

    offline = false;
    await page.getByRole('button', { name: '重试' }).click();
    await expect(page).toHaveURL(/\/apply\/region$/);
    await expect(page.locator('form button[type=submit]')).toBeEnabled();
  });
});
