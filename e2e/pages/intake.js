// What the real intake server stored: its back-office `--list` over the e2e
// data directory (safe while the server runs).
import { execFileSync } from 'node:child_process';
import { dataDir } from '../playwright.config.js';

export function storedApplications() {
  const out = execFileSync('../target/release/mantetong-intake', ['--data', dataDir, '--list'], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
