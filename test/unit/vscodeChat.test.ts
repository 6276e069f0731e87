// The plain-data parts of Switchboard in VS Code's chat: which models, how they are described, how VS Code's
// messages become core messages, the usage payload, token counting, and the participant's tables.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { ModelInfo } from '../../src/core/index';
import { chosenModels } from '../../src/host/languageModels/modelChoice';
import { chatModelInformation, UNKNOWN_CONTEXT_TOKENS } from '../../src/host/languageModels/modelInformation';
import { messageText, toChatMessages, type RequestMessageLike } from '../../src/host/languageModels/messageConversion';
import { usagePayload } from '../../src/host/languageModels/usageReport';
import { TokenCounter } from '../../src/host/languageModels/tokenCounter';
import { compareTableMarkdown } from '../../src/host/participant/compareTable';
import { spendMarkdown } from '../../src/host/participant/spendSummary';
import { historyMessages } from '../../src/host/participant/participantHandler';
import { emptyConversation } from '../../src/host/conversations/conversation';
import { fillPlaceholders } from '../../src/shared/format';
import type { StoredConversation } from '../../src/host/conversations/conversation';

const gpt4o: ModelInfo = {
  id: 'openrouter:openai/gpt-4o', provider: 'openrouter', modelId: 'openai/gpt-4o', name: 'OpenAI: GPT-4o',
  contextLength: 128_000, maxOutputTokens: 16_384, inputModalities: ['text', 'image'], outputModalities: ['text'],
  capabilities: { tools: true, reasoning: false }, pricing: { prompt: 2.5, completion: 10 }, isFree: false,
};

// Parts shaped like VS Code's classes (the conversion recognises them by shape).
const text = (value: string) => ({ value });
const toolCall = (callId: string, name: string, input: object) => ({ callId, name, input });
const toolResult = (callId: string, content: unknown[]) => ({ callId, content });
const data = (bytes: Uint8Array, mimeType: string) => ({ data: bytes, mimeType });

describe('VS Code chat: which models', () => {
  it('the setting wins when it lists valid ids (deduplicated, junk dropped)', () => {
    assert.deepEqual(chosenModels(['openrouter:a/b', 'nonsense', 'openrouter:a/b', 42, 'anthropic:claude'], { current: 'x:y', recent: [], winners: [] }), ['openrouter:a/b', 'anthropic:claude']);
  });
  it('else the current model, recent ones and winners, without duplicates, at most 8', () => {
    assert.deepEqual(chosenModels([], { current: 'openrouter:a', recent: ['openrouter:a', 'openai:b'], winners: ['anthropic:c', 'openai:b'] }), ['openrouter:a', 'openai:b', 'anthropic:c']);
    const many = Array.from({ length: 20 }, (_, index) => `openrouter:m${index}`);
    assert.equal(chosenModels(undefined, { current: 'openrouter:x', recent: many, winners: [] }).length, 8);
  });
});

describe('VS Code chat: model information', () => {
  it('maxInputTokens is context_length minus the output budget; price, tools and images from the catalog', () => {
    const info = chatModelInformation(gpt4o.id, gpt4o, 4096, 'OpenRouter');
    assert.equal(info.maxOutputTokens, 4096);
    assert.equal(info.maxInputTokens, 128_000 - 4096);
    assert.deepEqual(info.capabilities, { toolCalling: true, imageInput: true });
    assert.equal(info.family, 'openrouter');
    assert.match(info.detail, /\$2\.50 \/ \$10\.00 \/M/);
    assert.match(info.tooltip, /\$2\.50 \/ \$10\.00 per million tokens/);
  });
  it('the output budget never exceeds the model maximum; an unknown model gets a small context and no capabilities', () => {
    assert.equal(chatModelInformation(gpt4o.id, gpt4o, 100_000, 'OpenRouter').maxOutputTokens, 16_384);
    const unknown = chatModelInformation('ollama:qwen3', undefined, 4096, 'Ollama');
    assert.equal(unknown.maxInputTokens, UNKNOWN_CONTEXT_TOKENS - 4096);
    assert.deepEqual(unknown.capabilities, { toolCalling: false, imageInput: false });
    assert.match(unknown.detail, /price unknown/);
  });
});

describe('VS Code chat: messages', () => {
  const round: RequestMessageLike[] = [
    { role: 3, content: [text('You are Copilot.')], name: undefined },
    { role: 1, content: [text('Weather in Paris? '), data(new Uint8Array([137, 80, 78, 71]), 'image/png'), data(new Uint8Array([1]), 'cache_control')], name: undefined },
    { role: 2, content: [text('Checking.'), toolCall('call_1', 'get_weather', { city: 'Paris' })], name: undefined },
    { role: 1, content: [toolResult('call_1', [text('18 C')]), text('Thanks')], name: undefined },
  ];

  it('System (3) -> system; images to vision models; tool calls and results with the call name; other data parts dropped', () => {
    assert.deepEqual(toChatMessages(round, { vision: true }), [
      { role: 'system', content: 'You are Copilot.' },
      { role: 'user', content: 'Weather in Paris? ', images: [{ type: 'image', mimeType: 'image/png', data: 'iVBORw==' }] },
      { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: '18 C', toolCallId: 'call_1', toolName: 'get_weather' },
      { role: 'user', content: 'Thanks' },
    ]);
  });
  it('a model without image input gets a note instead of the image', () => {
    const [, user] = toChatMessages(round, { vision: false });
    assert.equal(user.images, undefined);
    assert.match(user.content, /an image was attached/i);
  });
  it('messageText counts text, call arguments and results', () => {
    assert.equal(messageText(round[2]), 'Checking.get_weather{"city":"Paris"}');
    assert.equal(messageText(round[3]), '18 CThanks');
  });
});

