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
// the first screen's largest paint (nothing preloaded: docs/size.md §4).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, process.argv[2] ?? 'dist');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target', 'wasm');
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

// 1. The app, with relocations kept so wasm-split can move code.
run('cargo', ['rustc', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'mantetong-app', '--bin', 'mantetong-app',
  '--features', 'split', '--', '-C', 'link-arg=--emit-relocs']);
const raw = join(targetDir, 'wasm32-unknown-unknown', 'release', 'mantetong-app.wasm');

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
run('wasm-opt', ['-Oz', mainWasm, '-o', mainWasm]);
for (const f of readdirSync(split).sort()) {
  if (f === 'mantetong-app.wasm') continue;
  if (f.endsWith('.wasm')) run('wasm-opt', ['-Oz', join(split, f), '-o', join(pkg, f)]);
  else if (f.endsWith('.js')) cpSync(join(split, f), join(pkg, f));
}

// 5. dist/: the modules under their content hash, the stylesheet hashed,
//    the public files as they are.
const pkgFiles = readdirSync(pkg).sort();
const version = hash16(...pkgFiles.flatMap((f) => [f, readFileSync(join(pkg, f))]));
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(pkg, join(dist, 'pkg', version), { recursive: true });
const css = readFileSync(join(root, 'public', 'app.css'));
const cssName = `app-${hash16(css)}.css`;
writeFileSync(join(dist, cssName), css);
for (const f of ['icon.svg', 'manifest.webmanifest', 'regions', 'calendar']) {
  cpSync(join(root, 'public', f), join(dist, f), { recursive: true });
}

// 6. index.html: the static first screen, the stylesheet, the start script.
const base = `/pkg/${version}/`;
// The app starts once the static first screen's largest paint is done
// (where the browser reports it; else after the first frame, at most 3 s
// later): Lighthouse charges every request that starts before the LCP to
// the LCP, and a run where the wasm (and the module it prefetches) started
// before the static paint was scored 92 with LCP 3.3 s.
const start = `<script type="module">addEventListener('load',()=>{let go=async()=>{go=null;` +
  `const m=await import('${base}mantetong-app.js');await m.default({module_or_path:'${base}mantetong-app_bg.wasm'})};` +
  `const later=()=>setTimeout(()=>go&&go(),0);setTimeout(()=>go&&go(),3000);` +
  `if((PerformanceObserver.supportedEntryTypes||[]).includes('largest-contentful-paint'))` +
  `new PerformanceObserver(later).observe({type:'largest-contentful-paint',buffered:true});` +
  `else requestAnimationFrame(later)})</script>`;
let html = readFileSync(join(root, 'index.html'), 'utf8');
const replaceOnce = (from, to) => {
  if (!html.includes(from)) throw new Error(`scripts/build-app.mjs: index.html has no ${from}`);
  html = html.replace(from, to);
};
replaceOnce('href="public/app.css"', `href="/${cssName}"`);
replaceOnce('<!-- app start script -->', start);
writeFileSync(join(dist, 'index.html'), html);

// 7. The widget loader for portals, with this build's names.
run('node', ['app/widget/build.mjs', dist]);
console.log(`build-app: dist/ ready (modules in ${base})`);
