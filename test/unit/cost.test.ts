import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costOf } from '../../src/core/cost/costOf';
import { RECORDINGS_DIR } from '../support/fixtureServer';
import { startEngine, type EngineSetup } from './engineSetup';

/** "0.0001025" USD -> micro-USD, exactly from the decimal text, rounded half up */
function usdTextToMicro(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  const padded = fraction.padEnd(7, '0');
  const micro = Number(whole) * 1_000_000 + Number(padded.slice(0, 6));
  return Number(padded[6]) >= 5 ? micro + 1 : micro;
}

const billedRecordings = readdirSync(RECORDINGS_DIR)
  .filter((name) => name.startsWith('openrouter-chat-stream-') && name.endsWith('.sse'))
  .map((name) => {
    const text = readFileSync(join(RECORDINGS_DIR, name), 'utf8');
    const cost = /"cost":([0-9.eE-]+)/.exec(text)?.[1];
    const model = /"model":"([^"]+)"/.exec(text)?.[1];
    return { name, cost, model };
  })
  .filter((recording): recording is { name: string; cost: string; model: string } => recording.cost !== undefined && recording.model !== undefined);

describe('cost of recorded OpenRouter streams', () => {
  let engine: EngineSetup;
  before(async () => { engine = await startEngine({ fallbackChain: [] }); });
  after(async () => { await engine.close(); });

  it('finds the recordings that carry a billed cost', () => {
    assert.ok(billedRecordings.length >= 6, billedRecordings.map((r) => r.name).join(', '));
  });

  for (const recording of billedRecordings) {
    it(`reports the billed cost of ${recording.name} to the micro-dollar, and the catalog estimate agrees where the model is listed`, async () => {
      engine.server.nextFault({ recording: recording.name });
      const result = await engine.core.send({ model: `openrouter:${recording.model}`, messages: [{ role: 'user', content: 'hi' }], maxTokens: 100 });
      assert.deepEqual(result.cost, { kind: 'billed', microUsd: usdTextToMicro(recording.cost) });
      const info = engine.core.catalog.get(`openrouter:${recording.model}`);
      if (info) {
        const { billedMicroUsd: _billed, ...tokens } = result.usage;
        assert.deepEqual(costOf(tokens, info.pricing), { kind: 'estimated', microUsd: usdTextToMicro(recording.cost) }, 'tokens x snapshot prices = the bill');
      }
    });
  }

  it('checks the estimate against at least three bills (gpt-4o, gpt-4.1-mini in the bundled snapshot)', () => {
    const listed = billedRecordings.filter((recording) => engine.core.catalog.get(`openrouter:${recording.model}`));
    assert.ok(listed.length >= 3, listed.map((r) => r.name).join(', '));
  });
});

describe('costOf', () => {
  const pricing = { prompt: 3, completion: 15, cacheRead: 0.3, cacheWrite: 3.75 };

  it('prefers the billed amount over prices', () => {
    assert.deepEqual(costOf({ inputTokens: 1000, outputTokens: 1000, billedMicroUsd: 42 }, pricing), { kind: 'billed', microUsd: 42 });
  });

  it('prices cached reads and cache writes apart from the uncached prompt', () => {
    // 1000 input = 600 uncached x 3 + 300 cached x 0.3 + 100 written x 3.75; 200 output x 15
    assert.deepEqual(costOf({ inputTokens: 1000, cachedInputTokens: 300, cacheWriteTokens: 100, outputTokens: 200 }, pricing), { kind: 'estimated', microUsd: 1800 + 90 + 375 + 3000 });
  });

  it('prices reasoning tokens apart only when the model has a reasoning price', () => {
    assert.deepEqual(costOf({ inputTokens: 0, outputTokens: 100, reasoningTokens: 40 }, { prompt: 1, completion: 2 }), { kind: 'estimated', microUsd: 200 });
    assert.deepEqual(costOf({ inputTokens: 0, outputTokens: 100, reasoningTokens: 40 }, { prompt: 1, completion: 2, reasoning: 5 }), { kind: 'estimated', microUsd: 60 * 2 + 40 * 5 });
  });

  it('adds the per-request price and rounds once, half up, at the end', () => {
    assert.deepEqual(costOf({ inputTokens: 1, outputTokens: 1 }, { prompt: 0.25, completion: 0.25, request: 0.1 }), { kind: 'estimated', microUsd: 1 });
    assert.deepEqual(costOf({ inputTokens: 3, outputTokens: 0 }, { prompt: 0.1, completion: 0.4 }), { kind: 'estimated', microUsd: 0 });
  });

  it('is unknown, never 0, when no usage arrived or a needed price is not published', () => {
    assert.deepEqual(costOf(undefined, pricing), { kind: 'unknown' });
    assert.deepEqual(costOf({}, pricing), { kind: 'unknown' });
    assert.deepEqual(costOf({ inputTokens: 10, outputTokens: 10 }, { prompt: 1 }), { kind: 'unknown' });
    assert.deepEqual(costOf({ inputTokens: 10, outputTokens: 10 }, undefined), { kind: 'unknown' });
  });

  it('prices cache writes at the prompt price when no cache-write price is published, never at 0', () => {
    // 1000 input = 600 uncached + 400 written, both x 3 (no cacheWrite price); with a cache-write price of 0 it would be 1800
    assert.deepEqual(costOf({ inputTokens: 1000, cacheWriteTokens: 400, outputTokens: 0 }, { prompt: 3, completion: 15 }), { kind: 'estimated', microUsd: 3000 });
    assert.deepEqual(costOf({ inputTokens: 1000, cachedInputTokens: 400, outputTokens: 0 }, { prompt: 3, completion: 15 }), { kind: 'estimated', microUsd: 3000 });
  });

  it('is 0 for a free model', () => {
    assert.deepEqual(costOf({ inputTokens: 10, outputTokens: 10 }, { prompt: 0, completion: 0 }), { kind: 'estimated', microUsd: 0 });
  });
});
