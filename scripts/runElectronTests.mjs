// npm run test:electron: the in-host suite (out/test/host/index.js) in VS Code desktop through @vscode/test-electron.
// Uses the `code` on PATH when there is one, otherwise lets @vscode/test-electron download VS Code. Where neither
// is possible (no `code`, no route to the VS Code download servers) it says so and exits 0: the same suite runs in
// code-server with `npm run test:host`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = process.cwd();
const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'host', 'index.js');
if (!fs.existsSync(extensionTestsPath)) {
  console.error('out/test/host/index.js is missing: build first (node esbuild.mjs).');
  process.exit(1);
}

function codeOnPath() {
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

async function canReachDownloads() {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

const { runTests } = await import('@vscode/test-electron');
let vscodeExecutablePath;
const code = codeOnPath();
if (code) {
  // `code` is the CLI launcher; VS Code's executable is what test-electron wants. The CLI works for --version only,
  // so resolve the real binary next to it when this is a standard install.
  const real = fs.realpathSync(code);
  const candidate = path.resolve(path.dirname(real), '..', 'code');
  vscodeExecutablePath = fs.existsSync(candidate) ? candidate : real;
  console.log(`[electron] using VS Code at ${vscodeExecutablePath}`);
} else if (!(await canReachDownloads())) {
  console.log('[electron] skipped: no `code` on PATH and update.code.visualstudio.com is not reachable, so VS Code desktop');
  console.log('[electron] can be neither found nor downloaded. The same in-host suite runs in code-server: npm run test:host');
  process.exit(0);
}

try {
  const exitCode = await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(exitCode);
} catch (error) {
  console.error(`[electron] the in-host suite failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
