// Drops the JavaScript classes that leptos' server-function client drags
// into the home module and the app never uses: wasm-streams'
// IntoUnderlyingByteSource, IntoUnderlyingSink and IntoUnderlyingSource
// (leptos 0.8 turns on server_fn's `browser` feature, which needs
// wasm-streams, whose #[wasm_bindgen] classes are exports, so no linker or
// wasm-opt can drop them). The app has no server functions and streams
// nothing through them; nothing in the wasm builds these classes (their
// JS has no constructor the wasm imports).
//
// Run by scripts/build-app.mjs between wasm-bindgen and wasm-opt on the
// main module: the wasm's exports of those classes go (wasm-opt -Oz then
// drops the code only they reached: 3.9 KB raw, 0.9 KB brotli on
// 2026-12-01), and so do the classes in the JS glue. The build fails if any
// reference to a dropped export is left in the glue, so a new
// wasm-bindgen whose output this does not recognise cannot ship broken
// glue. Usage: node scripts/drop-exports.mjs WASM JS
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const isDropped = (name) => CLASSES.some((c) => {
  const l = c.toLowerCase();
  return name.startsWith(`${l}_`) || name === `__wbg_${l}_free`;
});

// 1. The wasm export section (id 7) without those exports.
const b = readFileSync(wasmPath);
const leb = (i) => {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
};
const uleb = (n) => {
  const o = [];
  do { let x = n & 0x7f; n = Math.floor(n / 128); if (n) x |= 0x80; o.push(x); } while (n);
  return Buffer.from(o);
};
const parts = [b.subarray(0, 8)];
const dropped = [];
for (let i = 8; i < b.length;) {
  const start = i;
  const id = b[i++];
  let size;
  [size, i] = leb(i);
  const end = i + size;
  if (id !== 7) { parts.push(b.subarray(start, end)); i = end; continue; }
  let n;
  [n, i] = leb(i);
  const kept = [];
  for (let k = 0; k < n; k++) {
    const e0 = i;
    let len;
    [len, i] = leb(i);
    const name = b.subarray(i, i + len).toString('utf8');
    i += len + 1; // name, then the export kind byte
    [, i] = leb(i); // the index
    if (isDropped(name)) dropped.push(name); else kept.push(b.subarray(e0, i));
  }
  if (i !== end) throw new Error('drop-exports: export section not read to its end');
  const body = Buffer.concat([uleb(kept.length), ...kept]);
  parts.push(Buffer.from([7]), uleb(body.length), body);
  i = end;
}
writeFileSync(wasmPath, Buffer.concat(parts));

// 2. The classes in wasm-bindgen's glue: `export class X { … }` up to its
//    `if (Symbol.dispose) X.prototype…` line, and `const XFinalization = …;`.
let js = readFileSync(jsPath, 'utf8');
for (const c of CLASSES) {
  js = js.replace(new RegExp(`^export class ${c} \\{\\n[\\s\\S]*?^if \\(Symbol\\.dispose\\) ${c}\\.prototype\\[Symbol\\.dispose\\] = ${c}\\.prototype\\.free;\\n`, 'm'), '');
  js = js.replace(new RegExp(`^const ${c}Finalization = [\\s\\S]*?\\);\\n`, 'm'), '');
}
const left = CLASSES.filter((c) => js.includes(c) || js.includes(c.toLowerCase()));
if (left.length) throw new Error(`drop-exports: the glue still names ${left.join(', ')} (wasm-bindgen's output changed?)`);
writeFileSync(jsPath, js);
console.log(`drop-exports: ${dropped.length} wasm exports and their glue dropped (${CLASSES.join(', ')})`);
