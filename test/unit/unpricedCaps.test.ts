import assert from 'node:assert/strict';
import { SwitchboardError, type CoreSettings, type CustomEndpoint } from '../../src/core/index';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { fixtureBaseUrls, startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];
const tinyCap = { dailyUsd: 0.000001 };

describe('budget caps and models without a published price', () => {
  let server: FixtureServer;
  let engine: EngineSetup | undefined;
  beforeEach(async () => { server = await startFixtureServer(); });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await server.close();
  });

  const team = (extra: Partial<CustomEndpoint> = {}): CustomEndpoint => ({ id: 'team', label: 'Team gateway', baseUrl: server.baseUrls.openai, requiresKey: false, ...extra });
  const start = async (settings: CoreSettings): Promise<EngineSetup> => (engine = await startEngine({ fallbackChain: [], ...settings }, server));

  it('refuses three 100,000-token requests to an unpriced custom endpoint under a $0.000001 cap, naming the endpoint price fix', async () => {
    const core = (await start({ budget: tinyCap, customEndpoints: [team()] })).core;
    for (let index = 0; index < 3; index++) {
      const result = await core.send({ model: 'team:gpt-4o', messages, maxTokens: 100_000 });
      assert.equal(result.status, 'error');
      assert.equal(result.error?.code, 'budget-exceeded');
      assert.match(result.error!.message, /^A budget cap is set and team:gpt-4o has no price, so the cap cannot hold for it\. Give the endpoint "team" a price in switchboard\.endpoints \("pricing": \{"inputPerMillionUsd": \.\.\., "outputPerMillionUsd": \.\.\.\}, or "free": true for a local server\), or set switchboard\.budget\.allowUnpricedUnderCaps/);
    }
    assert.equal(engine!.chatRequests(), 0, 'nothing was sent');
    assert.equal(core.budgetStatus().day.reservedMicroUsd, 0);
  });

  it('refuses an unlisted OpenRouter model and a router without a price under a per-request cap, naming allowUnpricedUnderCaps', async () => {
    const core = (await start({ budget: { perRequestUsd: 5 } })).core;
    for (const model of ['openrouter:vendor/not-in-the-catalog', 'openrouter:openrouter/auto']) {
      const result = await core.send({ model, messages, maxTokens: 100_000 });
      assert.equal(result.error?.code, 'budget-exceeded', model);
      assert.match(result.error!.message, new RegExp(`^A budget cap is set and ${model.replace(/[/.]/g, '\\$&')} has no published price, so the cap cannot hold for it\\. Pick a priced model or refresh the model list, or set switchboard\\.budget\\.allowUnpricedUnderCaps to send unpriced models anyway`));
    }
    assert.equal(engine!.chatRequests(), 0);
  });

  it('sends an unpriced model when there is no cap', async () => {
    const result = await (await start({ customEndpoints: [team()] })).core.send({ model: 'team:gpt-4o', messages, maxTokens: 100_000 });
    assert.equal(result.status, 'ok', result.error?.message);
  });

  it('prices a custom endpoint from its settings: the reservation holds the cap, and the cost is tokens x that price', async () => {
    const priced = team({ pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 } });
    const core = (await start({ budget: tinyCap, customEndpoints: [priced] })).core;
    const estimate = await core.estimate({ model: 'team:gpt-4o', messages, maxTokens: 100_000 });
    assert.equal(estimate.priced, true);
    assert.equal(estimate.maxMicroUsd, 4 * 1 + 100_000 * 2, 'chars/4 prompt tokens x $1/M + max tokens x $2/M');
    const refused = await core.send({ model: 'team:gpt-4o', messages, maxTokens: 100_000 });
    assert.match(refused.error?.message ?? '', /^Daily budget <\$0\.0001: <\$0\.0001 left, this request needs up to \$0\.20\./);
    assert.equal(engine!.chatRequests(), 0);

    core.updateSettings({ budget: { dailyUsd: 1 }, customEndpoints: [priced], fallbackChain: [], baseUrls: fixtureBaseUrls(server) });
    const sent = await core.send({ model: 'team:gpt-4o', messages, maxTokens: 100 });
    assert.equal(sent.status, 'ok', sent.error?.message);
    const { inputTokens = 0, outputTokens = 0 } = sent.usage;
    assert.ok(inputTokens > 0 && outputTokens > 0);
    assert.deepEqual(sent.cost, { kind: 'estimated', microUsd: inputTokens * 1 + outputTokens * 2 });
  });

  it('sends to an endpoint marked free and to a built-in local server under a cap, at cost 0', async () => {
    const core = (await start({ budget: tinyCap, customEndpoints: [team({ free: true })] })).core;
    const free = await core.send({ model: 'team:gpt-4o', messages, maxTokens: 100_000 });
    assert.equal(free.status, 'ok', free.error?.message);
    assert.deepEqual(free.cost, { kind: 'estimated', microUsd: 0 });
    const local = await core.send({ model: 'ollama:replay/ollama-qwen3', messages, maxTokens: 100_000 });
    assert.equal(local.status, 'ok', local.error?.message);
    assert.deepEqual(local.cost, { kind: 'estimated', microUsd: 0 });
  });

  it('with allowUnpricedUnderCaps sends with nothing reserved, counts the billed cost in full, and the next request sees it', async () => {
    // the unlisted model is served by the real gpt-4o recording, billed $0.000103; the cap is $0.0001
    const core = (await start({ budget: { dailyUsd: 0.0001, allowUnpricedUnderCaps: true } })).core;
    const first = await core.send({ model: 'openrouter:vendor/not-in-the-catalog', messages, maxTokens: 100_000 });
    assert.equal(first.status, 'ok', first.error?.message);
    assert.deepEqual(first.cost, { kind: 'billed', microUsd: 103 });
    assert.equal(core.budgetStatus().day.spentMicroUsd, 103);
    const second = await core.send({ model: 'openrouter:vendor/not-in-the-catalog', messages, maxTokens: 100_000 });
    assert.equal(second.error?.code, 'budget-exceeded');
    assert.match(second.error!.message, /^Daily budget \$0\.0001: \$0\.00 left/);
    assert.equal(engine!.chatRequests(), 1);
  });

  it('counts a priced reply billed above its reservation in full, and the next request sees it', async () => {
    // gpt-4o, 1 max token: holds 4 x $2.50/M + 1 x $10/M = 20 micro-USD; the recording bills 103; the cap is 120
    const core = (await start({ budget: { dailyUsd: 0.00012 } })).core;
    const first = await core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 1 });
    assert.deepEqual(first.cost, { kind: 'billed', microUsd: 103 });
    assert.equal(core.budgetStatus().day.spentMicroUsd, 103);
    const second = await core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 1 });
    assert.equal(second.error?.code, 'budget-exceeded');
    assert.equal(engine!.chatRequests(), 1);
  });

  it('refuses a whole comparison with an unpriced column under a cap before sending anything', async () => {
    const core = (await start({ budget: { monthlyUsd: 10 }, customEndpoints: [team()] })).core;
    assert.throws(
      () => core.compare({ models: ['openrouter:openai/gpt-4o', 'team:gpt-4o'], messages, maxTokens: 100 }),
      (error) => error instanceof SwitchboardError && error.code === 'budget-exceeded' && /team:gpt-4o has no price/.test(error.message),
    );
    assert.equal(engine!.chatRequests(), 0);
    assert.equal(core.budgetStatus().day.reservedMicroUsd, 0);
  });
});
