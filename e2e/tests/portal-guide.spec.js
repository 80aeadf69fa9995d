// A portal written only from docs/portal.md: the example portal serves the
// guide's own blocks (`file=NAME` → /guide/NAME, with their CSP headers), and
// these tests run them in Chromium against the real app server: strict CSP,
// hostile CSS, a bad region, a late listener, live language changes, a
// resizing iframe, a failed submission, the versioned loader with SRI.
import { test, expect } from '@playwright/test';
import { WidgetPortal } from '../pages/portal.js';
import { appOrigin, portalOrigin } from '../playwright.config.js';
import { linfenEligible as linfen } from '../fixtures.js';
import { readFileSync, readdirSync } from 'node:fs';

/** Holds the frame's wasm until `release()`: the static screen stays on
 *  show for as long as a test needs. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/\/pkg\/[0-9a-f]{16}\/mantetong-app_bg\.wasm$/, async (route) => { await gate; await route.continue(); });
  return () => release();
}

const q = (key, from, to) => `${key}=${encodeURIComponent(`${from}=>${to}`)}`;

/** The guide's widget pages, with every mtt:* event recorded and every CSP
 *  violation and console message kept. */
class GuidePage extends WidgetPortal {
  constructor(page, host = '#checker') {
    super(page, host);
    this.violations = [];
    this.console = [];
    page.on('console', (m) => this.console.push({ type: m.type(), text: m.text() }));
  }

