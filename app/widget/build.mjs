// Called by scripts/build-app.mjs: writes mantetong-widget.js into the
// build with the hashed names of the app's JS, wasm and CSS, read from the
// built index.html. Usage (standalone): node app/widget/build.mjs DIST
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? 'dist';
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
const here = dirname(fileURLToPath(import.meta.url));
let js = readFileSync(join(here, 'mantetong-widget.js'), 'utf8');
for (const [k, v] of Object.entries(names)) js = js.replace(k, v);
writeFileSync(join(dir, 'mantetong-widget.js'), js);
console.log(`mantetong-widget.js: ${Object.values(names).join(', ')}`);
