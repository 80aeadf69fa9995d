// Embedding in a portal (examples/portal on another port, i.e. another
// origin): the widget in the portal's DOM under hostile CSS, and the app in
// an iframe talking postMessage with explicit origins only.
import { test, expect } from '@playwright/test';
import { WidgetPortal, FramePortal } from '../pages/portal.js';
import { storedApplications } from '../pages/intake.js';
import { appOrigin, portalOrigin, portalPort } from '../playwright.config.js';
import { linfenEligible as linfen } from '../fixtures.js';

const foreignOrigin = `http://localhost:${portalPort}`;

test.describe('widget', () => {
  test('mounts in the portal under hostile CSS: readable, themed, accessible, the host untouched', async ({ page }) => {
    const portal = new WidgetPortal(page);
    await portal.open();
    const title = await page.title();
    // Hostile `* { font-size: 9px !important }`, `button { all: unset }`.
    const h1 = await portal.h1.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(h1, 'h1 font size').toBeGreaterThanOrEqual(24);
    const body = await portal.root.locator('.mtt-lead').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(body, 'body text').toBeGreaterThanOrEqual(16);
    for (const sel of ['.mtt-switch-lang', '.mtt-switch-elder', '.mtt-start']) {
      const box = await portal.root.locator(sel).boundingBox();
      expect(box.height, `${sel} height`).toBeGreaterThanOrEqual(44);
      expect(box.width, `${sel} width`).toBeGreaterThanOrEqual(44);
    }
    // Theme colour from the config, as a custom property and as painted.
    await expect(portal.root).toHaveCSS('--mtt-primary', '#7a1f1f');
    await expect(portal.root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(122, 31, 31)');
    await expect(portal.root.locator('.mtt-switch-elder')).toHaveCSS('border-top-color', 'rgb(122, 31, 31)');
    expect(await portal.axeViolations()).toEqual([]);
    await portal.screenshot('embed-widget-hostile-css');
    // The widget's ready event, with the locked region.
    expect((await portal.events('mtt:ready'))[0].detail).toEqual({ lang: 'zh-CN', elder: false, region: 'shanxi-linfen' });
    // Nothing leaked: no bindings global, no service worker, the portal's title.
    expect(await page.evaluate(() => typeof window.wasmBindings)).toBe('undefined');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    expect(await page.title()).toBe(title);
    expect(portal.errors).toEqual([]);
  });

  test('region locked, steps in memory (the portal URL stays), result event, endpoint override', async ({ page }) => {
    const portal = new WidgetPortal(page);
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    await portal.open();
    const url = page.url();
    await portal.through(linfen);
    expect(page.url(), 'the portal URL is the portal’s').toBe(url);
    // In-page links (the skip link) move focus, not the portal's URL.
    await portal.root.locator('.mtt-skip').focus();
    await page.keyboard.press('Enter');
    await expect(portal.root.locator('#mtt-main')).toBeFocused();
    expect(page.url()).toBe(url);
    const paths = (await portal.events('mtt:step')).map((e) => e.detail.path);
    expect(paths, 'the region step is skipped').not.toContain('/apply/region');
    expect(paths).toContain('/apply/who');
    // One event a page: no `/apply/q` alone (it only chooses the next
    // question), no path twice in a row.
    expect(paths).not.toContain('/apply/q');
    expect(paths.filter((p, i) => p === paths[i - 1])).toEqual([]);
    // The result event: the status and the region, nothing personal.
    const results = await portal.events('mtt:result');
    expect(results.at(-1).detail).toEqual({ status: 'eligible', region: 'shanxi-linfen' });
    await expect(portal.root.locator('.mtt-status')).toHaveAttribute('data-status', 'eligible');
    expect(await portal.axeViolations()).toEqual([]);

    // On to submission, all inside the widget.
    await portal.follow('/apply/materials');
    await portal.addRequiredPapers();
    await portal.follow('/apply/estimate');
    await portal.follow('/apply/timeline');
    await portal.follow('/apply/check');
    // The region is the locked one, and cannot be changed here.
    await expect(portal.root.locator('.mtt-summary, dl').first()).toContainText('临汾');
    await portal.follow('/apply/ready');
    expect(posts, 'nothing sent before submit').toEqual([]);
    await portal.root.locator('.mtt-submit-button').click();
    await expect(portal.root.locator('.mtt-submission')).toHaveAttribute('data-state', 'sent', { timeout: 90_000 });
    // Sent to the configured endpoint (the portal's gateway), not the default.
    expect(posts).toEqual([`${portalOrigin}/intake/applications`]);
    const receipt = await portal.root.locator('[data-receipt]').textContent();
    await expect.poll(async () => (await portal.events('mtt:submitted')).length).toBe(1);
    const submitted = (await portal.events('mtt:submitted'))[0].detail;
    expect(submitted.receipt).toBe(receipt);
    expect(storedApplications().filter((a) => a.receipt === receipt)).toHaveLength(1);
    expect(page.url()).toBe(url);
    expect(portal.errors).toEqual([]);
  });
});

test.describe('widget API', () => {
  test('mount(element, config): language, elder default, pack base, theme; every region offered', async ({ page }) => {
    const portal = new WidgetPortal(page, '#checker');
    const gets = [];
    page.on('request', (r) => gets.push(r.url()));
    await portal.open('/mount.html');
    await expect(portal.root).toHaveAttribute('lang', 'en');
    await expect(portal.root).toHaveClass(/mtt-elder/);
    await expect(portal.root.locator('.mtt-switch-elder')).toHaveAttribute('aria-pressed', 'true');
    await expect(portal.root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(0, 90, 50)');
    const h1 = await portal.h1.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(h1, 'elder-mode h1 under hostile CSS').toBeGreaterThanOrEqual(30);
    const start = await portal.root.locator('.mtt-start').boundingBox();
    expect(start.height, 'elder-mode target').toBeGreaterThanOrEqual(60);
    await portal.root.locator('.mtt-start').click();
    await portal.root.locator('.mtt-privacy-agree').click();
    // Not locked: the region step, with every region, from the portal's pack copy.
    await portal.at(/^\/apply\/region$/);
    await expect(portal.root.locator('.mtt-radio')).toHaveCount(5);
    expect(gets).toContain(`${portalOrigin}/rules/regions/index.json`);
    expect(gets.filter((u) => u.startsWith(`${appOrigin}/regions/`))).toEqual([]);
    // The person's own choice is kept over the host's default next time.
    await portal.root.locator('.mtt-switch-elder').click();
    await page.reload();
    await expect(portal.root.locator('.mtt-switch-lang')).toBeEnabled();
    await expect(portal.root).not.toHaveClass(/mtt-elder/);
    expect(await portal.axeViolations()).toEqual([]);
    await portal.screenshot('embed-widget-mount-elder');
    expect(portal.errors).toEqual([]);
  });
});

test.describe('iframe', () => {
  test('ready and step arrive from the app origin; language set by the portal', async ({ page }) => {
    const portal = new FramePortal(page);
    await portal.open();
    await expect.poll(async () => (await portal.messages('ready')).length).toBe(1);
    const [ready] = await portal.messages('ready');
    expect(ready.origin).toBe(appOrigin);
    expect(ready.data).toMatchObject({ source: 'mantetong', version: 1, type: 'ready', lang: 'zh-CN' });
    await expect(portal.root.locator('h1')).toHaveText('门诊慢特病待遇认定，一步一步帮您办');

    await portal.root.locator('.mtt-start').click();
    await expect.poll(async () => (await portal.messages('step')).map((m) => m.data.path)).toContain('/apply/privacy');
    for (const m of await portal.messages()) expect(m.origin).toBe(appOrigin);

    // The portal's own buttons post to the frame with its origin.
    await page.locator('#en').click();
    await expect(portal.root).toHaveAttribute('lang', 'en');
  });

  test('result: the status and region only, posted to the portal', async ({ page }) => {
    const portal = new FramePortal(page);
    await portal.open();
    const app = () => page.frames().find((f) => f.url().startsWith(appOrigin));
    const path = async () => new URL(app().url()).pathname;
    await portal.root.locator('.mtt-start').click();
    await portal.root.locator('.mtt-privacy-agree').click();
    await expect.poll(path).toBe('/apply/region');
    await portal.root.locator('.mtt-radio label', { hasText: '临汾' }).click();
    await portal.root.locator('form button[type=submit]').click();
    await expect.poll(path).toBe('/apply/who');
    await portal.root.locator('.mtt-radio label', { hasText: '给我自己' }).click();
    await portal.root.locator('form button[type=submit]').click();
    for (;;) {
      await expect.poll(path).toMatch(/^\/apply\/(q\/.+|result)$/);
      const p = await path();
      if (p === '/apply/result') break;
      const id = p.slice('/apply/q/'.length).replaceAll('/', '.');
      const input = portal.root.locator('input#answer');
      if (await input.count()) await input.fill(String(linfen[id]));
      else await portal.root.locator('.mtt-radio label', { hasText: linfen[id] }).first().click();
      await portal.root.locator('form button[type=submit]').click();
      await expect.poll(path).not.toBe(p);
    }
    await expect.poll(async () => (await portal.messages('result')).length).toBeGreaterThan(0);
    const [result] = await portal.messages('result');
    expect(result.origin).toBe(appOrigin);
    expect(result.data).toEqual({ source: 'mantetong', version: 1, type: 'result', status: 'eligible', region: 'shanxi-linfen' });
    const steps = (await portal.messages('step')).map((m) => m.data.path);
    expect(steps).toEqual(expect.arrayContaining(['/apply/region', '/apply/who', '/apply/result']));
    expect(steps).not.toContain('/apply/q');
    expect(steps.filter((p, i) => p === steps[i - 1])).toEqual([]);
  });

  test('a message from a foreign origin is ignored', async ({ page }) => {
    const portal = new FramePortal(page);
    await portal.open();
    await expect.poll(async () => (await portal.messages('ready')).length).toBe(1);
    // A page on another origin, inside the portal, tries to drive the app.
    await page.evaluate((src) => new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.title = 'foreign';
      f.src = src;
      f.onload = resolve;
      document.body.append(f);
    }), `${foreignOrigin}/foreign.html`);
    await expect(page.frameLocator('iframe[title=foreign]').locator('body')).toContainText('not told about');
    await page.waitForTimeout(500);
    await expect(portal.root).toHaveAttribute('lang', 'zh-CN');
    await expect(portal.root.locator('h1')).toHaveText('门诊慢特病待遇认定，一步一步帮您办');
    const style = await portal.root.getAttribute('style');
    expect(style ?? '').not.toContain('#00ff00');
    // The same message from the portal itself is obeyed.
    await page.evaluate((app) => document.getElementById('mtt-frame').contentWindow
      .postMessage({ type: 'config', lang: 'en', theme: { primary: '#005a32' } }, app), appOrigin);
    await expect(portal.root).toHaveAttribute('lang', 'en');
    await expect(portal.root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(0, 90, 50)');
  });

  test('a portal the server does not allow cannot frame the app, and hears nothing', async ({ page }) => {
    const portal = new FramePortal(page);
    await portal.open(foreignOrigin); // frame-ancestors lists only the 127.0.0.1 portal
    await page.waitForTimeout(2000);
    expect(await portal.messages('ready')).toEqual([]);
    await expect(portal.root).toHaveCount(0);
  });

  test('told another origin than its parent’s, the app stays silent', async ({ page }) => {
    // The allowed portal promises the app a different parent origin: the app
    // sees its real parent (location.ancestorOrigins) and posts nothing (nor
    // could the browser deliver a message addressed to another origin).
    const portal = new FramePortal(page);
    await portal.open(portalOrigin, `?promise=${encodeURIComponent(foreignOrigin)}`);
    await expect(portal.frame.locator('.mtt-switch-lang')).toBeEnabled();
    await portal.frame.locator('.mtt-start').click();
    await page.waitForTimeout(1000);
    expect(await portal.messages()).toEqual([]);
  });
});
