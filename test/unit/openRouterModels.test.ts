import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpenRouterModels, usdPerUnitToMicroUsd } from '../../src/core/catalog/openRouterModels';
import { RECORDINGS_DIR } from '../support/fixtureServer';

const load = (name: string): unknown => JSON.parse(readFileSync(join(RECORDINGS_DIR, name), 'utf8'));

describe('parseOpenRouterModels', () => {
  const models = parseOpenRouterModels(load('openrouter-models-2025-05-23.json'));

  it('parses all 321 models of the real 2025 catalog with namespaced ids', () => {
    assert.equal(models.length, 321);
    for (const model of models) {
      assert.equal(model.id, `openrouter:${model.modelId}`);
      assert.equal(model.provider, 'openrouter');
    }
  });

  it('turns USD-per-token strings into micro-USD per token', () => {
    const opus = models.find((model) => model.modelId === 'anthropic/claude-opus-4');
    assert.ok(opus);
    assert.deepEqual(opus.pricing, { prompt: 15, completion: 75, cacheRead: 1.5, cacheWrite: 18.75, request: 0, image: 24000 });
    assert.equal(opus.contextLength, 200000);
    assert.equal(opus.maxOutputTokens, 32000);
    assert.deepEqual(opus.capabilities, { tools: true, reasoning: true });
    assert.deepEqual(opus.inputModalities, ['image', 'text']);
    assert.equal(opus.created, 1747931245);
    assert.equal(opus.isFree, false);
  });

  it('leaves "-1" prices (routers) unknown, never 0', () => {
    const auto = models.find((model) => model.modelId === 'openrouter/auto');
    assert.ok(auto);
    assert.equal(auto.pricing.prompt, undefined);
    assert.equal(auto.pricing.completion, undefined);
    assert.equal(auto.isFree, false);
  });

  it('marks :free models free', () => {
    const free = models.filter((model) => model.modelId.endsWith(':free'));
    assert.ok(free.length > 0);
    assert.ok(free.every((model) => model.isFree && model.pricing.prompt === 0));
  });

  it('accepts the 2026 shape (total_count, links, reasoning, pricing.overrides)', () => {
    const newer = parseOpenRouterModels(load('openrouter-models-2026-08-trimmed.json'));
    assert.deepEqual(newer.map((model) => model.modelId), ['openai/gpt-5-nano', 'anthropic/claude-sonnet-4', 'openai/gpt-4.1-mini', 'openai/gpt-4o', 'openai/gpt-3.5-turbo']);
    const sonnet = newer[1];
    assert.deepEqual(sonnet.pricing, { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    assert.equal(sonnet.capabilities.reasoning, true);
    assert.deepEqual(newer[0].pricing, { prompt: 0.05, completion: 0.4, cacheRead: 0.005 });
  });

  it('skips entries without an id and survives a body that is not a list', () => {
    assert.deepEqual(parseOpenRouterModels({ data: [{ name: 'no id' }, null] }), []);
    assert.deepEqual(parseOpenRouterModels('nonsense'), []);
  });
});

describe('usdPerUnitToMicroUsd', () => {
  for (const [input, expected] of [['0.000015', 15], ['0.0000025', 2.5], ['0.00000005', 0.05], ['0', 0], ['1', 1_000_000], ['1e-7', 0.1], ['-1', undefined], ['', undefined], [undefined, undefined], ['abc', undefined]] as const) {
    it(`converts ${JSON.stringify(input)} to ${String(expected)}`, () => assert.equal(usdPerUnitToMicroUsd(input), expected));
  }
});
