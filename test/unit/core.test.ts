import assert from 'node:assert/strict';
import { createCore, createUndiciTransport, SwitchboardError } from '../../src/core/index';
import { startFixtureServer } from '../support/fixtureServer';
import { MemoryLogger, MemorySecrets, MemoryStore, ManualClock } from '../support/memoryPorts';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];

describe('createCore', () => {
  let engine: EngineSetup;
  afterEach(async () => { await engine?.close(); });

  it('sends through the real provider and reports billed cost, usage, upstream model and timings', async () => {
    engine = await startEngine();
    const result = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 });
    assert.equal(result.status, 'ok');
    assert.equal(result.upstreamModel, 'openai/gpt-4o');
    assert.deepEqual(result.cost, { kind: 'billed', microUsd: 103 });
    assert.equal(result.usage.inputTokens, 17);
    assert.equal(result.usage.outputTokens, 6);
    assert.equal(result.finishReason, 'stop');
    assert.ok(result.timings.ttftMs !== undefined && result.timings.ttftMs <= result.timings.totalMs);
    assert.equal(engine.core.budgetStatus().sessionMicroUsd, 103);
    const sent = engine.server.requests.find((request) => request.method === 'POST')!.json as { max_tokens?: number; max_completion_tokens?: number };
    assert.equal(sent.max_tokens ?? sent.max_completion_tokens, 100, 'the max tokens the budget reserved for is sent');
  });

  it('lets 8 concurrent requests against a daily cap never together pass it', async () => {
    // each gpt-4o request with 100 max tokens holds up to $0.001003; four fit under $0.0045
    engine = await startEngine({ budget: { dailyUsd: 0.0045 } });
    const results = await Promise.all(Array.from({ length: 8 }, () => engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 })));
    const ok = results.filter((result) => result.status === 'ok');
    const refused = results.filter((result) => result.error?.code === 'budget-exceeded');
    assert.equal(ok.length, 4);
    assert.equal(refused.length, 4);
    assert.equal(engine.chatRequests(), 4, 'refused requests never reach the network');
    const status = engine.core.budgetStatus();
    assert.equal(status.day.reservedMicroUsd, 0);
    assert.equal(status.day.spentMicroUsd, 4 * 103);
    assert.match(refused[0].error!.message, /^Daily budget \$0\.0045: \$0\.0005 left, this request needs up to \$0\.0010\. Raise switchboard\.budget\.dailyUsd or lower max tokens\.$/);
  });

  it('releases the reservation on a provider error, an abort, a transport error and a refused compare', async () => {
    // the fault models have no published price: allowed under the cap so the requests are sent
    engine = await startEngine({ budget: { dailyUsd: 1, allowUnpricedUnderCaps: true }, fallbackChain: [] });
    const failed = await engine.core.send({ model: 'openrouter:fault/401', messages, maxTokens: 100 });
    assert.equal(failed.status, 'error');
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);

    const controller = new AbortController();
    const aborted = await engine.core.send({
      model: 'openrouter:slow/long-reply', messages, maxTokens: 100, signal: controller.signal,
      onPart: (part) => { if (part.type === 'text-delta') controller.abort(); },
    });
    assert.equal(aborted.status, 'aborted');
    assert.ok(aborted.text.length > 0);
    assert.equal(aborted.error?.code, 'aborted');
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);

    const closed = await startFixtureServer();
    const deadUrl = closed.baseUrls.openrouter;
    await closed.close();
    engine.core.updateSettings({ budget: { dailyUsd: 1 }, fallbackChain: [], baseUrls: { openrouter: deadUrl } });
    const unreachable = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 });
    assert.equal(unreachable.status, 'error');
    assert.equal(unreachable.error?.code, 'connection');
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);

    engine.core.updateSettings({ budget: { dailyUsd: 0.0015 } });
    assert.throws(() => engine.core.compare({ models: ['openrouter:openai/gpt-4o', 'openrouter:openai/gpt-4o'], messages, maxTokens: 100 }), SwitchboardError);
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);
  });

  it('stops a request cancelled before its first token, costing nothing known', async () => {
    engine = await startEngine();
    const controller = new AbortController();
    controller.abort();
    const result = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, signal: controller.signal });
    assert.equal(result.status, 'aborted');
    assert.equal(engine.chatRequests(), 0);
    assert.deepEqual(result.cost, { kind: 'unknown' });
    assert.equal(engine.core.budgetStatus().day.spentMicroUsd, 0);
  });

  it('answers an unknown provider with a configuration error naming the known ones', async () => {
    engine = await startEngine();
    const result = await engine.core.send({ model: 'nowhere:gpt', messages });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.code, 'configuration');
    assert.match(result.error!.message, /Known providers: openrouter, openai, .*anthropic, gemini/);
  });

  it('keeps the partial reasoning and the usage of an error inside a 200 stream', async () => {
    engine = await startEngine({ fallbackChain: [] });
    const result = await engine.core.send({ model: 'openrouter:fault/midstream-error', messages, maxTokens: 100 });
    assert.equal(result.status, 'error');
    assert.ok(result.reasoning.length > 0);
    assert.equal(result.usage.outputTokens, 10);
    assert.deepEqual(result.cost, { kind: 'billed', microUsd: 0 });
  });

  it('checks a key through the provider and never puts the key in the summary', async () => {
    engine = await startEngine();
    const check = await engine.core.checkKey('openrouter', '  sk-or-v1-test-key-0000000000  ');
    assert.equal(check.ok, true);
    assert.ok(!check.summary?.includes('sk-or-v1-test-key'));
    await assert.rejects(engine.core.checkKey('nowhere', 'x'), (error) => error instanceof SwitchboardError && error.code === 'configuration');
  });

  it('waits in the rate limiter and reports the queued time', async () => {
    const server = await startFixtureServer();
    const clock = new ManualClock(Date.now());
    const transport = createUndiciTransport();
    const core = createCore({
      secrets: new MemorySecrets({ openrouter: 'sk-or-v1-test-key-0000000000' }), store: new MemoryStore(), clock, logger: new MemoryLogger(), transport,
      settings: { requestsPerMinute: 1, baseUrls: { openrouter: server.baseUrls.openrouter } },
    });
    try {
      const first = await core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 10 });
      assert.equal(first.timings.queuedMs, undefined);
      const second = core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 10 });
      await clock.advance(60_000);
      const result = await second;
      assert.equal(result.status, 'ok');
      assert.equal(result.timings.queuedMs, 60_000);
    } finally {
      core.dispose();
      await transport.close();
      await server.close();
    }
  });

  it('lists the built-in providers and custom endpoints, rebuilt on updateSettings', async () => {
    engine = await startEngine();
    assert.ok(engine.core.providers().some((provider) => provider.id === 'anthropic'));
    engine.core.updateSettings({ customEndpoints: [{ id: 'team', baseUrl: engine.server.baseUrls.openai, requiresKey: false }] });
    const team = engine.core.providers().find((provider) => provider.id === 'team');
    assert.equal(team?.kind, 'openai-compatible');
    const result = await engine.core.send({ model: 'team:gpt-4o-mini', messages, maxTokens: 50 });
    assert.equal(result.status, 'ok');
    assert.equal(engine.server.requests.at(-1)!.headers.authorization, undefined, 'no key sent to an endpoint that needs none');
  });
});
