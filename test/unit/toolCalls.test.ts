import { strict as assert } from 'node:assert';
import type { WireFormat } from '../support/fixtureServer';
import { collectStream } from '../support/streamHelpers';
import { BUILT_IN_PROVIDERS, createProvider } from '../../src/core/providers/presets';
import type { ChatMessage, ChatProvider, ToolCall, ToolDefinition } from '../../src/core/providers/chatProvider';
import type { ChatStreamPart } from '../../src/core/streamParts';
import { startEngine } from './engineSetup';
import { useFixtureServer } from './fixtureHooks';

const KEY = `test-key-${'0123456789abcdef'.repeat(2)}`;
const weatherTool: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather at a place',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const pixel = { type: 'image' as const, mimeType: 'image/png', data: 'iVBORw0KGgo=' };
/** a whole tool round: the question with an image, the model's call, the tool's result */
const toolRound: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather in Paris?', images: [pixel] },
  { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'sig-1' }] },
  { role: 'tool', content: '18 C, sunny', toolCallId: 'call_1', toolName: 'get_weather' },
];

interface ToolCase {
  name: string;
  providerId: string;
  format: WireFormat;
  model: string;
  recording: string;
  calls: ToolCall[];
  /** text that came with the calls */
  text: string;
}

const cases: ToolCase[] = [
  {
    name: 'OpenRouter (tool_calls deltas, gpt-4.1-mini)', providerId: 'openrouter', format: 'openrouter', model: 'openai/gpt-4.1-mini',
    recording: 'openrouter-chat-stream-tool-call.sse', text: '',
    calls: [{ id: 'call_o4OCgtJrNoZTmoCRvmlfoHfj', name: 'llm_version', arguments: '{}' }],
  },
  {
    name: 'OpenAI (arguments in five fragments)', providerId: 'openai', format: 'openai', model: 'gpt-4o-mini',
    recording: 'openai-chat-stream-tool-call-usage.sse', text: '',
    calls: [{ id: 'call_ZR5UUuTt3pf61kjwAJIYdVMj', name: 'get_capital', arguments: '{"country":"UK"}' }],
  },
  {
    name: 'Ollama (whole call in one chunk, after reasoning)', providerId: 'ollama', format: 'openai', model: 'qwen3',
    recording: 'ollama-openai-compat-stream-tool-call.sse', text: '',
    calls: [{ id: 'call_blqyt530', name: 'weather', arguments: '{"latitude":"52.5200","longitude":"13.4050"}' }],
  },
  {
    name: 'Anthropic (tool_use with input_json_delta; the server tool is not a call)', providerId: 'anthropic', format: 'anthropic', model: 'claude-sonnet-4-6',
    recording: 'anthropic-messages-stream-tool-use.sse',
    text: 'Let me search for a tool that can provide current exchange rate information.I found the right tool! Let me fetch the current USD to EUR exchange rate for you.',
    calls: [{ id: 'toolu_01EFn5wTNBYA8Reni8rbmnHT', name: 'get_exchange_rate', arguments: '{"from_currency": "USD", "to_currency": "EUR"}' }],
  },
];

