// Page object for the app shell: how the tests reach the page, in one place.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

export class AppPage {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(m.text()); });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    this.root = page.locator('.mtt-root');
    this.h1 = page.locator('h1');
    this.langSwitch = page.locator('.mtt-switch-lang');
    this.elderSwitch = page.locator('.mtt-switch-elder');
  }

  /** Opens `path` and waits until the wasm app has replaced the static screen. */
  async goto(path = '/') {
    await this.page.goto(path);
    await this.ready();
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  async ready() {
    // The static first screen has disabled switches; the live app enables them.
    await expect(this.langSwitch).toBeEnabled();
  }

  /** axe-core violations on the current page (all default rules). */
  async axeViolations() {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  }

  async screenshot(name) {
    mkdirSync('screenshots', { recursive: true });
    await this.page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
  }

  /** Computed style numbers of the first element matching `selector`. */
  async metrics(selector) {
    return this.page.locator(selector).first().evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        fontSize: parseFloat(s.fontSize),
        lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize),
        width: r.width,
        height: r.height,
      };
    });
  }
}
