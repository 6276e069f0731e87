// npm test: installs the rig if missing, builds, then runs every suite in order, streaming each one's output:
//   lint + type-check, core unit (mocha), webview in Chromium, in-host (code-server), Playwright e2e, and the rig's
//   own behaviour (npm run demo stops cleanly on SIGTERM).
// Prints a summary table (suite, passing, failing, seconds) and a final line "N passed, N failed"; exits 1 if any
// suite failed. `node scripts/test.mjs unit host` runs only the named suites.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const only = process.argv.slice(2);
const started = Date.now();

/** Runs a command, streaming its output; resolves with its exit code and everything it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const forward = (stream) => (chunk) => {
      const text = chunk.toString();
      output += text;
      // npm 11 warns about the machine's legacy npmrc key on every call; it is noise here.
      stream.write(text.replace(/^npm warn Unknown user config "nodedir".*\n/gm, ''));
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 72 - text.length))}`);
}

/** Last "N passing" / "N failing" that mocha (or our runners) printed. */
function mochaCounts(output) {
  const last = (re) => { const all = [...output.matchAll(re)]; return all.length ? Number(all.at(-1)[1]) : 0; };
  return { passing: last(/(\d+) passing/g), failing: last(/(\d+) failing/g) };
}

const suites = [
  {
    name: 'lint + types',
    async run() {
      const checks = [
        ['npx', ['eslint', '.']],
        ['npx', ['tsc', '-p', '.', '--noEmit']],
        ['npx', ['tsc', '-p', 'webview', '--noEmit']],
        ['npx', ['tsc', '-p', 'test', '--noEmit']],
        ['npx', ['tsc', '-p', 'scripts', '--noEmit']],
      ];
      let passing = 0;
      let failing = 0;
      for (const [command, args] of checks) {
        console.log(`> ${command} ${args.join(' ')}`);
        const { code } = await run(command, args);
        if (code === 0) passing++; else failing++;
      }
      return { passing, failing, unit: 'checks' };
    },
  },
  { name: 'unit', script: 'test:unit' },
  { name: 'webview', script: 'test:webview' },
  { name: 'host', script: 'test:host' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'rig', script: 'test:rig' },
];

banner('rig (scripts/rig/install.sh)');
const rig = await run('bash', ['scripts/rig/install.sh']);
if (rig.code !== 0) {
  console.error('The code-server rig could not be installed; see above.');
  process.exit(1);
}

banner('build (node esbuild.mjs)');
const build = await run('node', ['esbuild.mjs']);
if (build.code !== 0) {
  console.error('\nBuild failed; no suite was run.\n0 passed, 1 failed');
  process.exit(1);
}

const rows = [];
for (const suite of suites) {
  if (only.length && !only.some((name) => suite.name.startsWith(name))) continue;
  banner(suite.name);
  const t0 = Date.now();
  if (suite.script && !manifest.scripts?.[suite.script]) {
    // A suite that cannot run is a failure, never a quiet "skipped".
    console.log(`failed: package.json has no "${suite.script}" script`);
    rows.push({ name: suite.name, passing: 0, failing: 1, seconds: 0, note: 'no script' });
    continue;
  }
  let result;
  if (suite.run) {
    result = await suite.run();
  } else {
    const { code, output } = await run('npm', ['run', '--silent', suite.script], { SWITCHBOARD_BUILD_LOG: 'warning' });
    const counts = mochaCounts(output);
    // A crash before mocha's summary still counts as a failure.
    if (code !== 0 && counts.failing === 0) counts.failing = 1;
    result = { ...counts, note: code === 0 ? '' : `exit ${code}` };
  }
  rows.push({ name: suite.name, ...result, seconds: (Date.now() - t0) / 1000 });
}

banner('summary');
const table = [['suite', 'passing', 'failing', 'seconds', ''], ...rows.map((row) => [
  row.name, String(row.passing), String(row.failing), row.seconds.toFixed(1), row.note ?? row.unit ?? '',
])];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
for (const [index, row] of table.entries()) {
  console.log(row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}
const passed = rows.reduce((sum, row) => sum + row.passing, 0);
const failed = rows.reduce((sum, row) => sum + row.failing, 0);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
