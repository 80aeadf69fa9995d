// The last mile (issue 12), in Chromium against real intake servers:
// - a receiver configured as 临汾市医疗保障局 (its own server, started here):
//   send → the reviewer returns it with `unsealed` on the review page → the
//   app shows the reason and the deadline → the person replaces the photo and
//   sends again (superseding the first) → the reviewer approves it through
//   the API → 已通过, the effective date and the renewal file;
// - the suite's own server, with no receiver name: a demonstration server,
//   said so before and after sending; no send until the papers are there;
// - Rizhao: the hand-off page, papers saved one by one, no submit claim.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { FlowPage } from '../pages/flow.js';
import { pdf, linfenEligible as linfen } from '../fixtures.js';

const port = Number(process.env.MTT_E2E_PORT ?? 8091);
const receiverPort = Number(process.env.MTT_E2E_RECEIVER_PORT ?? port + 2);
const receiverOrigin = `http://127.0.0.1:${receiverPort}`;
const TOKEN = 'e2e-reviewer-token-0123456789';
const REQUIRED = ['id_card', 'diagnosis_certificate', 'exam_reports', 'application_form'];

/** Attaches a PDF to each of `ids` on their paper pages. */
async function attach(flow, ids, tag = 'v1') {
  const page = flow.page;
  for (const id of ids) {
    await page.goto(`/apply/materials/${id}`);
    await flow.ready();
    await page.locator('#file').setInputFiles({ name: `${id}-${tag}.pdf`, mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.from(`% ${id} ${tag}\n`)]) });
    await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机');
  }
}

