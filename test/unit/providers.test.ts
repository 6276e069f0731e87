import { strict as assert } from 'node:assert';
import type { FixtureServer, RecordedRequest, WireFormat } from '../support/fixtureServer';
import { collectStream, type CollectedStream } from '../support/streamHelpers';
import { createUndiciTransport } from '../../src/core/transport/undiciTransport';
import { BUILT_IN_PROVIDERS, createProvider } from '../../src/core/providers/presets';
import type { ChatProvider, ChatRequest, ProviderDescriptor } from '../../src/core/providers/chatProvider';
import type { Usage } from '../../src/core/streamParts';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import { useFixtureServer } from './fixtureHooks';

/** key-shaped (assembled so no key-shaped literal sits in the repo), to prove keys are redacted */
const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(3)}`;
const OPENROUTER_ONLY_BODY_FIELDS = ['models', 'provider', 'reasoning', 'usage'];
const ATTRIBUTION_HEADERS = ['http-referer', 'x-openrouter-title', 'x-title', 'x-openrouter-categories'];

interface ProviderCase {
  name: string;
  providerId: string;
  format: WireFormat;
  request: Omit<ChatRequest, 'signal'>;
  /** path the request must go to, after the server URL */
  path: string;
  /** headers that must be present with these values */
  headers: Record<string, string>;
  /** the exact JSON body */
  body: unknown;
  text: string | { startsWith: string; length: number };
  reasoning?: string | { startsWith: string; length: number };
  usage: Usage;
  finish: { reason: string; rawReason?: string };
  metadata: { id?: string; model?: string; upstreamProvider?: string };
  queued?: boolean;
}

const hi = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hi' }];
const openRouterHeaders = {
  authorization: `Bearer ${KEY}`,
  'content-type': 'application/json',
  accept: 'text/event-stream',
  'http-referer': 'https://example.test/switchboard',
  'x-openrouter-title': 'Switchboard Tests',
  'x-title': 'Switchboard Tests',
  'x-openrouter-categories': 'ide-extension',
};

const cases: ProviderCase[] = [
  {
    name: 'OpenRouter streams gpt-4o text with billed cost, queue notice and generation id',
    providerId: 'openrouter', format: 'openrouter',
    request: { model: 'openai/gpt-4o', messages: hi, maxTokens: 100, temperature: 0.2 },
    path: '/openrouter/api/v1/chat/completions',
    headers: openRouterHeaders,
    body: { model: 'openai/gpt-4o', messages: hi, stream: true, stream_options: { include_usage: true }, max_tokens: 100, temperature: 0.2, usage: { include: true } },
    text: 'Pebbles and Skipper.',
    usage: { inputTokens: 17, outputTokens: 6, cachedInputTokens: 0, reasoningTokens: 0, billedMicroUsd: 103 },
    finish: { reason: 'stop', rawReason: 'stop' },
    metadata: { id: 'gen-1754441342-hIkMo7SMi0ZecQw3oR4d', model: 'openai/gpt-4o', upstreamProvider: 'OpenAI' },
    queued: true,
  },
  {
    name: 'OpenRouter sends the OpenRouter-only fields it was given and reads reasoning deltas',
    providerId: 'openrouter', format: 'openrouter',
    request: { model: 'anthropic/claude-sonnet-4.5', messages: hi, openRouter: { models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'], provider: { sort: 'price', data_collection: 'deny' }, reasoning: { effort: 'low' } } },
    path: '/openrouter/api/v1/chat/completions',
    headers: openRouterHeaders,
    body: { model: 'anthropic/claude-sonnet-4.5', messages: hi, stream: true, stream_options: { include_usage: true }, usage: { include: true }, models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'], provider: { sort: 'price', data_collection: 'deny' }, reasoning: { effort: 'low' } },
    text: '2 + 2 = 4',
    reasoning: 'This is a simple arithmetic question. 2+2 equals 4.',
    usage: { inputTokens: 43, outputTokens: 36, cachedInputTokens: 0, reasoningTokens: 13, billedMicroUsd: 669 },
    finish: { reason: 'stop', rawReason: 'stop' },
    metadata: { id: 'gen-1765226419-AGrwjunAftQIAgweibL8', model: 'anthropic/claude-sonnet-4.5', upstreamProvider: 'Google' },
    queued: true,
  },
  {
    name: 'OpenRouter reports the model that actually served (claude-haiku recording)',
    providerId: 'openrouter', format: 'openrouter',
    request: { model: 'anthropic/claude-haiku-4.5', messages: hi },
    path: '/openrouter/api/v1/chat/completions',
    headers: openRouterHeaders,
    body: { model: 'anthropic/claude-haiku-4.5', messages: hi, stream: true, stream_options: { include_usage: true }, usage: { include: true } },
    text: '1\n2\n3',
    usage: { inputTokens: 15, outputTokens: 9, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, billedMicroUsd: 60 },
    finish: { reason: 'stop', rawReason: 'stop' },
    metadata: { id: 'gen-1780944361-X5HAtL0Z2NQp8nHAiT6F', model: 'anthropic/claude-4.5-haiku-20251001', upstreamProvider: 'Amazon Bedrock' },
    queued: true,
  },
  {
    name: 'OpenRouter maps tool_calls to tool-calls',
    providerId: 'openrouter', format: 'openrouter',
    request: { model: 'openai/gpt-4.1-mini', messages: hi },
    path: '/openrouter/api/v1/chat/completions',
    headers: openRouterHeaders,
    body: { model: 'openai/gpt-4.1-mini', messages: hi, stream: true, stream_options: { include_usage: true }, usage: { include: true } },
    text: '',
    usage: { inputTokens: 48, outputTokens: 11, cachedInputTokens: 0, reasoningTokens: 0, billedMicroUsd: 37 },
    finish: { reason: 'tool-calls', rawReason: 'tool_calls' },
    metadata: { id: 'gen-1754441566-QNLn11ywo16tGzus0Wix', model: 'openai/gpt-4.1-mini', upstreamProvider: 'OpenAI' },
    queued: true,
  },
  {
    name: 'OpenAI gets a plain OpenAI request with include_usage, max_completion_tokens and no OpenRouter fields',
    providerId: 'openai', format: 'openai',
    request: { model: 'gpt-4o-mini', messages: hi, maxTokens: 50, openRouter: { models: ['x'], provider: { sort: 'price' }, reasoning: { effort: 'high' } } },
    path: '/openai/v1/chat/completions',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: { model: 'gpt-4o-mini', messages: hi, stream: true, stream_options: { include_usage: true }, max_completion_tokens: 50 },
    text: 'The capital of the UK is London.',
    usage: { inputTokens: 78, outputTokens: 9, cachedInputTokens: 0, reasoningTokens: 0 },
    finish: { reason: 'stop', rawReason: 'stop' },
    metadata: { id: 'chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc', model: 'gpt-4o-mini-2024-07-18' },
  },
  {
    name: 'Ollama (no key) streams qwen3 reasoning and text without an Authorization header',
    providerId: 'ollama', format: 'openai',
    request: { model: 'qwen3', messages: hi, maxTokens: 64 },
    path: '/openai/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: { model: 'qwen3', messages: hi, stream: true, stream_options: { include_usage: true }, max_tokens: 64 },
    text: '1  \n2  \n3',
    reasoning: { startsWith: 'Okay, the user wants me to cou', length: 1177 },
    usage: { inputTokens: 17, outputTokens: 289 },
    finish: { reason: 'stop', rawReason: 'stop' },
    metadata: { id: 'chatcmpl-745', model: 'qwen3' },
  },
  {
    name: 'Anthropic gets the Messages API shape: top-level system, default max_tokens 4096, x-api-key',
    providerId: 'anthropic', format: 'anthropic',
    request: { model: 'claude-sonnet-4-5', messages: hi, openRouter: { reasoning: { effort: 'high' } } },
    path: '/anthropic/v1/messages',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: { model: 'claude-sonnet-4-5', max_tokens: 4096, messages: [{ role: 'user', content: 'Hi' }], stream: true, system: 'Be brief.' },
    text: '2',
    usage: { inputTokens: 20, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 5 },
    finish: { reason: 'stop', rawReason: 'end_turn' },
    metadata: { id: 'msg_018E1hg8GoVTGEKQY3ovMcSJ', model: 'claude-sonnet-4-5-20250929' },
  },
  {
    name: 'Anthropic turns thinking_delta into reasoning and assigns the cumulative output tokens',
    providerId: 'anthropic', format: 'anthropic',
    request: { model: 'claude-sonnet-4-0', messages: [{ role: 'user', content: 'How do I cross the street?' }], maxTokens: 2048, temperature: 1 },
    path: '/anthropic/v1/messages',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    body: { model: 'claude-sonnet-4-0', max_tokens: 2048, messages: [{ role: 'user', content: 'How do I cross the street?' }], stream: true, temperature: 1 },
    text: { startsWith: 'Here are the basic steps for safely cros', length: 1021 },
    reasoning: { startsWith: 'This is a straightforward ques', length: 202 },
    usage: { inputTokens: 43, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 282 },
    finish: { reason: 'stop', rawReason: 'end_turn' },
    metadata: { id: 'msg_01ALwQ87pTS7hH1PjSdC9wJD', model: 'claude-sonnet-4-20250514' },
  },
  {
    name: 'Anthropic ignores server tool events and maps tool_use to tool-calls',
    providerId: 'anthropic', format: 'anthropic',
    request: { model: 'claude-sonnet-4-6', messages: hi },
    path: '/anthropic/v1/messages',
    headers: { 'x-api-key': KEY },
    body: { model: 'claude-sonnet-4-6', max_tokens: 4096, messages: [{ role: 'user', content: 'Hi' }], stream: true, system: 'Be brief.' },
    text: { startsWith: 'Let me search for a tool that can provid', length: 158 },
    usage: { inputTokens: 1591, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 175 },
    finish: { reason: 'tool-calls', rawReason: 'tool_use' },
    metadata: { id: 'msg_01E3Wn1NynZw9FALZ68znj9S', model: 'claude-sonnet-4-6' },
  },
  {
    name: 'Gemini posts contents/systemInstruction/generationConfig to streamGenerateContent with x-goog-api-key',
    providerId: 'gemini', format: 'gemini',
    request: { model: 'gemini-2.5-flash', messages: [...hi, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Count' }], maxTokens: 300, temperature: 0 },
    path: '/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
    body: {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }, { role: 'model', parts: [{ text: 'Hello' }] }, { role: 'user', parts: [{ text: 'Count' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 300, temperature: 0 },
    },
    text: Array.from({ length: 30 }, (_, index) => String(index + 1)).join('\n'),
    usage: { inputTokens: 18, outputTokens: 115, reasoningTokens: 35 },
    finish: { reason: 'stop', rawReason: 'STOP' },
    metadata: { id: 'ru1garvBEoOiqtsP2fznmQw', model: 'gemini-2.5-flash' },
  },
  {
    name: 'Gemini ends the stream at the end of the body (2.0 flash recording)',
    providerId: 'gemini', format: 'gemini',
    request: { model: 'gemini-2.0-flash-exp', messages: [{ role: 'user', content: 'Capital of France?' }] },
    path: '/gemini/v1beta/models/gemini-2.0-flash-exp:streamGenerateContent?alt=sse',
    headers: { 'x-goog-api-key': KEY },
    body: { contents: [{ role: 'user', parts: [{ text: 'Capital of France?' }] }] },
    text: 'The capital of France is Paris.\n',
    usage: { inputTokens: 13, outputTokens: 8 },
    finish: { reason: 'stop', rawReason: 'STOP' },
    metadata: { id: 'w1peaMz6INOvnvgPgYfPiQY', model: 'gemini-2.0-flash-exp' },
  },
];

export function descriptorFor(providerId: string, server: FixtureServer, format: WireFormat): ProviderDescriptor {
  const builtIn = BUILT_IN_PROVIDERS.find((descriptor) => descriptor.id === providerId);
  assert.ok(builtIn, providerId);
  return { ...builtIn, baseUrl: server.baseUrls[format] };
}

function expectText(actual: string, expected: string | { startsWith: string; length: number } | undefined): void {
  if (expected === undefined) {
    assert.equal(actual, '');
  } else if (typeof expected === 'string') {
    assert.equal(actual, expected);
  } else {
    assert.ok(actual.startsWith(expected.startsWith), actual.slice(0, 60));
    assert.equal(actual.length, expected.length);
  }
}

describe('providers against the fixture server', () => {
  const fixture = useFixtureServer();
  /** key null = none set */
  const providerFor = (providerId: string, format: WireFormat, key: string | null = KEY): ChatProvider =>
    createProvider(descriptorFor(providerId, fixture.server, format), {
      transport: fixture.transport,
      getApiKey: async () => key ?? undefined,
      attribution: { referer: 'https://example.test/switchboard', title: 'Switchboard Tests' },
    });


  for (const item of cases) {
    it(item.name, async () => {
      const before = fixture.server.requests.length;
      const collected: CollectedStream = await collectStream(providerFor(item.providerId, item.format, item.providerId === 'ollama' ? null : KEY).stream(item.request));
      assert.equal(collected.error, undefined, collected.error?.message);
      const sent: RecordedRequest = fixture.server.requests[before];
      assert.equal(sent.method, 'POST');
      assert.equal(sent.url, item.path);
      for (const [name, value] of Object.entries(item.headers)) {
        assert.equal(sent.headers[name], value, `header ${name}`);
      }
      assert.deepEqual(sent.json, item.body);
      if (item.format !== 'openrouter') {
        for (const field of OPENROUTER_ONLY_BODY_FIELDS) {
          assert.equal((sent.json as Record<string, unknown>)[field], undefined, `OpenRouter-only field ${field} sent to ${item.providerId}`);
        }
        for (const header of ATTRIBUTION_HEADERS) {
          assert.equal(sent.headers[header], undefined, `attribution header ${header} sent to ${item.providerId}`);
        }
      }
      if (item.providerId === 'ollama') {
        assert.equal(sent.headers.authorization, undefined);
      }
      expectText(collected.text, item.text);
      expectText(collected.reasoning, item.reasoning);
      assert.deepEqual(collected.usage, item.usage);
      assert.deepEqual({ reason: collected.finish?.reason, rawReason: collected.finish?.rawReason }, item.finish);
      assert.deepEqual({ id: collected.metadata?.id, model: collected.metadata?.model, upstreamProvider: collected.metadata?.upstreamProvider }, { upstreamProvider: undefined, ...item.metadata });
      assert.equal(collected.queued, item.queued === true);
      const last = collected.parts[collected.parts.length - 1];
      assert.equal(last.type, 'finish', 'a stream ends with exactly one finish');
      assert.equal(collected.parts.filter((part) => part.type === 'finish' || part.type === 'error').length, 1);
      assert.doesNotMatch(JSON.stringify(collected.parts), /0123456789abcdef/, 'no key in anything serialised');
    });
  }

  for (const [providerId, format, model] of [['openrouter', 'openrouter', 'openai/gpt-4o'], ['openai', 'openai', 'gpt-4o-mini'], ['anthropic', 'anthropic', 'claude-sonnet-4-5'], ['gemini', 'gemini', 'gemini-2.5-flash']] as const) {
    it(`${providerId}: reads each body to its end and reuses one kept-alive connection for sequential streams`, async () => {
      const isolated = createUndiciTransport();
      const provider = createProvider(descriptorFor(providerId, fixture.server, format), { transport: isolated, getApiKey: async () => KEY });
      const before = fixture.server.connectionCount;
      try {
        for (let index = 0; index < 4; index += 1) {
          // The body ends 30 ms after its end marker: a provider that stops reading at the marker loses the socket.
          fixture.server.nextFault({ endDelayMs: 30 });
          assert.equal((await collectStream(provider.stream({ model, messages: hi }))).finish?.reason, 'stop');
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        await isolated.close();
      }
      assert.equal(fixture.server.connectionCount - before, 1);
    });
  }

  for (const [providerId, format, model] of [['openrouter', 'openrouter', 'openai/gpt-4o'], ['openai', 'openai', 'gpt-4o-mini'], ['anthropic', 'anthropic', 'claude-sonnet-4-5']] as const) {
    it(`${providerId}: finishes normally when the server keeps the body open long after the end marker, leaving that connection`, async () => {
      const isolated = createUndiciTransport();
      const provider = createProvider(descriptorFor(providerId, fixture.server, format), { transport: isolated, getApiKey: async () => KEY });
      try {
        // the body ends 3 s after its end marker: the reply must not wait for it (nor for the idle timeout)
        fixture.server.nextFault({ endDelayMs: 3_000 });
        const parts: string[] = [];
        let outcomeAtFinish: string | undefined;
        for await (const part of provider.stream({ model, messages: hi })) {
          parts.push(part.type);
          if (part.type === 'finish') {
            const request = fixture.server.requests.filter((entry) => entry.method === 'POST').at(-1)!;
            outcomeAtFinish = await Promise.race([fixture.server.responseOutcome(request), new Promise<string>((resolve) => setImmediate(() => resolve('still open')))]);
          }
        }
        assert.equal(parts.at(-1), 'finish', `ends with finish, not an error: ${parts.join(', ')}`);
        assert.ok(!parts.includes('error'));
        assert.notEqual(outcomeAtFinish, 'finished', 'the finish part arrived before the server ended its response');
        const request = fixture.server.requests.filter((entry) => entry.method === 'POST').at(-1)!;
        assert.equal(await fixture.server.responseOutcome(request), 'closed-early', 'the client left the open body (that socket is not reused)');
      } finally {
        await isolated.close();
      }
    });
  }

  it('merges the text deltas of one network read into fewer parts, in order', async () => {
    const words = Array.from({ length: 50 }, (_, index) => `w${index} `);
    fixture.server.nextFault({ body: words.map((word) => `data: {"id":"g","choices":[{"index":0,"delta":{"content":"${word}"}}]}\n\n`).join('') + 'data: {"id":"g","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n' });
    const collected = await collectStream(providerFor('openai', 'openai').stream({ model: 'm', messages: hi }));
    assert.equal(collected.text, words.join(''));
    const deltas = collected.parts.filter((part) => part.type === 'text-delta').length;
    assert.ok(deltas < words.length, `${deltas} text-delta parts for ${words.length} chunks`);
  });

  it('adds the upstream cost to OpenRouter\'s fee for a BYOK request', async () => {
    const chunk = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
    fixture.server.nextFault({
      body: chunk({ id: 'gen-byok', model: 'openai/gpt-4o', provider: 'OpenAI', choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] })
        + chunk({ id: 'gen-byok', model: 'openai/gpt-4o', choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, cost: 0.0000025, is_byok: true, cost_details: { upstream_inference_cost: 0.00005 } } })
        + 'data: [DONE]\n\n',
    });
    const collected = await collectStream(providerFor('openrouter', 'openrouter').stream({ model: 'openai/gpt-4o', messages: hi }));
    assert.equal(collected.usage.billedMicroUsd, 53);
    assert.equal(collected.finish?.reason, 'stop');
  });

  it('takes the generation id from X-Generation-Id when the chunks carry none', async () => {
    fixture.server.nextFault({ body: 'data: {"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}],"model":"m"}\n\ndata: [DONE]\n\n' });
    const collected = await collectStream(providerFor('openrouter', 'openrouter').stream({ model: 'm', messages: hi }));
    assert.equal(collected.metadata?.id, 'gen-fixture-0001');
  });

  it('reads reasoning from reasoning_details when delta.reasoning is absent', async () => {
    fixture.server.nextFault({ body: 'data: {"id":"g","choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"think"}]}}]}\n\ndata: {"id":"g","choices":[{"index":0,"delta":{"content":"done"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n' });
    const collected = await collectStream(providerFor('openrouter', 'openrouter').stream({ model: 'm', messages: hi }));
    assert.equal(collected.reasoning, 'think');
    assert.equal(collected.text, 'done');
  });

  it('turns Gemini thought parts into reasoning and a blocked prompt into a content-filter finish', async () => {
    fixture.server.nextFault({ body: 'data: {"candidates":[{"content":{"parts":[{"text":"hmm","thought":true},{"text":"Hi"}],"role":"model"},"finishReason":"STOP"}]}\r\n\r\n' });
    const thought = await collectStream(providerFor('gemini', 'gemini').stream({ model: 'gemini-2.5-flash', messages: hi }));
    assert.equal(thought.reasoning, 'hmm');
    assert.equal(thought.text, 'Hi');
    fixture.server.nextFault({ body: 'data: {"promptFeedback":{"blockReason":"SAFETY"}}\r\n\r\n' });
    const blocked = await collectStream(providerFor('gemini', 'gemini').stream({ model: 'gemini-2.5-flash', messages: hi }));
    assert.deepEqual(blocked.finish, { type: 'finish', reason: 'content-filter', rawReason: 'SAFETY' });
  });

  it('maps length, max_tokens and MAX_TOKENS finish reasons to length', async () => {
    fixture.server.nextFault({ body: 'data: {"id":"a","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"length"}]}\n\ndata: [DONE]\n\n' });
    assert.equal((await collectStream(providerFor('openai', 'openai').stream({ model: 'm', messages: hi }))).finish?.reason, 'length');
    fixture.server.nextFault({ body: 'event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}\n\nevent: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":7}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n' });
    const anthropic = await collectStream(providerFor('anthropic', 'anthropic').stream({ model: 'c', messages: hi }));
    assert.deepEqual(anthropic.finish, { type: 'finish', reason: 'length', rawReason: 'max_tokens' });
    assert.equal(anthropic.usage.outputTokens, 7, 'cumulative output tokens are assigned, not added');
    fixture.server.nextFault({ body: 'data: {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"MAX_TOKENS"}]}\r\n\r\n' });
    assert.equal((await collectStream(providerFor('gemini', 'gemini').stream({ model: 'g', messages: hi }))).finish?.reason, 'length');
  });

  for (const [providerId, format] of [['openrouter', 'openrouter'], ['openai', 'openai'], ['anthropic', 'anthropic'], ['gemini', 'gemini']] as const) {
    it(`${providerId}: a missing key is a configuration error with the fix, and nothing is sent`, async () => {
      const before = fixture.server.requests.length;
      const collected = await collectStream(providerFor(providerId, format, null).stream({ model: 'm', messages: hi }));
      assert.equal(collected.error?.code, 'configuration');
      assert.match(collected.error?.message ?? '', /no API key is set\. Run 'Switchboard: Set API Key'/);
      assert.equal(fixture.server.requests.length, before);
    });
  }

  it('replays OpenRouter\'s and OpenAI\'s recordings through the OpenAI-compatible replay endpoint, priced from the catalog', async () => {
    const replay = createProvider({ id: 'replay', label: 'Recorded responses', kind: 'openai-compatible', baseUrl: fixture.server.baseUrls.replay, requiresKey: false }, { transport: fixture.transport, getApiKey: async () => undefined });
    const models = await replay.listModels();
    // gpt-4o-mini at the bundled catalog's price (micro-USD per token), the local model free
    assert.deepEqual(models.find((model) => model.modelId === 'replay/openai-gpt-4o-mini')?.pricing, { prompt: 0.15, completion: 0.6, cacheRead: 0.075, request: 0, image: 217 });
    assert.equal(models.find((model) => model.modelId === 'replay/ollama-qwen3')?.isFree, true);
    for (const [model, text] of [['replay/openrouter-gpt-4o', 'Pebbles and Skipper.'], ['replay/openai-gpt-4o-mini', 'The capital of the UK is London.'], ['replay/ollama-qwen3', '1  \n2  \n3']]) {
      const collected = await collectStream(replay.stream({ model, messages: hi }));
      assert.equal(collected.text, text, model);
      assert.equal(collected.finish?.reason, 'stop');
      // The OpenRouter recording carries usage.cost, which an OpenAI-compatible endpoint passes through as billed.
      assert.equal(collected.usage.billedMicroUsd, model === 'replay/openrouter-gpt-4o' ? 103 : undefined, model);
    }
    const code = await collectStream(replay.stream({ model: 'replay/openai-gpt-4o-mini-code', messages: hi }));
    assert.match(code.text, /```ts\nexport function binarySearch/);
  });
});

