// Writes DIST/regions/index.json, the region list the app shows first, from
// the packs themselves (id, names, policy year, coverage), so the list can
// never disagree with the packs. A region may have several versions side by
// side (`<id>.json`, `<id>.<year>.json`, each with its effective period):
// one entry per region, listing every version's file and period, so the app
// loads the one in force today. Usage: node scripts/region-index.mjs DIST
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.argv[2] ?? 'dist', 'regions');
const byId = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json').sort()) {
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
writeFileSync(join(dir, 'index.json'), JSON.stringify(packs, null, 1) + '\n');
console.log(`regions/index.json: ${packs.map((p) => `${p.id} (${p.versions.map((v) => v.version).join(', ')})`).join(', ')}`);