  async open(path, { wait = true } = {}) {
    await this.page.addInitScript(() => {
      window.__mtt = [];
      window.__csp = [];
      for (const type of ['mtt:ready', 'mtt:step', 'mtt:language', 'mtt:elder', 'mtt:result', 'mtt:submitted', 'mtt:error']) {
        document.addEventListener(type, (e) => window.__mtt.push({ type, detail: e.detail }), true);
      }
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await this.page.goto(`${portalOrigin}/guide/${path}`);
    if (wait) await expect(this.root.locator('.mtt-switch-lang')).toBeEnabled();
  }

  async events(type) {
    const all = await this.page.evaluate(() => window.__mtt);
    return all.filter((e) => !type || e.type === type);
  }

  cspViolations() {
    return this.page.evaluate(() => window.__csp);
  }

  warnings() {
    return this.console.filter((m) => m.type === 'warning').map((m) => m.text);
  }
}

test.describe('the guide’s widget page', () => {
  test('strict CSP, hostile CSS: no violation, nothing reaches in, themed, accessible', async ({ page }) => {
    const portal = new GuidePage(page);
    const csp = [];
    page.on('response', (r) => { if (r.url().endsWith('/guide/widget.html')) csp.push(r.headers()['content-security-policy']); });
    await portal.open('widget.html');
    expect(csp[0], 'served with the guide’s CSP').toContain("script-src 'self' " + appOrigin + " 'wasm-unsafe-eval'");
    // The portal's h1 is green and 12px (its own rule), the app's is not.
    await expect(page.locator('body > h1')).toHaveCSS('color', 'rgb(0, 128, 0)');
    const h1 = portal.h1;
    expect(await h1.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(0, 128, 0)');
    expect(await h1.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
    // `div { padding: 4px !important }` and `a { color: hotpink }` stay outside.
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('checker').shadowRoot.querySelector('.mtt-host')).padding)).toBe('0px');
    expect(await portal.root.locator('.mtt-switches').evaluate((d) => getComputedStyle(d).padding)).toBe('0px');
    expect(await portal.root.locator('a.mtt-drafts-link').evaluate((a) => getComputedStyle(a).color)).not.toBe('rgb(255, 105, 180)');
    expect(await portal.root.evaluate((el) => getComputedStyle(el).letterSpacing)).toBe('normal');
    expect(await portal.root.evaluate((el) => getComputedStyle(el).fontFamily)).not.toContain('Georgia');
    await expect(portal.root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(122, 31, 31)');
    const box = await portal.root.locator('.mtt-start').boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
    // Nothing added to the portal's document: the app is in the element's shadow root.
    expect(await page.evaluate(() => document.querySelectorAll('link[rel=stylesheet]').length)).toBe(1);
    expect(await page.evaluate(() => document.querySelector('.mtt-root'))).toBeNull();
    expect(await page.evaluate(() => !!document.getElementById('checker').shadowRoot.querySelector('.mtt-root'))).toBe(true);
    // The fallback content is not shown once the app is there.
    await expect(page.locator('#checker > p')).toBeHidden();
    // ready with the element's config; nothing else leaked.
    await expect.poll(async () => (await portal.events('mtt:ready')).length).toBe(1);
    expect((await portal.events('mtt:ready'))[0].detail).toEqual({ lang: 'zh-CN', elder: false, region: 'shanxi-linfen' });
    // (Before axe and the screenshot: Playwright's screenshot adds an inline <style>, which this CSP blocks.)
    expect(await portal.cspViolations()).toEqual([]);
    expect(await portal.axeViolations()).toEqual([]);
    await portal.screenshot('guide-widget-strict-csp');
    expect(portal.errors.filter((e) => !e.includes("style-src"))).toEqual([]);
    expect(portal.warnings()).toEqual([]);
  });

  test('live language switch from the portal, the person’s switches as events, steps numbered', async ({ page }) => {
    const portal = new GuidePage(page);
    await portal.open('widget.html');
    // The portal's button sets the attribute; the running app follows, no reload.
    await page.locator('#lang-en').click();
    await expect(portal.root).toHaveAttribute('lang', 'en');
    await expect(portal.root.locator('.mtt-start')).toContainText(/start/i);
    await expect.poll(async () => (await portal.events('mtt:language')).map((e) => e.detail)).toEqual([{ lang: 'en' }]);
    await page.locator('#lang-zh').click();
    await expect(portal.root).toHaveAttribute('lang', 'zh-CN');
    // The person's own switches are heard too.
    await portal.root.locator('.mtt-switch-elder').click();
    await expect(portal.root).toHaveClass(/mtt-elder/);
    await expect.poll(async () => (await portal.events('mtt:elder')).map((e) => e.detail)).toEqual([{ elder: true }]);
    await portal.root.locator('.mtt-switch-elder').click();
    // Steps: path, index and total; the portal's status line shows them.
    await portal.root.locator('.mtt-start').click();
    await portal.root.locator('.mtt-privacy-agree').click();
    await portal.at(/^\/apply\/who$/);
    const who = (await portal.events('mtt:step')).at(-1).detail;
    expect(who).toEqual({ path: '/apply/who', index: 2, total: 8 });
    await expect(page.locator('#checker-status')).toHaveText('第 2 步，共 8 步');
    const privacy = (await portal.events('mtt:step')).find((e) => e.detail.path === '/apply/privacy');
    expect(privacy.detail.index).toBeNull();
    for (const e of await portal.events()) {
      expect(Object.keys(e.detail ?? {}).every((k) => ['lang', 'elder', 'region', 'path', 'index', 'total'].includes(k)), JSON.stringify(e)).toBe(true);
    }
    expect(await portal.cspViolations()).toEqual([]);
    expect(portal.errors).toEqual([]);
  });

  test('a wrong region: mtt:error with code region, the fallback stays, no "Loading…" forever', async ({ page }) => {
    // (Variations are served by the portal server: a document Playwright
    // fulfils itself may not load from a loopback origin in Chromium.)
    const portal = new GuidePage(page);
    await portal.open(`widget.html?${q('sub', 'region="shanxi-linfen"', 'region="cn-shandong-rizhao"')}`, { wait: false });
    await expect.poll(async () => (await portal.events('mtt:error')).length).toBe(1);
    const [error] = await portal.events('mtt:error');
    expect(error.detail.code).toBe('region');
    expect(error.detail.message).toContain('config.region: unknown region "cn-shandong-rizhao"');
    expect(error.detail.message).toContain('shandong-rizhao');
    await expect(page.locator('#checker-status')).toHaveText('慢特通暂时无法使用（region）。');
    await expect(page.locator('#checker a')).toBeVisible(); // the portal's fallback link
    expect(await page.evaluate(() => document.getElementById('checker').mounted.catch((e) => e.code))).toBe('region');
    await expect(portal.root).toHaveCount(0);
  });

  test('a photo is read in the widget: the reader comes from the app origin, under the guide’s CSP', async ({ page, context }) => {
    test.setTimeout(180_000);
    const portal = new GuidePage(page);
    const reader = [];
    context.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/reader/')) reader.push(r.url()); });
    await portal.open('widget.html');
    await portal.through(linfen);
    await portal.follow('/apply/materials');
    await portal.follow('/apply/materials/diagnosis_certificate');
    const golden = '../tests/photos/golden';
    const f = readdirSync(golden).filter((n) => n.endsWith('.json')).sort()
      .map((n) => [n, JSON.parse(readFileSync(`${golden}/${n}`, 'utf8'))])
      .find(([, r]) => r.seal === 'found' && r.date && r.quality === 'ok');
    await portal.root.locator('#file').setInputFiles({ name: 'zhenduan.jpg', mimeType: 'image/jpeg', buffer: readFileSync(`${golden}/${f[0].replace(/json$/, 'jpg')}`) });
    const reading = portal.root.locator('.mtt-reading');
    await expect(reading).toHaveAttribute('data-read-seal', 'found', { timeout: 120_000 });
    await expect(reading).toHaveAttribute('data-read-date', f[1].date);
    await expect(portal.root.locator('#issued')).toHaveValue(f[1].date);
    // The module's files came from the app's origin, not the portal's.
    expect(reader.length).toBeGreaterThanOrEqual(4);
    expect(reader.filter((u) => new URL(u).origin !== appOrigin)).toEqual([]);
    expect(await portal.cspViolations()).toEqual([]);
    expect(await portal.axeViolations()).toEqual([]);
    // (axe adds an inline style, which this CSP blocks: that error is axe's.)
    expect(portal.errors.filter((e) => !e.includes('style-src'))).toEqual([]);
  });

  test('without worker-src APP-ORIGIN the photo is kept and its questions asked, not read (the guide’s promise)', async ({ page }) => {
    test.setTimeout(120_000);
    const portal = new GuidePage(page);
    await portal.open(`widget.html?${q('csp', `worker-src blob: ${appOrigin}`, 'worker-src blob:')}`);
    await portal.through(linfen);
    await portal.follow('/apply/materials');
    await portal.follow('/apply/materials/diagnosis_certificate');
    const golden = '../tests/photos/golden';
    const jpg = readdirSync(golden).filter((n) => n.endsWith('.jpg')).sort()[0];
    await portal.root.locator('#file').setInputFiles({ name: 'zhenduan.jpg', mimeType: 'image/jpeg', buffer: readFileSync(`${golden}/${jpg}`) });
    await expect(portal.root.locator('.mtt-read-status')).toContainText('现在无法自动读照片', { timeout: 60_000 });
    await expect(portal.root.locator('.mtt-photo-canvas')).toBeVisible();
    await expect(portal.root.locator('#issued')).toBeVisible();
    // (The blocked import is reported inside the worker, not to the page:
    // the photo test above, with the guide's full CSP, reads this photo.)
  });

  test('a failed submission fires mtt:error code submit (no personal data), then it is sent', async ({ page }) => {
    test.setTimeout(180_000);
    const portal = new GuidePage(page);
    let failures = 2;
    await page.route(`${portalOrigin}/intake/applications`, (route) => {
      if (failures > 0) {
        failures -= 1;
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{"errors":[{"path":"$","message":"applicant 张三 110101199003071234 down"}]}' });
      }
      return route.fallback();
    });
    await portal.open('widget.html');
    await portal.through(linfen);
    await portal.follow('/apply/materials');
    await portal.addRequiredPapers();
    await portal.follow('/apply/estimate');
    await portal.follow('/apply/timeline');
    await portal.follow('/apply/check');
    await portal.follow('/apply/ready');
    await portal.root.locator('.mtt-submit-button').click();
    await expect.poll(async () => (await portal.events('mtt:error')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const [failed] = await portal.events('mtt:error');
    expect(failed.detail).toEqual({ code: 'submit', retrying: true, attempts: 1, message: 'submission failed; the app retries by itself' });
    await expect(page.locator('#checker-status')).toHaveText('提交暂未成功，正在自动重试。');
    await expect.poll(async () => (await portal.events('mtt:submitted')).length, { timeout: 90_000 }).toBe(1);
    const all = JSON.stringify(await portal.events());
    expect(all).not.toContain('张三');
    expect(all).not.toContain('110101199003071234');
    expect(await portal.cspViolations()).toEqual([]);

    // The guide's snippet clears what the widget stored on the portal's
    // origin, run on a page of the portal without the widget.
    const stored = () => page.evaluate(async () => ({
      keys: Object.keys(localStorage).filter((k) => k.startsWith('mtt:')),
      dbs: (await indexedDB.databases()).map((d) => d.name),
    }));
    // (The mount page with a region that stops the widget: a portal page without it.)
    await page.goto(`${portalOrigin}/guide/mount.html?${q('sub', 'data-region="shanxi-linfen"', 'data-region="none"')}`);
    await expect(page.locator('#checker-status')).toHaveText('慢特通暂时无法使用（region）。');
    const before = await stored();
    expect(before.keys).toEqual(expect.arrayContaining(['mtt:drafts', 'mtt:outbox']));
    expect(before.dbs).toContain('mantetong');
    await page.addScriptTag({ url: '/guide/clear-storage.js' });
    await expect.poll(stored).toEqual({ keys: [], dbs: [] });
  });
});

test.describe('the guide’s mount() page', () => {
  test('a listener added after `await mount()` hears ready; the handle carries it; update() switches language', async ({ page }) => {
    const portal = new GuidePage(page);
    const split = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) split.push(r.url()); });
    await portal.open('mount.html');
    await expect.poll(() => portal.console.filter((m) => m.text.startsWith('mantetong ready')).map((m) => m.text))
      .toEqual(['mantetong ready {"elder":false,"lang":"zh-CN","region":"shanxi-linfen"}']);
    await expect(portal.root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(0, 90, 50)');
    await page.locator('#switch-lang').click();
    await expect(portal.root).toHaveAttribute('lang', 'en');
    await page.locator('#switch-lang').click();
    await expect(portal.root).toHaveAttribute('lang', 'zh-CN');
    expect((await portal.events('mtt:language')).map((e) => e.detail.lang)).toEqual(['en', 'zh-CN']);
    // Lazy by default in widget mode: the flow's module is not fetched before Start.
    await page.waitForTimeout(500);
    expect(split.map((u) => u.split('/').at(-1))).toEqual(['mantetong-app_bg.wasm']);
    await portal.root.locator('.mtt-start').click();
    await expect.poll(() => split.length).toBeGreaterThan(1);
    expect(await portal.cspViolations()).toEqual([]);
    expect(portal.errors).toEqual([]);
  });

  test('wrong types are ignored with a console warning naming the field', async ({ page }) => {
    await page.route(`${portalOrigin}/guide/mount.js`, async (route) => {
      const r = await route.fetch();
      await route.fulfill({ response: r, body: (await r.text()).replace("lang: 'zh-CN',", "lang: 'fr', elder: 'yes', colour: 'red',") });
    });
    const portal = new GuidePage(page);
    await portal.open('mount.html');
    await expect(portal.root).toHaveAttribute('lang', 'zh-CN');
    await expect(portal.root).not.toHaveClass(/mtt-elder/);
    const warnings = portal.warnings().join('\n');
    expect(warnings).toContain('mantetong: config.lang: "fr" is not zh-CN or en; ignored');
    expect(warnings).toContain('mantetong: config.elder: expected true or false, got "yes"; ignored');
    expect(warnings).toContain('mantetong: config.colour: unknown option');
  });

  test('update() with an endpoint that is no http(s) URL or path: a console warning naming it, the app keeps its own', async ({ page }) => {
    await page.route(`${portalOrigin}/guide/mount.js`, async (route) => {
      const r = await route.fetch();
      await route.fulfill({ response: r, body: (await r.text()).replace('// Added after the await', 'window.__app = app;\n  // Added after the await') });
    });
    const portal = new GuidePage(page);
    await portal.open('mount.html');
    await page.evaluate(() => window.__app.update({ endpoint: 'javascript:alert(1)', lang: 'en' }));
    await expect(portal.root).toHaveAttribute('lang', 'en');
    expect(portal.warnings().join('\n')).toContain('mantetong: config.endpoint: "javascript:alert(1)" is not an http(s) URL or path; ignored');
    expect(portal.errors).toEqual([]);
  });

  test('bad region, blocked stylesheet, no wasm-unsafe-eval, missing pack: mount() rejects with the code, the page shows its fallback', async ({ page }) => {
    const cases = [
      ['region', q('sub', 'data-region="shanxi-linfen"', 'data-region="cn-shandong-rizhao"')],
      // Not even id-shaped: rejected too, not dropped (the lock would be lost).
      ['region', q('sub', 'data-region="shanxi-linfen"', 'data-region="Shanxi-Linfen"')],
      ['stylesheet', q('csp', `style-src 'self' ${appOrigin}`, "style-src 'self'")],
      ['wasm', q('csp', " 'wasm-unsafe-eval'", '')],
      ['pack', '', `${appOrigin}/regions/shanxi-linfen.json`],
    ];
    for (const [code, query, missing] of cases) {
      await page.unrouteAll();
      if (missing) await page.route(missing, (route) => route.fulfill({ status: 404, body: 'not found' }));
      const portal = new GuidePage(page);
      await portal.open(`mount.html?${query}`, { wait: false });
      await expect(page.locator('#checker-status'), code).toHaveText(`慢特通暂时无法使用（${code}）。`);
      await expect(page.locator('#checker a')).toHaveText('在新页面打开慢特通');
      await expect(portal.root).toHaveCount(0);
    }
  });

  test('Trusted Types enforced by the portal: the widget runs (no HTML strings), through to the result', async ({ page }) => {
    const portal = new GuidePage(page);
    await portal.open(`mount.html?${q('csp', "base-uri 'none'", "base-uri 'none'; require-trusted-types-for 'script'")}`);
    await portal.through(linfen);
    await expect(portal.root.locator('.mtt-status')).toHaveAttribute('data-status', 'eligible');
    expect(await portal.cspViolations()).toEqual([]);
    expect(portal.errors).toEqual([]);
  });
});

test.describe('the guide’s iframe page', () => {
  test('waits for ready, sizes the frame to its content, region lock from the URL, language by message', async ({ page }) => {
    const violations = [];
    page.on('console', (m) => { if (m.type() === 'error') violations.push(m.text()); });
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const frame = page.frameLocator('#mtt');
    const root = frame.locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeEnabled();
    // The theme sent before ready was queued, and applied once the app listened.
    await expect(root.locator('.mtt-start')).toHaveCSS('background-color', 'rgb(122, 31, 31)');
    // The frame follows its content: no inner scroll, nothing cut off.
    const fits = () => page.evaluate(() => ({ frame: document.getElementById('mtt').getBoundingClientRect().height }));
    const content = () => frame.locator('html').evaluate((h) => ({ scroll: h.scrollHeight, client: h.clientHeight }));
    await expect.poll(async () => { const c = await content(); return c.scroll - c.client; }).toBeLessThanOrEqual(1);
    const h0 = (await fits()).frame;
    expect(h0).not.toBe(600);
    // Start, agree: the region step is skipped (locked by the URL) and the page grows or shrinks with it.
    await root.locator('.mtt-start').click();
    await root.locator('.mtt-privacy-agree').click();
    await expect(root.locator('.mtt-radio label', { hasText: '给我自己' })).toBeVisible();
    await expect.poll(async () => { const c = await content(); return c.scroll - c.client; }).toBeLessThanOrEqual(1);
    expect((await fits()).frame).not.toBe(h0);
    // The portal's button posts a config message: the running app switches.
    await page.locator('#lang-en').click();
    await expect(root).toHaveAttribute('lang', 'en');
    expect(violations).toEqual([]);
  });

  // The frame has no console the portal can see: a config message it
  // cannot apply in full is answered with an error naming each field.
  test('a config message with wrong values: an error message to the portal naming each field, the rest applied', async ({ page }) => {
    await page.addInitScript(() => {
      window.__errors = [];
      addEventListener('message', (e) => { if (e.data?.source === 'mantetong' && e.data.type === 'error') window.__errors.push(e.data); });
    });
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const root = page.frameLocator('#mtt').locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeEnabled();
    const post = (msg) => page.evaluate((m) => {
      const f = document.getElementById('mtt');
      f.contentWindow.postMessage(m, new URL(f.src).origin);
    }, msg);
    await post({ type: 'config', lang: 'fr', elder: true });
    await expect(root).toHaveClass(/mtt-elder/);
    await expect.poll(() => page.evaluate(() => window.__errors)).toEqual([
      { source: 'mantetong', version: 1, type: 'error', code: 'config', message: 'config.lang: "fr" is not zh-CN or en; ignored' },
    ]);
    await post({ type: 'config', endpoint: 'javascript:alert(1)', region: 'cn-shandong-rizhao' });
    await expect.poll(() => page.evaluate(() => window.__errors.length)).toBe(2);
    const second = (await page.evaluate(() => window.__errors))[1];
    expect(second.code).toBe('endpoint');
    expect(second.message).toContain('config.endpoint: "javascript:alert(1)" is not an http(s) URL or path; ignored');
    expect(second.message).toContain('config.region: cannot change after the start; load the frame again; ignored');
  });

  // A person quicker than the app: the frame's static screen takes 开始 and
  // the notice before the wasm runs. Its URL is the frame's whole config
  // (frame mode, origin, region lock, receiver); the static steps must not
  // drop it, or the app would start as a standalone page in the frame: no
  // messages to the portal, no lock. (CI once met this by chance.)
  test('开始 and the notice taken before the app is live: the app still starts framed, with the URL’s lock', async ({ page }) => {
    const release = await holdWasm(page);
    await page.addInitScript(() => {
      window.__msgs = [];
      addEventListener('message', (e) => { if (e.data?.source === 'mantetong') window.__msgs.push(e.data); });
    });
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const root = page.frameLocator('#mtt').locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeDisabled(); // the static screen
    await root.locator('.mtt-start').click();
    await root.locator('.mtt-privacy-agree').click();
    const app = page.frames().find((f) => f.url().startsWith(appOrigin));
    expect(new URL(app.url()).searchParams.get('region')).toBe('shanxi-linfen');
    release();
    // Framed: it says ready with the lock, and the region step is skipped.
    await expect(root.locator('.mtt-radio label', { hasText: '给我自己' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.__msgs.filter((m) => m.type === 'ready')))
      .toEqual([expect.objectContaining({ region: 'shanxi-linfen' })]);
    expect(await page.evaluate(() => window.__msgs.filter((m) => m.type === 'error'))).toEqual([]);
    // The live app's own steps keep the frame's query too (a reloaded frame
    // starts framed again).
    expect(new URL(app.url()).pathname).not.toBe('/apply');
    expect(new URL(app.url()).searchParams.get('region')).toBe('shanxi-linfen');
  });

  // A return visit (the notice agreed, no draft open) in a frame that locks
  // its region: the static 开始 has no region step to show (the portal chose
  // the region), so the person never sees every region offered for a moment.
  test('a return visit in a frame with a region lock: the static 开始 goes past the region step', async ({ page }) => {
    await page.addInitScript((app) => {
      if (location.origin === app) localStorage.setItem('mtt:privacy-seen', '1');
    }, appOrigin);
    const release = await holdWasm(page);
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const root = page.frameLocator('#mtt').locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeDisabled(); // the static screen
    await root.locator('.mtt-start').click();
    const app = page.frames().find((f) => f.url().startsWith(appOrigin));
    await expect.poll(() => new URL(app.url()).pathname).toBe('/apply');
    await expect(root.locator('.mtt-pre-region')).toBeHidden();
    release();
    await expect(root.locator('.mtt-radio label', { hasText: '给我自己' })).toBeVisible();
  });

  // The frame's URL says English, elder mode and no app name: its first
  // screen, painted before the app is live, is already so (it used to
  // read the saved choice alone: Chinese at the normal size, the name on
  // show, in a portal page in English); it tells the portal its height
  // before `ready`; its links keep the frame's config; and the portal's
  // theme, sent once the app listens, does not bring the app's name back.
  test('the frame URL’s lang, elder and brand=false hold from the first screen; its height before ready; 我的申请 stays framed', async ({ page }) => {
    await page.route(`${portalOrigin}/guide/frame.js`, async (route) => {
      const r = await route.fetch();
      const body = (await r.text()).replace("receiver: '临汾市医疗保障局',", "receiver: '临汾市医疗保障局', lang: 'en', elder: 'true', brand: 'false',");
      expect(body).toContain("brand: 'false'");
      await route.fulfill({ response: r, body });
    });
    const release = await holdWasm(page);
    // The frame's body parsed slowly (a parser-blocking script held for a
    // moment before the static screen, as a loaded phone parses in chunks):
    // the page paints before the static screen exists, and its height is
    // still told once it does (the observer used to stop at that first paint).
    await page.route((url) => url.origin === appOrigin && url.pathname === '/', async (route) => {
      const r = await route.fetch();
      const body = (await r.text()).replace('<body>', '<body><script src="/__slow-parse.js"></script>');
      expect(body).toContain('__slow-parse');
      await route.fulfill({ response: r, body });
    });
    await page.route(`${appOrigin}/__slow-parse.js`, async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.fulfill({ contentType: 'text/javascript', body: '' });
    });
    await page.addInitScript(() => {
      window.__msgs = [];
      addEventListener('message', (e) => { if (e.data?.source === 'mantetong') window.__msgs.push(e.data); });
    });
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const frame = page.frameLocator('#mtt');
    const root = frame.locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeDisabled(); // the static screen
    await expect(root.locator('h1')).toHaveText('Get your outpatient chronic disease benefits recognised, step by step', { useInnerText: true });
    await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
    await expect(root.locator('.mtt-lead')).toHaveCSS('font-size', '24px');
    await expect(root.locator('.mtt-brand')).toBeHidden();
    // Sized by the static screen's own messages, not left at 600 px.
    await expect.poll(() => page.evaluate(() => window.__msgs.filter((m) => m.type === 'resize').length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__msgs.filter((m) => m.type === 'ready'))).toEqual([]);
    await expect.poll(() => page.evaluate(() => document.getElementById('mtt').getBoundingClientRect().height)).not.toBe(600);
    // 我的申请 before the app is live: the frame's config goes along.
    await root.locator('.mtt-drafts-link').click();
    const app = () => page.frames().find((f) => f.url().startsWith(appOrigin));
    await expect.poll(() => new URL(app().url()).pathname).toBe('/drafts');
    expect(new URL(app().url()).searchParams.get('embed')).toBe('1');
    expect(new URL(app().url()).searchParams.get('region')).toBe('shanxi-linfen');
    release();
    await expect(root.locator('.mtt-switch-lang')).toBeEnabled();
    await expect.poll(() => page.evaluate(() => window.__msgs.filter((m) => m.type === 'ready')))
      .toEqual([expect.objectContaining({ lang: 'en', elder: true, region: 'shanxi-linfen' })]);
    // The portal's theme (sent after ready) is applied, and the name stays hidden.
    await expect.poll(() => root.evaluate((el) => el.style.getPropertyValue('--mtt-primary'))).toBe('#7a1f1f');
    await expect(root.locator('.mtt-brand')).toBeHidden();
  });

  // A return visit in a frame without a region lock: the region chosen on
  // the static region step, and its 继续, before the app is live, are
  // carried into the flow as on the app's own page (the frame's start used
  // to empty the static screen: the choice was lost, the person asked again).
  test('a frame without a lock: the region chosen on the static step before the app is live is carried into the flow', async ({ page }) => {
    await page.route(`${portalOrigin}/guide/frame.js`, async (route) => {
      const r = await route.fetch();
      const body = (await r.text()).replace("region: 'shanxi-linfen',", '');
      expect(body).not.toContain('shanxi-linfen');
      await route.fulfill({ response: r, body });
    });
    await page.addInitScript((app) => {
      if (location.origin === app) localStorage.setItem('mtt:privacy-seen', '1');
    }, appOrigin);
    const release = await holdWasm(page);
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const root = page.frameLocator('#mtt').locator('.mtt-root');
    await expect(root.locator('.mtt-switch-lang')).toBeDisabled(); // the static screen
    await root.locator('.mtt-start').click();
    await expect(root.locator('.mtt-pre-region')).toBeVisible();
    await root.locator('.mtt-radio label', { hasText: '临汾' }).click();
    await root.locator('form button[type=submit]').click();
    await expect(root.locator('.mtt-pre-sent-line')).toBeVisible();
    release();
    await expect(root.locator('.mtt-radio label', { hasText: '给我自己' })).toBeVisible();
    await expect(root.locator('.mtt-switch-lang')).toBeEnabled();
  });

  // A browser that cannot run the app: the frame shows its notice and the
  // paper checklists, and says so to the portal (code wasm), with its height.
  test('a frame in a browser without WebAssembly tells the portal (error code wasm) and its height', async ({ page }) => {
    await page.addInitScript((app) => {
      if (location.origin === app) delete window.WebAssembly;
      else {
        window.__msgs = [];
        addEventListener('message', (e) => { if (e.data?.source === 'mantetong') window.__msgs.push(e.data); });
      }
    }, appOrigin);
    await page.goto(`${portalOrigin}/guide/frame.html`);
    const root = page.frameLocator('#mtt').locator('.mtt-root');
    await expect(root.locator('.mtt-nowasm')).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.__msgs.filter((m) => m.type === 'error')))
      .toEqual([expect.objectContaining({ source: 'mantetong', version: 1, type: 'error', code: 'wasm' })]);
    await expect.poll(() => page.evaluate(() => window.__msgs.filter((m) => m.type === 'resize').length)).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => document.getElementById('mtt').getBoundingClientRect().height)).not.toBe(600);
  });

  // Unknown but id-shaped, and not even id-shaped: the same `region` error
  // message, nothing else (no `pack` 404 for a pack that is not fetched), and
  // the person chooses among every region.
  for (const region of ['cn-shandong-rizhao', 'Shanxi_Linfen']) {
    test(`a wrong region in the frame URL (${region}): an error message to the portal, no pack fetched, and every region offered`, async ({ page }) => {
      await page.route(`${portalOrigin}/guide/frame.js`, async (route) => {
        const r = await route.fetch();
        await route.fulfill({ response: r, body: (await r.text()).replace("region: 'shanxi-linfen'", `region: '${region}'`) });
      });
      await page.addInitScript(() => {
        window.__errors = [];
        addEventListener('message', (e) => { if (e.data?.source === 'mantetong' && e.data.type === 'error') window.__errors.push(e.data); });
      });
      const warnings = [];
      page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
      const gets = [];
      page.on('request', (r) => gets.push(r.url()));
      await page.goto(`${portalOrigin}/guide/frame.html`);
      const root = page.frameLocator('#mtt').locator('.mtt-root');
      await root.locator('.mtt-start').click();
      await root.locator('.mtt-privacy-agree').click();
      await expect.poll(() => warnings.join('\n'), { timeout: 15_000 }).toContain(`mantetong region: config.region: unknown region "${region}"`);
      await expect(root.locator('.mtt-radio')).toHaveCount(5);
      // The documented message shape, once, and no other error.
      expect(await page.evaluate(() => window.__errors))
        .toEqual([{ source: 'mantetong', version: 1, type: 'error', code: 'region', message: `config.region: unknown region "${region}"` }]);
      expect(gets.filter((u) => u.includes(`/regions/${region}`))).toEqual([]);
      // The person's choice then loads its pack as usual.
      await root.locator('.mtt-radio label', { hasText: '临汾' }).click();
      await root.locator('form button[type=submit]').click();
      await expect(root.locator('.mtt-radio label', { hasText: '给我自己' })).toBeVisible();
      expect(await page.evaluate(() => window.__errors)).toHaveLength(1);
    });
  }
});

