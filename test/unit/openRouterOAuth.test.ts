import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SwitchboardError } from '../../src/core/index';
import {
  authorizationPage, authorizationUrl, codeChallengeS256, createCodeVerifier, exchangeCode, SignInRegistry, SIGN_IN_TTL_MS,
} from '../../src/core/auth/openRouterOAuth';
import { ManualClock } from '../support/memoryPorts';
import { startEngine } from './engineSetup';
import { useFixtureServer } from './fixtureHooks';

describe('OpenRouter sign-in (OAuth PKCE)', () => {
  describe('PKCE and the authorization URL', () => {
    it('makes a 43-character base64url verifier and its S256 challenge (RFC 7636 appendix B vector)', () => {
      const verifier = createCodeVerifier();
      assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
      assert.notEqual(createCodeVerifier(), verifier, 'each verifier is random');
      assert.equal(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    });

    it('opens openrouter.ai/auth with callback_url, code_challenge and S256, keeping the callback\'s own query intact', () => {
      const callback = 'https://cs.example/callback?vscode-scheme=code-oss&vscode-authority=switchboard-dev.switchboard&vscode-query=state%3Dabc';
      const url = new URL(authorizationUrl({ openRouterBaseUrl: 'https://openrouter.ai/api/v1', codeChallenge: 'CH', callbackUrl: callback }));
      assert.equal(`${url.origin}${url.pathname}`, 'https://openrouter.ai/auth');
      assert.equal(url.searchParams.get('callback_url'), callback);
      assert.equal(url.searchParams.get('code_challenge'), 'CH');
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    });

    it('leaves callback_url out in headless mode and derives the page from a custom base URL', () => {
      const url = new URL(authorizationUrl({ openRouterBaseUrl: 'http://127.0.0.1:9/openrouter/api/v1/', codeChallenge: 'CH' }));
      assert.equal(url.searchParams.has('callback_url'), false);
      assert.equal(authorizationPage('http://127.0.0.1:9/openrouter/api/v1/'), 'http://127.0.0.1:9/openrouter/auth');
    });
  });

  describe('SignInRegistry', () => {
    let clock: ManualClock;
    let registry: SignInRegistry;
    beforeEach(() => {
      clock = new ManualClock();
      registry = new SignInRegistry(clock);
    });

    it('accepts the callback of a sign-in it started, once, and returns its verifier', () => {
      const signIn = registry.begin();
      assert.equal(signIn.challenge, codeChallengeS256(signIn.verifier));
      assert.deepEqual(registry.complete(`?state=${signIn.nonce}&code=abc`), { code: 'abc', verifier: signIn.verifier });
      const again = registry.complete(`state=${signIn.nonce}&code=abc`);
      assert.equal('refused' in again && again.refused, 'repeated');
      assert.match((again as { message: string }).message, /already used/);
    });

    it('refuses a callback after 10 minutes as stale, and one with an unknown or missing nonce as foreign', async () => {
      const signIn = registry.begin();
      await clock.advance(SIGN_IN_TTL_MS + 1);
      const stale = registry.complete(new URLSearchParams({ state: signIn.nonce, code: 'abc' }));
      assert.equal('refused' in stale && stale.refused, 'stale');
      assert.match((stale as { message: string }).message, /expired \(10 minutes\)/);
      const foreign = registry.complete('state=someone-else&code=abc');
      assert.equal('refused' in foreign && foreign.refused, 'foreign');
      const noState = registry.complete('code=abc');
      assert.equal('refused' in noState && noState.refused, 'foreign');
    });

    it('refuses a callback without a code and keeps the sign-in waiting', () => {
      const signIn = registry.begin();
      const empty = registry.complete(`state=${signIn.nonce}`);
      assert.equal('refused' in empty && empty.refused, 'no-code');
      assert.equal(registry.latest()?.nonce, signIn.nonce);
    });

    it('offers the most recent waiting sign-in to the copy-the-code fallback, and refuses a cancelled one', () => {
      const first = registry.begin();
      const second = registry.begin();
      assert.equal(registry.latest()?.nonce, second.nonce);
      registry.cancel(second.nonce);
      assert.equal(registry.latest()?.nonce, first.nonce);
      const cancelled = registry.completeWithCode(second.nonce, 'x');
      assert.equal('refused' in cancelled && cancelled.refused, 'repeated');
    });
  });

  describe('exchangeCode against the fixture server', () => {
    const fixture = useFixtureServer();

    it('goes through the page and the exchange: the key comes back, with no Authorization header sent', async () => {
      const registry = new SignInRegistry(new ManualClock());
      const signIn = registry.begin();
      const page = authorizationUrl({ openRouterBaseUrl: fixture.server.baseUrls.openrouter, codeChallenge: signIn.challenge, callbackUrl: `vscode://switchboard-dev.switchboard/openrouter-auth?state=${signIn.nonce}` });
      const redirect = await fixture.transport.request({ url: page, method: 'GET', headers: {} });
      await redirect.text();
      assert.equal(redirect.status, 302);
      const callback = new URL(redirect.headers.location);
      assert.equal(`${callback.protocol}//${callback.host}${callback.pathname}`, 'vscode://switchboard-dev.switchboard/openrouter-auth');
      const accepted = registry.complete(callback.search);
      assert.ok(!('refused' in accepted));
      const result = await exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, ...accepted });
      assert.match(result.key, /^sk-or-v1-oauth-fixture-\d{4}$/);
      assert.equal(result.userId, 'user_fixture');
      const exchange = fixture.server.auth.exchanges.at(-1)!;
      assert.deepEqual(exchange, { status: 200, code: accepted.code, hadAuthorization: false });
      const sent = fixture.server.requests.at(-1)!.json as Record<string, unknown>;
      assert.deepEqual(Object.keys(sent).sort(), ['code', 'code_challenge_method', 'code_verifier']);
      assert.equal(sent.code_challenge_method, 'S256');
    });

    it('is refused with what to do when the verifier does not match, and when the code is reused or expired', async () => {
      const verifier = createCodeVerifier();
      const code = fixture.server.auth.issueCode(codeChallengeS256(verifier));
      await assert.rejects(exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, code, verifier: createCodeVerifier() }), (error: unknown) => {
        assert.ok(error instanceof SwitchboardError);
        assert.equal(error.code, 'authentication');
        assert.equal(error.status, 403);
        assert.match(error.message, /refused the sign-in code .*Run Sign in with OpenRouter again/);
        return true;
      });
      const ok = await exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, code, verifier });
      assert.ok(ok.key.startsWith('sk-or-v1-'));
      await assert.rejects(exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, code, verifier }), /refused the sign-in code/);
      const late = createCodeVerifier();
      const lateCode = fixture.server.auth.issueCode(codeChallengeS256(late));
      fixture.server.auth.expireCodes();
      await assert.rejects(exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, code: lateCode, verifier: late }), /expired/);
    });

    it('the fixture checks the verifier against an S256 challenge and answers 400 to an unknown method', async () => {
      const verifier = 'v'.repeat(43);
      const code = fixture.server.auth.issueCode(createHash('sha256').update(verifier).digest('base64url'));
      const response = await fixture.transport.request({ url: `${fixture.server.baseUrls.openrouter}/auth/keys`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, code_verifier: verifier, code_challenge_method: 'S256' }) });
      assert.equal(response.status, 200, await response.text());
      const wrongMethod = await fixture.transport.request({ url: `${fixture.server.baseUrls.openrouter}/auth/keys`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, code_verifier: verifier, code_challenge_method: 'S512' }) });
      assert.equal(wrongMethod.status, 400);
      await wrongMethod.text();
    });

    it('shows the code on the page in headless mode', async () => {
      fixture.server.auth.page('show-code');
      try {
        const signIn = new SignInRegistry(new ManualClock()).begin();
        const response = await fixture.transport.request({ url: authorizationUrl({ openRouterBaseUrl: fixture.server.baseUrls.openrouter, codeChallenge: signIn.challenge }), method: 'GET', headers: {} });
        const html = await response.text();
        assert.equal(response.status, 200);
        const code = /<code id="code">([^<]+)<\/code>/.exec(html)?.[1];
        assert.ok(code);
        const result = await exchangeCode(fixture.transport, { openRouterBaseUrl: fixture.server.baseUrls.openrouter, code, verifier: signIn.verifier });
        assert.ok(result.key.startsWith('sk-or-v1-oauth-fixture-'));
      } finally {
        fixture.server.auth.page('redirect');
      }
    });

    it('says the server is unreachable as a connection error', async () => {
      await assert.rejects(exchangeCode(fixture.transport, { openRouterBaseUrl: 'http://127.0.0.1:9/api/v1', code: 'c', verifier: 'v' }), (error: unknown) => {
        assert.ok(error instanceof SwitchboardError);
        assert.equal(error.code, 'connection');
        return true;
      });
    });
  });
});

describe('core.exchangeOpenRouterCode', () => {
  it('exchanges through the core\'s transport at the configured OpenRouter base URL', async () => {
    const engine = await startEngine();
    try {
      const verifier = createCodeVerifier();
      const code = engine.server.auth.issueCode(codeChallengeS256(verifier));
      const result = await engine.core.exchangeOpenRouterCode({ code, verifier });
      assert.match(result.key, /^sk-or-v1-oauth-fixture-/);
      assert.equal(engine.server.requests.at(-1)!.path, '/openrouter/api/v1/auth/keys');
    } finally {
      await engine.close();
    }
  });
});
