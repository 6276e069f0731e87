// Runs the in-host mocha suite (out/test/host/index.js, the extensionTestsPath contract) inside code-server's real
// extension host: fixture server + code-server (dev mode) + headless Chromium. Prints mocha's spec output and exits
// with mocha's result. Build first (npm run test:host does). Run with tsx (it imports the rig's TypeScript).
//   SWITCHBOARD_HOST_TEST_GREP=pattern   only tests whose title matches
//   SWITCHBOARD_HOST_TEST_TIMEOUT_MS     whole-run limit (default 300000)
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startCodeServer, fixtureSettings } from './codeServer.ts';
import { fixtureAvailable, startFixture } from './fixture.ts';
import { launchBrowser } from './browser.ts';

/** Must match reportLineMark in test/host/index.ts. */
const reportLineMark = '\u2063';

const started = Date.now();
const timeoutMs = Number(process.env.SWITCHBOARD_HOST_TEST_TIMEOUT_MS ?? 300_000);
const testsEntry = path.join(repoRoot, 'out', 'test', 'host', 'index.js');
if (!fs.existsSync(testsEntry)) {
  console.error(`${path.relative(repoRoot, testsEntry)} is missing: build first (node esbuild.mjs).`);
  process.exit(1);
}

let fixture;
if (fixtureAvailable()) fixture = await startFixture();
else console.log('[host] test/support/fixtureServer.ts is not in the tree yet: providers point at a closed port.');
const fixtureUrl = fixture?.url ?? 'http://127.0.0.1:9';

const stateDir = path.join(repoRoot, '.e2e', `host-${process.pid}`);
fs.rmSync(stateDir, { recursive: true, force: true });
const resultsFile = path.join(stateDir, 'results.json');
const server = await startCodeServer({
  mode: 'dev',
  stateDir,
  settings: fixtureSettings(fixtureUrl),
  env: {
    SWITCHBOARD_HOST_TEST_RESULTS: resultsFile,
    SWITCHBOARD_FIXTURE_URL: fixtureUrl,
    ...(process.env.SWITCHBOARD_HOST_TEST_GREP ? { SWITCHBOARD_HOST_TEST_GREP: process.env.SWITCHBOARD_HOST_TEST_GREP } : {}),
  },
});
const browser = await launchBrowser();
let exitCode = 1;
try {
  const page = await browser.newPage();
  const finished = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
  });
  // The workbench's and extension host's console.* arrive here (the smoke-test driver's log hook). Mocha's report
  // lines carry an invisible mark (test/host/index.ts); the rest is workbench noise, shown only when asked.
  const verbose = Boolean(process.env.SWITCHBOARD_HOST_TEST_VERBOSE);
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
    const mark = text.indexOf(reportLineMark);
    if (mark >= 0) process.stdout.write(`${text.slice(mark + 1)}\n`);
    else if (verbose) process.stdout.write(`  [workbench] ${text.split('\n')[0]}\n`);
  });
  await page.goto(server.workbenchUrl([['extensionTestsPath', server.remoteUri(testsEntry)]]));
  const outcome = await Promise.race([
    finished,
    new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
  ]);
  if (outcome === 'timeout') {
    console.error(`[host] the in-host suite did not finish within ${timeoutMs / 1000} s; code-server log: ${server.logFile}`);
  } else {
    exitCode = outcome === 0 ? 0 : 1;
  }
  if (fs.existsSync(resultsFile)) {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    // The same lines mocha prints, so npm test's summary can read them even when console forwarding is lossy.
    console.log(`[host] ${results.passing} passing, ${results.failing} failing, ${results.pending} pending`);
    if (results.failing > 0) exitCode = 1;
  } else if (outcome !== 'timeout') {
    console.error(`[host] the suite wrote no results (exit ${outcome}); did it load? code-server log: ${server.logFile}`);
    exitCode = 1;
  }
} finally {
  await browser.close();
  await server.stop();
  await fixture?.close();
}
if (exitCode === 0) fs.rmSync(stateDir, { recursive: true, force: true });
console.log(`[host] finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${exitCode}`);
process.exit(exitCode);
