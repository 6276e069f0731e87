// Makes `npm start` and `npm test` work on a fresh clone: installs the npm dependencies from package-lock.json
// when node_modules is missing or older than the lock file. Uses only Node built-ins (nothing is installed yet).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const marker = 'node_modules/.package-lock.json';
// A linked node_modules belongs to another checkout (a git worktree sharing one install): never reinstall through it.
const linked = fs.existsSync('node_modules') && fs.lstatSync('node_modules').isSymbolicLink();
const stale = !linked && (!fs.existsSync(marker) || fs.statSync('package-lock.json').mtimeMs > fs.statSync(marker).mtimeMs);
if (stale) {
  console.log('[switchboard] installing npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[switchboard] npm ci failed; see above. Node 20 or newer and the npm registry are needed.');
    process.exit(result.status ?? 1);
  }
}
