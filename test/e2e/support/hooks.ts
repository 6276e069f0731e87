// Mocha root hooks for the e2e run (loaded by test/e2e/.mocharc.json): start the fixture server, code-server and
// Chromium once; stop them after the last scenario (and on exit or a signal, through the code-server module).
// SWITCHBOARD_E2E_MODE=vsix runs the scenarios against the packaged extension (toasts visible) instead of dev mode.
import { fixtureSettings, startCodeServer, type CodeServerMode } from '../../../scripts/rig/codeServer';
import { launchBrowser } from '../../../scripts/rig/browser';
import { startFixtureServer } from '../../support/fixtureServer';
import { rig, setRig } from './rig';

let failures = 0;

export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    if (this.currentTest?.state === 'failed') failures++;
  },
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    const mode: CodeServerMode = process.env.SWITCHBOARD_E2E_MODE === 'vsix' ? 'vsix' : 'dev';
    const fixture = await startFixtureServer();
    // No hot exit: a dirty editor one scenario leaves behind must not come back in the next one's window.
    const seededSettings = { ...fixtureSettings(fixture.url), 'files.hotExit': 'off' };
    const codeServer = await startCodeServer({ mode, settings: seededSettings, env: { SWITCHBOARD_FIXTURE_URL: fixture.url } });
    const browser = await launchBrowser();
    setRig({ codeServer, browser, fixture, seededSettings });
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    let running;
    try { running = rig(); } catch { return; }
    setRig(undefined);
    await running.browser.close().catch(() => undefined);
    // A failed run keeps .e2e/run-*/ (code-server.log, settings) for a look; a clean one leaves nothing behind.
    await running.codeServer.stop({ removeState: failures === 0 });
    if (failures > 0) console.log(`  [e2e] code-server state kept for inspection: ${running.codeServer.stateDir}`);
    await running.fixture.close();
  },
};