describe('VS Code chat: usage and token counts', () => {
  it('usage as the OpenAI-shaped payload; nothing when no tokens were reported', () => {
    assert.deepEqual(usagePayload({ inputTokens: 100, outputTokens: 20, cachedInputTokens: 40, reasoningTokens: 5 }), {
      prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 5 },
    });
    assert.equal(usagePayload({ billedMicroUsd: 3 }), undefined);
  });
  it('chars/4 at once, the exact counter once loaded, and repeated texts from the cache', async () => {
    let exactCalls = 0;
    const counter = new TokenCounter(async () => (value: string) => {
      exactCalls++;
      return value.split(' ').length;
    });
    assert.equal(counter.count('one two three four'), 5);
    await counter.ready();
    assert.equal(counter.isExact, true);
    for (let index = 0; index < 3000; index++) counter.count('one two three four');
    assert.equal(counter.count('one two three four'), 4);
    assert.equal(exactCalls, 1, 'thousands of counts of one text tokenize it once');
  });
  it('a tokenizer that fails to load leaves chars/4 in place and says why', async () => {
    const failures: unknown[] = [];
    const counter = new TokenCounter(async () => { throw new Error('no bundle'); }, (error) => failures.push(error));
    await counter.ready();
    assert.equal(counter.count('12345678'), 2);
    assert.equal(failures.length, 1);
  });
});

describe('@switchboard: tables and history', () => {
  it('the /compare table has a row per model with times, tokens, cost and status', () => {
    const comparison = {
      compare: { models: ['openrouter:a', 'openrouter:b'] },
      messages: [
        { id: 'p', role: 'user', text: 'Hi', status: 'done', createdAt: 0 },
        { id: 'a', role: 'assistant', text: 'x', status: 'done', createdAt: 0, meta: { requestedModel: 'openrouter:a', servedModel: 'openrouter:a', inputTokens: 17, outputTokens: 6, cost: { kind: 'billed', microUsd: 103 }, ttftMs: 420, totalMs: 1200 } },
        { id: 'b', role: 'assistant', text: '', status: 'failed', createdAt: 0, error: { code: 'rate-limited', message: 'OpenRouter: rate | limited' }, meta: { requestedModel: 'openrouter:b', servedModel: 'openrouter:b', cost: { kind: 'estimated', microUsd: 0 } } },
      ],
    } as unknown as StoredConversation;
    const lines = compareTableMarkdown(comparison).trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[2], /`openrouter:a` \| 420 ms \| 1\.2 s \| 17 in \/ 6 out \| \$0\.0001 billed \| ok \|/);
    assert.match(lines[3], /failed: OpenRouter: rate \\\| limited \|$/);
  });
  it('/cost shows today, the month with caps, and the OpenRouter balance or why it is unknown', () => {
    const withBalance = spendMarkdown({ todayMicroUsd: 1_230_000, monthMicroUsd: 4_500_000, monthlyCapMicroUsd: 10_000_000, openRouterRemainingMicroUsd: 5_500_000 });
    assert.match(withBalance, /Today \| \$1\.23 \|/);
    assert.match(withBalance, /This month \| \$4\.50 of \$10\.00 cap \|/);
    assert.match(withBalance, /OpenRouter balance: \$5\.50 left/);
    assert.match(spendMarkdown({ todayMicroUsd: 0, monthMicroUsd: 0 }), /unknown \(no OpenRouter key set\)/);
  });
  it('/cost and the /compare table speak the language they are given (the Italian bundle, as vscode.l10n would)', () => {
    const bundle = JSON.parse(fs.readFileSync('l10n/bundle.l10n.it.json', 'utf8')) as Record<string, string>;
    const italian = { t: (message: string, ...args: Array<string | number>) => fillPlaceholders(bundle[message] ?? `MISSING ${message}`, args) };
    const spend = spendMarkdown({ todayMicroUsd: 1_230_000, monthMicroUsd: 4_500_000, monthlyCapMicroUsd: 10_000_000, openRouterRemainingMicroUsd: 5_500_000 }, italian);
    assert.match(spend, /\| Oggi \| \$1\.23 \|/);
    assert.match(spend, /\| Questo mese \| \$4\.50 su un limite di \$10\.00 \|/);
    assert.match(spend, /Credito OpenRouter: restano \$5\.50\./);
    const table = compareTableMarkdown(emptyConversation({ id: 'c', kind: 'compare', title: 't', model: 'openrouter:a', systemPrompt: undefined, compareModels: ['openrouter:a'] }), italian);
    assert.match(table, /^\| Modello \| Primo token \| Totale \| Token \| Costo \| Stato \|/);
    assert.match(table, /non eseguito \|$/m);
    assert.doesNotMatch(spend + table, /MISSING/);
  });
  it('history keeps plain questions and their answers (without the cost line), not command turns', () => {
    const markdown = (value: string) => ({ value: { value } });
    assert.deepEqual(historyMessages([
      { prompt: 'Hi', command: undefined },
      { response: [markdown('Hello'), markdown('!\n\n*openrouter:a · 1 in / 2 out · $0.0001 billed*\n')] },
      { prompt: '', command: 'cost' },
      { response: [markdown('| Today |')] },
    ]), [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }]);
  });
});
