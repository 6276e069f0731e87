import assert from 'node:assert/strict';
import { SwitchboardError } from '../../src/core/index';
import { DEFAULT_RETRY_POLICY, isFallbackError, retryDelayMs } from '../../src/core/chat/retryPolicy';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];

describe('retry before the first token', () => {
  let engine: EngineSetup;
  beforeEach(async () => { engine = await startEngine({ fallbackChain: [] }); });
  afterEach(async () => { await engine.close(); });

  it('retries a 429 after its Retry-After and then answers', async () => {
    engine.server.nextFault('fault/429');
    const result = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 });
    assert.equal(result.status, 'ok');
    assert.equal(result.text, 'Pebbles and Skipper.');
    assert.equal(engine.chatRequests(), 2);
    assert.deepEqual(engine.clock.sleeps, [12_000], 'waited exactly the server\'s Retry-After: 12');
    assert.deepEqual(result.fallbackFrom, []);
  });

  it('announces a retry before waiting: attempt 2 of 3 after the 429\'s Retry-After, with the rate-limit error', async () => {
    engine.server.nextFault('fault/429');
    const seen: string[] = [];
    const result = await engine.core.send({
      model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100,
      onPart: (part) => {
        if (part.type === 'retrying') {
          seen.push(`retrying attempt=${part.attempt} max=${part.maxAttempts} delay=${part.delayMs} ${part.error.code} after=${part.error.retryAfterMs} sleeps=${engine.clock.sleeps.length}`);
        } else if (part.type === 'text-delta' && !seen.includes('text')) seen.push('text');
      },
    });
    assert.equal(result.status, 'ok');
    assert.deepEqual(seen, ['retrying attempt=2 max=3 delay=12000 rate-limited after=12000 sleeps=0', 'text'], 'announced before the sleep, then the reply');
  });

  it('does not retry a stream cut after text arrived, and keeps the partial text', async () => {
    const parts: string[] = [];
    const result = await engine.core.send({
      model: 'openrouter:fault/cut-midstream', messages, maxTokens: 100,
      onPart: (part) => { if (part.type === 'text-delta') parts.push(part.text); },
    });
    assert.equal(result.status, 'error');
    assert.ok(result.text.length > 0, 'partial text kept');
    assert.equal(result.text, parts.join(''));
    assert.equal(engine.chatRequests(), 1, 'not retried');
    assert.deepEqual(engine.clock.sleeps, []);
    assert.deepEqual(result.cost, { kind: 'unknown' });
    assert.equal(engine.core.budgetStatus().sessionUnknownCount, 1);
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);
  });

  it('gives up after three attempts with backoff growing between them', async () => {
    const result = await engine.core.send({ model: 'openrouter:fault/500', messages, maxTokens: 100 });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.code, 'provider-error');
    assert.equal(engine.chatRequests(), 3);
    assert.equal(engine.clock.sleeps.length, 2);
    assert.ok(engine.clock.sleeps[1] > engine.clock.sleeps[0]);
    assert.deepEqual(result.cost, { kind: 'estimated', microUsd: 0 }, 'a refused request costs nothing');
  });

  it('does not retry an authentication error', async () => {
    const result = await engine.core.send({ model: 'openrouter:fault/401', messages, maxTokens: 100 });
    assert.equal(result.error?.code, 'authentication');
    assert.equal(engine.chatRequests(), 1);
  });
});

describe('retryDelayMs', () => {
  const error = (options: Partial<ConstructorParameters<typeof SwitchboardError>[0]>) => new SwitchboardError({ code: 'rate-limited', message: 'x', isRetryable: true, ...options });

  it('backs off exponentially with jitter between half and all of the step', () => {
    assert.equal(retryDelayMs(error({}), 1, DEFAULT_RETRY_POLICY, () => 0), 250);
    assert.equal(retryDelayMs(error({}), 1, DEFAULT_RETRY_POLICY, () => 1), 500);
    assert.equal(retryDelayMs(error({}), 2, DEFAULT_RETRY_POLICY, () => 1), 1000);
  });

  it('never waits less than Retry-After, and does not wait for one longer than the cap', () => {
    assert.equal(retryDelayMs(error({ retryAfterMs: 3000 }), 1, DEFAULT_RETRY_POLICY, () => 0), 3000);
    assert.equal(retryDelayMs(error({ retryAfterMs: 600_000 }), 1, DEFAULT_RETRY_POLICY), undefined);
  });

  it('does not retry non-retryable errors or past the last attempt', () => {
    assert.equal(retryDelayMs(error({ isRetryable: false }), 1, DEFAULT_RETRY_POLICY), undefined);
    assert.equal(retryDelayMs(error({}), 3, DEFAULT_RETRY_POLICY), undefined);
  });

  it('falls back on availability errors only', () => {
    for (const code of ['rate-limited', 'provider-error', 'timeout', 'connection', 'no-such-model', 'payment-required'] as const) {
      assert.equal(isFallbackError(new SwitchboardError({ code, message: code })), true, code);
    }
    for (const code of ['aborted', 'budget-exceeded', 'authentication', 'configuration', 'bad-request', 'context-too-long', 'moderation'] as const) {
      assert.equal(isFallbackError(new SwitchboardError({ code, message: code })), false, code);
    }
  });
});
