// In-host tests of Switchboard in VS Code's chat: another extension's view of the `switchboard` vendor through
// `vscode.lm` (the real provider API of code-server's VS Code), answers through the real core from a loopback
// fixture server started in this extension host (so the test sees the request bodies and the aborts), tool
// calls both ways, a budget cap refusal, usage and token counts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { EXTENSION_ID, switchboard, until } from './hostApi';

/** the custom endpoint this suite adds, pointing at its own fixture server (OpenAI wire format) */
const ENDPOINT = 'lmtest';
const LOCAL_MODEL = `${ENDPOINT}:gpt-4o-mini`;
const PRICED_MODEL = 'openrouter:openai/gpt-4o';

function recording(name: string): Buffer {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return fs.readFileSync(path.join(extension.extensionPath, 'test', 'fixtures', 'recordings', name));
}

const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('switchboard');

async function model(id: string): Promise<vscode.LanguageModelChat> {
  let found: vscode.LanguageModelChat | undefined;
  await until(async () => {
    found = (await vscode.lm.selectChatModels({ vendor: 'switchboard' })).find((candidate) => candidate.id === id);
    return found !== undefined;
  }, `vscode.lm has no switchboard model ${id}`);
  return found!;
}

/** Message with parts (the 1.90 types only know string content). */
function message(role: number, content: unknown[]): vscode.LanguageModelChatMessage {
  return new vscode.LanguageModelChatMessage(role as vscode.LanguageModelChatMessageRole, content as unknown as string);
}

interface Collected {
  text: string;
  calls: { callId: string; name: string; input: object }[];
  usage?: Record<string, unknown>;
}

async function collect(response: vscode.LanguageModelChatResponse): Promise<Collected> {
  const collected: Collected = { text: '', calls: [] };
  for await (const part of (response as unknown as { stream: AsyncIterable<unknown> }).stream) {
    if (vscode.LanguageModelTextPart && part instanceof vscode.LanguageModelTextPart) collected.text += part.value;
    else if (vscode.LanguageModelToolCallPart && part instanceof vscode.LanguageModelToolCallPart) collected.calls.push(part);
    else if (vscode.LanguageModelDataPart && part instanceof vscode.LanguageModelDataPart && part.mimeType === 'usage') {
      collected.usage = JSON.parse(new TextDecoder().decode(part.data)) as Record<string, unknown>;
    }
  }
  return collected;
}

const lastBody = (server: FixtureServer): Record<string, unknown> => server.requests[server.requests.length - 1].json as Record<string, unknown>;

