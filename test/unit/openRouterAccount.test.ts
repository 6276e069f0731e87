import assert from 'node:assert/strict';
import { createCore, createUndiciTransport, SwitchboardError, type Core } from '../../src/core/index';
import { isLowCredit } from '../../src/core/account/openRouterAccount';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { ManualClock, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { fixtureBaseUrls } from './engineSetup';

describe('The OpenRouter account (GET /key)', () => {
  let server: FixtureServer;
  let core: Core | undefined;
  const transport = createUndiciTransport();
  const clock = new ManualClock(Date.UTC(2026, 0, 15, 12));
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await transport.close(); await server.close(); });
  afterEach(() => { core?.dispose(); server.account.key('ok'); });

  function start(key = 'sk-or-v1-test-key-0000000000', accountTimeoutMs?: number): Core {
    core = createCore({ secrets: new MemorySecrets({ openrouter: key }), store: new MemoryStore(), clock, transport, settings: { baseUrls: fixtureBaseUrls(server) } }, { accountTimeoutMs });
    return core;
  }
  const keyAsks = (): number => server.requests.filter((request) => request.path === '/openrouter/api/v1/key').length;

  it('gives the credit left, the limit and its reset, usage by window, BYOK usage and the free tier in micro-USD', async () => {
    const account = await start().openRouterAccount();
    assert.deepEqual({ ...account, fetchedAt: 0 }, {
      label: 'sk-or-v1-fix...ture', limitMicroUsd: 10_000_000, remainingMicroUsd: 4_200_000, limitReset: 'monthly', byokInLimit: false,
      usage: { total: 5_800_000, daily: 100_000, weekly: 700_000, monthly: 5_800_000 },
      byokUsage: { total: 250_000, daily: 0, weekly: 50_000, monthly: 250_000 },
      isFreeTier: false, expiresAt: undefined, fetchedAt: 0,
    });
    assert.equal(isLowCredit(account), false);
    assert.equal(isLowCredit(account, 5), true, '$4.20 left is under a $5 threshold');
  });

  it('asks at most once a minute unless forced', async () => {
    const engine = start();
    const before = keyAsks();
    await engine.openRouterAccount();
    await engine.openRouterAccount();
    assert.equal(keyAsks() - before, 1);
    await engine.openRouterAccount({ force: true });
    assert.equal(keyAsks() - before, 2);
    await clock.advance(61_000);
    await engine.openRouterAccount();
    assert.equal(keyAsks() - before, 3);
  });

  it('rejects a 401 with an authentication error that says what to do', async () => {
    server.account.key('unauthorized');
    await assert.rejects(start().openRouterAccount(), (error: unknown) => error instanceof SwitchboardError && error.code === 'authentication' && /OpenRouter rejected the API key.*Set API Key/.test(error.message));
  });

  it('rejects a /key that does not answer in time with a timeout error', async () => {
    server.account.key({ slowMs: 2_000 });
    await assert.rejects(start(undefined, 100).openRouterAccount(), (error: unknown) => error instanceof SwitchboardError && error.code === 'timeout' && /did not say the credit left within 0\.1 s/.test(error.message));
  });
});
