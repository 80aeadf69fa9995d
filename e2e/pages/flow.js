// Page object for the application flow (region → who → interview → result).
import { expect } from '@playwright/test';
import { AppPage } from './app.js';

export class FlowPage extends AppPage {
  constructor(page) {
    super(page);
    this.continue = page.locator('form button[type=submit]');
    this.status = page.locator('.mtt-status');
  }

  async start() {
    await this.goto('/');
    await this.page.locator('.mtt-start').click();
    await this.acceptPrivacy();
    await expect(this.page).toHaveURL(/\/apply\/region$/);
  }

  /** The privacy notice comes first on a fresh device; accept it if shown. */
  async acceptPrivacy() {
    await expect(this.page).toHaveURL(/\/apply\/(privacy|region|who|q|result)/);
    if (/\/apply\/privacy$/.test(this.page.url())) {
      await this.page.locator('.mtt-privacy-agree').click();
    }
  }

  async choose(label) {
    await this.page.locator('.mtt-radio label', { hasText: label }).first().click();
  }

  async chooseRegion(label) {
    await expect(this.page.locator('.mtt-radio').first()).toBeVisible();
    await this.choose(label);
    await this.continue.click();
    await expect(this.page).toHaveURL(/\/apply\/who$/);
  }

  /**
   * `relationship` null for oneself, else its label (父亲或母亲, ...); for a
   * family member the details page is filled with valid people unless
   * `fillProxy` is false.
   */
  async chooseWho(relationship = null, { fillProxy = true } = {}) {
    if (relationship) {
      await this.choose('替家人申请');
      await this.choose(relationship);
    } else {
      await this.choose('给我自己');
    }
    await this.continue.click();
    if (relationship && fillProxy) {
      await expect(this.page).toHaveURL(/\/apply\/proxy$/);
      await this.page.locator('#applicant-name').fill('王秀英');
      await this.page.locator('#applicant-id_number').fill('11010519491231002X');
      await this.page.locator('#proxy-name').fill('李明');
      await this.page.locator('#proxy-id_number').fill('34052419800101001X');
      await this.page.locator('#proxy-phone').fill('13800000000');
      await this.continue.click();
    }
  }

  /** The question id the page is asking, or null on the result page. */
  async questionId() {
    await expect(this.page).toHaveURL(/\/apply\/(q\/.+|result)$/);
    const m = /\/apply\/q\/(.+)$/.exec(new URL(this.page.url()).pathname);
    return m ? decodeURIComponent(m[1]).replaceAll('/', '.') : null;
  }

  /**
   * Answers questions from `answers` (question id → option label or typed
   * value) until the result page, failing on any question not in the map.
   * Returns the ids asked, in order. `each` runs on every question page.
   */
  async answerAll(answers, each = async () => {}) {
    const asked = [];
    for (let id = await this.questionId(); id; id = await this.questionId()) {
      expect(asked, `asked ${id} twice`).not.toContain(id);
      expect(Object.keys(answers), `unexpected question ${id}`).toContain(id);
      await expect(this.page.locator('h1')).not.toBeEmpty();
      await each(id);
      asked.push(id);
      const input = this.page.locator('input#answer');
      if (await input.count()) await input.fill(String(answers[id]));
      else await this.choose(answers[id]);
      await this.continue.click();
      await expect(this.page).not.toHaveURL(new RegExp(`/q/${id.replace('.', '/')}$`));
    }
    await expect(this.status).toBeVisible();
    return asked;
  }

  /** Start → region → who → every question, ending on the result page. */
  async through(region, answers, relationship = null) {
    await this.start();
    await this.chooseRegion(region);
    await this.chooseWho(relationship);
    return this.answerAll(answers);
  }

  material(id) {
    return this.page.locator(`[data-material="${id}"]`);
  }

  /** Problem codes shown for one material on the checklist. */
  async problems(id) {
    return this.material(id).locator('[data-problem]').evaluateAll((els) => els.map((e) => e.dataset.problem));
  }

  /** The draft as saved on the device (contract facts). */
  async savedFacts() {
    return this.page.evaluate(() => {
      const id = localStorage.getItem('mtt:current');
      return JSON.parse(localStorage.getItem(`mtt:draft:${id}`)).facts;
    });
  }

  /** Bytes of a stored file from IndexedDB, as an array of numbers. */
  async storedFile(material) {
    return this.page.evaluate(async (material) => {
      const id = localStorage.getItem('mtt:current');
      const db = await new Promise((ok, err) => { const r = indexedDB.open('mantetong', 1); r.onsuccess = () => ok(r.result); r.onerror = err; });
      const blob = await new Promise((ok, err) => {
        const r = db.transaction('files').objectStore('files').get(`${id}/${material}`);
        r.onsuccess = () => ok(r.result); r.onerror = err;
      });
      return blob ? Array.from(new Uint8Array(await blob.arrayBuffer())) : null;
    }, material);
  }

  async resultStatus() {
    return this.status.getAttribute('data-status');
  }

  /** Outcome of one check on the result page: pass, fail or unknown. */
  async checkOutcome(id) {
    const cls = await this.page.locator(`[data-check="${id}"]`).getAttribute('class');
    return /mtt-check-(pass|fail|unknown)/.exec(cls)[1];
  }
}

/** The day most specs run on (the core has no clock: the app gives it the
 *  device's date, so specs fix the device's clock). */
export const SEPT_30 = '2025-09-30T10:00:00+08:00';

/** For every test of the file (or `describe` block) that calls it: a fresh
 *  FlowPage handed to `set` before the test, the device clock fixed at
 *  `fixedTime` when given, and after the test the check that the page
 *  logged no console errors. */
export function flowForEachTest(test, set, { fixedTime } = {}) {
  let flow;
  test.beforeEach(async ({ page }) => {
    flow = new FlowPage(page);
    set(flow);
    if (fixedTime) await page.clock.setFixedTime(new Date(fixedTime));
  });
  test.afterEach(async () => {
    expect(flow.errors, 'console errors').toEqual([]);
  });
}
