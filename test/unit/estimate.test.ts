import assert from 'node:assert/strict';
import { createCore } from '../../src/core/index';
import { approximatePromptTokens, estimateCost, PromptTokenCounter } from '../../src/core/cost/estimateCost';
import { MemorySecrets, MemoryStore, ManualClock } from '../support/memoryPorts';

const loadGptTokenizer = async (): Promise<(text: string) => number> => {
  const tokenizer = await import('gpt-tokenizer');
  return (text: string) => tokenizer.countTokens(text);
};

function offlineCore(loadTokenCounter?: () => Promise<(text: string) => number>) {
  return createCore({ secrets: new MemorySecrets(), store: new MemoryStore(), clock: new ManualClock(), settings: {}, loadTokenCounter });
}

describe('estimate', () => {
  it('guesses prompt tokens as characters / 4, rounded up', () => {
    assert.equal(approximatePromptTokens([{ role: 'user', content: 'abcdefghi' }, { role: 'assistant', content: 'x' }]), 3);
  });

  it('gives a range: prompt only, up to prompt plus max tokens at the completion price', () => {
    const estimate = estimateCost({ promptTokens: 1000, promptTokensExact: false, maxOutputTokens: 500, pricing: { prompt: 2.5, completion: 10 } });
    assert.deepEqual(estimate, { promptTokens: 1000, promptTokensExact: false, minMicroUsd: 2500, maxMicroUsd: 7500, maxOutputTokens: 500, priced: true });
  });

  it('says unpriced when the model has no published price', () => {
    const estimate = estimateCost({ promptTokens: 10, promptTokensExact: false, maxOutputTokens: 5, pricing: { prompt: 1 } });
    assert.equal(estimate.priced, false);
    assert.equal(estimate.maxMicroUsd, 0);
  });

  it('prices a catalog model from the bundled snapshot before any network call', async () => {
    const core = offlineCore();
    const estimate = await core.estimate({ model: 'openrouter:openai/gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(400) }], maxTokens: 1000 });
    assert.equal(estimate.promptTokens, 100);
    assert.equal(estimate.minMicroUsd, 250);
    assert.equal(estimate.maxMicroUsd, 250 + 10_000);
    assert.equal(estimate.priced, true);
    core.dispose();
  });

  it('caps max output tokens at the model\'s published maximum', async () => {
    const core = offlineCore();
    // anthropic/claude-opus-4 publishes max_completion_tokens 32000
    const estimate = await core.estimate({ model: 'openrouter:anthropic/claude-opus-4', messages: [{ role: 'user', content: 'hi' }], maxTokens: 100_000 });
    assert.equal(estimate.maxOutputTokens, 32_000);
    core.dispose();
  });

  it('counts exactly with the injected tokenizer, loaded once on first exact use and not at start-up', async () => {
    let loads = 0;
    const core = offlineCore(async () => { loads++; return loadGptTokenizer(); });
    const messages = [{ role: 'user' as const, content: 'The quick brown fox jumps over the lazy dog.' }];
    await core.estimate({ model: 'openrouter:openai/gpt-4o', messages });
    assert.equal(loads, 0, 'an instant estimate loads nothing');
    const exact = await core.estimate({ model: 'openrouter:openai/gpt-4o', messages }, true);
    await core.estimate({ model: 'openrouter:openai/gpt-4o', messages }, true);
    assert.equal(loads, 1);
    assert.equal(exact.promptTokensExact, true);
    assert.equal(exact.promptTokens, 10);
    core.dispose();
  });

  it('falls back to characters / 4 when there is no loader or it fails', async () => {
    const messages = [{ role: 'user' as const, content: 'abcdefgh' }];
    const without = await new PromptTokenCounter(undefined).count(messages);
    assert.deepEqual(without, { tokens: 2, exact: false });
    const errors: unknown[] = [];
    const failing = await new PromptTokenCounter(async () => { throw new Error('bundle missing'); }, (error) => errors.push(error)).count(messages);
    assert.deepEqual(failing, { tokens: 2, exact: false });
    assert.equal(errors.length, 1);
  });
});
