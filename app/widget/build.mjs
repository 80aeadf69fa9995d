// Called by scripts/build-app.mjs: writes the widget loader for portals
// into the build, with the hashed names of the app's JS, wasm and CSS read
// from the built index.html. Usage (standalone): node app/widget/build.mjs DIST
//
//   DIST/mantetong-widget.js                  the moving alias (served no-cache)
//   DIST/widget/v<version>/mantetong-widget.js  this release's loader, immutable:
//                                              pins the stylesheet and the wasm by
//                                              subresource integrity
//   DIST/widget/v<version>/integrity.json     the SRI hashes to publish
//   DIST/widget/index.json                    the versions there are, newest last
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? 'dist';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const pick = (re, what) => {
  const m = html.match(re);
  if (!m) throw new Error(`app/widget/build.mjs: no ${what} in ${dir}/index.html`);
  return m[1];
};
const names = {
  __MTT_JS__: pick(/import\('\/(pkg\/[0-9a-f]{16}\/mantetong-app\.js)'/, 'module script'),
  __MTT_WASM__: pick(/'\/(pkg\/[0-9a-f]{16}\/mantetong-app_bg\.wasm)'/, 'wasm'),
  __MTT_CSS__: pick(/href="\/(app-[0-9a-f]+\.css)"/, 'stylesheet'),
};
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const template = readFileSync(join(here, 'mantetong-widget.js'), 'utf8');
const fill = (values) => {
  let js = template;
  for (const [k, v] of Object.entries({ ...names, ...values, __MTT_VERSION__: version })) {
    if (!js.includes(k)) throw new Error(`app/widget/build.mjs: ${k} not in the template`);
    js = js.replaceAll(k, v);
  }
  return js;
};

// The moving alias: no pins (its files change at every deploy).
writeFileSync(join(dir, 'mantetong-widget.js'), fill({ __MTT_BASE__: './', __MTT_CSS_SRI__: '', __MTT_WASM_SRI__: '' }));

// This version's immutable loader, pinning what it loads.
const css = sri(readFileSync(join(dir, names.__MTT_CSS__)));
const wasm = sri(readFileSync(join(dir, names.__MTT_WASM__)));
const vdir = join(dir, 'widget', `v${version}`);
mkdirSync(vdir, { recursive: true });
const loader = fill({ __MTT_BASE__: '../../', __MTT_CSS_SRI__: css, __MTT_WASM_SRI__: wasm });
writeFileSync(join(vdir, 'mantetong-widget.js'), loader);
const integrity = {
  version,
  loader: { path: `widget/v${version}/mantetong-widget.js`, integrity: sri(loader) },
  pinned: { [names.__MTT_CSS__]: css, [names.__MTT_WASM__]: wasm },
};
writeFileSync(join(vdir, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
const indexFile = join(dir, 'widget', 'index.json');
const versions = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')).versions : [];
if (!versions.includes(version)) versions.push(version);
writeFileSync(indexFile, `${JSON.stringify({ latest: version, versions }, null, 2)}\n`);
console.log(`mantetong-widget.js: ${Object.values(names).join(', ')}`);
console.log(`widget/v${version}/mantetong-widget.js integrity ${integrity.loader.integrity}`);
