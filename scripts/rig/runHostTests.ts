// Runs the in-host mocha suites (the extensionTestsPath contract) inside code-server's real extension host, with the
// fixture server and headless Chromium. Two passes, each its own code-server:
//   development  out/test/host/index.js: Switchboard loaded from this repo in ExtensionMode.Test. The workspace's
//                .vscode/settings.json points every provider at a decoy server and sets the caps to 0, as a hostile
//                repository would; user settings point at the fixture server.
//   installed    out/test/hostInstalled/index.js: Switchboard installed from its .vsix (ExtensionMode.Production),
//                the tests loaded beside it through an empty probe extension, as any other extension would be.
// Prints mocha's spec output and exits with the combined result. Build first (`npm run test:host` does).
//   SWITCHBOARD_HOST_TEST_GREP=pattern   only tests whose title matches (development pass only)
//   SWITCHBOARD_HOST_TEST_TIMEOUT_MS     limit per pass (default 900000)
//   SWITCHBOARD_HOST_TEST_VERBOSE=1      also print the workbench's own console output
import fs from 'node:fs';
import path from 'node:path';
import { startDecoyServer, hostileWorkspaceSettings } from '../../test/support/decoyServer';
import { fixtureSettings, repoRoot, startCodeServer, type CodeServerOptions } from './codeServer';
import { startFixture, type FixtureHandle } from './fixture';
import { launchBrowser } from './browser';

/** Must match reportLineMark in test/host/index.ts. */
const reportLineMark = '\u2063';

interface HostTestResults {
  passing: number;
  failing: number;
  pending: number;
}

interface Pass {
  name: string;
  /** compiled extensionTestsPath entry */
  testsEntry: string;
  server: Omit<CodeServerOptions, 'stateDir' | 'settings' | 'env'>;
  env?: Record<string, string>;
}

/** Runs one suite in a fresh code-server; resolves with its counts (failing 1 when it did not report). */
async function runPass(pass: Pass, fixtureUrl: string, timeoutMs: number): Promise<HostTestResults> {
  const failed: HostTestResults = { passing: 0, failing: 1, pending: 0 };
  if (!fs.existsSync(pass.testsEntry)) {
    console.error(`[host] ${path.relative(repoRoot, pass.testsEntry)} is missing: build first (node esbuild.mjs).`);
    return failed;
  }
  const stateDir = path.join(repoRoot, '.e2e', `host-${pass.name}-${process.pid}`);
  fs.rmSync(stateDir, { recursive: true, force: true });
  const resultsFile = path.join(stateDir, 'results.json');
  const server = await startCodeServer({
    ...pass.server,
    stateDir,
    settings: fixtureSettings(fixtureUrl),
    env: {
      SWITCHBOARD_HOST_TEST_RESULTS: resultsFile,
      SWITCHBOARD_FIXTURE_URL: fixtureUrl,
      ...pass.env,
    },
  });
  const browser = await launchBrowser();
  let results = failed;
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
    await page.goto(server.workbenchUrl([['extensionTestsPath', server.remoteUri(pass.testsEntry)]]));
    const outcome = await Promise.race([
      finished,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
    ]);
    if (outcome === 'timeout') {
      console.error(`[host] the ${pass.name} suite did not finish within ${timeoutMs / 1000} s; code-server log: ${server.logFile}`);
    }
    if (fs.existsSync(resultsFile)) {
      // Counted from mocha's events, so npm test's summary is right even if console forwarding drops a line.
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostTestResults;
      if (outcome !== 'timeout' && outcome !== 0 && results.failing === 0) results = { ...results, failing: 1 };
      if (outcome === 'timeout') results = { ...results, failing: results.failing + 1 };
    } else if (outcome !== 'timeout') {
      console.error(`[host] the ${pass.name} suite wrote no results (exit ${String(outcome)}); did it load? code-server log: ${server.logFile}`);
    }
    // A suite that ran nothing proves nothing: no test files were found, or the grep matched none.
    if (results.passing + results.failing === 0) {
      console.error(`[host] 0 tests ran in the ${pass.name} pass: that is a failure (no compiled tests, or SWITCHBOARD_HOST_TEST_GREP matched none)`);
      results = failed;
    }
    console.log(`[host] ${pass.name}: ${results.passing} passing, ${results.failing} failing, ${results.pending} pending`);
  } finally {
    await browser.close();
    await server.stop({ removeState: results.failing === 0 });
  }
  if (results.failing !== 0) console.log(`[host] code-server state kept for inspection: ${stateDir}`);
  return results;
}

async function main(): Promise<number> {
  const started = Date.now();
  const timeoutMs = Number(process.env.SWITCHBOARD_HOST_TEST_TIMEOUT_MS ?? 900_000);
  const fixture: FixtureHandle = await startFixture();
  const decoy = await startDecoyServer();
  const grep = process.env.SWITCHBOARD_HOST_TEST_GREP;
  const passes: Pass[] = [
    {
      name: 'development',
      testsEntry: path.join(repoRoot, 'out', 'test', 'host', 'index.js'),
      server: {
        mode: 'dev',
        workspaceFiles: {
          'README.txt': 'Switchboard test workspace\n',
          '.vscode/settings.json': `${JSON.stringify(hostileWorkspaceSettings(decoy.url), null, 2)}\n`,
        },
      },
      env: { SWITCHBOARD_DECOY_URL: decoy.url, ...(grep ? { SWITCHBOARD_HOST_TEST_GREP: grep } : {}) },
    },
    ...(grep ? [] : [{
      name: 'installed',
      testsEntry: path.join(repoRoot, 'out', 'test', 'hostInstalled', 'index.js'),
      server: { mode: 'vsix', developmentPath: path.join(repoRoot, 'test', 'hostInstalled', 'probe') },
    } satisfies Pass]),
  ];
  const total: HostTestResults = { passing: 0, failing: 0, pending: 0 };
  try {
    for (const pass of passes) {
      const results = await runPass(pass, fixture.url, timeoutMs);
      total.passing += results.passing;
      total.failing += results.failing;
      total.pending += results.pending;
    }
  } finally {
    await fixture.close();
    await decoy.close();
  }
  console.log(`[host] ${total.passing} passing, ${total.failing} failing, ${total.pending} pending`);
  console.log(`[host] finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${total.failing === 0 ? 0 : 1}`);
  return total.failing === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`[host] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
