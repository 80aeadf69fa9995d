// The reviewer's page: everything personal is fetched with the bearer token
// typed here (kept in this tab's sessionStorage only); times are shown in
// China Standard Time, in words.
const $ = (id) => document.getElementById(id);
const STATUS = { received: '已收到', returned: '已退回补正', in_review: '专家复核中', approved: '已通过', refused: '不予认定' };
const cst = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export function when(iso) {
  if (!iso) return '—';
  const p = Object.fromEntries(cst.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}
function day(d) {
  if (!d) return '—';
  const [y, m, dd] = d.split('-').map(Number);
  return `${y}年${m}月${dd}日`;
}
function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}
let codes = [];
let current = null;
const token = () => sessionStorage.getItem('rv-token') || '';
async function api(path, init = {}) {
  const r = await fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: `Bearer ${token()}` } });
  const body = await r.json().catch(() => ({}));
  if (r.status === 401) { sessionStorage.removeItem('rv-token'); show('login'); }
  if (!r.ok) throw new Error((body.errors || []).map((e) => `${e.path}: ${e.message}`).join('；') || `HTTP ${r.status}`);
  return body;
}
function say(msg) { $('rv-message').textContent = msg; }
function show(which) {
  $('rv-login').hidden = which !== 'login';
  $('rv-list').hidden = which !== 'list';
  $('rv-detail').hidden = which !== 'detail';
}
async function loadList() {
  const q = new URLSearchParams({ status: $('rv-f-status').value, region: $('rv-f-region').value, late: $('rv-f-late').checked ? 'true' : '' });
  const data = await api(`/api/v1/review/applications?${q}`);
  codes = data.reason_codes;
  if ($('rv-f-status').options.length === 1) {
    for (const s of data.statuses) $('rv-f-status').append(el('option', STATUS[s] || s, { value: s }));
    for (const r of data.regions) $('rv-f-region').append(el('option', r, { value: r }));
  }
  const rows = $('rv-rows');
  rows.replaceChildren();
  for (const a of data.applications) {
    const tr = el('tr', null, { 'data-receipt': a.receipt });
    const td = el('td');
    const link = el('a', a.receipt, { href: `#${a.receipt}` });
    link.addEventListener('click', (e) => { e.preventDefault(); openOne(a.receipt); });
    td.append(link);
    const notes = [a.supersedes ? `补交，替代 ${a.supersedes}` : '', a.late ? '逾期补交' : ''].filter(Boolean).join('；');
    tr.append(td, el('td', when(a.received_at)), el('td', a.pack.id), el('td', STATUS[a.status] || a.status), el('td', notes, a.late ? { class: 'rv-late' } : {}));
    rows.append(tr);
  }
  if (!data.applications.length) rows.append(el('tr')).append(el('td', '没有符合条件的申请', { colspan: '5' }));
  show('list');
}
function fact(dl, label, value) {
  if (value == null || value === '') return;
  dl.append(el('dt', label), el('dd', String(value)));
}
async function openOne(receipt) {
  say('');
  const a = await api(`/api/v1/review/applications/${encodeURIComponent(receipt)}`);
  current = a;
  $('rv-detail-title').textContent = `申请 ${a.receipt}`;
  const f = a.facts || {};
  const dl = $('rv-facts');
  dl.replaceChildren();
  fact(dl, '状态', STATUS[a.status] || a.status);
  fact(dl, '收到时间', when(a.received_at));
  if (a.supersedes) fact(dl, '替代的申请', a.supersedes);
  if (a.late) fact(dl, '补交', '逾期（晚于补正期限）');
  fact(dl, '地区', a.pack.id);
  fact(dl, '参保人', f.applicant?.name);
  fact(dl, '身份证号码', f.applicant?.id_number);
  fact(dl, '参保类型', f.applicant?.scheme);
  fact(dl, '病种', f.disease?.id);
  fact(dl, '分级', f.disease?.grade);
  fact(dl, '诊断医院等级', f.diagnosis?.hospital_level);
  fact(dl, '诊断日期', f.diagnosis?.date);
  if (f.proxy) fact(dl, '代办人', `${f.proxy.name || ''}（${f.proxy.relationship || ''}）${f.proxy.phone || ''}`);
  const res = $('rv-result');
  const ELIG = { eligible: '符合条件', ineligible: '不符合条件', undetermined: '尚不能确定' };
  const MAT = { ok: '没有发现问题', missing: '缺少', problem: '有问题', unchecked: '已提交，未能自动检查' };
  const elig = a.result?.eligibility?.status ?? a.eligibility;
  res.replaceChildren(el('li', `资格：${ELIG[elig] || elig}；办理方式：${a.result?.track ?? '—'}`));
  const sel = $('rv-material');
  sel.replaceChildren(el('option', '（不指定）', { value: '' }));
  for (const m of a.result?.materials || []) {
    const probs = (m.problems || []).map((p) => `${p.code}`).join('、');
    res.append(el('li', `${m.name_zh || m.id}：${MAT[m.status] || m.status}${probs ? `（${probs}）` : ''}${m.required ? '' : '（非必需）'}`, { 'data-material': m.id }));
    sel.append(el('option', m.name_zh || m.id, { value: m.id }));
  }
  const papers = $('rv-papers');
  papers.replaceChildren();
  for (const p of a.papers) {
    const li = el('li');
    const b = el('button', `打开 ${p.kind}（${p.type}，${Math.ceil(p.size / 1024)} KB）`, { type: 'button' });
    b.addEventListener('click', async () => {
      const r = await fetch(`/api/v1/review/applications/${encodeURIComponent(a.receipt)}/files/${encodeURIComponent(p.name)}`, { headers: { Authorization: `Bearer ${token()}` } });
      if (!r.ok) { say(`无法打开：HTTP ${r.status}`); return; }
      const url = URL.createObjectURL(await r.blob());
      const link = el('a', null, { href: url, download: p.name });
      document.body.append(link); link.click(); link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    li.append(b);
    papers.append(li);
  }
  const hist = $('rv-history');
  hist.replaceChildren();
  for (const d of a.decisions) {
    const reasons = (d.reasons || []).map((r) => (r.code === 'other' ? `文字原因：${r.message}` : `${r.code}${r.material ? `（${r.material}）` : ''}`)).join('；');
    const extra = [d.resubmit_by ? `补正期限 ${day(d.resubmit_by)}` : '', d.effective_from ? `生效 ${day(d.effective_from)}` : ''].filter(Boolean).join('，');
    hist.append(el('li', `${when(d.decided_at)} ${d.decided_by}：${STATUS[d.status] || d.status}${reasons ? `；${reasons}` : ''}${extra ? `；${extra}` : ''}`));
  }
  const box = $('rv-codes');
  box.replaceChildren(el('legend', '原因（问题代码）'));
  for (const c of codes) {
    const l = el('label');
    l.append(el('input', null, { type: 'checkbox', name: 'code', value: c.code }), document.createTextNode(` ${c.code}：${c.zh}`));
    box.append(l);
  }
  $('rv-decide').reset();
  show('detail');
  $('rv-detail-title').setAttribute('tabindex', '-1');
  $('rv-detail-title').focus();
}
$('rv-login').addEventListener('submit', async (e) => {
  e.preventDefault();
  sessionStorage.setItem('rv-token', $('rv-token').value.trim());
  $('rv-token').value = '';
  try { await loadList(); say(''); } catch (err) { say(`无法进入：${err.message}`); }
});
$('rv-filters').addEventListener('submit', (e) => { e.preventDefault(); loadList().catch((err) => say(err.message)); });
$('rv-back').addEventListener('click', () => loadList().catch((err) => say(err.message)));
$('rv-decide').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData($('rv-decide'));
  const material = $('rv-material').value || undefined;
  const reasons = form.getAll('code').map((code) => (material ? { code, material } : code));
  for (const line of $('rv-text').value.split('\n').map((s) => s.trim()).filter(Boolean)) reasons.push({ code: '', message: line, material });
  try {
    const r = await api(`/api/v1/applications/${encodeURIComponent(current.receipt)}/decision`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: form.get('status'), reasons, note: $('rv-note').value }),
    });
    await openOne(current.receipt);
    say(`已记录：${STATUS[r.status] || r.status}${r.resubmit_by ? `，补正期限 ${day(r.resubmit_by)}` : ''}${r.text_reasons?.length ? `；文字原因（不在问题代码表中）：${r.text_reasons.join('；')}` : ''}`);
  } catch (err) { say(`未记录：${err.message}`); }
});
fetch('/api/v1/receiver').then((r) => r.json()).then((r) => {
  $('rv-receiver').textContent = r.receiver ? `接收单位：${r.receiver.zh}` : '本机演示服务端（不是医保部门）';
}).catch(() => {});
if (token()) loadList().catch(() => show('login')); else show('login');
