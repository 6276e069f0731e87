// In-host tests of Sign in with OpenRouter: the authorization URL the command opens, the URI handler finishing the
// sign-in against the fixture server (whose /auth/keys checks the PKCE verifier), and stale or repeated callbacks
// refused without touching the stored key. The browser leg (code-server's /callback) is in test/e2e/signIn.e2e.ts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { switchboard } from './hostApi';

/** Follows the fixture authorization page's redirect: the callback URL with `code` added. */
async function authorize(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302, `the authorization page answered ${response.status}`);
  return new URL(response.headers.get('location')!);
}

/** The callback URL as the URI handler receives it (code-server's /callback folds its query into the vscode URI). */
function handlerUri(callback: URL): vscode.Uri {
  if (callback.protocol.startsWith('http')) {
    const query = new URLSearchParams(callback.searchParams.get('vscode-query') ?? '');
    query.set('code', callback.searchParams.get('code') ?? '');
    return vscode.Uri.from({ scheme: callback.searchParams.get('vscode-scheme')!, authority: callback.searchParams.get('vscode-authority')!, path: callback.searchParams.get('vscode-path') ?? '', query: query.toString() });
  }
  return vscode.Uri.parse(callback.toString());
}

describe('extension host: Sign in with OpenRouter', () => {
  afterEach(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
  });

  it('opens openrouter auth with an S256 challenge and a callback into this extension, then stores the exchanged key', async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
    const opened = new URL(await api.signIn.authorizationUrl());
    assert.match(opened.pathname, /\/openrouter\/auth$/);
    assert.equal(opened.searchParams.get('code_challenge_method'), 'S256');
    assert.match(opened.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    const callback = await authorize(opened.toString());
    const uri = handlerUri(callback);
    assert.equal(uri.authority, 'switchboard-dev.switchboard');
    assert.equal(uri.path, '/openrouter-auth');
    await api.signIn.callback(uri);
    const key = await api.keys.getApiKey('openrouter');
    assert.match(key ?? '', /^sk-or-v1-oauth-fixture-\d{4}$/);

    // the same callback again is refused: the stored key stays
    await api.keys.setApiKey('openrouter', 'sk-or-v1-kept-0000');
    const refusal = await api.signIn.callback(uri);
    assert.match(refusal ?? '', /already used/);
    assert.equal(await api.keys.getApiKey('openrouter'), 'sk-or-v1-kept-0000');
  });

  it('refuses a callback no sign-in here started', async () => {
    const api = await switchboard();
    const refusal = await api.signIn.callback(vscode.Uri.parse(`${vscode.env.uriScheme}://switchboard-dev.switchboard/openrouter-auth?state=forged&code=fixture-code-1`));
    assert.match(refusal ?? '', /does not belong to a sign-in started in this window/);
    assert.equal(await api.keys.getApiKey('openrouter'), undefined);
  });
});
