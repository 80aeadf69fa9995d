// Every phone, every browser (issue 15): no WebAssembly or an old one →
// the paper checklists; WeChat's in-app browser → what works instead of a
// dead download; the saved language and elder mode from the first paint;
// elder-mode targets on the paper (document) page.
import { test, expect } from '@playwright/test';
import { AppPage } from '../pages/app.js';
import { FlowPage, flowForEachTest, SEPT_30 } from '../pages/flow.js';
import { noisyPng, linfenEligible as linfen } from '../fixtures.js';

const NOTICE = '您的浏览器版本较旧，无法使用在线检查；下面是纸质办理清单';

/** Every .wasm request the page makes. */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('.wasm')) seen.push(r.url()); });
  return seen;
}

/** From the notice to Linfen's paper checklist, which lists 诊断证明 with its rules and citations. */
async function followToLinfen(page, app) {
  const link = page.locator('.mtt-nowasm a', { hasText: '山西省临汾市' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/paper\/shanxi-linfen\.html$/);
  await expect(page.locator('h1')).toContainText('山西省临汾市');
  const cert = page.locator('#m-diagnosis_certificate');
  await expect(cert).toContainText('诊断证明');
  await expect(cert).toContainText('医院公章');
  await expect(page.locator('#m-exam_reports')).toContainText('近12个月');
  await expect(cert.locator('.mtt-source').first()).toContainText('《');
  expect(await page.locator('body').innerText(), 'citations are titles, never file names').not.toMatch(/\.txt\b/);
  expect(await app.axeViolations()).toEqual([]);
}

test('without WebAssembly the home page says so and offers the paper checklists', async ({ page }) => {
  const app = new AppPage(page);
  const wasm = wasmRequests(page);
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto('/');
  await expect(page.locator('.mtt-nowasm')).toBeVisible();
  await expect(page.locator('.mtt-nowasm')).toContainText(NOTICE);
  await expect(page.locator('.mtt-nowasm')).toContainText('Your browser is too old for the online check');
  await expect(page.locator('html')).not.toHaveClass(/mtt-wasm-ok/);
  expect(await app.axeViolations()).toEqual([]);
  await app.screenshot('no-wasm-home');
  await followToLinfen(page, app);
  await app.screenshot('paper-linfen');
  expect(wasm, 'no wasm fetched').toEqual([]);
  expect(app.errors).toEqual([]);
});

// One tiny module per feature the app's wasm is built with; a browser that
// fails any one of them (Safari 14 has no bulk memory, Chrome 90 no
// reference types...) gets the notice and never fetches the app.
const FEATURES = {
  'multi-value': [0x60, 0, 2, 0x7f, 0x7f],
  'sign extension': [0x20, 0, 0xc0],
  'bulk memory': [0xfc, 0x0b],
  'reference types': [0x60, 1, 0x6f],
  'saturating float-to-int': [0xfc, 0, 0x0b],
};
for (const [feature, bytes] of Object.entries(FEATURES)) {
  test(`a browser without ${feature} gets the notice instead of a broken app`, async ({ page }) => {
    const app = new AppPage(page);
    const wasm = wasmRequests(page);
    await page.addInitScript((sig) => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (buf) => {
        const b = new Uint8Array(buf);
        for (let i = 0; i + sig.length <= b.length; i++) {
          if (sig.every((x, j) => b[i + j] === x)) return false;
        }
        return validate(buf);
      };
    }, bytes);
    await page.goto('/');
    await expect(page.locator('.mtt-nowasm')).toContainText(NOTICE);
    await page.waitForLoadState('load');
    await expect(app.langSwitch).toBeDisabled();
    await followToLinfen(page, app);
    expect(wasm, 'no wasm fetched').toEqual([]);
    expect(app.errors).toEqual([]);
  });
}

test('where every feature is there, the notice stays hidden and the app starts', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await expect(page.locator('html')).toHaveClass(/mtt-wasm-ok/);
  await expect(page.locator('.mtt-nowasm')).toHaveCount(0); // the live app replaced the static screen
  // The live home page keeps the paper checklists, as real page loads.
  const link = page.locator('.mtt-paper a', { hasText: '吉林省辽源市' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/paper\/jilin-liaoyuan\.html$/);
  await expect(page.locator('body')).toContainText('病案室专用章');
  await page.getByRole('link', { name: /全部地区/ }).click();
  await expect(page).toHaveURL(/\/paper\/$/);
  await expect(page.locator('.mtt-paper-links li')).toHaveCount(await page.request.get('/regions/index.json').then((r) => r.json()).then((l) => l.length));
  expect(await app.axeViolations()).toEqual([]);
  expect(app.errors).toEqual([]);
});