test.describe('a configured receiver: 临汾市医疗保障局', () => {
  let server;
  test.beforeAll(async () => {
    const data = '../target/e2e-receiver';
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    const tokens = '../target/e2e-receiver-tokens';
    writeFileSync(tokens, `reviewer-li:${TOKEN}\n`);
    chmodSync(tokens, 0o600);
    server = spawn('../target/release/mantetong-intake', ['--listen', `127.0.0.1:${receiverPort}`, '--data', data, '--static', '../dist',
      '--receiver-name', '临汾市医疗保障局', '--receiver-name-en', 'Linfen Healthcare Security Administration',
      '--receiver-region', 'shanxi-linfen', '--review-token-file', tokens], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`${receiverOrigin}/api/v1/health`)).ok) return; } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the receiver server did not start');
  });
  test.afterAll(() => { server?.kill('SIGTERM'); });
  test.use({ baseURL: receiverOrigin });

  test('send → returned with unsealed → fixed and sent again → approved, effective date and renewal file', async ({ page, request }) => {
    test.setTimeout(180_000);
    const flow = new FlowPage(page);
    const api = (path, init = {}) => request.fetch(`${receiverOrigin}${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, ...(init.headers || {}) } });
    await flow.through('临汾', linfen);
    // One paper of four: the check page lists the other three, and there is no send.
    await attach(flow, ['diagnosis_certificate']);
    await page.goto('/apply/check');
    await flow.ready();
    const blockers = page.locator('.mtt-readiness[data-ready=false] [data-blocker]');
    await expect(blockers).toHaveCount(3);
    await expect(page.locator('[data-blocker=exam_reports]')).toContainText('请准备这份材料后添加');
    await page.goto('/apply/ready');
    await flow.ready();
    await expect(page.locator('.mtt-route')).toHaveText('提交到：临汾市医疗保障局');
    await expect(page.locator('.mtt-submit-button')).toHaveCount(0);
    await expect(page.locator('.mtt-submit .mtt-readiness')).toBeVisible();

    await attach(flow, ['id_card', 'exam_reports', 'application_form']);
    await page.goto('/apply/ready');
    await flow.ready();
    await expect(page.locator('.mtt-route')).toHaveAttribute('data-route', 'named');
    expect(await flow.axeViolations()).toEqual([]);
    await page.locator('.mtt-submit-button').click();
    await expect(page.locator('.mtt-submission')).toHaveAttribute('data-state', 'sent', { timeout: 60_000 });
    await expect(page.locator('.mtt-submission')).toContainText('已提交，临汾市医疗保障局已收到。');
    const first = await page.locator('.mtt-submission [data-receipt]').textContent();
    // The receipt time in China Standard Time, in words, never raw UTC.
    await expect(page.locator('.mtt-submission [data-received-at]')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

    // The reviewer, on the intake's review page: returns it, `unsealed` on the certificate.
    const reviewer = await page.context().newPage();
    await reviewer.goto(`${receiverOrigin}/review`);
    await expect(reviewer.locator('#rv-receiver')).toHaveText('接收单位：临汾市医疗保障局');
    await reviewer.locator('#rv-token').fill(TOKEN);
    await reviewer.getByRole('button', { name: '进入' }).click();
    await reviewer.locator(`[data-receipt="${first}"] a`).click();
    await expect(reviewer.locator('#rv-facts')).toContainText('hypertension');
    await expect(reviewer.locator('#rv-facts')).toContainText(/收到时间\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await expect(reviewer.locator('#rv-papers button')).toHaveCount(4);
    await reviewer.locator('label', { hasText: '退回补正' }).click();
    await reviewer.locator('input[name=code][value=unsealed]').check();
    await reviewer.locator('#rv-material').selectOption('diagnosis_certificate');
    await reviewer.locator('#rv-submit').click();
    await expect(reviewer.locator('#rv-message')).toContainText('已记录：已退回补正，补正期限');
    await expect(reviewer.locator('#rv-history')).toContainText('reviewer-li：已退回补正；unsealed（diagnosis_certificate）');
    mkdirSync('screenshots', { recursive: true });
    await reviewer.screenshot({ path: 'screenshots/review-page.png', fullPage: true });
    const axe = new (await import('@axe-core/playwright')).default({ page: reviewer });
    expect((await axe.analyze()).violations.map((v) => v.id)).toEqual([]);
    await reviewer.close();

    // The person opens 我的申请: the reason, the deadline (3 working days, in words).
    const returned = await (await request.get(`${receiverOrigin}/api/v1/applications/${first}`)).json();
    expect(returned.status).toBe('returned');
    await page.goto('/drafts');
    await flow.ready();
    const remote = page.locator(`.mtt-remote[data-receipt="${first}"]`);
    await expect(remote).toHaveAttribute('data-remote-status', 'returned');
    await expect(remote.locator('[data-reason=unsealed]')).toContainText('诊断证明：材料没有所需的印章');
    const [y, m, d] = returned.resubmit_by.split('-').map(Number);
    await expect(remote.locator('.mtt-remote-deadline')).toHaveText(`请在 ${y}年${m}月${d}日 前修改后重新提交。`);
    expect(await flow.axeViolations()).toEqual([]);
    await flow.screenshot('returned-application');

    // Fix and send again: reopens the draft at the certificate; a new photo.
    await remote.locator('.mtt-fix-resend').click();
    await expect(page).toHaveURL(/\/apply\/materials\/diagnosis_certificate$/);
    await flow.ready();
    await page.locator('#file').setInputFiles({ name: 'zhenduan-sealed.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.from('% sealed\n')]) });
    await expect(page.locator('.mtt-file-status')).toContainText('已保存在本机');
    await page.goto('/apply/ready');
    await flow.ready();
    await expect(page.locator('.mtt-submit-button')).toHaveText('修改后重新提交');
    await page.locator('.mtt-submit-button').click();
    await expect(page.locator('.mtt-submission')).toHaveAttribute('data-state', 'sent', { timeout: 60_000 });
    const second = await page.locator('.mtt-submission [data-receipt]').textContent();
    expect(second).not.toBe(first);
    const resent = await (await request.get(`${receiverOrigin}/api/v1/applications/${second}`)).json();
    expect(resent.supersedes).toBe(first);
    expect(resent.late).toBe(false);

    // The reviewer approves it through the API.
    const decided = await api(`/api/v1/applications/${second}/decision`, { method: 'POST', data: { status: 'approved', note: '材料齐全' } });
    expect(decided.status()).toBe(200);
    const approved = await decided.json();
    await page.goto('/drafts');
    await flow.ready();
    const done = page.locator(`.mtt-remote[data-receipt="${second}"]`);
    await expect(done).toHaveAttribute('data-remote-status', 'approved');
    await expect(done.locator('.mtt-remote-status')).toContainText('已通过');
    const [ey, em, ed] = approved.effective_from.split('-').map(Number);
    await expect(done.locator('.mtt-remote-effective')).toHaveText(`待遇生效：${ey}年${em}月${ed}日`);
    await expect(done.locator('[data-decided-at]')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const [ics] = await Promise.all([page.waitForEvent('download'), done.locator('.mtt-renewal-ics').click()]);
    const text = Buffer.concat(await ics.createReadStream().then((s) => s.toArray())).toString('utf8');
    expect(text).toContain(`DTSTART;VALUE=DATE:${approved.renewal_due.replaceAll('-', '')}`);
    expect(flow.errors).toEqual([]);

    // Opening the page again within 30 s asks nothing (no polling storm);
    // the unchanged status after that is a 304.
    const gets = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/applications/')) gets.push(r.url()); });
    await page.goto('/drafts');
    await flow.ready();
    await expect(done).toHaveAttribute('data-remote-status', 'approved');
    await page.waitForTimeout(500);
    expect(gets).toEqual([]);
  });
});

test.describe('the suite server, with no receiver name', () => {
  test('Linfen: the hand-off page names the automatic renewal as the timeline page does', async ({ page }) => {
    const flow = new FlowPage(page);
    await flow.through('临汾', linfen);
    await page.goto('/apply/timeline');
    await flow.ready();
    const label = (sel) => page.locator(`${sel} [data-date=renewal_due]`).locator('xpath=preceding-sibling::dt');
    await expect(label('.mtt-timeline')).toHaveText(/^自动续期/);
    await page.goto('/apply/handoff');
    await flow.ready();
    await page.locator('.mtt-handoff-submitted').click();
    // Linfen renews automatically every 3 years (每3年自动续期): nothing to apply for.
    await expect(label('.mtt-handoff-done')).toHaveText(/^自动续期/);
    await expect(page.locator('.mtt-handoff-done [data-date=renewal_due]')).toContainText('年');
    await expect(page.locator('.mtt-handoff-done [data-date=submitted]')).toHaveCount(0);
    expect(flow.errors).toEqual([]);
  });

  test('says it is a demonstration server before and after sending', async ({ page }) => {
    const flow = new FlowPage(page);
    await flow.through('临汾', linfen);
    await attach(flow, REQUIRED);
    await page.goto('/apply/ready');
    await flow.ready();
    await expect(page.locator('.mtt-route')).toHaveText('提交到：本机演示服务端（不是医保部门）');
    await expect(page.locator('.mtt-warning')).toContainText('医保部门收不到');
    await page.locator('.mtt-submit-button').click();
    await expect(page.locator('.mtt-submission')).toHaveAttribute('data-state', 'sent', { timeout: 60_000 });
    await expect(page.locator('.mtt-submission')).toContainText('演示服务端已收到。这不是向医保部门提交');
    await expect(page.locator('.mtt-submission')).not.toContainText('医保部门已收到');
    await page.goto('/drafts');
    await flow.ready();
    await expect(page.locator('.mtt-remote-to')).toHaveText('本机演示服务端（不是医保部门）');
  });

  test('Rizhao: the hand-off page, papers saved one by one, fields to copy, no submit claim', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const flow = new FlowPage(page);
    const posts = [];
    page.on('request', (r) => { if (r.method() !== 'GET') posts.push(r.url()); });
    await flow.through('日照', { 'applicant.insured_in': '日照市', 'applicant.contribution': '正常缴费', 'disease.id': '恶性肿瘤', 'diagnosis.hospital_level': '三级医保定点医院', 'diagnosis.meets_criteria': '是，医生已确认' }, '子女');
    await attach(flow, ['id_card', 'diagnosis_certificate']);
    await page.goto('/apply/ready');
    await flow.ready();
    await page.locator('.mtt-handoff-link').click();
    await expect(page).toHaveURL(/\/apply\/handoff$/);
    await expect(page.locator('h1')).toHaveText('在“日照医保”微信小程序办理');
    await expect(page.locator('.mtt-handoff-steps li')).toContainText(['办事大厅', '门诊慢特病医疗资格申请']);
    await expect(page.locator('.mtt-handoff-proxy')).toContainText('他人代办');
    // Every field copyable with one tap.
    await page.locator('[data-field="被代办人（参保人）·身份证号码"] .mtt-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('11010519491231002X');
    await expect(page.locator('.mtt-handoff-fields')).toContainText('恶性肿瘤');
    // Each paper saved on its own.
    for (const id of ['id_card', 'diagnosis_certificate']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-paper=${id}] .mtt-save-paper`).click()]);
      expect(dl.suggestedFilename()).toMatch(/\.pdf$/);
      const bytes = Buffer.concat(await dl.createReadStream().then((s) => s.toArray()));
      expect(bytes.toString('latin1')).toContain(`% ${id} v1`);
    }
    await expect(page.locator('[data-paper=exam_reports] a')).toHaveText('还没有添加');
    expect(await flow.axeViolations()).toEqual([]);
    await flow.screenshot('handoff');
    // No claim of submission; "I have submitted there" starts the timeline from today.
    await expect(page.locator('main')).not.toContainText('已提交，');
    await page.locator('.mtt-handoff-submitted').click();
    await expect(page.locator('.mtt-handoff-day')).toContainText('在“日照医保”微信小程序提交');
    await expect(page.locator('.mtt-handoff-done [data-date=effective_from]')).not.toBeEmpty();
    expect(posts, 'nothing was sent').toEqual([]);
    await page.goto('/drafts');
    await flow.ready();
    await expect(page.locator('.mtt-handoff-mark')).toContainText('已在官方渠道提交');
    expect(flow.errors).toEqual([]);
  });
});
