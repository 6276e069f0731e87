// Mocha root hooks for the e2e run (loaded by test/e2e/.mocharc.json): start the fixture server, code-server and
// Chromium once; stop them after the last scenario (and on exit or a signal, through the code-server module).
// SWITCHBOARD_E2E_MODE=vsix runs the scenarios against the packaged extension (toasts visible) instead of dev mode.
import { fixtureSettings, startCodeServer, type CodeServerMode } from '../../../scripts/rig/codeServer';
import { launchBrowser } from '../../../scripts/rig/browser';
import { startFixtureServer } from '../../support/fixtureServer';
import { rig, setRig } from './rig';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    const mode: CodeServerMode = process.env.SWITCHBOARD_E2E_MODE === 'vsix' ? 'vsix' : 'dev';
    const fixture = await startFixtureServer();
    const seededSettings = fixtureSettings(fixture.url);
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
    await running.codeServer.stop();
    await running.fixture.close();
  },
};
