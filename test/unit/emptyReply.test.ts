import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cost } from '../../src/core/index';
import { readRecording } from '../support/fixtureServer';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];
const emptyReply = (name: string): Buffer => readFileSync(join(__dirname, '..', 'fixtures', 'empty-replies', name));

interface EmptyCase {
  name: string;
  model: string;
  file: string;
  /** what the cost must be: billed when the provider charged, priced from usage, unknown without usage */
  cost: (cost: Cost) => boolean;
  costSays: string;
}

const unknown = (cost: Cost): boolean => cost.kind === 'unknown';
const fromUsage = (cost: Cost): boolean => cost.kind === 'estimated';

const cases: EmptyCase[] = [
  { name: 'OpenAI: a role-only chunk then a finish', model: 'openai:gpt-4o-mini', file: 'openai-role-then-finish.sse', cost: unknown, costSays: 'unknown' },
  { name: 'OpenAI: content "" deltas, a finish and usage', model: 'openai:gpt-4o-mini', file: 'openai-empty-content-deltas.sse', cost: fromUsage, costSays: 'estimated from usage' },
  { name: 'OpenAI: usage alone', model: 'openai:gpt-4o-mini', file: 'openai-usage-only.sse', cost: fromUsage, costSays: 'estimated from usage' },
  { name: 'OpenRouter: a role-only chunk then a finish', model: 'openrouter:openai/gpt-4o', file: 'openai-role-then-finish.sse', cost: unknown, costSays: 'unknown' },
  { name: 'OpenRouter: content "" deltas with a billed cost', model: 'openrouter:openai/gpt-4o', file: 'openrouter-empty-content-billed.sse', cost: (cost) => cost.kind === 'billed' && cost.microUsd === 43, costSays: 'billed $0.000043' },
  { name: 'OpenRouter: usage alone', model: 'openrouter:openai/gpt-4o', file: 'openai-usage-only.sse', cost: fromUsage, costSays: 'estimated from usage' },
  { name: 'Anthropic: an empty text block and an empty text_delta, with usage', model: 'anthropic:claude-sonnet-4-5', file: 'anthropic-empty-text-block.sse', cost: unknown, costSays: 'unknown (usage came, no price for this model here)' },
  { name: 'Anthropic: no content block and no usage', model: 'anthropic:claude-sonnet-4-5', file: 'anthropic-no-content-block.sse', cost: unknown, costSays: 'unknown' },
  { name: 'Gemini: an empty text part with STOP and usage', model: 'gemini:gemini-2.5-flash', file: 'gemini-empty-text.sse', cost: unknown, costSays: 'unknown (usage came, no price for this model here)' },
  { name: 'Gemini: usageMetadata alone', model: 'gemini:gemini-2.5-flash', file: 'gemini-usage-only.sse', cost: unknown, costSays: 'unknown (usage came, no price for this model here)' },
];

describe('an empty reply', () => {
  let engine: EngineSetup;
  beforeEach(async () => { engine = await startEngine({ fallbackChain: ['openrouter:openai/gpt-4o'] }); });
  afterEach(async () => { await engine.close(); });

  for (const item of cases) {
    it(`is an error, never a $0 success (${item.name}); cost ${item.costSays}; not retried or replaced by a fallback`, async () => {
      engine.server.nextFault({ body: emptyReply(item.file) });
      const result = await engine.core.send({ model: item.model, messages, maxTokens: 100 });
      assert.equal(result.status, 'error');
      assert.equal(result.error?.code, 'empty-reply', result.error?.message);
      assert.match(result.error!.message, /: the model returned an empty reply\. Retry, or pick another model\.$/);
      assert.equal(result.text, '');
      assert.ok(item.cost(result.cost), `cost ${JSON.stringify(result.cost)} should be ${item.costSays}`);
      assert.notDeepEqual(result.cost, { kind: 'estimated', microUsd: 0 });
      assert.equal(engine.chatRequests(), 1, 'the person retries it, not the engine: it may have been billed');
      assert.deepEqual(result.fallbackFrom, []);
    });
  }

  it('counts the reserved maximum against the cap when no usage came (cost unknown)', async () => {
    await engine.close();
    engine = await startEngine({ budget: { dailyUsd: 1 } });
    engine.server.nextFault({ body: emptyReply('openai-role-then-finish.sse') });
    const result = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 });
    assert.equal(result.error?.code, 'empty-reply');
    const status = engine.core.budgetStatus();
    assert.equal(status.sessionUnknownCount, 1);
    assert.ok(status.day.spentMicroUsd > 0, 'the hold counts as spent, not released');
    assert.equal(status.day.reservedMicroUsd, 0);
  });

  for (const [model, recording] of [['openai:gpt-4o-mini', 'openai-chat-stream-tool-call-usage.sse'], ['gemini:gemini-3-pro-preview', 'gemini-stream-tool-call.sse']] as const) {
    it(`is not what a tool-call-only reply is (${recording})`, async () => {
      engine.server.nextFault({ body: readRecording(recording) });
      const result = await engine.core.send({ model, messages, maxTokens: 100 });
      assert.equal(result.error, undefined, result.error?.message);
      assert.equal(result.status, 'ok');
    });
  }
});
