// The host's plain modules (no vscode in them), run inside the extension host with the rest of the host suite.
import assert from 'node:assert/strict';
import { parseConversation, serializeConversation } from '../../src/host/conversations/conversationFormat';
import { conversationTitle } from '../../src/host/conversations/conversationTitle';
import { conversationToMarkdown } from '../../src/host/conversations/markdownExport';
import { ConversationStore, type ConversationFiles } from '../../src/host/conversations/conversationStore';
import type { StoredConversation } from '../../src/host/conversations/conversation';
import { selectionBlock } from '../../src/host/editor/selectionBlock';
import { settingsFrom } from '../../src/host/platform/settings';
import { actionsFor } from '../../src/host/editor/errorView';
import { WinTally } from '../../src/host/models/winTally';
import { RecentModels } from '../../src/host/models/recentModels';
import type { KeyValueStore } from '../../src/core/index';
import { StreamCoalescer } from '../../src/host/replies/streamCoalescer';
import type { HostToWebview } from '../../src/shared/chat/protocol';

function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: <T>(key: string) => (values.has(key) ? JSON.parse(values.get(key)!) as T : undefined),
    set: async (key, value) => { if (value === undefined) values.delete(key); else values.set(key, JSON.stringify(value)); },
  };
}

/**
 * A folder in memory; `failWrites` makes the rename step throw and an append write half its text then throw, as a
 * full disk or a crash would.
 */
function memoryFiles(): ConversationFiles & { files: Map<string, string>; failWrites: boolean } {
  const files = new Map<string, string>();
  return {
    files,
    failWrites: false,
    async read(name) {
      const content = files.get(name);
      if (content === undefined) throw new Error(`ENOENT ${name}`);
      return content;
    },
    async write(name, content) { files.set(name, content); },
    async append(name, content) {
      files.set(name, (files.get(name) ?? '') + (this.failWrites ? content.slice(0, content.length / 2) : content));
      if (this.failWrites) throw new Error('append failed');
    },
    async rename(from, to) {
      if (this.failWrites) throw new Error('rename failed');
      files.set(to, files.get(from)!);
      files.delete(from);
    },
    async delete(name) {
      if (!files.delete(name)) throw new Error(`ENOENT ${name}`);
    },
    async list() { return [...files.keys()]; },
  };
}

function conversation(overrides: Partial<StoredConversation> = {}): StoredConversation {
  return {
    schemaVersion: 1, id: 'c1', kind: 'chat', title: 'Colours', model: 'openrouter:openai/gpt-4o', createdAt: 1, updatedAt: 2,
    messages: [
      { id: 'u1', role: 'user', text: 'Name a colour', status: 'done', createdAt: 1 },
      {
        id: 'a1', role: 'assistant', text: 'Blue.', status: 'done', createdAt: 2,
        meta: { requestedModel: 'openrouter:openai/gpt-4o', servedModel: 'openrouter:openai/gpt-4o', inputTokens: 12, outputTokens: 3, cost: { kind: 'billed', microUsd: 4200 }, totalMs: 850 },
      },
    ],
    ...overrides,
  };
}

