// Offline after the first visit: the service worker precaches the app, the
// packs and the calendar, so the whole interview works without a network.
import { test, expect } from '@playwright/test';
import { FlowPage } from '../pages/flow.js';

test('after one visit the app, a pack and the interview work offline', async ({ page, context }) => {
  const flow = new FlowPage(page);
  await flow.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker controls the next load.
  await flow.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await flow.reload();
  await flow.start();
  await flow.chooseRegion('日照');
  await flow.chooseWho();
  await flow.answerAll({ 'applicant.insured_in': '日照市', 'applicant.contribution': '正常缴费', 'disease.id': '恶性肿瘤', 'diagnosis.hospital_level': '二级医保定点医院', 'diagnosis.meets_criteria': '是，医生已确认' });
  expect(await flow.resultStatus()).toBe('eligible');
  await context.setOffline(false);
});

test('the manifest makes the app installable', async ({ page }) => {
  const res = await page.request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m).toMatchObject({ short_name: '慢特通', start_url: '/', display: 'standalone', lang: 'zh-CN' });
});

// The paper checklists are not precached (a first visit does not open
// them): one opened online is kept, and offline it is served from the
// cache; one never opened falls back to the app's shell.
test('a paper checklist opened once works offline; the first visit does not download them', async ({ page, context }) => {
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const flow = new FlowPage(page);
  await flow.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await flow.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  expect(fetched.filter((p) => p.startsWith('/paper/'))).toEqual([]);
  // Every region's pack is precached, as one file (scripts/region-index.mjs).
  expect(fetched).toContain('/regions/all.json');
  await page.goto('/paper/shandong-rizhao.html');
  await expect(page.locator('h1')).toContainText('日照');
  // The worker keeps it once the response is in; wait for that.
  await expect.poll(() => page.evaluate(async () => {
    for (const k of await caches.keys()) if (await (await caches.open(k)).match('/paper/shandong-rizhao.html')) return true;
    return false;
  })).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toContainText('日照');
  await page.goto('/paper/yunnan.html');
  await expect(page.locator('#mtt-app')).toHaveCount(1);
  await context.setOffline(false);
});