describe('listModels and checkKey', () => {
  const fixture = useFixtureServer();
  /** key null = none set */
  const make = (providerId: string, format: WireFormat, key: string | null = KEY): ChatProvider =>
    createProvider(descriptorFor(providerId, fixture.server, format), { transport: fixture.transport, getApiKey: async () => key ?? undefined });


  it('OpenRouter lists the real catalog plus the fault models, namespaced, without needing a key', async () => {
    const models = await make('openrouter', 'openrouter', null).listModels();
    assert.equal(models.length, 321 + 19);
    assert.ok(models.some((model) => model.id === 'openrouter:openai/gpt-4o'));
    assert.ok(models.some((model) => model.id === 'openrouter:fault/429'));
  });

  it('OpenAI-compatible lists have unknown prices, local servers are free', async () => {
    const openAi = await make('openai', 'openai').listModels();
    assert.ok(openAi.length > 0);
    assert.deepEqual(openAi[0].pricing, {});
    assert.equal(openAi[0].isFree, false);
    const ollama = await make('ollama', 'openai', null).listModels();
    assert.deepEqual(ollama[0].pricing, { prompt: 0, completion: 0 });
    assert.equal(ollama[0].isFree, true);
    assert.equal(ollama[0].id.startsWith('ollama:'), true);
  });

  it('Anthropic and Gemini list their models with their own headers', async () => {
    const anthropic = await make('anthropic', 'anthropic').listModels();
    assert.ok(anthropic.some((model) => model.id === 'anthropic:claude-sonnet-4-5'));
    assert.equal(fixture.server.requests[fixture.server.requests.length - 1].headers['x-api-key'], KEY);
    const gemini = await make('gemini', 'gemini').listModels();
    assert.ok(gemini.some((model) => model.id === 'gemini:gemini-2.5-flash'));
    assert.equal(fixture.server.requests[fixture.server.requests.length - 1].headers['x-goog-api-key'], KEY);
  });

  it('OpenRouter checkKey summarises GET /key without the key', async () => {
    const check = await make('openrouter', 'openrouter').checkKey(`  ${KEY}\n`);
    assert.deepEqual(check, { ok: true, summary: 'key sk-or-v1-fix...ture, $4.20 of $10.00 left', remainingMicroUsd: 4_200_000 });
    const sent = fixture.server.requests[fixture.server.requests.length - 1];
    assert.equal(sent.url, '/openrouter/api/v1/key');
    assert.equal(sent.headers.authorization, `Bearer ${KEY}`, 'the key is trimmed');
  });

  it('OpenRouter checkKey rejects a bad key with an authentication error', async () => {
    await assert.rejects(make('openrouter', 'openrouter').checkKey('sk-or-v1-invalid'), (error: unknown) => error instanceof SwitchboardError && error.code === 'authentication');
  });

  it('checkKey of the other providers calls their model list', async () => {
    for (const [providerId, format, path] of [['openai', 'openai', '/openai/v1/models'], ['anthropic', 'anthropic', '/anthropic/v1/models?limit=1'], ['gemini', 'gemini', '/gemini/v1beta/models?pageSize=1']] as const) {
      const check = await make(providerId, format).checkKey(KEY);
      assert.equal(check.ok, true);
      assert.equal(fixture.server.requests[fixture.server.requests.length - 1].url, path);
    }
  });
});