describe('host modules: conversation files', () => {
  it('round-trips a conversation through its JSON file', () => {
    const original = conversation();
    assert.deepEqual(parseConversation(serializeConversation(original)), original);
  });

  it('writes a reply still streaming as failed, with its partial text', () => {
    const streaming = conversation();
    streaming.messages[1] = { ...streaming.messages[1]!, status: 'streaming', text: 'Bl' };
    const saved = parseConversation(serializeConversation(streaming));
    assert.equal(saved.messages[1]!.status, 'failed');
    assert.equal(saved.messages[1]!.text, 'Bl');
    assert.ok(saved.messages[1]!.error);
  });

  it('marks a reply saved as "streaming" failed when the file is loaded, keeping its text', () => {
    // a file written by a crash mid-save or by an older build still says "streaming": nothing will finish it
    const file = JSON.parse(serializeConversation(conversation())) as { messages: { status: string; text: string }[] };
    file.messages[1]!.status = 'streaming';
    file.messages[1]!.text = 'Half a rep';
    const loaded = parseConversation(JSON.stringify(file));
    assert.equal(loaded.messages[1]!.status, 'failed');
    assert.equal(loaded.messages[1]!.text, 'Half a rep');
  });

  it('migrates a file from before schemaVersion (model on the message)', () => {
    const legacy = JSON.stringify({ id: 'old', messages: [{ role: 'user', text: 'Hi there' }, { role: 'assistant', text: 'Hello', model: 'anthropic:claude-sonnet-4-5' }] });
    const migrated = parseConversation(legacy);
    assert.equal(migrated.schemaVersion, 1);
    assert.equal(migrated.title, 'Hi there');
    assert.equal(migrated.messages[1]!.meta?.servedModel, 'anthropic:claude-sonnet-4-5');
    assert.deepEqual(migrated.messages[1]!.meta?.cost, { kind: 'unknown' });
    assert.equal(migrated.model, 'anthropic:claude-sonnet-4-5');
  });

  it('refuses a file from a newer schema with a message that says to update', () => {
    assert.throws(() => parseConversation(JSON.stringify({ schemaVersion: 2, id: 'x', messages: [] })), /newer Switchboard/);
  });

  it('titles a conversation by the first line of its first message, skipping a code fence', () => {
    // issue 13: code alone gives no title of its own (it used to take the code's first line)
    assert.equal(conversationTitle('```ts\nconst x = 1;\n```'), 'New chat');
    assert.equal(conversationTitle('   '), 'New chat');
    assert.equal(conversationTitle('x'.repeat(100)).length, 60);
  });

  it('exports Markdown with the model, tokens and cost of each reply, and unknown cost as unknown', () => {
    const stopped = conversation();
    stopped.messages.push({ id: 'u2', role: 'user', text: 'Another', status: 'done', createdAt: 3 });
    stopped.messages.push({ id: 'a2', role: 'assistant', text: 'Gre', status: 'stopped', createdAt: 4, meta: { requestedModel: 'openrouter:openai/gpt-4o', servedModel: 'openrouter:openai/gpt-4o', cost: { kind: 'unknown' } } });
    const markdown = conversationToMarkdown(stopped);
    assert.match(markdown, /## openrouter:openai\/gpt-4o/);
    assert.match(markdown, /12 in · 3 out · \$0\.0042 billed · 850 ms/);
    assert.match(markdown, /cost unknown · stopped/);
    assert.doesNotMatch(markdown.split('Gre')[1]!, /\$0\.00/);
  });
});

describe('host modules: conversation store', () => {
  it('saves through a temp file and a rename, lists newest first, loads and deletes', async () => {
    const files = memoryFiles();
    const store = new ConversationStore(files);
    await store.save(conversation({ id: 'older', updatedAt: 10 }));
    await store.save(conversation({ id: 'newer', updatedAt: 20 }));
    assert.deepEqual([...files.files.keys()].sort(), ['conversations.index.json', 'newer.jsonl', 'older.jsonl']);
    assert.deepEqual((await store.list()).map((summary) => summary.id), ['newer', 'older']);
    assert.equal((await store.load('older')).updatedAt, 10);
    await store.delete('older');
    assert.deepEqual((await store.list()).map((summary) => summary.id), ['newer']);
  });

  it('leaves the previous file whole when the write does not complete', async () => {
    const files = memoryFiles();
    const store = new ConversationStore(files);
    await store.save(conversation({ title: 'First version' }));
    files.failWrites = true;
    await assert.rejects(store.save(conversation({ title: 'Second version' })));
    assert.equal((await store.load('c1')).title, 'First version');
    // a fresh store (after a crash) reads the same, and the first whole write replaces the torn log
    const afterCrash = new ConversationStore(files);
    assert.equal((await afterCrash.load('c1')).title, 'First version');
    files.failWrites = false;
    await afterCrash.save(conversation({ title: 'Third version' }));
    assert.equal((await new ConversationStore(files).load('c1')).title, 'Third version');
  });

  it('refuses ids that would name a file outside the folder', async () => {
    const store = new ConversationStore(memoryFiles());
    await assert.rejects(store.load('../secrets'), /Not a conversation id/);
    await assert.rejects(store.delete('a/b'), /Not a conversation id/);
  });

  it('skips an unreadable file when listing and says so', async () => {
    const files = memoryFiles();
    files.files.set('broken.json', '{ not json');
    const problems: string[] = [];
    const store = new ConversationStore(files, (problem) => problems.push(problem));
    await store.save(conversation());
    assert.deepEqual((await store.list()).map((summary) => summary.id), ['c1']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /broken\.json/);
  });
});

describe('host modules: selection block', () => {
  it('fences the code with its language and a path:line reference', () => {
    assert.equal(selectionBlock({ path: 'src/a.ts', line: 3, languageId: 'typescript', text: 'let a = 1;' }), '`src/a.ts:3`\n```typescript\nlet a = 1;\n```\n');
  });

  it('uses a longer fence when the code itself contains a fence', () => {
    const block = selectionBlock({ path: 'README.md', line: 1, languageId: 'markdown', text: '```js\nx\n```' });
    assert.ok(block.includes('````markdown\n```js\nx\n```\n````'));
  });
});

describe('host modules: settings', () => {
  const values: Record<string, unknown> = {
    'switchboard.model': 'openrouter:openai/gpt-4o-mini',
    'switchboard.budget.dailyUsd': 1.5,
    'switchboard.budget.monthlyUsd': 0,
    'switchboard.budget.workspaceMonthlyUsd': 4,
    'switchboard.endpoints': [{ id: 'team', baseUrl: 'https://llm.example.com/v1' }, { id: 'bad id', baseUrl: 'ftp://x' }],
    'switchboard.providerBaseUrls': { openrouter: 'http://127.0.0.1:9/openrouter/api/v1/', anthropic: 'not a url' },
    'switchboard.openRouter.routing': 'nitro',
    'switchboard.maxTokens': 1000.7,
    'switchboard.temperature': null,
    'http.proxy': ' http://proxy.example:3128 ',
  };

  it('maps settings to the core: caps in USD, 0 = no cap, endpoints checked, base URLs trimmed, proxy from http.proxy', () => {
    const problems: string[] = [];
    const settings = settingsFrom((name) => values[name], {}, problems);
    assert.equal(settings.model, 'openrouter:openai/gpt-4o-mini');
    assert.deepEqual(settings.core.budget, { perRequestUsd: undefined, dailyUsd: 1.5, monthlyUsd: undefined, workspaceMonthlyUsd: 4, allowUnpricedUnderCaps: false });
    assert.deepEqual(settings.core.customEndpoints, [{ id: 'team', label: undefined, baseUrl: 'https://llm.example.com/v1', requiresKey: true, pricing: undefined, free: undefined }]);
    assert.deepEqual(settings.core.baseUrls, { openrouter: 'http://127.0.0.1:9/openrouter/api/v1' });
    assert.equal(settings.core.openRouterRouting, 'nitro');
    assert.equal(settings.core.maxTokens, 1000);
    assert.equal(settings.core.proxy, 'http://proxy.example:3128');
    assert.equal(settings.temperature, undefined);
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  it('lets SWITCHBOARD_MODEL override switchboard.model', () => {
    const settings = settingsFrom((name) => values[name], { SWITCHBOARD_MODEL: 'anthropic:claude-haiku-4-5' });
    assert.equal(settings.model, 'anthropic:claude-haiku-4-5');
    assert.equal(settings.modelFromEnvironment, true);
  });
});

describe('host modules: error actions, win tally, recent models', () => {
  it('offers what fixes each error', () => {
    assert.deepEqual(actionsFor({ code: 'authentication', message: '' }, false), ['set-key']);
    assert.deepEqual(actionsFor({ code: 'payment-required', message: '', provider: 'openrouter' }, false), ['add-credits', 'lower-max-tokens']);
    assert.deepEqual(actionsFor({ code: 'payment-required', message: '', provider: 'gemini' }, false), ['lower-max-tokens']);
    assert.deepEqual(actionsFor({ code: 'rate-limited', message: '' }, false)[0], 'retry');
    assert.deepEqual(actionsFor({ code: 'context-too-long', message: '' }, false), ['open-settings', 'pick-model']);
    assert.deepEqual(actionsFor({ code: 'no-such-model', message: '' }, false), ['pick-model']);
    // issue 13: the budget refusal opens the budget caps, not a generic settings filter
    assert.deepEqual(actionsFor({ code: 'budget-exceeded', message: '' }, false), ['open-budget']);
    assert.deepEqual(actionsFor({ code: 'configuration', message: '' }, true), ['set-key']);
    assert.deepEqual(actionsFor({ code: 'configuration', message: '' }, false), ['open-settings']);
  });

  it('counts comparison wins per model and labels them', async () => {
    const tally = new WinTally(memoryStore());
    assert.equal(tally.label('a:x'), undefined);
    await tally.record(['a:x', 'b:y'], 'a:x');
    await tally.record(['a:x', 'b:y', 'c:z'], 'b:y');
    assert.equal(tally.label('a:x'), 'won 1 of 2 comparisons');
    assert.equal(tally.label('c:z'), 'won 0 of 1 comparison');
  });

  it('remembers the last 8 models used, most recent first, without duplicates', async () => {
    const recent = new RecentModels(memoryStore());
    for (let index = 0; index < 10; index++) await recent.use(`p:m${index}`);
    await recent.use('p:m5');
    const list = recent.list();
    assert.equal(list.length, 8);
    assert.equal(list[0], 'p:m5');
    assert.equal(new Set(list).size, 8);
  });
});

describe('host modules: stream coalescer', () => {
  it('posts deltas that arrive together as one numbered part, then exactly one end', async () => {
    const posted: HostToWebview[] = [];
    let firstPost: () => void = () => undefined;
    const posts = new Promise<void>((resolve) => { firstPost = resolve; });
    const coalescer = new StreamCoalescer('r1', 'm1', (message) => { posted.push(message); firstPost(); });
    for (let index = 0; index < 50; index++) coalescer.push({ text: `t${index} ` });
    coalescer.push({ reasoning: 'thinking' });
    coalescer.push({ queued: true });
    await posts;
    assert.equal(posted.length, 1, 'fifty deltas pushed together became one post');
    assert.deepEqual(posted[0], {
      type: 'stream/part', requestId: 'r1', seq: 0, messageId: 'm1',
      delta: { text: Array.from({ length: 50 }, (_value, index) => `t${index} `).join(''), reasoning: 'thinking', queued: true },
    });
    coalescer.push({ text: 'last' });
    coalescer.end();
    coalescer.end();
    coalescer.push({ text: 'after the end' });
    assert.deepEqual(posted.slice(1).map((message) => [message.type, 'seq' in message ? message.seq : undefined]), [['stream/part', 1], ['stream/end', 2]]);
    assert.equal(posted.filter((message) => message.type === 'stream/end').length, 1);
  });
});
