// Sign in with OpenRouter as a person does it in code-server: Sign in on the getting-started panel opens the
// authorization page in a new tab (the fixture server's stand-in for openrouter.ai/auth, which issues a code bound
// to the PKCE challenge and redirects to callback_url). callback_url is what env.asExternalUri made of the
// extension's vscode:// URI: code-server's /callback page, which hands the URI to the workbench, whose URI handler
// runs in the extension. The extension exchanges the code (the fixture checks the verifier), stores the key and the
// getting-started panel goes away. SWITCHBOARD_README_SCREENSHOTS=1 copies the panel with its Sign in button to
// media/screenshots/sign-in.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { rig } from './support/rig';
import { copyForReadme, useWorkbench } from './support/workbench';

describe('Sign in with OpenRouter in the workbench', () => {
  // no keyless endpoint, so the getting-started panel shows (settings are read at start: set before the workbench opens)
  let settingsBefore = '';
  beforeEach(() => {
    settingsBefore = fs.readFileSync(rig().codeServer.settingsFile, 'utf8');
    rig().codeServer.updateSettings({ 'switchboard.endpoints': [] });
  });
  const workbench = useWorkbench({ viewport: { width: 1280, height: 800 } });
  afterEach(() => {
    fs.writeFileSync(rig().codeServer.settingsFile, settingsBefore);
  });

  it('signs in from the getting-started panel through the URI handler and stores the key', async function () {
    this.timeout(120_000);
    const w = workbench();
    const { fixture } = rig();
    await w.openSwitchboard();
    const chat = w.chatFrame();
    const setup = chat.locator('section.setup-panel');
    await setup.waitFor({ state: 'visible', timeout: 30_000 });
    const signIn = setup.locator('[data-action="setup-signin"]');
    await signIn.waitFor({ state: 'visible' });

    // away from the activity bar, whose hover label would cover the panel
    await w.page.mouse.move(900, 500);
    await w.page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    copyForReadme(await w.sidebarScreenshot('sign-in', setup), 'sign-in.png');

    const codesBefore = fixture.auth.codes.length;
    const exchangesBefore = fixture.auth.exchanges.length;
    const popup = w.context.waitForEvent('page', { timeout: 30_000 });
    await signIn.click();
    const tab = await popup;
    // the fixture page redirected to code-server's callback page, which hands the URI to the workbench
    await tab.waitForURL(/\/callback\?/, { timeout: 30_000 }).catch(async (error: unknown) => {
      throw new Error(`the sign-in tab is at ${tab.url()} (codes issued: ${JSON.stringify(fixture.auth.codes.slice(codesBefore))}): ${String(error)}`);
    });
    const issued = fixture.auth.codes[codesBefore];
    assert.ok(issued, 'the authorization page was opened');
    const callback = new URL(issued.callbackUrl!);
    assert.equal(callback.origin, new URL(w.page.url()).origin, 'the callback goes to code-server (asExternalUri), not to a vscode:// URL');
    // code-server's callback page decodeURIComponent()s each value once more
    const parameter = (name: string): string => decodeURIComponent(callback.searchParams.get(name) ?? '');
    assert.equal(parameter('vscode-authority'), 'switchboard-dev.switchboard');
    assert.equal(parameter('vscode-path'), '/openrouter-auth');
    assert.match(parameter('vscode-query'), /^state=[A-Za-z0-9_-]{22}$/);

    await setup.waitFor({ state: 'detached', timeout: 30_000 });
    const exchange = fixture.auth.exchanges[exchangesBefore];
    assert.deepEqual(exchange, { status: 200, code: issued.code, hadAuthorization: false });
    await tab.close();

    // the key works: a message goes to OpenRouter with it
    const keyCheck = fixture.requests.filter((request) => request.path === '/openrouter/api/v1/key').at(-1);
    assert.equal(keyCheck?.headers.authorization, `Bearer sk-or-v1-oauth-fixture-${String(codesBefore + 1).padStart(4, '0')}`);
  });
});
