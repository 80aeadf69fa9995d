// Writes DIST/paper/<region id>.html, one static page per rule pack, and
// DIST/paper/index.html, the list of them; then puts that list into
// DIST/index.html (at each `<!-- paper pages -->`). No JavaScript: the pages
// are for every browser, including those that cannot run the app (no
// WebAssembly, an old phone, a locked-down WebView), and they print.
// Everything on them comes from the packs (DIST/regions/*.json): who can
// apply, the papers with their rules (seal, validity window, hospital level,
// signature), where and how to apply, and every item's citation as the
// policy's title and section (`cite` where the pack has one, else the
// `source` with the file name replaced by the title from `sources`).
// Usage: node scripts/paper-pages.mjs DIST
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.argv[2] ?? 'dist';
const regionsDir = join(dist, 'regions');
const outDir = join(dist, 'paper');

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// A bilingual text ({zh, en}, or a plain string) as zh with the English after it.
const zh = (t) => (t == null ? '' : typeof t === 'string' ? t : t.zh ?? t['zh-CN'] ?? t.en ?? '');
const en = (t) => (t == null ? '' : typeof t === 'string' ? '' : t.en ?? '');
const both = (t, tag = 'span') => {
  const e = en(t);
  return `${esc(zh(t))}${e && e !== zh(t) ? ` <${tag} class="mtt-paper-en" lang="en">${esc(e)}</${tag}>` : ''}`;
};
const bi = (z, e) => both({ zh: z, en: e });

/** The citation of an item, readable by a citizen: never a file name. */
function citer(pack) {
  const titles = new Map((pack.sources ?? []).map((s) => [s.file, s.title]));
  const txt = /[\w.-]+\.txt\b/g;
  return (item) => {
    if (!item) return '';
    if (item.cite) return both(item.cite);
    if (typeof item.source !== 'string' || !item.source) return '';
    const words = (lang) => item.source.replace(txt, (file) => {
      const t = titles.get(file);
      const title = t == null ? null : typeof t === 'string' ? t : lang === 'en' ? t.en ?? t.zh : t.zh ?? t.en;
      return title ? `《${title}》` : lang === 'en' ? 'the policy text' : '政策原文';
    });
    const z = words('zh');
    const e = words('en');
    return esc(z) + (e !== z ? ` <span class="mtt-paper-en" lang="en">${esc(e)}</span>` : '');
  };
}
const citeLine = (html) => (html ? `<p class="mtt-source">政策出处 <span lang="en">Source</span>：${html}</p>` : '');

const NEED = {
  required: ['必需', 'required'],
  usually: ['通常需要', 'usually needed'],
  may_be_required: ['部分病种需要', 'needed for some diseases'],
};
const SEAL = {
  hospital: ['医院公章', "the hospital's official seal"],
  medical_records_room: ['医院病案室专用章', "the hospital medical-records room's seal"],
  department: ['医院或其科室的印章', "a seal of the hospital or one of its departments"],
};
const CHANNEL = {
  official_app: ['官方平台', 'official app or platform'],
  online: ['网上办理', 'online'],
  paper: ['线下办理', 'in person'],
};

/** A condition (`when`) in words, from the pack's own questions where it can. */
function whenText(pack, rule) {
  if (!rule) return '';
  const eq = rule.eq;
  if (eq && eq.fact === 'proxy') return eq.value ? bi('替他人办理时需要', 'needed when filing for someone else') : bi('本人办理时需要', 'needed when filing for yourself');
  if (eq) {
    const q = (pack.questions ?? []).find((q) => (q.facts ?? [q.id]).includes(eq.fact));
    if (q) {
      const opt = (q.options ?? []).find((o) => o.set && JSON.stringify(o.set[eq.fact]) === JSON.stringify(eq.value));
      const answer = opt ? opt.label : typeof eq.value === 'boolean' ? { zh: eq.value ? '是' : '否', en: eq.value ? 'yes' : 'no' } : null;
      if (answer) {
        return `${esc('当“' + zh(q.text) + '”的回答是“' + zh(answer) + '”时需要')} <span class="mtt-paper-en" lang="en">${esc(`needed when the answer to “${en(q.text)}” is “${en(answer)}”`)}</span>`;
      }
    }
  }
  return bi('部分情况下需要（见说明）', 'needed only in some cases (see the note)');
}