describe('extension host: Switchboard models in vscode.lm', function () {
  this.timeout(30_000);
  let server: FixtureServer;
  let endpointsBefore: unknown;

  before(async function () {
    if (typeof (vscode.lm as { registerLanguageModelChatProvider?: unknown }).registerLanguageModelChatProvider !== 'function') {
      assert.fail(`VS Code ${vscode.version} has no Language Model Chat Provider API; this suite needs 1.104 or later`);
    }
    const api = await switchboard();
    server = await startFixtureServer();
    await api.keys.setApiKey('openrouter', 'sk-or-v1-test-host-lm');
    endpointsBefore = configuration().get('endpoints');
    const endpoints = [...(Array.isArray(endpointsBefore) ? endpointsBefore : []), { id: ENDPOINT, label: 'LM test server', baseUrl: `${server.url}/openai/v1`, requiresKey: false }];
    await configuration().update('endpoints', endpoints, vscode.ConfigurationTarget.Global);
    await until(() => api.core().providers().some((provider) => provider.id === ENDPOINT), 'the custom endpoint was not applied');
    await configuration().update('vscodeChat.models', [LOCAL_MODEL, PRICED_MODEL], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const api = await switchboard();
    await configuration().update('vscodeChat.models', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('endpoints', endpointsBefore, vscode.ConfigurationTarget.Global);
    await configuration().update('budget.perRequestUsd', undefined, vscode.ConfigurationTarget.Global);
    await api.keys.clearApiKey('openrouter');
    await server.close();
  });

  it('selectChatModels lists the chosen models with limits from the catalog', async () => {
    const priced = await model(PRICED_MODEL);
    await model(LOCAL_MODEL);
    assert.equal(priced.vendor, 'switchboard');
    assert.equal(priced.family, 'openrouter');
    const api = await switchboard();
    const info = api.core().catalog.get(PRICED_MODEL);
    assert.ok(info?.contextLength, 'the catalog knows gpt-4o');
    const outputBudget = Math.min(api.settings().core.maxTokens ?? 4096, info.maxOutputTokens ?? Infinity);
    assert.equal(priced.maxInputTokens, info.contextLength - outputBudget);
  });

  it('a model whose provider has no key is left out (silent), and comes back with the key', async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
    await until(async () => !(await vscode.lm.selectChatModels({ vendor: 'switchboard' })).some((candidate) => candidate.id === PRICED_MODEL), 'gpt-4o still listed without a key');
    await api.keys.setApiKey('openrouter', 'sk-or-v1-test-host-lm');
    await model(PRICED_MODEL);
  });

  it('sendRequest streams text from the server, sends the System (3) message, and reports usage', async () => {
    server.nextFault({ body: recording('openai-chat-stream-text-usage.sse') });
    const chat = await model(LOCAL_MODEL);
    const response = await chat.sendRequest([message(3, [new vscode.LanguageModelTextPart!('You are terse.')]), vscode.LanguageModelChatMessage.User('Hi')], {});
    const collected = await collect(response);
    assert.ok(collected.text.length > 10, `text: ${collected.text}`);
    const body = lastBody(server);
    assert.deepEqual((body.messages as unknown[])[0], { role: 'system', content: 'You are terse.' });
    if (vscode.LanguageModelDataPart) assert.equal(typeof collected.usage?.prompt_tokens, 'number', 'usage data part (>= 1.106)');
  });

  it('a tool call round-trips: 40 tools out, a call back, its result in the next request', async () => {
    const tools = Array.from({ length: 40 }, (_, index) => ({ name: index === 0 ? 'get_capital' : `tool_${index}`, description: `Tool ${index}`, inputSchema: { type: 'object', properties: { country: { type: 'string' } } } }));
    server.nextFault({ body: recording('openai-chat-stream-tool-call-usage.sse') });
    const chat = await model(LOCAL_MODEL);
    const first = await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Capital of the UK?')], { tools } as vscode.LanguageModelChatRequestOptions));
    assert.equal((lastBody(server).tools as unknown[]).length, 40);
    assert.deepEqual(first.calls.map((call) => ({ callId: call.callId, name: call.name, input: call.input })), [{ callId: 'call_ZR5UUuTt3pf61kjwAJIYdVMj', name: 'get_capital', input: { country: 'UK' } }]);

    server.nextFault({ body: recording('openai-chat-stream-text-usage.sse') });
    const call = first.calls[0];
    await collect(await chat.sendRequest([
      vscode.LanguageModelChatMessage.User('Capital of the UK?'),
      message(2, [new vscode.LanguageModelToolCallPart!(call.callId, call.name, call.input)]),
      message(1, [new vscode.LanguageModelToolResultPart!(call.callId, [new vscode.LanguageModelTextPart!('London')])]),
    ], { tools } as vscode.LanguageModelChatRequestOptions));
    assert.deepEqual((lastBody(server).messages as unknown[]).slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: call.callId, type: 'function', function: { name: 'get_capital', arguments: '{"country":"UK"}' } }] },
      { role: 'tool', tool_call_id: call.callId, content: 'London' },
    ]);
  });

  it('a budget cap refusal arrives as a LanguageModelError with the clear message, and nothing is sent', async () => {
    const api = await switchboard();
    await configuration().update('budget.perRequestUsd', 0.0000001, vscode.ConfigurationTarget.Global);
    await until(() => api.settings().core.budget?.perRequestUsd === 0.0000001, 'the cap was not applied');
    const requestsBefore = server.requests.length;
    const chat = await model(PRICED_MODEL);
    let caught: unknown;
    try {
      await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}));
    } catch (error) {
      caught = error;
    } finally {
      await configuration().update('budget.perRequestUsd', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(caught instanceof vscode.LanguageModelError, `not a LanguageModelError: ${String(caught)}`);
    assert.match((caught as Error).message, /cap|budget/i);
    assert.equal(server.requests.length, requestsBefore);
  });

  it('cancelling aborts the HTTP request (the server sees the client go away)', async () => {
    const words = Array.from({ length: 200 }, (_, index) => `data: {"id":"c","choices":[{"index":0,"delta":{"content":"w${index} "}}]}\n\n`).join('');
    server.nextFault({ body: `${words}data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`, writeSize: 200, delayMs: 40 });
    const abortedBefore = server.abortedResponses;
    const chat = await model(LOCAL_MODEL);
    const source = new vscode.CancellationTokenSource();
    const response = await chat.sendRequest([vscode.LanguageModelChatMessage.User('Count')], {}, source.token);
    let text = '';
    try {
      for await (const fragment of response.text) {
        text += fragment;
        if (text.length > 0) source.cancel();
      }
    } catch {
      // a cancelled stream may end with an error: what matters is the socket
    }
    await server.waitForAbortedResponses(abortedBefore + 1);
    assert.ok(text.length < 1000, 'the stream stopped early');
  });

  it('counts tokens cheaply, thousands of times per turn', async () => {
    const chat = await model(LOCAL_MODEL);
    assert.ok((await chat.countTokens('hello world, how are you today?')) > 0);
    const counts = await Promise.all(Array.from({ length: 2000 }, (_, index) => chat.countTokens(`message ${index % 50} with some text`)));
    assert.ok(counts.every((count) => count > 0));
    assert.equal(counts[0], counts[50], 'the same text counts the same');
  });
});