describe('tool calls and images against the fixture server', () => {
  const fixture = useFixtureServer();
  const providerFor = (providerId: string, format: WireFormat): ChatProvider => {
    const builtIn = BUILT_IN_PROVIDERS.find((descriptor) => descriptor.id === providerId);
    assert.ok(builtIn, providerId);
    return createProvider({ ...builtIn, baseUrl: fixture.server.baseUrls[format] }, { transport: fixture.transport, getApiKey: async () => (builtIn.requiresKey ? KEY : undefined) });
  };
  const lastBody = (): Record<string, unknown> => fixture.server.requests[fixture.server.requests.length - 1].json as Record<string, unknown>;


  for (const item of cases) {
    it(`${item.name}: the assembled calls, then finish 'tool-calls'`, async () => {
      fixture.server.nextFault({ recording: item.recording });
      const collected = await collectStream(providerFor(item.providerId, item.format).stream({ model: item.model, messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool] }));
      assert.equal(collected.error, undefined, collected.error?.message);
      const calls = collected.parts.filter((part): part is Extract<ChatStreamPart, { type: 'tool-call' }> => part.type === 'tool-call').map((part) => part.call);
      assert.deepEqual(calls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) as unknown })), item.calls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) as unknown })));
      assert.equal(calls[0].arguments.replace(/\s/g, ''), item.calls[0].arguments.replace(/\s/g, ''));
      assert.equal(collected.text, item.text);
      assert.equal(collected.finish?.reason, 'tool-calls');
      const finishIndex = collected.parts.findIndex((part) => part.type === 'finish');
      assert.ok(collected.parts.findIndex((part) => part.type === 'tool-call') < finishIndex, 'calls come before the finish');
    });
  }

  it('Gemini: a functionCall part is one call with its thought signature, and STOP after calls is tool-calls', async () => {
    fixture.server.nextFault({ recording: 'gemini-stream-tool-call.sse' });
    const collected = await collectStream(providerFor('gemini', 'gemini').stream({ model: 'gemini-3-pro-preview', messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool] }));
    assert.equal(collected.error, undefined, collected.error?.message);
    const calls = collected.parts.flatMap((part) => (part.type === 'tool-call' ? [part.call] : []));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, 'get_country');
    assert.equal(calls[0].arguments, '{}');
    assert.match(calls[0].signature ?? '', /^EpwICpkIAXLI2nx/);
    assert.match(calls[0].id, /^call_\w+_0$/);
    assert.deepEqual(collected.finish, { type: 'finish', reason: 'tool-calls', rawReason: 'STOP' });
  });

  it('OpenAI-compatible: tools, tool_choice, the call and its result, and an image as a data URL in the body', async () => {
    await collectStream(providerFor('openai', 'openai').stream({ model: 'gpt-4o-mini', messages: toolRound, tools: [weatherTool], toolChoice: 'required' }));
    const body = lastBody();
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather at a place', parameters: weatherTool.parameters } }]);
    assert.equal(body.tool_choice, 'required');
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '18 C, sunny' },
    ]);
  });

  it('OpenRouter: the same shapes, and no tool fields at all without tools', async () => {
    await collectStream(providerFor('openrouter', 'openrouter').stream({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }));
    assert.equal('tools' in lastBody(), false);
    assert.equal('tool_choice' in lastBody(), false);
    await collectStream(providerFor('openrouter', 'openrouter').stream({ model: 'openai/gpt-4o', messages: toolRound, tools: [weatherTool] }));
    assert.equal('tool_choice' in lastBody(), false, 'auto is the default: not sent');
    assert.equal((lastBody().messages as unknown[]).length, 4);
  });

  it('Anthropic: input_schema, tool_use with parsed input, tool_result in a user turn, base64 image block', async () => {
    const parallel: ChatMessage[] = [
      ...toolRound.slice(0, 2),
      { role: 'assistant', content: 'Checking.', toolCalls: [
        { id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      ] },
      { role: 'tool', content: '18 C', toolCallId: 'toolu_1', toolName: 'get_weather' },
      { role: 'tool', content: '4 C', toolCallId: 'toolu_2', toolName: 'get_weather' },
    ];
    await collectStream(providerFor('anthropic', 'anthropic').stream({ model: 'claude-sonnet-4-5', messages: parallel, tools: [weatherTool], toolChoice: 'required' }));
    const body = lastBody();
    assert.equal(body.system, 'Be brief.');
    assert.deepEqual(body.tools, [{ name: 'get_weather', description: 'Weather at a place', input_schema: weatherTool.parameters }]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }, { type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Oslo' } },
      ] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '18 C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: '4 C' },
      ] },
    ]);
  });

  it('Gemini: functionDeclarations with the JSON schema, functionCall with its signature, functionResponse by name, inlineData', async () => {
    await collectStream(providerFor('gemini', 'gemini').stream({ model: 'gemini-2.5-flash', messages: toolRound, tools: [weatherTool], toolChoice: 'required' }));
    const body = lastBody();
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }] });
    assert.deepEqual(body.tools, [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather at a place', parametersJsonSchema: weatherTool.parameters }] }]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'Weather in Paris?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '18 C, sunny' } } }] },
    ]);
  });

  it('a tool with no schema gets an empty object schema (every wire format wants one)', async () => {
    await collectStream(providerFor('openai', 'openai').stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], tools: [{ name: 'now' }] }));
    assert.deepEqual(lastBody().tools, [{ type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } }]);
  });
});

describe('tool calls through send()', () => {
  it('a tool-call-only reply is ok (not empty), with the calls, the tools sent and the source kept', async () => {
    const engine = await startEngine();
    try {
      engine.server.nextFault({ recording: 'openrouter-chat-stream-tool-call.sse' });
      const parts: ChatStreamPart[] = [];
      const result = await engine.core.send({
        model: 'openrouter:openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'Which version?' }], tools: [weatherTool], toolChoice: 'required',
        source: 'vscode-chat', onPart: (part) => parts.push(part),
      });
      assert.equal(result.status, 'ok', result.error?.message);
      assert.equal(result.text, '');
      assert.equal(result.finishReason, 'tool-calls');
      assert.deepEqual(result.toolCalls, [{ id: 'call_o4OCgtJrNoZTmoCRvmlfoHfj', name: 'llm_version', arguments: '{}' }]);
      assert.equal(result.source, 'vscode-chat');
      assert.ok(result.timings.ttftMs !== undefined, 'the call counts as the first output');
      assert.ok(parts.some((part) => part.type === 'tool-call'));
      const body = engine.server.requests[engine.server.requests.length - 1].json as Record<string, unknown>;
      assert.equal((body.tools as unknown[]).length, 1);
      assert.equal(body.tool_choice, 'required');
    } finally {
      await engine.close();
    }
  });

  it('an empty tools list sends no tool fields', async () => {
    const engine = await startEngine();
    try {
      await engine.core.send({ model: 'openrouter:openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools: [] });
      const body = engine.server.requests[engine.server.requests.length - 1].json as Record<string, unknown>;
      assert.equal('tools' in body, false);
    } finally {
      await engine.close();
    }
  });
});
