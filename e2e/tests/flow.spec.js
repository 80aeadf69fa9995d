// The application flow for each seed region, for oneself and as a proxy:
// region → who → the core's interview → result with reasons and sources.
import { test, expect } from '@playwright/test';
import { FlowPage, flowForEachTest } from '../pages/flow.js';
import { linfenEligible } from '../fixtures.js';

let flow;
flowForEachTest(test, (f) => { flow = f; });

test('Linfen, for oneself: hypertension grade III at a public level-3 hospital is eligible', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho();
  const asked = await flow.answerAll(linfenEligible, async (id) => {
    await expect(page.locator('.mtt-details summary').first()).toHaveText('为什么问这个');
    await page.locator('.mtt-details summary').first().click();
    await expect(page.locator('.mtt-details .mtt-source').first()).toContainText('2025年山西临汾特殊病种线上办理');
    expect(await flow.axeViolations(), `axe on ${id}`).toEqual([]);
  });
  expect(asked.length, 'at most 8 questions').toBeLessThanOrEqual(8);
  expect(await flow.resultStatus()).toBe('eligible');
  await expect(page.locator('.mtt-check-fail')).toHaveCount(0);
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('2025年山西临汾特殊病种线上办理');
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('flow-linfen-result');
});

test('Linfen, for a parent: grade II hypertension is not eligible, said kindly with the reason', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho('父亲或母亲');
  await flow.answerAll({ ...linfenEligible, 'disease.grade': 'Ⅱ级' });
  expect(await flow.resultStatus()).toBe('ineligible');
  await expect(page.locator('.mtt-status')).toContainText('可以再来检查');
  await expect(page.locator('.mtt-check-fail')).toHaveCount(1);
  await expect(page.locator('.mtt-check-fail')).toContainText('2025年山西临汾特殊病种线上办理');
  expect(await flow.axeViolations()).toEqual([]);
});

test('Rizhao, for oneself: a malignant tumour diagnosed at a designated level-2 hospital is eligible', async () => {
  await flow.start();
  await flow.chooseRegion('日照');
  await flow.chooseWho();
  const asked = await flow.answerAll({
    'applicant.insured_in': '日照市',
    'applicant.contribution': '正常缴费',
    'disease.id': '恶性肿瘤',
    'diagnosis.hospital_level': '二级医保定点医院',
    'diagnosis.meets_criteria': '是，医生已确认',
  });
  expect(asked.length).toBeLessThanOrEqual(8);
  // 符合病种诊断标准 is a check the person is asked, after the hospital.
  expect(asked.slice(-2)).toEqual(['diagnosis.hospital_level', 'diagnosis.meets_criteria']);
  expect(await flow.resultStatus()).toBe('eligible');
});

test('Rizhao: the doctor says the criteria are not met, so not eligible, with that check failed', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('日照');
  await flow.chooseWho();
  await flow.answerAll({
    'applicant.insured_in': '日照市',
    'applicant.contribution': '正常缴费',
    'disease.id': '恶性肿瘤',
    'diagnosis.hospital_level': '三级医保定点医院',
    'diagnosis.meets_criteria': '否，医生认为尚不符合',
  });
  expect(await flow.resultStatus()).toBe('ineligible');
  await expect(page.locator('.mtt-check-fail')).toHaveCount(1);
  await expect(page.locator('.mtt-check-fail')).toContainText('病种诊断标准');
});

test('Linfen: insured elsewhere in Shanxi and living in Linfen is not known, with the note to ask their own city', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho();
  const asked = await flow.answerAll({
    ...linfenEligible,
    'applicant.insured_in': '山西省其他城市',
    'applicant.hukou_local': '长期居住在临汾',
  });
  // The app set nothing itself: the first question is where the person is insured.
  expect(asked[0]).toBe('applicant.insured_in');
  expect(asked.length).toBeLessThanOrEqual(8);
  expect(await flow.resultStatus()).toBe('undetermined');
  await expect(page.locator('.mtt-check-fail')).toHaveCount(0);
  await expect(page.locator('.mtt-checks')).toContainText('参保地所在城市的医保部门');
  expect(await flow.axeViolations()).toEqual([]);
});

test('Liaoyuan, for a spouse: the interview ends with a result and its sources', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('辽源');
  await flow.chooseWho('配偶');
  await flow.answerAll({ 'applicant.insured_in': '辽源市', 'disease.id': '糖尿病' });
  expect(['eligible', 'undetermined']).toContain(await flow.resultStatus());
  await expect(page.locator('.mtt-checks .mtt-source').first()).toContainText('2025年吉林辽源门诊特殊病种待遇认定');
});

