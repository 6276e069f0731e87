import assert from 'node:assert/strict';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'What is 1 + 1?' }];

describe('fallback chain', () => {
  let engine: EngineSetup;
  afterEach(async () => { await engine.close(); });

  it('falls back from an OpenRouter 503 to Anthropic and says which model failed first and why', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    const served: string[] = [];
    const engineParts: string[] = [];
    const result = await engine.core.send({
      model: 'openrouter:fault/503', messages, maxTokens: 100,
      onPart: (part, model) => {
        if (part.type === 'retrying' || part.type === 'fallback') engineParts.push(part.type === 'retrying' ? `retrying ${part.attempt}/${part.maxAttempts}` : `fallback ${part.from} -> ${part.to} (${part.error.status})`);
        else served.push(model);
      },
    });
    assert.equal(result.status, 'ok');
    assert.equal(result.requestedModel, 'openrouter:fault/503');
    assert.equal(result.servedModel, 'anthropic:claude-sonnet-4-5');
    assert.equal(result.text, '2');
    assert.equal(result.fallbackFrom.length, 1);
    assert.equal(result.fallbackFrom[0].model, 'openrouter:fault/503');
    assert.equal(result.fallbackFrom[0].error.status, 503);
    assert.equal(result.fallbackFrom[0].error.provider, 'openrouter');
    assert.ok(served.every((model) => model === 'anthropic:claude-sonnet-4-5'), 'parts come only from the model that answered');
    assert.deepEqual(engineParts, ['retrying 2/3', 'retrying 3/3', 'fallback openrouter:fault/503 -> anthropic:claude-sonnet-4-5 (503)'], 'the wait and the switch are announced while they happen');
    const formats = engine.server.requests.filter((request) => request.method === 'POST').map((request) => request.format);
    assert.deepEqual(formats, ['openrouter', 'openrouter', 'openrouter', 'anthropic'], 'retried the 503 first, then crossed providers');
  });

  it('falls back after an error inside the 200 stream that came before the first token', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    // a non-retryable in-stream error (code 400) with no text before it: nothing reached the person yet
    engine.server.nextFault({ body: 'data: {"id":"gen-x","model":"openai/gpt-4o","choices":[],"error":{"code":400,"message":"Upstream refused the request"}}\n\n' });
    const result = await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100 });
    assert.equal(result.status, 'ok', result.error?.message);
    assert.equal(result.servedModel, 'anthropic:claude-sonnet-4-5');
    assert.equal(result.text, '2');
    assert.equal(result.fallbackFrom.length, 1);
    assert.equal(result.fallbackFrom[0].error.code, 'mid-stream');
    assert.match(result.fallbackFrom[0].error.message, /Upstream refused the request/);
  });

  it('uses the per-request chain over settings, and [] means no fallback', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    const result = await engine.core.send({ model: 'openrouter:fault/503', messages, maxTokens: 100, fallback: [] });
    assert.equal(result.status, 'error');
    assert.equal(result.servedModel, 'openrouter:fault/503');
  });

  it('does not fall back after an authentication error', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    const result = await engine.core.send({ model: 'openrouter:fault/401', messages, maxTokens: 100 });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.code, 'authentication');
    assert.equal(result.servedModel, 'openrouter:fault/401');
    assert.equal(engine.chatRequests(), 1);
  });

  it('does not fall back once text arrived', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    const result = await engine.core.send({ model: 'openrouter:fault/cut-midstream', messages, maxTokens: 100 });
    assert.equal(result.status, 'error');
    assert.ok(result.text.length > 0);
    assert.equal(engine.chatRequests(), 1);
  });

  it('skips an unknown provider in the chain and records why', async () => {
    engine = await startEngine({ fallbackChain: ['nowhere:model-x', 'anthropic:claude-sonnet-4-5'] });
    const result = await engine.core.send({ model: 'openrouter:fault/502', messages, maxTokens: 100 });
    assert.equal(result.servedModel, 'anthropic:claude-sonnet-4-5');
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.fallbackFrom.map((entry) => [entry.model, entry.error.code]), [['openrouter:fault/502', 'provider-error'], ['nowhere:model-x', 'configuration']]);
  });
});
