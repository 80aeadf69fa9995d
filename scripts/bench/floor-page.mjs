// The Lighthouse floor: the built index.html with every <script> and every
// preload of the JS/wasm removed, so the same first screen (same HTML, same
// CSS) paints with no wasm at all. Usage: node floor-page.mjs IN OUT
import { readFileSync, writeFileSync } from 'node:fs';
const [input, output] = process.argv.slice(2);
let html = readFileSync(input, 'utf8');
html = html
  .replace(/<script\b[\s\S]*?<\/script>/gi, '')
  .replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi, '');
// The start script would mark a browser that can run the app; without it
// the static screen shows its no-WebAssembly notice, which is not the
// first screen the app paints. Mark it here instead.
html = html.replace(/<html\b([^>]*)>/i, (m, attrs) => `<html${attrs} class="mtt-wasm-ok">`);
if (/<script\b|\.wasm/i.test(html)) throw new Error('floor page still loads scripts or wasm');
writeFileSync(output, html);