test('the privacy notice comes before the first question, once', async ({ page }) => {
  await flow.goto('/apply/q/disease/id');
  await expect(page).toHaveURL(/\/apply\/privacy$/);
  for (const part of ['会收集什么', '为什么需要', '保存在哪里、保存多久', '如何删除', '第二十八条']) {
    await expect(page.locator('main')).toContainText(part);
  }
  expect(await flow.axeViolations()).toEqual([]);
  await page.locator('.mtt-privacy-agree').click();
  await expect(page).toHaveURL(/\/apply\/region$/);
  await flow.reload();
  await expect(page).toHaveURL(/\/apply\/region$/);
});

test('continuing without an answer shows an error summary that takes focus', async ({ page }) => {
  await flow.start();
  await flow.continue.click();
  await expect(page.locator('.mtt-error-summary')).toBeFocused();
  await expect(page).toHaveTitle(/^错误：/);
  await expect(page.locator('.mtt-error-message')).toContainText('请选择一项');
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('flow-error');
  await flow.choose('临汾');
  await flow.continue.click();
  await expect(page).toHaveURL(/\/apply\/who$/);
  await expect(page).not.toHaveTitle(/^错误：/);
});

test('a reload at every step keeps the answers and the place', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.reload();
  await expect(page).toHaveURL(/\/apply\/who$/);
  await page.goBack();
  await expect(page.locator('.mtt-radio input:checked + label')).toHaveText(/临汾/);
  await page.goForward();
  await flow.chooseWho('子女');
  const answers = { ...linfenEligible };
  await flow.answerAll(answers, async () => {
    // Reload on each question before answering: the page comes back the same.
    const url = page.url();
    await flow.reload();
    expect(page.url()).toBe(url);
  });
  // The earlier answers are still there, pre-selected, when going back.
  await page.goBack();
  await expect(page.locator('.mtt-radio input:checked + label')).toHaveText('三级公立医院');
  // Closing and coming back later resumes where the person was.
  await flow.goto('/');
  await expect(page.locator('.mtt-start')).toHaveText('继续上次的申请');
  await page.locator('.mtt-start').click();
  await expect(page).toHaveURL(/\/apply\/q\/diagnosis\/hospital_level$/);
});

test('elder mode on the flow: large targets and axe clean', async ({ page }) => {
  await flow.start();
  await flow.elderSwitch.click();
  const radio = await flow.metrics('.mtt-radio label');
  expect(radio.height).toBeGreaterThanOrEqual(60);
  expect(radio.fontSize).toBeGreaterThanOrEqual(24);
  const button = await flow.metrics('form button[type=submit]');
  expect(button.height).toBeGreaterThanOrEqual(60);
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('flow-region-elder');
  await flow.chooseRegion('临汾');
  await flow.chooseWho();
  const q = await flow.metrics('h1');
  expect(q.fontSize).toBeGreaterThanOrEqual(30);
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('flow-question-elder');
  await flow.elderSwitch.click();
});

