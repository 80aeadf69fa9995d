// Size report of the built app: every shipped asset raw, gzip and brotli, and
// the first-load total (what a phone downloads before it can use the app).
// With --write it also stores NAME.br and NAME.gz beside each asset, which
// the servers send to clients that accept them.
// With --check it exits 1 when the first load is over the 120 KB budget
// (make test runs it: a size, not a timing, so it is a test).
// Usage: node scripts/size-report.mjs DIST [--write] [--check] [--out FILE]
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, dirname, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const write = args.includes('--write');
const check = args.includes('--check');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : 'target/size-report.md';
// The packs a first visit loads: regions/all.json, every region's pack in
// one file (app/src/session.rs), which the app reads when a region is chosen.
const defaultPack = process.env.MTT_DEFAULT_PACK ?? 'regions/all.json';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const firstLoadExt = new Set(['.html', '.css', '.js', '.wasm', '.svg']);
const rows = walk(dist)
  .filter((p) => !p.endsWith('.br') && !p.endsWith('.gz'))
  .map((path) => {
    const name = relative(dist, path);
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gz = gzipSync(raw, { level: 9 });
    if (write && raw.length > 256) {
      writeFileSync(path + '.br', br);
      writeFileSync(path + '.gz', gz);
    }
    // The widget loader is for portals; the standalone app never fetches it.
    // The wasm modules behind the split point (app/src/later.rs) come after
    // the first screen is live: counted under "later", not the first load.
    const later = /^pkg\/[0-9a-f]{16}\/(split_|chunk_).*\.wasm$/.test(name.split('\\').join('/'));
    // The paper checklists (scripts/paper-pages.mjs) are pages of their own.
    // The photo reader (reader/) is fetched when a photo is first added.
    const own = /^(regions|paper|reader)\//.test(name.split('\\').join('/')) || name.startsWith('mantetong-widget') || name.startsWith('widget/');
    const first = !later && (firstLoadExt.has(extname(name)) && !own || name === defaultPack);
    return { name, raw: raw.length, gz: gz.length, br: br.length, first, later };
  })
  .sort((a, b) => b.br - a.br);

const kb = (n) => (n / 1024).toFixed(1);
const sum = (key, list) => list.reduce((s, r) => s + r[key], 0);
const first = rows.filter((r) => r.first);
const laterRows = rows.filter((r) => r.later);
const lines = [
  '| asset | first load | raw KB | gzip KB | brotli KB |',
  '|---|:-:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.first ? 'yes' : r.later ? 'later' : ''} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`),
  `| **first load total** | | **${kb(sum('raw', first))}** | **${kb(sum('gz', first))}** | **${kb(sum('br', first))}** |`,
  `| fetched after the first screen is live | | ${kb(sum('raw', laterRows))} | ${kb(sum('gz', laterRows))} | ${kb(sum('br', laterRows))} |`,
  `| all assets | | ${kb(sum('raw', rows))} | ${kb(sum('gz', rows))} | ${kb(sum('br', rows))} |`,
];
const budget = 120 * 1024;
const verdict = `first load brotli ${kb(sum('br', first))} KB of a 120 KB budget` +
  (sum('br', first) > budget ? ' — OVER BUDGET' : '');
const report = lines.join('\n') + '\n\n' + verdict + '\n';
console.log(report);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, report);
if (check && sum('br', first) > budget) {
  console.error(`size-report: the first load is ${kb(sum('br', first))} KB brotli, over the 120 KB budget (issue 7); docs/size.md says what is big.`);
  process.exit(1);
}
