// In-host test entry (the @vscode/test-electron `extensionTestsPath` contract: export run()).
// Runs mocha (BDD: describe/it) over every compiled test in out/test/host/**/*.test.js inside the real extension
// host. Mocha is loaded from the repository's node_modules at run time (bundling it breaks its dynamic requires).
// Output goes through console.log, which the extension host forwards to the workbench page, where the runner
// (scripts/rig/runHostTests.ts, or @vscode/test-electron's terminal) prints it. When SWITCHBOARD_HOST_TEST_RESULTS
// names a file, a JSON summary is written there too.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

/** Invisible prefix on every line of mocha's report, so the code-server runner can pick them out of the console. */
export const reportLineMark = '\u2063';

interface MochaRunner {
  on(event: string, listener: (...args: unknown[]) => void): MochaRunner;
}
interface MochaInstance {
  addFile(file: string): void;
  run(done: (failures: number) => void): MochaRunner;
}
type MochaConstructor = (new (options: Record<string, unknown>) => MochaInstance) & {
  reporters: { Base: { consoleLog: (...args: unknown[]) => void } };
};

/** Summary written to SWITCHBOARD_HOST_TEST_RESULTS. */
export interface HostTestResults {
  passing: number;
  failing: number;
  pending: number;
  failures: Array<{ title: string; error: string }>;
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

export function run(): Promise<void> {
  // This file is compiled to out/test/host/index.js; the compiled tests sit next to it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from node_modules at run time, not bundled
  const Mocha = require('mocha') as MochaConstructor;
  // The extension host forwards console.log to the workbench; format here, since the page receives raw arguments.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(reportLineMark + format(...args));
  const grep = process.env.SWITCHBOARD_HOST_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = findTests(__dirname);
  for (const file of files) mocha.addFile(file);
  const results: HostTestResults = { passing: 0, failing: 0, pending: 0, failures: [] };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const resultsFile = process.env.SWITCHBOARD_HOST_TEST_RESULTS;
        if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results));
        if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => { results.passing++; });
      runner.on('pending', () => { results.pending++; });
      runner.on('fail', (test, error) => {
        results.failing++;
        const title = (test as { fullTitle(): string }).fullTitle();
        results.failures.push({ title, error: String((error as Error)?.stack ?? error) });
      });
    } catch (error) {
      reject(error);
    }
  });
}