test('the whole Linfen flow works with the keyboard alone', async ({ page }) => {
  await flow.goto('/');
  await page.locator('.mtt-start').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/privacy$/);
  await page.locator('.mtt-privacy-agree').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/region$/);
  await expect(page.locator('.mtt-radio').first()).toBeVisible();
  // Tab into the radio group, pick with arrows/space, submit with Enter.
  const pick = async (label) => {
    const input = page.locator('.mtt-radio', { hasText: label }).locator('input');
    await input.focus();
    await page.keyboard.press('Space');
    await expect(input).toBeChecked();
    await page.keyboard.press('Enter');
  };
  await pick('临汾');
  await expect(page).toHaveURL(/\/apply\/who$/);
  await pick('给我自己');
  for (let id = await flow.questionId(); id; id = await flow.questionId()) {
    await pick(linfenEligible[id]);
    await expect(page).not.toHaveURL(new RegExp(`/q/${id.replace('.', '/')}$`));
  }
  expect(await flow.resultStatus()).toBe('eligible');
  // On through every later step by keyboard: focus a link or button, Enter.
  const press = async (locator, url) => {
    await locator.focus();
    await expect(locator).toBeFocused();
    await page.keyboard.press('Enter');
    if (url) await expect(page).toHaveURL(url);
  };
  await press(page.locator('a', { hasText: '查看需要的材料' }), /\/apply\/materials$/);
  await press(flow.material('diagnosis_certificate').locator('a'), /\/apply\/materials\/diagnosis_certificate$/);
  await page.locator('#issued').focus();
  // The native date field's keyboard segments differ by platform; the value
  // is set directly, everything else stays keyboard-only.
  await page.locator('#issued').fill('2025-08-20');
  await expect(page.locator('#issued')).toHaveValue('2025-08-20');
  const sealedYes = page.locator('fieldset', { hasText: '公章' }).locator('.mtt-radio', { hasText: '是' }).locator('input');
  await sealedYes.focus();
  await page.keyboard.press('Space');
  await expect(sealedYes).toBeChecked();
  await press(page.getByRole('button', { name: '保存' }), /\/apply\/materials$/);
  await press(page.locator('a', { hasText: '下一步：报销估算' }), /\/apply\/estimate$/);
  await page.locator('#exp-drugs').focus();
  await page.keyboard.type('6000');
  await expect(page.locator('[data-figure=reimbursed]')).toContainText('4,000.00');
  await press(page.locator('a', { hasText: '下一步：办理时间' }), /\/apply\/timeline$/);
  await press(page.locator('a', { hasText: '下一步：核对回答' }), /\/apply\/check$/);
  await press(page.locator('a', { hasText: '确认无误' }), /\/apply\/ready$/);
  // Three required papers are still missing: no send, each one named, its
  // fix reachable by keyboard (issue 12).
  await expect(page.locator('.mtt-submit-button')).toHaveCount(0);
  await press(page.locator('.mtt-submit [data-blocker=id_card] a'), /\/apply\/materials\/id_card$/);
});

test('proxy filing: both people’s details checked by field, wording follows who, a pre-filled letter to print', async ({ page }) => {
  await flow.start();
  await flow.chooseRegion('临汾');
  await flow.chooseWho('父亲或母亲', { fillProxy: false });
  await expect(page).toHaveURL(/\/apply\/proxy$/);
  // Nothing filled in: every required field is named in the summary.
  await flow.continue.click();
  await expect(page.locator('.mtt-error-summary')).toBeFocused();
  await expect(page).toHaveTitle(/^错误：/);
  await page.locator('#applicant-name').fill('王秀英');
  await page.locator('#applicant-id_number').fill('110105194912310021');
  await page.locator('#proxy-name').fill('李明');
  await page.locator('#proxy-id_number').fill('34052419800101001X');
  await page.locator('#proxy-phone').fill('13800000000');
  await flow.continue.click();
  // The principal's number has a wrong check digit; the message names the right one.
  await expect(page.locator('#applicant-id_number-error')).toContainText('最后一位校验码应为 X');
  expect(await flow.axeViolations()).toEqual([]);
  await page.locator('#applicant-id_number').fill('11010519491231002x');
  await flow.continue.click();
  await expect(page).toHaveURL(/\/apply\/q\//);
  await expect(page.locator('.mtt-banner')).toHaveText('您正在替父亲或母亲申请：以下问题请按父亲或母亲的情况回答。');
  // Every question names the person it is about: the principal's ID says a woman.
  await flow.answerAll(linfenEligible, async () => {
    await expect(page.locator('h1')).toContainText('您母亲');
  });
  expect(await flow.resultStatus()).toBe('eligible');

  await page.locator('a', { hasText: '查看需要的材料' }).click();
  await expect(flow.material('id_card').locator('h2')).toHaveText('父亲或母亲的身份证');
  await expect(flow.material('proxy_id_card')).toBeVisible();
  await expect(flow.material('authorization_letter')).toBeVisible();
  await flow.material('authorization_letter').locator('a', { hasText: '打印授权委托书' }).click();
  await expect(page.locator('[data-letter=principal-name]')).toHaveText('王秀英');
  await expect(page.locator('[data-letter=principal-id]')).toHaveText('11010519491231002X');
  await expect(page.locator('[data-letter=agent-name]')).toHaveText('李明');
  await expect(page.locator('[data-letter=matter]')).toContainText('高血压');
  await expect(page.locator('.mtt-letter')).toContainText('女');
  expect(await flow.axeViolations()).toEqual([]);
  await flow.screenshot('letter');
  const facts = await flow.savedFacts();
  // The contract's proxy.relationship is the agent's relationship to the
  // principal: filing for one's father or mother, the agent is their child.
  expect(facts.proxy).toMatchObject({ name: '李明', relationship: 'child', phone: '13800000000' });
});
