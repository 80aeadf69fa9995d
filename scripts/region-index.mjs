// Writes DIST/regions/index.json, the region list the app shows first, from
// the packs themselves (id, names, policy year, coverage), so the list can
// never disagree with the packs. Usage: node scripts/region-index.mjs DIST
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.argv[2] ?? 'dist', 'regions');
const packs = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'index.json')
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
  .map((p) => ({ id: p.id, name: p.name, policy_year: p.policy_year, coverage: p.coverage?.level ?? p.coverage }))
  // Full packs first, then by id, so the regions a person can finish come first.
  .sort((a, b) => (a.coverage === 'full' ? 0 : 1) - (b.coverage === 'full' ? 0 : 1) || a.id.localeCompare(b.id));
writeFileSync(join(dir, 'index.json'), JSON.stringify(packs, null, 1) + '\n');
console.log(`regions/index.json: ${packs.map((p) => p.id).join(', ')}`);
