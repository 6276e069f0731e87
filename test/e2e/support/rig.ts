// The e2e rig shared by every scenario: ONE fixture server and ONE code-server (dev mode) for the whole run, started
// by the root hooks in hooks.ts, and one Chromium whose contexts are fresh per test (SecretStorage lives in the
// browser profile, so a new context starts without keys).
import type { Browser } from 'playwright-core';
import type { CodeServer } from '../../../scripts/rig/codeServer';
import type { FixtureServer } from '../../support/fixtureServer';

/** What a scenario can reach. */
export interface E2eRig {
  codeServer: CodeServer;
  browser: Browser;
  /** The running fixture server: `requests` (what the extension sent), `nextFault(...)`, `baseUrls`. */
  fixture: FixtureServer;
  /** The user settings seeded at start (fixture URLs etc.); `useWorkbench` restores them after each test. */
  seededSettings: Record<string, unknown>;
}

let current: E2eRig | undefined;

export function setRig(rig: E2eRig | undefined): void {
  current = rig;
}

/** The running rig; throws when the root hooks did not run (use `npm run test:e2e`). */
export function rig(): E2eRig {
  // (throws rather than returning undefined so a scenario never silently runs without the rig)
  if (!current) throw new Error('The e2e rig is not running: run scenarios with `npm run test:e2e` (test/e2e/.mocharc.json).');
  return current;
}
