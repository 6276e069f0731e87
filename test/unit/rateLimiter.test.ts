import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/core/limits/rateLimiter';
import { ManualClock, flushMicrotasks } from '../support/memoryPorts';

describe('RateLimiter', () => {
  it('lets requests through at once while under the per-minute limit', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 3);
    await limiter.acquire('openrouter');
    await limiter.acquire('openrouter');
    await limiter.acquire('openrouter');
    assert.equal(limiter.waiting('openrouter'), 0);
  });

  it('queues the request over the limit until the oldest start leaves the one-minute window', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 2);
    await limiter.acquire('openai');
    await clock.advance(10_000);
    await limiter.acquire('openai');
    let started = false;
    void limiter.acquire('openai').then(() => { started = true; });
    await clock.advance(49_999);
    assert.equal(started, false);
    await clock.advance(1);
    assert.equal(started, true);
  });

  it('serves waiters first in, first out', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 1);
    await limiter.acquire('groq');
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => limiter.acquire('groq').then(() => order.push(n)));
    await clock.advance(60_000);
    assert.deepEqual(order, [1]);
    await clock.advance(60_000);
    await clock.advance(60_000);
    await Promise.all(waits);
    assert.deepEqual(order, [1, 2, 3]);
  });

  it('removes a cancelled waiter from the queue and rejects it as aborted', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 1);
    await limiter.acquire('anthropic');
    const controller = new AbortController();
    const cancelled = limiter.acquire('anthropic', controller.signal);
    let secondStarted = false;
    void limiter.acquire('anthropic').then(() => { secondStarted = true; });
    assert.equal(limiter.waiting('anthropic'), 2);
    controller.abort();
    await assert.rejects(cancelled, (error: { code?: string }) => error.code === 'aborted');
    assert.equal(limiter.waiting('anthropic'), 1);
    await clock.advance(60_000);
    assert.equal(secondStarted, true, 'the next waiter took the freed slot');
  });

  it('counts each provider separately', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 1);
    await limiter.acquire('openrouter');
    let other = false;
    void limiter.acquire('gemini').then(() => { other = true; });
    await flushMicrotasks();
    assert.equal(other, true);
  });

  it('is unlimited when the limit is 0 or undefined', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 0);
    for (let i = 0; i < 100; i++) await limiter.acquire('openrouter');
    assert.equal(clock.pendingTimers, 0);
  });

  it('releases waiters when the limit is raised', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 1);
    await limiter.acquire('openrouter');
    let started = false;
    void limiter.acquire('openrouter').then(() => { started = true; });
    await flushMicrotasks();
    assert.equal(started, false);
    limiter.setLimit(5);
    await clock.advance(1);
    assert.equal(started, true);
  });
});
