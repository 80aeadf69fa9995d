// Several drafts side by side, export and import, and "delete all my data"
// leaving the device's storage empty.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { FlowPage, flowForEachTest } from '../pages/flow.js';
import { noisyPng } from '../fixtures.js';

let flow;
flowForEachTest(test, (f) => { flow = f; });

async function storageContents(page) {
  return page.evaluate(async () => {
    const keys = Object.keys(localStorage);
    const db = await new Promise((ok) => { const r = indexedDB.open('mantetong', 1); r.onsuccess = () => ok(r.result); });
    const count = await new Promise((ok) => { const r = db.transaction('files').objectStore('files').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return { keys, files: count };
  });
}

test('two drafts (one per parent), export, import, delete all', async ({ page }) => {
  // Mother, in Linfen, with a photo.
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho('父亲或母亲');
  await page.goto('/apply/materials/id_card');
  await flow.ready();
  await page.locator('#file').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: noisyPng(800, 600) });
  await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机', { timeout: 30_000 });

  // Father, in Rizhao: a second draft.
  await page.goto('/drafts');
  await flow.ready();
  await page.locator('.mtt-new-draft').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await flow.chooseRegion('日照');
  await page.goto('/drafts');
  await flow.ready();
  await expect(page.locator('.mtt-draft')).toHaveCount(2);
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('drafts');

  // Export the Linfen draft, then import it back as a third.
  const linfen = page.locator('.mtt-draft', { hasText: 'shanxi-linfen' });
  const [download] = await Promise.all([page.waitForEvent('download'), linfen.getByRole('button', { name: '导出为文件' }).click()]);
  const path = await download.path();
  const exported = JSON.parse(readFileSync(path, 'utf8'));
  expect(exported.format).toBe('mantetong-draft/1');
  expect(exported.draft.facts.region).toBe('shanxi-linfen');
  expect(exported.files.id_card.type).toBe('image/jpeg');
  await page.locator('#import').setInputFiles(path);
  await expect(page.locator('.mtt-status-message')).toHaveText('已导入。');
  await expect(page.locator('.mtt-draft')).toHaveCount(3);
  expect((await storageContents(page)).files).toBe(2);

  // Something else is refused and nothing changes.
  await page.locator('#import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await expect(page.locator('.mtt-status-message')).toContainText('未导入');
  await expect(page.locator('.mtt-draft')).toHaveCount(3);

  // Continue one: it opens where it was left.
  await page.locator('.mtt-draft', { hasText: 'shandong-rizhao' }).getByRole('button', { name: '继续' }).click();
  await expect(page).toHaveURL(/\/apply\/who$/);

  // Delete everything: storage is left empty.
  await page.goto('/drafts');
  await flow.ready();
  await page.getByRole('button', { name: '删除我的所有数据' }).click();
  await page.getByRole('button', { name: '确认删除全部' }).click();
  await expect(page.locator('.mtt-status-message')).toContainText('已删除');
  await expect(page.locator('.mtt-draft')).toHaveCount(0);
  expect(await storageContents(page)).toEqual({ keys: [], files: 0 });
});
