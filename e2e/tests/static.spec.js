// index.html carries a static first screen, so the first paint needs no wasm.
import { test, expect } from '@playwright/test';

test.use({ javaScriptEnabled: false });

test('without scripts the home page is already readable', async ({ page }) => {
  await page.goto('/');
  // Both languages are in the HTML; the stylesheet shows one (innerText is what is shown).
  await expect(page.locator('h1')).toHaveText('门诊慢特病待遇认定，一步一步帮您办', { useInnerText: true });
  await expect(page.locator('.mtt-privacy')).toBeVisible();
  await expect(page.locator('.mtt-steps li')).toHaveCount(5);
});

test('without scripts the notice offers the paper checklists, which need none', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.mtt-nowasm')).toBeVisible();
  await page.locator('.mtt-nowasm a', { hasText: '山东省日照市' }).click();
  await expect(page).toHaveURL(/\/paper\/shandong-rizhao\.html$/);
  await expect(page.locator('#m-diagnosis_certificate')).toContainText('诊断证明');
  await expect(page.locator('#m-exam_reports')).toContainText('近6个月');
});
