// Writes DIST/regions/index.json, the region list the app shows first, from
// the packs themselves (id, names, policy year, coverage), so the list can
// never disagree with the packs. A region may have several versions side by
// side (`<id>.json`, `<id>.<year>.json`, each with its effective period):
// one entry per region, listing every version's file and period, so the app
// loads the one in force today. Usage: node scripts/region-index.mjs DIST
//
// It also writes the shipped packs and the calendar without the whitespace
// between tokens (issue 15: a first visit precaches every pack; 1.3 KB
// brotli fewer on the wire, docs/size.md 2026-12-01 afternoon). Only the
// whitespace outside strings goes: every key, value, source and `$comment`
// stays, token for token (numbers are not re-printed), and the result is
// checked to parse to the same JSON as the file it came from.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const dir = join(dist, 'regions');

// JSON text without insignificant whitespace (RFC 8259 §2: space, tab, LF,
// CR between tokens), copying every token exactly as written.
function minify(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      out += c;
    }
  }
  const same = JSON.stringify(JSON.parse(out)) === JSON.stringify(JSON.parse(text));
  if (!same) throw new Error('region-index: minified JSON differs from its source');
  return out;
}
const shrink = (path) => writeFileSync(path, minify(readFileSync(path, 'utf8')) + '\n');
const byId = new Map();
// `all.json` is written below: every pack in one file, for the app.
const isPack = (f) => f.endsWith('.json') && f !== 'index.json' && f !== 'all.json';
for (const file of readdirSync(dir).filter(isPack).sort()) {
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const version = { file, version: p.version, from: p.effective?.from ?? null, to: p.effective?.to ?? null };
  const entry = byId.get(p.id) ?? { id: p.id, versions: [] };
  entry.versions.push(version);
  // Names, year and coverage of the newest version.
  if (!entry.from || (version.from ?? '') >= entry.from) {
    Object.assign(entry, { name: p.name, policy_year: p.policy_year, coverage: p.coverage?.level ?? p.coverage, from: version.from ?? '' });
  }
  byId.set(p.id, entry);
}
const packs = [...byId.values()]
  .map(({ id, name, policy_year, coverage, versions }) => ({
    id, name, policy_year, coverage,
    versions: versions.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '')),
  }))
  // Full packs first, then by id, so the regions a person can finish come first.
  .sort((a, b) => (a.coverage === 'full' ? 0 : 1) - (b.coverage === 'full' ? 0 : 1) || a.id.localeCompare(b.id));
writeFileSync(join(dir, 'index.json'), JSON.stringify(packs) + '\n');
for (const file of readdirSync(dir).filter(isPack)) shrink(join(dir, file));
// regions/all.json: `{"<file>": <pack>, …}`, every file above as it is
// shipped (minified). The app reads its region's pack from it on its own
// origin and the service worker precaches it instead of the single files
// (app/src/session.rs): one response, and brotli over all the packs at once
// compresses them to ~12 KB instead of ~15.7 KB for five files.
const files = readdirSync(dir).filter(isPack).sort();
writeFileSync(join(dir, 'all.json'), `{${files.map((f) => `${JSON.stringify(f)}:${readFileSync(join(dir, f), 'utf8').trim()}`).join(',')}}\n`);
const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'));
for (const f of files) {
  if (JSON.stringify(all[f]) !== JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8')))) throw new Error(`region-index: all.json differs from ${f}`);
}
// The calendar, where the directory has one (a dist; a drop-in packs
// directory, as npm/test.mjs builds, may hold only regions/).
if (existsSync(join(dist, 'calendar'))) {
  for (const file of readdirSync(join(dist, 'calendar')).filter((f) => f.endsWith('.json'))) shrink(join(dist, 'calendar', file));
}
console.log(`regions/index.json: ${packs.map((p) => `${p.id} (${p.versions.map((v) => v.version).join(', ')})`).join(', ')}`);