function diseaseNames(pack, ids) {
  if (!ids || ids.includes('*')) return '';
  const names = ids.map((id) => (pack.catalogue?.diseases ?? []).find((d) => d.id === id)?.name ?? { zh: id, en: id });
  return { zh: names.map(zh).join('、'), en: names.map(en).join(', ') };
}

function hospitalText(h) {
  const z = [];
  const e = [];
  if (h.min_level) { z.push(`${['', '一', '二', '三'][h.min_level] ?? h.min_level}级及以上医院`); e.push(`a hospital of level ${h.min_level} or above`); }
  if (h.public) { z.push('公立医院'); e.push('public'); }
  if (h.designated) { z.push('医保定点医院'); e.push('designated by the medical insurance'); }
  return bi(`出具医院：${z.join('，')}`, `Issued by: ${e.join(', ')}`);
}

function page(pack, css, all) {
  const cite = citer(pack);
  const name = pack.name;
  const partial = (pack.coverage?.level ?? pack.coverage) !== 'full';
  const li = (body, src) => `<li>${body}${citeLine(cite(src))}</li>`;

  const checks = (pack.checks ?? []).map((c) => {
    const d = diseaseNames(pack, c.diseases);
    return li(both(c.pass) + (d ? `<br><span class="mtt-hint">${bi('仅适用于：' + d.zh, 'Applies to: ' + d.en)}</span>` : ''), c);
  });
  const cat = pack.catalogue ?? {};
  const diseases = (cat.diseases ?? []).map((d) => li(`${both(d.name)}${d.qualifier_text ? `<br><span class="mtt-hint">${both(d.qualifier_text)}</span>` : ''}`, d));
  const catNote = cat.published_total
    ? bi(`病种目录共${cat.published_total}种${cat.partial ? '，政策文本只点名了下面这些；其他病种请向当地医保部门确认' : ''}。`,
      `The catalogue has ${cat.published_total} diseases${cat.partial ? '; the policy text names only those below: ask your medical insurance office about others' : ''}.`)
    : cat.partial ? bi('政策文本没有列出完整的病种目录，请向当地医保部门确认。', 'The policy text gives no full catalogue: ask your medical insurance office.') : '';

  const materials = (pack.materials ?? []).map((m) => {
    const rules = [];
    const need = NEED[m.need];
    if (m.when) rules.push(li(whenText(pack, m.when), null));
    const d = diseaseNames(pack, m.diseases);
    if (d) rules.push(li(bi('适用病种：' + d.zh, 'For: ' + d.en), null));
    if (m.seal) {
      const s = SEAL[m.seal.kind];
      rules.push(li(s ? bi(`盖章：须加盖${s[0]}`, `Seal: must carry ${s[1]}`) : bi('盖章：须盖章（见出处）', 'Seal: must be sealed (see the source)'), m.seal));
    }
    if (m.window?.months) {
      rules.push(li(bi(`有效期：须是近${m.window.months}个月内出具的`, `Validity: issued within the last ${m.window.months} months`), m.window));
    }
    if (m.states_stage) rules.push(li(bi('须注明疾病分期或分型', 'Must state the stage or type of the disease'), m.states_stage));
    if (m.signed) rules.push(li(bi('须有医师签字', "Must be signed by the doctor"), m.signed));
    if (m.hospital) rules.push(li(hospitalText(m.hospital), m.hospital));
    return `<li class="mtt-paper-item" id="m-${esc(m.id)}">
<h3 class="mtt-paper-name">${both(m.name)}${need ? ` <span class="mtt-paper-need">（${esc(need[0])} <span lang="en">${esc(need[1])}</span>）</span>` : ''}</h3>
${m.detail ? `<p>${both(m.detail)}</p>` : ''}
${rules.length ? `<ul class="mtt-paper-rules">${rules.join('\n')}</ul>` : ''}
${citeLine(cite(m))}
</li>`;
  });

  const channels = (pack.channels ?? []).map((c) => {
    const k = CHANNEL[c.kind];
    return `<li class="mtt-paper-item"><h3 class="mtt-paper-name">${both(c.name)}${k ? ` <span class="mtt-paper-need">（${esc(k[0])} <span lang="en">${esc(k[1])}</span>）</span>` : ''}</h3>
<p>${both(c.instructions)}</p>${citeLine(cite(c))}</li>`;
  });
  const tl = pack.timeline ?? {};
  const timing = (tl.tracks ?? []).map((t) => {
    const parts = [];
    if (t.pre_review_working_days != null) parts.push([`预审${t.pre_review_working_days}个工作日内`, `pre-review within ${t.pre_review_working_days} working days`]);
    if (t.decision_working_days === 0) parts.push(['当场办结', 'decided at once']);
    else if (t.decision_working_days != null) parts.push([`${t.decision_working_days}个工作日内出结果`, `decision within ${t.decision_working_days} working days`]);
    if (t.effective_next_day) parts.push(['通过后次日生效', 'benefits start the next day']);
    const notes = (t.notes ?? []).map((n) => li(both(n), n)).join('\n');
    return (parts.length ? li(bi(parts.map((p) => p[0]).join('；'), parts.map((p) => p[1]).join('; ')), t) : '') + notes;
  });
  const tlNotes = (tl.notes ?? []).map((n) => li(both(n), n));
  const renewal = (tl.renewal ?? []).map((r) => li(both(r.note), r));
  const notes = (pack.notes ?? []).map((n) => li(both(n), n));
  const missing = (pack.coverage?.missing ?? []).map((n) => li(both(n), n));
  const sources = (pack.sources ?? []).map((s) => `<li>${s.title ? `《${both(s.title)}》` : bi('政策原文', 'the policy text')}</li>`);
  const others = all.filter((p) => p.id !== pack.id).map((p) => `<li><a class="mtt-paper-link" href="/paper/${esc(p.id)}.html">${both(p.name)}</a></li>`);

  const section = (id, zhT, enT, body) => (body ? `<section class="mtt-card" aria-labelledby="${id}"><h2 class="mtt-h2" id="${id}">${bi(zhT, enT)}</h2>${body}</section>` : '');
  const list = (items, tag = 'ul', cls = 'mtt-list') => (items.length ? `<${tag} class="${cls}">${items.join('\n')}</${tag}>` : '');

  return shell(css, `<title>${esc(zh(name))}门诊慢特病办理清单 - 慢特通</title>
<meta name="description" content="${esc(zh(name))}门诊慢特病待遇认定：谁可以申请、要准备的材料和要求、到哪里办。可打印。">`,
    '\n<a class="mtt-switch" href="/paper/">全部地区 <span lang="en">All regions</span></a>', `<h1 class="mtt-h1">${esc(zh(name))}：门诊慢特病办理清单 <span class="mtt-paper-en" lang="en">${esc(en(name))}: outpatient chronic and special disease benefits, paper checklist</span></h1>
<p class="mtt-lead">${bi(`这是按${pack.policy_year ?? ''}年当地政策整理的纸质清单（规则版本 ${pack.version ?? ''}），不用联网检查也能照着准备材料，可以打印。具体以当地医保部门的要求为准。`,
    `A paper checklist from the ${pack.policy_year ?? ''} local policy (rules version ${pack.version ?? ''}): prepare your papers without the online check, or print it. Your local medical insurance office has the final word.`)}</p>
${partial || missing.length ? `<section class="mtt-card mtt-banner" aria-labelledby="mtt-paper-missing"><h2 class="mtt-h2" id="mtt-paper-missing">${partial ? bi('本地区资料不全', 'What is known here is incomplete') : bi('政策文本没有写明的', 'What the policy text does not say')}</h2>${list(missing)}</section>` : ''}
${section('mtt-paper-who', '谁可以申请', 'Who can apply', list(checks) + (catNote || diseases.length ? `<h3 class="mtt-h3">${bi('病种', 'Diseases')}</h3>${catNote ? `<p>${catNote}</p>` : ''}${list(diseases)}` : '')) || section('mtt-paper-who', '谁可以申请', 'Who can apply', `<p>${bi('政策文本没有写明申请条件，请向当地医保部门确认。', 'The policy text gives no conditions: ask your medical insurance office.')}</p>`)}
${section('mtt-paper-papers', '要准备的材料', 'Papers to prepare', list(materials, 'ol', 'mtt-paper-list')) || section('mtt-paper-papers', '要准备的材料', 'Papers to prepare', `<p>${bi('政策文本没有列出材料清单，请在下面的办理渠道查看。', 'The policy text lists no papers: see the channels below.')}</p>`)}
${section('mtt-paper-where', '在哪里办、怎么办', 'Where and how to apply', list(channels, 'ol', 'mtt-paper-list') + (timing.length || tlNotes.length ? `<h3 class="mtt-h3">${bi('多久出结果', 'How long it takes')}</h3>${list([...timing, ...tlNotes])}` : '') + (renewal.length ? `<h3 class="mtt-h3">${bi('续期', 'Renewal')}</h3>${list(renewal)}` : ''))}
${section('mtt-paper-notes', '还要知道', 'Also good to know', list(notes))}
${section('mtt-paper-sources', '政策出处', 'Policy sources', list(sources))}
<p class="mtt-hint">${bi('打印：用浏览器菜单里的“打印”。', 'To print: use “Print” in the browser menu.')}</p>
${others.length ? `<nav class="mtt-card mtt-noprint" aria-label="其他地区 Other regions"><h2 class="mtt-h2">${bi('其他地区', 'Other regions')}</h2><ul class="mtt-paper-links">${others.join('\n')}</ul></nav>` : ''}
<p class="mtt-noprint"><a class="mtt-paper-link" href="/">${bi('返回首页', 'Back to the home page')}</a></p>
`);
}

