// Mocha root hooks for the e2e run (loaded by test/e2e/.mocharc.json): start the fixture server, code-server and
// Chromium once; stop them after the last scenario (and on exit or a signal, through the code-server module).
import { fixtureSettings, startCodeServer } from '../../../scripts/rig/codeServer';
import { fixtureAvailable, startFixture, type FixtureHandle } from '../../../scripts/rig/fixture';
import { launchBrowser } from '../../../scripts/rig/browser';
import { rig, setRig } from './rig';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(180_000);
    let fixture: FixtureHandle | undefined;
    if (fixtureAvailable()) fixture = await startFixture();
    else console.log('  [e2e] test/support/fixtureServer.ts is not in the tree yet: providers point at a closed port.');
    const fixtureUrl = fixture?.url ?? 'http://127.0.0.1:9';
    const codeServer = await startCodeServer({
      mode: 'dev',
      settings: fixtureSettings(fixtureUrl),
      env: { SWITCHBOARD_FIXTURE_URL: fixtureUrl },
    });
    const browser = await launchBrowser();
    setRig({ codeServer, browser, fixture, fixtureUrl });
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    let running;
    try { running = rig(); } catch { return; }
    setRig(undefined);
    await running.browser.close().catch(() => undefined);
    await running.codeServer.stop();
    await running.fixture?.close();
  },
};
