import assert from 'node:assert/strict';
import { parseModelId, ProviderRegistry } from '../../src/core/providers/registry';
import { SwitchboardError } from '../../src/core/index';
import { createUndiciTransport } from '../../src/core/index';
import { MemorySecrets } from '../support/memoryPorts';

describe('ProviderRegistry', () => {
  const transport = createUndiciTransport();
  after(async () => { await transport.close(); });
  const registry = (settings = {}) => new ProviderRegistry({ transport, secrets: new MemorySecrets(), settings });

  it('splits model ids at the first colon only', () => {
    assert.deepEqual(parseModelId('openrouter:meta-llama/llama-3.3-70b:free'), { providerId: 'openrouter', modelId: 'meta-llama/llama-3.3-70b:free' });
    assert.equal(parseModelId('gpt-4o'), undefined);
    assert.equal(parseModelId(':gpt-4o'), undefined);
    assert.equal(parseModelId('openai:'), undefined);
  });

  it('resolves a namespaced id to its provider and the provider\'s own model id', () => {
    const resolved = registry().resolve('ollama:qwen3:8b');
    assert.equal(resolved.provider.descriptor.id, 'ollama');
    assert.equal(resolved.modelId, 'qwen3:8b');
  });

  it('refuses an unknown provider with a configuration error naming the known ones', () => {
    assert.throws(() => registry().resolve('mystery:model'), (error) => error instanceof SwitchboardError && error.code === 'configuration'
      && /Unknown provider "mystery".*Known providers: openrouter, openai, groq, deepseek, ollama, lmstudio, anthropic, gemini/.test(error.message));
    assert.throws(() => registry().resolve('gpt-4o'), (error) => error instanceof SwitchboardError && /provider:model/.test(error.message));
  });

  it('applies base URL overrides and adds custom endpoints as OpenAI-compatible providers', () => {
    const built = registry({
      baseUrls: { ollama: 'http://10.0.0.5:11434/v1' },
      customEndpoints: [{ id: 'team', label: 'Team gateway', baseUrl: 'https://llm.example.com/v1', requiresKey: true }],
    });
    assert.equal(built.get('ollama')!.descriptor.baseUrl, 'http://10.0.0.5:11434/v1');
    assert.deepEqual(built.get('team')!.descriptor, { id: 'team', label: 'Team gateway', kind: 'openai-compatible', baseUrl: 'https://llm.example.com/v1', requiresKey: true });
  });

  it('ignores bad custom endpoints and bad URLs, saying why, and keeps the rest', () => {
    const built = registry({
      baseUrls: { openai: 'not a url' },
      customEndpoints: [
        { id: 'openai', baseUrl: 'https://x.example/v1', requiresKey: true },
        { id: 'bad id!', baseUrl: 'https://x.example/v1', requiresKey: true },
        { id: 'ftp', baseUrl: 'ftp://x.example', requiresKey: true },
      ],
    });
    assert.equal(built.get('openai')!.descriptor.baseUrl, 'https://api.openai.com/v1');
    assert.equal(built.settingProblems().length, 4);
    assert.equal(built.get('ftp'), undefined);
  });

  it('rebuilds the providers on update', () => {
    const built = registry();
    const before = built.get('openrouter');
    built.update({ baseUrls: { openrouter: 'http://127.0.0.1:9/api/v1' } });
    assert.notEqual(built.get('openrouter'), before);
    assert.equal(built.get('openrouter')!.descriptor.baseUrl, 'http://127.0.0.1:9/api/v1');
  });
});