test.describe('versioned loader', () => {
  test('/widget/v<version>/ with its published SRI hash runs; the files are immutable, the alias is not', async ({ page, request }) => {
    const index = await (await request.get(`${appOrigin}/widget/index.json`)).json();
    const vpath = `/widget/v${index.latest}/mantetong-widget.js`;
    const versioned = await request.get(`${appOrigin}${vpath}`, { headers: { Origin: portalOrigin } });
    expect(versioned.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers()['access-control-allow-origin']).toBe(portalOrigin);
    expect(versioned.headers()['content-type']).toContain('text/javascript');
    const alias = await request.get(`${appOrigin}/mantetong-widget.js`);
    expect(alias.headers()['cache-control']).toBe('no-cache');
    const integrity = await (await request.get(`${appOrigin}/widget/v${index.latest}/integrity.json`)).json();
    const { createHash } = await import('node:crypto');
    expect(integrity.loader.integrity).toBe(`sha384-${createHash('sha384').update(await versioned.body()).digest('base64')}`);
    for (const [file, hash] of Object.entries(integrity.pinned)) {
      const r = await request.get(`${appOrigin}/${file}`, { headers: { Origin: portalOrigin } });
      expect(hash, file).toBe(`sha384-${createHash('sha384').update(await r.body()).digest('base64')}`);
      expect(r.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      if (file.endsWith('.wasm')) expect(r.headers()['content-type']).toBe('application/wasm');
    }
    // The guide's versioned page: the loader with its integrity hash, mounting English Rizhao.
    const portal = new GuidePage(page);
    await portal.open('versioned.html');
    await expect(portal.root).toHaveAttribute('lang', 'en');
    // Its logo, before the app's name.
    const logo = () => portal.root.locator('.mtt-brand-name').evaluate((el) => getComputedStyle(el, '::before').backgroundImage);
    expect(await logo()).toBe(`url("${appOrigin}/icon.svg")`);
    await expect(portal.root.locator('.mtt-brand')).toBeVisible();
    expect(portal.errors).toEqual([]);
    // brand="false": no app name in the header; the switches stay.
    await portal.open(`versioned.html?${q('sub', 'lang="en"', 'lang="en" brand="false"')}`);
    await expect(portal.root.locator('.mtt-brand')).toBeHidden();
    await expect(portal.root.locator('.mtt-switch-lang')).toBeVisible();
    // A wrong hash: the browser refuses the loader, nothing mounts.
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${portalOrigin}/guide/versioned.html?${q('sub', integrity.loader.integrity, `sha384-${'A'.repeat(64)}`)}`);
    await page.waitForTimeout(1000);
    await expect(page.locator('#checker .mtt-root')).toHaveCount(0);
    expect(errors.join('\n')).toMatch(/integrity/i);
  });
});