// The document around every paper page: head, skip link, header, main.
function shell(css, head, headerExtra, main) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/${esc(css)}">
</head>
<body>
<div class="mtt-root mtt-paper-page">
<a class="mtt-skip" href="#mtt-main">跳到主要内容 <span lang="en">Skip to main content</span></a>
<header class="mtt-header">
<a class="mtt-brand" href="/"><span class="mtt-brand-name">慢特通</span><span class="mtt-brand-tag">门诊慢特病待遇认定助手 <span lang="en">Mantetong</span></span></a>${headerExtra}
</header>
<main id="mtt-main" class="mtt-main">
${main}</main>
</div>
</body>
</html>
`;
}

/** index.html's static region step (a return visit's first step before the
 *  app is live, issue 15): the options of the app's region step, from the
 *  region list the app reads (regions/index.json, in its order, with its
 *  ids: app/src/session.rs `load_regions`), worded as pages/region.rs words
 *  them (the name, plus `region_partial` where the coverage is not full),
 *  in both languages; and the step indicator's number, as pages/flow.rs
 *  counts its steps. The app takes the choice over from these inputs
 *  (app/src/main.rs), so their ids and values must be the live page's. */
function preRegion(html) {
  const marker = '<!-- region options -->';
  if (!html.includes(marker)) throw new Error(`scripts/paper-pages.mjs: ${indexPath} has no ${marker}`);
  const list = JSON.parse(readFileSync(join(regionsDir, 'index.json'), 'utf8'));
  const i18n = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'app', 'src', 'i18n.rs'), 'utf8');
  const partial = /^\s*region_partial:\s*("(?:[^"\\]|\\.)*")\s*,\s*("(?:[^"\\]|\\.)*")\s*;/m.exec(i18n);
  if (!partial) throw new Error('scripts/paper-pages.mjs: no region_partial in app/src/i18n.rs');
  const [pz, pe] = [JSON.parse(partial[1]), JSON.parse(partial[2])];
  const flow = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'app', 'src', 'pages', 'flow.rs'), 'utf8');
  const steps = /const STEPS: \[[^\]]*; (\d+)\]/.exec(flow)?.[1];
  if (!steps) throw new Error('scripts/paper-pages.mjs: no STEPS in app/src/pages/flow.rs');
  const options = list.filter((r) => typeof r.id === 'string' && r.name?.zh && r.name?.en).map((r, i) => {
    const part = (r.coverage ?? 'partial') === 'full' ? ['', ''] : [pz, pe];
    return `<div class="mtt-radio"><input type="radio" id="region-${i}" name="region" value="${esc(r.id)}">` +
      `<label for="region-${i}"><span class="mtt-zh">${esc(r.name.zh + part[0])}</span><span class="mtt-en" lang="en">${esc(r.name.en + part[1])}</span></label></div>`;
  }).join('');
  return html.replace(marker, options).replace(/(<p class="mtt-step-indicator">[\s\S]*?<\/p>)/, (p) => p.replaceAll('{n}', '1').replaceAll('{total}', steps));
}

const packs = readdirSync(regionsDir)
  .filter((f) => f.endsWith('.json') && f !== 'index.json')
  .map((f) => JSON.parse(readFileSync(join(regionsDir, f), 'utf8')))
  .filter((p) => typeof p.id === 'string' && /^[a-z0-9-]+$/.test(p.id));
// Several versions of one region may sit side by side: the page is the
// newest policy year's.
const newest = new Map();
for (const p of packs) {
  const have = newest.get(p.id);
  if (!have || (p.policy_year ?? 0) > (have.policy_year ?? 0)) newest.set(p.id, p);
}
const all = [...newest.values()].sort((a, b) =>
  ((a.coverage?.level ?? a.coverage) === 'full' ? 0 : 1) - ((b.coverage?.level ?? b.coverage) === 'full' ? 0 : 1) || a.id.localeCompare(b.id));

const indexPath = join(dist, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const css = index.match(/href="\/(app-[0-9a-f]+\.css)"/)?.[1];
if (!css) throw new Error(`scripts/paper-pages.mjs: no hashed stylesheet in ${indexPath}`);

mkdirSync(outDir, { recursive: true });
for (const p of all) writeFileSync(join(outDir, `${p.id}.html`), page(p, css, all));

const links = all.map((p) => `<li><a class="mtt-paper-link" href="/paper/${esc(p.id)}.html">${both(p.name)}</a></li>`).join('');
writeFileSync(join(outDir, 'index.html'), shell(css, '<title>各地门诊慢特病办理清单 - 慢特通</title>', '', `<h1 class="mtt-h1">各地门诊慢特病办理清单 <span class="mtt-paper-en" lang="en">Paper checklists by region</span></h1>
<p class="mtt-lead">${bi('选择您参保的地区：谁可以申请、要准备的材料和要求、到哪里办。不用联网检查，可以打印。', 'Choose the region where you are insured: who can apply, the papers and their rules, where to apply. No online check needed; printable.')}</p>
<ul class="mtt-paper-links">${links}</ul>
<p><a class="mtt-paper-link" href="/">${bi('返回首页', 'Back to the home page')}</a></p>
`));

const marker = '<!-- paper pages -->';
if (!index.includes(marker)) throw new Error(`scripts/paper-pages.mjs: ${indexPath} has no ${marker}`);
index = index.replaceAll(marker, links);
index = preRegion(index);
writeFileSync(indexPath, index);
console.log(`paper/: ${all.map((p) => `${p.id}.html`).join(', ')}, index.html`);
