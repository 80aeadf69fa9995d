// Builds the release app into dist/. Run through scripts/wasm.sh (it sets
// the wasm32 toolchain, the target dir and puts npm's wasm-opt on PATH):
//   bash scripts/wasm.sh node scripts/build-app.mjs
//
// Why not Trunk: the first load has to stay under 120 KB brotli (issue 7),
// so the app is cut in two at the split point in app/src/later.rs, and that
// needs a step between cargo and wasm-bindgen that Trunk does not have:
//   cargo (link with --emit-relocs) → wasm-split-cli (main module + the
//   module behind the split point + shared chunks + __wasm_split.js loader)
//   → wasm-bindgen on the main module → wasm-opt -Oz on every module.
// The wasm files land in dist/pkg/<content hash>/ (immutable, and the
// loader finds its modules relative to itself); index.html gets the
// stylesheet's hashed name and the inline script that starts the app after
// the first screen's largest paint (nothing preloaded: docs/size.md §4)
// after checking the browser can run it.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, process.argv[2] ?? 'dist');
const stage = join(root, 'target', 'app-build');

const run = (cmd, args) => {
  console.log(`build-app: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root });
};
const hash16 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

// 1. The app, with relocations kept so wasm-split can move code. Only this
//    build (not the wasm tests) compiles std from source with the release
//    profile and immediate-abort panics: 114.5 KB instead of 125.9 KB of
//    first load on 2026-11-30 (docs/size.md, "Size by flags"); a panic then
//    traps without a message (the core never panics on input). The unstable
//    flags are scoped to this one cargo call, never exported (TOOLCHAIN.md);
//    rustup's route needs the rust-src component (scripts/setup.sh).
const releaseTarget = join(root, 'target', 'wasm-release');
const releaseEnv = {
  ...process.env,
  CARGO_TARGET_DIR: releaseTarget,
  RUSTC_BOOTSTRAP: '1',
  CARGO_UNSTABLE_BUILD_STD: 'std,panic_abort',
  CARGO_UNSTABLE_PANIC_IMMEDIATE_ABORT: 'true',
  CARGO_PROFILE_RELEASE_PANIC: 'immediate-abort',
};
console.log('build-app: cargo rustc (build-std, immediate-abort panics)');
execFileSync('cargo', ['rustc', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'mantetong-app', '--bin', 'mantetong-app',
  '--features', 'split', '--', '-C', 'link-arg=--emit-relocs'], { stdio: 'inherit', cwd: root, env: releaseEnv });
const raw = join(releaseTarget, 'wasm32-unknown-unknown', 'release', 'mantetong-app.wasm');

// 2. Split: split/mantetong-app.wasm is the main module, the rest is lazy.
rmSync(stage, { recursive: true, force: true });
const split = join(stage, 'split');
const pkg = join(stage, 'pkg');
mkdirSync(pkg, { recursive: true });
run('wasm-split-cli', [raw, split, '--out-name', 'mantetong-app']);

// 3. Bindings for the main module; the lld exports are what the lazy
//    modules import from it.
run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
  '--out-dir', pkg, '--out-name', 'mantetong-app', join(split, 'mantetong-app.wasm')]);

// 4. Optimise every module for size (names and debug info go too).
const mainWasm = join(pkg, 'mantetong-app_bg.wasm');
// wasm-streams' classes (leptos' server-function client) out of the home
// module and its glue: the app never uses them (scripts/drop-exports.mjs).
run('node', [join(root, 'scripts', 'drop-exports.mjs'), mainWasm, join(pkg, 'mantetong-app.js')]);
run('wasm-opt', ['-Oz', mainWasm, '-o', mainWasm]);
for (const f of readdirSync(split).sort()) {
  if (f === 'mantetong-app.wasm') continue;
  if (f.endsWith('.wasm')) run('wasm-opt', ['-Oz', join(split, f), '-o', join(pkg, f)]);
  else if (f.endsWith('.js')) cpSync(join(split, f), join(pkg, f));
}
// 4b. The JS glue minified (esbuild from e2e/package.json, on PATH through
//     scripts/wasm.sh; a transform, not a bundle: every export and every
//     import name the wasm looks up stays as it is). On 2026-12-01:
//     mantetong-app.js 10,221 -> 8,257 B brotli, __wasm_split.js 679 -> 408.
for (const f of readdirSync(pkg).sort()) {
  if (f.endsWith('.js')) {
    run('esbuild', [join(pkg, f), '--minify', '--format=esm', '--target=chrome96,safari15',
      '--log-level=warning', `--outfile=${join(pkg, f)}`, '--allow-overwrite']);
  }
}

// 5. dist/: the modules under their content hash, the stylesheet hashed,
//    the public files as they are.
const pkgFiles = readdirSync(pkg).sort();
const version = hash16(...pkgFiles.flatMap((f) => [f, readFileSync(join(pkg, f))]));
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(pkg, join(dist, 'pkg', version), { recursive: true });
// The stylesheet minified like the glue (its comments are for whoever edits
// public/app.css; on 2026-12-01 4,577 -> 3,044 B brotli, which kept the
// first load within 120 KB once the static region step joined it).
run('esbuild', [join(root, 'public', 'app.css'), '--minify', '--target=chrome96,safari15',
  '--log-level=warning', `--outfile=${join(stage, 'app.css')}`, '--allow-overwrite']);
const css = readFileSync(join(stage, 'app.css'));
const cssName = `app-${hash16(css)}.css`;
writeFileSync(join(dist, cssName), css);
for (const f of ['icon.svg', 'manifest.webmanifest', 'regions', 'calendar']) {
  cpSync(join(root, 'public', f), join(dist, f), { recursive: true });
}

// 6. index.html: the static first screen in both languages (from the
//    app's own strings), the stylesheet, the start script.
// Each `data-t="key"` element gets the zh-CN and English of that key in
// app/src/i18n.rs, so the static screen can never drift from the live one.
const i18n = readFileSync(join(root, 'app', 'src', 'i18n.rs'), 'utf8');
const strings = new Map();
for (const m of i18n.matchAll(/^\s*([a-z0-9_]+):\s*("(?:[^"\\]|\\.)*")\s*,\s*("(?:[^"\\]|\\.)*")\s*;/gms)) {
  strings.set(m[1], [JSON.parse(m[2]), JSON.parse(m[3])]);
}
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const base = `/pkg/${version}/`;
// The start script: the one inline script (the server allows it by hash),
// a classic script at the top of <head>, so what it does happens before the
// first paint:
//  - the saved language and elder mode (app/src/prefs.rs's `mtt:prefs`)
//    become classes on <html> that the stylesheet turns into the static
//    screen in that language and size: no swap when the app arrives;
//  - the wasm features the app is built with (reference types, bulk
//    memory, sign extension, multi-value, saturating float-to-int:
//    Chrome 96 / Safari 15 and newer) are checked with WebAssembly.validate
//    on one tiny module each. Only when all pass is `mtt-wasm-ok` set and
//    the app loaded; otherwise the static notice offers the paper
//    checklists. A browser too old to even parse this script (no async
//    functions or import()) leaves the notice showing too.
//  - the app starts once the static first screen's largest paint is done
//    (where the browser reports it; else after the first frame, at most 3 s
//    later): Lighthouse charges every request that starts before the LCP
//    to the LCP, and a run where the wasm (and the module it prefetches)
//    started before the static paint was scored 92 with LCP 3.3 s.
//  - the home module's wasm is fetched alongside its JS glue, not after
//    it (wasm-bindgen's init takes the response's promise): one round trip
//    fewer before the app starts (issue 15, docs/size.md 2026-12-01);
//  - if the app's files cannot be fetched, the screen says so (mtt-load-failed);
//  - on a later visit, when this origin's service worker answers the page
//    (it has the whole build cached: scripts/service-worker.mjs), none of
//    that waiting: the home module is fetched from the worker and compiled
//    (WebAssembly.compileStreaming, which V8's code cache serves) a quiet
//    moment after the first screen is painted (QUIET_MS below), and starts
//    then (issue 15: a second visit's first step within 1 s; docs/bench.md).
//    `mtt-sw` on <html> marks such a visit; the static screen shows on it
//    as on a first visit (public/app.css), so its 开始 and region step are
//    usable before the app is live.
// The modules behind the split point are not fetched by this script: the
// service worker's precache brings their bytes on a first visit, off the
// main thread, and the app asks for them when a page needs them (the
// privacy notice after 开始 starts it while it is read). Fetching them here
// put ~900 KB of response chunks through the main thread during the load
// (tasks of up to 50 ms at 4x CPU in a trace; issue 15, docs/bench.md),
// and the app used to compile and start them at once: the second long
// task in Lighthouse's trace.
const h = [0, 97, 115, 109, 1, 0, 0, 0];
const featureModules = [
  // multi-value: a function type with two results
  [...h, 1, 6, 1, 0x60, 0, 2, 0x7f, 0x7f, 3, 2, 1, 0, 10, 8, 1, 6, 0, 0x41, 0, 0x41, 0, 0x0b],
  // sign extension: i32.extend8_s
  [...h, 1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f, 3, 2, 1, 0, 10, 7, 1, 5, 0, 0x20, 0, 0xc0, 0x0b],
  // bulk memory: memory.fill
  [...h, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 13, 1, 11, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0b, 0, 0x0b],
  // reference types: an externref parameter
  [...h, 1, 5, 1, 0x60, 1, 0x6f, 0, 3, 2, 1, 0, 10, 4, 1, 2, 0, 0x0b],
  // non-trapping float-to-int: i32.trunc_sat_f32_s
  [...h, 1, 6, 1, 0x60, 1, 0x7d, 1, 0x7f, 3, 2, 1, 0, 10, 8, 1, 6, 0, 0x20, 0, 0xfc, 0, 0x0b],
];
// Tiny modules as strings of bytes (a shared 8-byte header, then the rest).
const modsJs = JSON.stringify(featureModules.map((m) => String.fromCharCode(...m.slice(8))))
  .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const enTitle = strings.get('home_doc_title')?.[1];
if (!enTitle) throw new Error('scripts/build-app.mjs: no home_doc_title in app/src/i18n.rs');
const noticeTitle = strings.get('privacy_doc_title');
if (!noticeTitle) throw new Error('scripts/build-app.mjs: no privacy_doc_title in app/src/i18n.rs');
// The app's own storage keys, read from its source so the two never part:
// the notice agreed (pages/common.rs) and the draft to resume (draft.rs).
const rustConst = (file, name) => {
  const m = new RegExp(`const ${name}: &str = ("[^"]*");`).exec(readFileSync(join(root, 'app', 'src', file), 'utf8'));
  if (!m) throw new Error(`scripts/build-app.mjs: no ${name} in app/src/${file}`);
  return m[1];
};
const seenKey = rustConst('pages/common.rs', 'SEEN_KEY');
const regionTitle = strings.get('region_doc_title');
if (!regionTitle) throw new Error('scripts/build-app.mjs: no region_doc_title in app/src/i18n.rs');
const currentKey = rustConst('draft.rs', 'CURRENT_KEY');
// The static first step (issue 15: usable within 2 s on a first visit,
// before the wasm is here). Once the feature check passed, the static
// screen's 开始 shows (继续… when a draft is open, as the live home), and
// this script plays the app's part for the first step while the app is
// not live, the way the app would:
//  - 开始 puts the privacy notice (index.html's template, the texts of
//    app/src/pages/privacy.rs) in place of the home text, at
//    /apply/privacy; once the notice was agreed, the app's loading line at
//    /apply. It also starts the app at once (the person is waiting for it;
//    the app itself still waits for the end of parsing);
//  - agreeing records it where the app does (SEEN_KEY) and goes to /apply,
//    as the live notice does;
//  - on a return visit (the notice agreed, no draft open) 开始 goes to
//    /apply/region and shows the region step (index.html's template, its
//    options filled in by scripts/paper-pages.mjs), as the app's Resume
//    would: a choice is made there with the browser's own radios, and 继续
//    with one checked shows the loading line under it (without one, the
//    app's "choose one" error). The app takes the choice and the 继续 over
//    when it is live (main.rs: it waits until its own region step is built,
//    then checks the same region and, if 继续 was pressed, submits it), so
//    the flow goes on with that region (issue 15: a second visit's first
//    step within 1 s, before the module past home is here);
//  - back and forward (popstate) and a reload at those paths show the same,
//    and so does the end of parsing (a tap on 开始 can come before the
//    template at the end of the page has arrived);
//  - when the app mounts it starts at the path this left it at and keeps
//    the focus (main.rs), so what the person did is never lost.
//  - the URL's query is kept on each of these steps: in a frame it is the
//    frame's whole config (`embed=1&origin=...&region=...`, main.rs reads it
//    when it starts), and a tap before the app runs must not turn it into
//    a standalone page without the portal's lock.
//    A frame whose URL locks a region has no region step: its return
//    visit's 开始 shows the loading line, not every region to choose from.
// All of it stops once the app replaced the static screen (no .mtt-static).
const preSteps = `var ls=function(k){try{return localStorage.getItem(k)}catch(e){return null}};` +
  `if(ls(${currentKey})!=null)c.add('mtt-has-draft');` +
  `var T=document.title,NT=${JSON.stringify(noticeTitle)}[c.contains('mtt-pre-en')?1:0],RT=${JSON.stringify(regionTitle)}[c.contains('mtt-pre-en')?1:0],` +
  `S=function(){return ls(${seenKey})!=null&&!c.contains('mtt-has-draft')&&!/[?&]region=[^&]/.test(location.search)},` +
  `pre=function(){var r=document.querySelector('.mtt-static');if(!r&&document.body)return;` +
  `var p=location.pathname,n=p=='/apply/privacy',w=p=='/apply'||p=='/apply/',g=p=='/apply/region'&&S();` +
  `if(n)document.title=NT;else if(g)document.title=RT;else if(c.contains('mtt-at-notice')||c.contains('mtt-at-region'))document.title=T;` +
  `c.toggle('mtt-at-notice',n);c.toggle('mtt-at-wait',w);c.toggle('mtt-at-region',g);` +
  `var m=r&&r.querySelector('#mtt-main'),t=m&&m.querySelector('#mtt-pre-pages');` +
  `if((n||w||g)&&t&&!m.querySelector('.mtt-pre-page')){m.appendChild(t.content.cloneNode(true));fixLinks()}};` +
  `pre();addEventListener('DOMContentLoaded',pre);` +
  `addEventListener('popstate',pre);` +
  `document.addEventListener('click',function(e){` +
  `var a=e.target.closest&&e.target.closest('.mtt-static .mtt-start,.mtt-static .mtt-privacy-agree');` +
  `if(!a||e.defaultPrevented||e.button||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;e.preventDefault();` +
  `if(a.classList.contains('mtt-start')){c.remove('mtt-pre-sent','mtt-pre-unchosen');history.pushState(null,'',(S()?'/apply/region':ls(${seenKey})!=null?'/apply':'/apply/privacy')+location.search)}` +
  `else{try{localStorage.setItem(${seenKey},'1')}catch(e){}history.replaceState(null,'','/apply'+location.search)}` +
  `scrollTo(0,0);pre();go&&go(1)});` +
  `document.addEventListener('submit',function(e){var f=e.target.closest&&e.target.closest('.mtt-static .mtt-pre-region form');if(!f)return;e.preventDefault();` +
  `var x=f.querySelector('input:checked');c.toggle('mtt-pre-unchosen',!x);c.toggle('mtt-pre-sent',!!x);if(!x)f.querySelector('.mtt-pre-error').focus();go&&go(1)});`;
// A tap on the static screen gets the main thread to itself (issue 15: a
// second visit's first step within 1 s): its pointerdown marks it
// (`mtt-tapping` on <html>), and the app's start waits before each of its
// steps while the mark is there: here before the glue's import and before
// the instantiation, in the app before building the live page, swapping
// it in and fetching and rehearsing the flow (shell.rs `when_calm`). The
// mark goes once the frame after the tap's click is painted (its step is
// on screen), on pointercancel (a swipe), or after 2 s. A tap used to wait
// for the start's tasks three times over (touchstart, click, the step's
// frame): 122-296 ms at idle, docs/bench.md.
// On a service-worker visit the app's wasm is fetched and its glue imported
// only QUIET_MS after the frame that follows the end of parsing (开始 is
// painted by then): a tap the moment 开始 shows finds the main thread free,
// and its pointerdown holds the rest (calm()). The wasm used to be fetched
// at once, while the page was parsed: its bytes from the worker and V8's
// code-cache reads were main-thread tasks (28-46 ms at 4x in a trace on
// 2026-12-02) in the way of the first screen's layout and paint. The live
// app now comes that much later on a return visit (the fetch and compile
// after the quiet moment; not measured apart): the static screen answers
// 开始 and the region step meanwhile.
const QUIET_MS = 120;
const calmSteps = `var Q,untap=function(){clearTimeout(Q);c.remove('mtt-tapping')},` +
  `calm=function(){return new Promise(function(r){(function k(){c.contains('mtt-tapping')?setTimeout(k,20):r()})()})};` +
  `addEventListener('pointerdown',function(e){if(e.isPrimary&&e.target.closest&&e.target.closest('.mtt-static')){c.add('mtt-tapping');clearTimeout(Q);Q=setTimeout(untap,2000)}},true);` +
  `addEventListener('click',function(){c.contains('mtt-tapping')&&requestAnimationFrame(function(){setTimeout(untap,0)})},true);` +
  `addEventListener('pointercancel',untap,true);`;
// The language and elder mode the app will start in (prefs.rs
// `Prefs::resolve`): the saved ones; in a frame (`embed=1`) the frame URL's
// `lang` (zh…/en…) over the saved one, its `elder=true|1` when nothing is
// saved, and `brand=false` hides the app's name (mtt-pre-nobrand), as the
// app will. Same-origin links of the static screen keep a frame's query
// (fixLinks), so 我的申请 or the app's name tapped before the app is live
// does not open a standalone page in the portal's frame.
const start = `<script>(function(){var d=document.documentElement,c=d.classList,p=null,F=null;` +
  `try{p=localStorage.getItem('mtt:prefs')}catch(e){}` +
  `var en=/(^|;)lang=en/.test(p||''),el=/(^|;)elder=1/.test(p||'');` +
  `try{F=new URLSearchParams(location.search);if(F.get('embed')!='1')F=null}catch(e){F=null}` +
  `if(F){var l=(F.get('lang')||'').split(/[-_]/)[0].toLowerCase(),b=F.get('brand');if(l=='en')en=true;else if(l=='zh')en=false;` +
  `if(p==null)el=/^(true|1)$/.test(F.get('elder')||'');if(b=='false'||b=='0')c.add('mtt-pre-nobrand')}` +
  `if(en){c.add('mtt-pre-en');d.lang='en';document.title=${JSON.stringify(enTitle)}}` +
  `if(el)c.add('mtt-pre-elder');` +
  `var fixLinks=function(){if(F)[].forEach.call(document.querySelectorAll('.mtt-static a[href^="/"]'),function(a){var h=a.getAttribute('href');` +
  `if(h.indexOf('?')<0&&h.indexOf('#')<0&&!/^\\/paper\\//.test(h))a.setAttribute('href',h+location.search)})};` +
  `fixLinks();addEventListener('DOMContentLoaded',fixLinks);` +
  // A frame tells its portal before the app is live (the app's own
  // messages take over when it is, embed.rs): the static screen's height
  // (`resize`, until the static screen is gone), and that the app will not
  // run (`error`, code `wasm`: no WebAssembly or not the features it needs,
  // the notice and paper checklists on show) or did not load (code
  // `script`). To the URL's `origin` only: the browser delivers nothing if
  // the parent is another origin.
  // The observer's first call can come while the body is still being
  // parsed (no static screen yet: a slow or loaded machine paints between
  // chunks); it stops only once the document is parsed and the static
  // screen gone, or the portal never heard the height before `ready`.
  `var tell=function(t,o){try{if(F&&parent!==window){o.source='mantetong';o.version=1;o.type=t;parent.postMessage(o,F.get('origin'))}}catch(e){}};` +
  `if(F&&window.ResizeObserver){var H=0,R=new ResizeObserver(function(){if(!document.querySelector('.mtt-static')){if(document.readyState!='loading')R.disconnect();return}` +
  `var h=Math.ceil(d.getBoundingClientRect().height);if(h>0&&h!=H){H=h;tell('resize',{height:h})}});R.observe(d)}` +
  `var W=window.WebAssembly,ok=!!W&&typeof W.validate=='function';` +
  `try{ok=ok&&${modsJs}.every(function(m){var b=new Uint8Array(8+m.length),i;b.set([0,97,115,109,1,0,0,0]);` +
  `for(i=0;i<m.length;i++)b[8+i]=m.charCodeAt(i);return W.validate(b)})}catch(e){ok=false}` +
  `if(!ok){tell('error',{code:'wasm',message:'this browser cannot run the app (WebAssembly); the paper checklists are shown'});return}c.add('mtt-wasm-ok');` + preSteps + calmSteps +
  `var go=async(now)=>{go=null;try{` +
  `if(c.contains('mtt-sw')){if(document.readyState=='loading')await new Promise((r)=>addEventListener('DOMContentLoaded',r));` +
  `await new Promise((r)=>requestAnimationFrame(()=>setTimeout(r,${QUIET_MS})))}` +
  `const u='${base}mantetong-app_bg.wasm',f=fetch(u),w=now&&W.compileStreaming?W.compileStreaming(f).catch(()=>fetch(u)):f;w.catch(()=>{});` +
  `await calm();const m=import('${base}mantetong-app.js');m.catch(()=>{});` +
  `if(now&&document.readyState=='loading')await new Promise((r)=>addEventListener('DOMContentLoaded',r));` +
  `const M=await m,W2=await w;await calm();await M.default({module_or_path:W2});` +
  `}catch(e){c.add('mtt-load-failed');tell('error',{code:'script',message:'the app did not load; the paper checklists are shown'});throw e}};` +
  `var s=navigator.serviceWorker;if(s&&s.controller){c.add('mtt-sw');go(1);return}` +
  `addEventListener('load',function(){` +
  `var later=function(){setTimeout(function(){go&&go()},0)};setTimeout(function(){go&&go()},3000);` +
  `if((window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes||[]).indexOf('largest-contentful-paint')>=0)` +
  `new PerformanceObserver(later).observe({type:'largest-contentful-paint',buffered:true});` +
  `else requestAnimationFrame(later)})})()</script>`;
let html = readFileSync(join(root, 'index.html'), 'utf8');
const replaceOnce = (from, to) => {
  if (!html.includes(from)) throw new Error(`scripts/build-app.mjs: index.html has no ${from}`);
  html = html.replace(from, to);
};
replaceOnce('href="public/app.css"', `href="/${cssName}"`);
// In <head>, after the title it may change and before the stylesheet,
// so it never waits for it.
replaceOnce('<!-- app start script -->', start);
html = html.replace(/(<([a-z0-9]+)\b[^>]*?) data-t="([a-z0-9_]+)"([^>]*>)([\s\S]*?)(<\/\2>)/g, (all, open, tag, key, rest, zhText, close) => {
  const t = strings.get(key);
  if (!t) throw new Error(`scripts/build-app.mjs: index.html names data-t="${key}", which app/src/i18n.rs does not have`);
  // Empty: the text is i18n.rs's alone (the static first step); else the
  // zh-CN written in index.html must be i18n.rs's.
  if (zhText.trim() && t[0] !== zhText.trim()) throw new Error(`scripts/build-app.mjs: index.html's zh-CN for ${key} is not app/src/i18n.rs's`);
  return `${open}${rest}<span class="mtt-zh">${esc(t[0])}</span><span class="mtt-en" lang="en">${esc(t[1])}</span>${close}`;
});
if (html.includes('data-t=')) throw new Error('scripts/build-app.mjs: a data-t element was not filled (nested?)');
writeFileSync(join(dist, 'index.html'), html);

// 7. The widget loader for portals, with this build's names.
run('node', ['app/widget/build.mjs', dist]);
console.log(`build-app: dist/ ready (modules in ${base})`);
