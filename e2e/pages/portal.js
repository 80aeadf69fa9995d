// Page object for the example portal (examples/portal) that embeds the app:
// as a widget in its own DOM (index.html) or in an iframe (frame.html).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { portalOrigin } from '../playwright.config.js';
import { pdf } from '../fixtures.js';

export class WidgetPortal {
  /** `host`: the element the app is mounted in (index.html: #mtt). */
  constructor(page, host = '#mtt') {
    this.page = page;
    this.errors = [];
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(m.text()); });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    this.hostSelector = host;
    this.host = page.locator(host);
    this.root = page.locator(`${host} .mtt-root`);
    this.h1 = this.root.locator('h1');
    this.continue = this.root.locator('form button[type=submit]');
  }

  async open(path = '/') {
    await this.page.goto(`${portalOrigin}${path}`);
    await expect(this.root.locator('.mtt-switch-lang')).toBeEnabled();
  }

  /** The widget's events, as the portal logged them: [{type, detail}]. */
  async events(type) {
    const text = await this.page.locator('#log').textContent();
    return text.split('\n').filter(Boolean).map((l) => {
      const i = l.indexOf(' ');
      return { type: l.slice(0, i), detail: JSON.parse(l.slice(i + 1)) };
    }).filter((e) => !type || e.type === type);
  }

  /** Waits until the widget reports being at a path matching `re`; returns it. */
  async at(re) {
    let path;
    await expect.poll(async () => {
      const steps = await this.events('mtt:step');
      path = steps.at(-1)?.detail.path;
      return path;
    }).toMatch(re);
    return path;
  }

  async choose(label) {
    await this.root.locator('.mtt-radio label', { hasText: label }).first().click();
  }

  /** Home → privacy → (region locked) → who → every question → result. */
  async through(answers) {
    await this.root.locator('.mtt-start').click();
    await this.at(/^\/apply\/privacy$/);
    await this.root.locator('.mtt-privacy-agree').click();
    await this.at(/^\/apply\/who$/);
    await this.choose('给我自己');
    await this.continue.click();
    for (;;) {
      const path = await this.at(/^\/apply\/(q\/.+|result)$/);
      if (path === '/apply/result') break;
      const id = path.slice('/apply/q/'.length).replaceAll('/', '.');
      expect(Object.keys(answers), `unexpected question ${id}`).toContain(id);
      await expect(this.h1).not.toBeEmpty();
      const input = this.root.locator('input#answer');
      if (await input.count()) await input.fill(String(answers[id]));
      else await this.choose(answers[id]);
      await this.continue.click();
      await expect.poll(async () => (await this.events('mtt:step')).at(-1)?.detail.path).not.toBe(path);
    }
    await expect(this.root.locator('.mtt-status')).toBeVisible();
  }

  /** Adds a PDF for each of Linfen's four required papers (an online send
   *  waits for them, issue 12), back on the checklist after each. */
  async addRequiredPapers() {
    for (const id of ['diagnosis_certificate', 'id_card', 'exam_reports', 'application_form']) {
      await this.follow(`/apply/materials/${id}`);
      await this.root.locator('#file').setInputFiles({ name: `${id}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await expect(this.root.locator('.mtt-file-status')).toContainText('已保存在本机');
      await this.root.locator('form button[type=submit]').click();
      await this.at(/^\/apply\/materials$/);
    }
  }

  /** Follows one of the app's own links inside the widget. */
  async follow(href) {
    await this.root.locator(`a[href="${href}"]`).first().click();
    await this.at(new RegExp(`^${href}$`));
  }

  /** axe-core violations inside the widget only (the portal is not ours).
   *  Not `skip-link`: axe looks for the link's target in the document, and
   *  the widget's is in its shadow root; embed.spec.js follows the link and
   *  checks that focus lands on it. */
  async axeViolations() {
    const result = await new AxeBuilder({ page: this.page }).include(this.hostSelector).disableRules(['skip-link']).analyze();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  }

  async screenshot(name) {
    mkdirSync('screenshots', { recursive: true });
    await this.page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
  }
}

/** The portal's iframe page, recording every message the portal window gets. */
export class FramePortal {
  constructor(page) {
    this.page = page;
    this.frame = page.frameLocator('#mtt-frame');
    this.root = this.frame.locator('.mtt-root');
  }

  async open(origin = portalOrigin, query = '') {
    await this.page.addInitScript(() => {
      window.__mttMessages = [];
      window.addEventListener('message', (e) => window.__mttMessages.push({ origin: e.origin, data: e.data }));
    });
    await this.page.goto(`${origin}/frame.html${query}`);
  }

  /** Messages the portal window received: [{origin, data}]. */
  messages(type) {
    return this.page.evaluate((type) => window.__mttMessages.filter((m) => !type || m.data?.type === type), type);
  }
}