test('the static screen is in the saved language and elder mode from the first frame: no swap', async ({ page }) => {
  const app = new AppPage(page);
  await page.addInitScript(() => {
    if (location.pathname !== '/') return;
    localStorage.setItem('mtt:prefs', 'lang=en;elder=1');
    // What each frame shows, until the live app is in (its switches enabled).
    window.__frames = [];
    const look = () => {
      const h1 = document.querySelector('h1');
      const lead = document.querySelector('.mtt-lead');
      const sw = document.querySelector('.mtt-switch-lang');
      if (h1 && lead && sw) {
        window.__frames.push({
          h1: h1.innerText.trim(),
          lead: parseFloat(getComputedStyle(lead).fontSize),
          lang: document.documentElement.lang,
          live: !sw.disabled,
        });
        if (!sw.disabled) return;
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  // Hold the wasm back a little, so there are frames of the static screen.
  await page.route(/mantetong-app_bg\.wasm$/, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await app.goto('/');
  await expect(app.h1).toHaveText('Get your outpatient chronic disease benefits recognised, step by step');
  await expect(app.root).toHaveClass(/mtt-elder/);
  const frames = await page.evaluate(() => window.__frames);
  const before = frames.filter((f) => !f.live);
  expect(before.length, 'frames painted before the app was live').toBeGreaterThan(0);
  for (const f of frames) {
    expect(f.h1).toBe('Get your outpatient chronic disease benefits recognised, step by step');
    expect(f.lead, 'elder-mode text size in every frame').toBeGreaterThanOrEqual(24);
    expect(f.lang).toBe('en');
  }
  await expect(page).toHaveTitle(/^Mantetong/);
  expect(app.errors).toEqual([]);
});

test.describe('in WeChat', () => {
  const WECHAT = 'Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) '
    + 'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 '
    + 'MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
  test.use({ userAgent: WECHAT });

  let flow;
  flowForEachTest(test, (f) => { flow = f; }, { fixedTime: SEPT_30 });

  test('the package is offered as pictures to long-press and the way to a browser, not a dead download', async ({ page }) => {
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    await flow.through('临汾', linfen);
    await page.goto('/apply/materials/diagnosis_certificate');
    await flow.ready();
    await page.locator('#file').setInputFiles({ name: 'zhenduan.png', mimeType: 'image/png', buffer: noisyPng(600, 400, { exif: false }) });
    await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机');
    await page.goto('/apply/ready');
    await flow.ready();
    await page.locator('.mtt-download').click();
    const panel = page.locator('.mtt-inapp');
    await expect(panel).toBeVisible();
    await expect(panel.locator('h2')).toHaveText('在微信里不能直接下载文件，可以这样做');
    await expect(panel.locator('h2')).toBeFocused();
    await expect(panel).toContainText('长按每张图片');
    await expect(panel).toContainText('在浏览器中打开');
    const img = panel.locator('img');
    await expect(img).toHaveCount(1);
    expect(await img.getAttribute('src')).toMatch(/^data:image\/(jpeg|png|webp);base64,/);
    // The picture is the photo itself: it decodes.
    expect(await img.evaluate((i) => i.decode().then(() => i.naturalWidth))).toBeGreaterThan(0);
    await expect(panel.locator('a[download]')).toHaveAttribute('download', 'mantetong-shanxi-linfen.zip');
    expect(await flow.axeViolations()).toEqual([]);
    await flow.screenshot('wechat-package');
    await panel.getByRole('button', { name: '关闭' }).click();
    await expect(panel).toHaveCount(0);
    expect(downloads, 'no download started by itself').toEqual([]);
  });

  test('the renewal reminder is text to copy', async ({ page }) => {
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    await flow.through('临汾', linfen);
    await page.goto('/apply/timeline');
    await flow.ready();
    // Linfen's renewal is automatic (每3年自动续期): a reminder to check, not to act.
    await page.getByRole('button', { name: /下载查询提醒/ }).click();
    const panel = page.locator('.mtt-inapp');
    await expect(panel.locator('textarea')).toHaveValue(/^2028-10-15 /);
    await panel.locator('.mtt-inapp-copy').click();
    await expect(panel.locator('.mtt-inapp-copy')).toContainText('已复制');
    expect(await flow.axeViolations()).toEqual([]);
    expect(downloads).toEqual([]);
  });
});

test('elder mode: every target on the paper page is at least 60 × 60', async ({ page }) => {
  const flow = new FlowPage(page);
  await page.addInitScript(() => localStorage.setItem('mtt:prefs', 'lang=zh-CN;elder=1'));
  await flow.through('临汾', linfen);
  await page.goto('/apply/materials/diagnosis_certificate');
  await flow.ready();
  await expect(flow.root).toHaveClass(/mtt-elder/);
  const small = await page.locator('.mtt-main').evaluate((main) => {
    const targets = main.querySelectorAll('button, input:not([type=radio]):not([type=checkbox]), select, textarea, .mtt-radio label, a.mtt-button, a.mtt-back');
    return [...targets].map((el) => {
      const r = el.getBoundingClientRect();
      return { what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`, w: r.width, h: r.height };
    }).filter((t) => t.w > 2 && t.h > 2 && (t.w < 60 || t.h < 60)); // visually hidden inputs (≤ 2 px) are not the target
  });
  expect(small, 'targets under 60 × 60').toEqual([]);
  // The photo picker itself, whichever element carries it.
  const picker = await page.locator('.mtt-main').evaluate((main) => {
    const input = main.querySelector('input[type=file]');
    const r = input.getBoundingClientRect();
    const target = r.width > 2 && r.height > 2 ? input : main.querySelector(`label[for="${input.id}"], button[aria-controls="${input.id}"]`);
    const b = target.getBoundingClientRect();
    return { w: b.width, h: b.height };
  });
  expect(picker.w).toBeGreaterThanOrEqual(60);
  expect(picker.h).toBeGreaterThanOrEqual(60);
  expect(await flow.axeViolations()).toEqual([]);
  expect(flow.errors).toEqual([]);
});

test('elder mode: the paper checklist links are 60 high on the home page and the region pages', async ({ page }) => {
  const app = new AppPage(page);
  await page.addInitScript(() => localStorage.setItem('mtt:prefs', 'lang=zh-CN;elder=1'));
  await app.goto('/');
  for (const el of await page.locator('.mtt-paper a').all()) {
    const b = await el.boundingBox();
    expect(b.height).toBeGreaterThanOrEqual(60);
    expect(b.width).toBeGreaterThanOrEqual(60);
  }
  await page.goto('/paper/shandong-rizhao.html');
  for (const el of await page.locator('a.mtt-paper-link, .mtt-header a').all()) {
    const b = await el.boundingBox();
    expect(b.height, await el.innerText()).toBeGreaterThanOrEqual(60);
  }
  expect(app.errors).toEqual([]);
});
