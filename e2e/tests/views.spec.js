// The third module (app/src/views.rs): the paper, drafts, hand-off and
// letter pages and the package code are not in a first visit's bytes
// (issue 15: the whole flow at most 250 KB brotli). Not precached by the
// service worker; fetched the first time such a page opens, then kept, so
// those pages work offline after one opening online. Offline before that,
// the page says it needs the network once and what to do, loses nothing,
// and comes back by itself when the connection does.
import { test, expect } from '@playwright/test';
import { FlowPage, SEPT_30 } from '../pages/flow.js';
import { linfenEligible as linfen } from '../fixtures.js';

const isViews = (path) => /^\/pkg\/[^/]+\/split_views\.wasm$/.test(path);

test('the paper page: offline before first use it says what to do; opened once online it works offline', async ({ page, context }) => {
  await page.clock.setFixedTime(new Date(SEPT_30));
  const flow = new FlowPage(page);
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  // A first visit, then the service worker controls the page.
  await flow.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await flow.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  // The worker precached the app but not the third module.
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(cached.some((p) => /split_later\.wasm$/.test(p)), 'the flow is precached').toBe(true);
  expect(cached.filter(isViews)).toEqual([]);

  // The whole flow to the checklist does not fetch it.
  await flow.through('临汾', linfen);
  await page.locator('a', { hasText: '查看需要的材料' }).click();
  await expect(flow.material('diagnosis_certificate')).toBeVisible();
  expect(fetched.filter(isViews)).toEqual([]);
  // What the person answered so far.
  const facts = await flow.savedFacts();
  expect(facts.disease.id).toBeTruthy();

  // Offline, never opened: a clear message, not a dead end.
  await context.setOffline(true);
  await flow.material('diagnosis_certificate').locator('a').click();
  await expect(page).toHaveURL(/\/apply\/materials\/diagnosis_certificate$/);
  const alert = page.getByRole('alert');
  await expect(alert.locator('h1')).toHaveText('这一页需要联网打开一次');
  await expect(alert).toContainText('不会丢失');
  await expect(alert).toContainText('连上 Wi-Fi 或打开手机流量');
  await expect(page).toHaveTitle(/这一页需要联网打开一次/);
  await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
  await expect(page.locator('.mtt-views-back')).toHaveAttribute('href', '/apply/materials');
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('views-offline-first-use');
  // In elder mode both ways on are large targets (60 × 60 and up).
  await flow.elderSwitch.click();
  for (const sel of ['.mtt-views-offline button', '.mtt-views-back']) {
    const m = await flow.metrics(sel);
    expect(Math.min(m.width, m.height), sel).toBeGreaterThanOrEqual(60);
  }
  await flow.elderSwitch.click();
  // A retry while still offline fails the same way, kindly.
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('alert').locator('h1')).toHaveText('这一页需要联网打开一次');
  // Nothing entered was lost.
  expect(await flow.savedFacts()).toEqual(facts);

  // The connection comes back: the page tries again by itself.
  await context.setOffline(false);
  await expect(page.locator('#issued')).toBeVisible();
  expect(fetched.filter(isViews).length).toBeGreaterThan(0);
  // The worker keeps it once the response is in; wait for that.
  await expect.poll(() => page.evaluate(async () => {
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) if (/\/split_views\.wasm$/.test(new URL(r.url).pathname)) return true;
    return false;
  })).toBe(true);

  // Opened once online: offline it works, after a reload too, and so does
  // another page of the module (my applications).
  await context.setOffline(true);
  await flow.reload();
  await expect(page.locator('#issued')).toBeVisible();
  await page.locator('#issued').fill('2025-09-01');
  await page.locator('fieldset', { hasText: '公章' }).locator('label', { hasText: '是' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/apply\/materials$/);
  await flow.goto('/drafts');
  await expect(page.locator('h1')).not.toHaveText('这一页需要联网打开一次');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await context.setOffline(false);
  // The only console errors are the failed fetches while offline.
  expect(flow.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|NetworkError|Failed to load resource/.test(e))).toEqual([]);
});

// An update must not take those pages offline from someone who used them:
// the new worker precaches the new build's module when an older cache has
// one (and only then: a first visit fetches nothing of it).
test('a person who opened those pages keeps them offline across an update', async ({ page }) => {
  const flow = new FlowPage(page);
  await flow.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cachedViews = () => page.evaluate(async () => {
    const out = [];
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) {
      const p = new URL(r.url).pathname;
      if (/\/split_views\.wasm$/.test(p)) out.push(`${k} ${p}`);
    }
    return out;
  });
  expect(await cachedViews()).toEqual([]);
  // As an earlier build's cache is once the paper page was opened with it;
  // this build's worker gone, as before an update reaches the device.
  const older = 'mtt-0123456789abcdef';
  await page.evaluate(async (older) => {
    await (await caches.open(older)).put('/pkg/0123456789abcdef/split_views.wasm', new Response('an older build'));
    for (const k of await caches.keys()) if (k !== older) await caches.delete(k);
    await (await navigator.serviceWorker.getRegistration()).unregister();
  }, older);
  // The app registers this build's worker again: it installs.
  await flow.reload();
  await page.evaluate(() => navigator.serviceWorker.ready);
  // This build's module in this build's cache; the older cache gone once
  // the new worker is active.
  const shape = async () => (await cachedViews()).map((e) => (e.startsWith(`${older} `) ? 'older' : e.replace(/[0-9a-f]{16}/g, 'H')));
  await expect.poll(shape).toEqual(['mtt-H /pkg/H/split_views.wasm']);
  expect((await cachedViews())[0]).not.toContain('0123456789abcdef');
  expect(flow.errors).toEqual([]);
});
