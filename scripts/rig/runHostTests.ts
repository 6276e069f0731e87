// Runs the in-host mocha suite (out/test/host/index.js, the extensionTestsPath contract) inside code-server's real
// extension host: fixture server + code-server (dev mode) + headless Chromium. Prints mocha's spec output and exits
// with mocha's result. Build first (`npm run test:host` does):  tsx scripts/rig/runHostTests.ts
//   SWITCHBOARD_HOST_TEST_GREP=pattern   only tests whose title matches
//   SWITCHBOARD_HOST_TEST_TIMEOUT_MS     whole-run limit (default 300000)
//   SWITCHBOARD_HOST_TEST_VERBOSE=1      also print the workbench's own console output
import fs from 'node:fs';
import path from 'node:path';
import { fixtureSettings, repoRoot, startCodeServer } from './codeServer';
import { startFixture, type FixtureHandle } from './fixture';
import { launchBrowser } from './browser';

/** Must match reportLineMark in test/host/index.ts. */
const reportLineMark = '\u2063';

interface HostTestResults {
  passing: number;
  failing: number;
  pending: number;
}

async function main(): Promise<number> {
  const started = Date.now();
  const timeoutMs = Number(process.env.SWITCHBOARD_HOST_TEST_TIMEOUT_MS ?? 300_000);
  const testsEntry = path.join(repoRoot, 'out', 'test', 'host', 'index.js');
  if (!fs.existsSync(testsEntry)) {
    console.error(`${path.relative(repoRoot, testsEntry)} is missing: build first (node esbuild.mjs).`);
    return 1;
  }

  const fixture: FixtureHandle = await startFixture();
  const fixtureUrl = fixture.url;

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
    const finished = new Promise<unknown>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: unknown) => resolve(code));
    });
    // The workbench's and extension host's console.* arrive here (the smoke-test driver's log hook). Mocha's report
    // lines carry an invisible mark (test/host/index.ts); the rest is workbench noise, shown only when asked.
    const verbose = Boolean(process.env.SWITCHBOARD_HOST_TEST_VERBOSE);
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
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
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostTestResults;
      // Counted from mocha's events, so npm test's summary is right even if console forwarding drops a line.
      console.log(`[host] ${results.passing} passing, ${results.failing} failing, ${results.pending} pending`);
      if (results.failing > 0) exitCode = 1;
      // A suite that ran nothing proves nothing: no test files were found, or the grep matched none.
      if (results.passing + results.failing === 0) {
        console.error('[host] 0 tests ran: that is a failure (no compiled test/host/**/*.test.js, or SWITCHBOARD_HOST_TEST_GREP matched none)');
        exitCode = 1;
      }
    } else if (outcome !== 'timeout') {
      console.error(`[host] the suite wrote no results (exit ${String(outcome)}); did it load? code-server log: ${server.logFile}`);
      exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.stop({ removeState: exitCode === 0 });
    await fixture.close();
  }
  if (exitCode !== 0) console.log(`[host] code-server state kept for inspection: ${stateDir}`);
  console.log(`[host] finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${exitCode}`);
  return exitCode;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`[host] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
