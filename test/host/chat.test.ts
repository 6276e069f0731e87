// In-host tests of the chat: streaming from the fixture server through the real core, Stop, errors with their
// actions, and the conversation history on disk. The webview is not involved: the tests read what the host posts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchboardApi } from '../../src/host/activateHost';
import type { HostToWebview } from '../../src/shared/chat/protocol';
import { applyStateUpdate } from '../../src/shared/chat/stateUpdate';
import type { ChatViewState, MessageView } from '../../src/shared/viewModels';
import { conversationToMarkdown } from '../../src/host/conversations/markdownExport';
import { ChatController } from '../../src/host/chat/chatController';
import { ConversationViewsHub } from '../../src/host/conversations/conversationViews';
import type { HostServices } from '../../src/host/hostServices';
import { RecentModels } from '../../src/host/models/recentModels';
import { MemoryLogger, MemoryStore } from '../support/memoryPorts';
import { ArenaStore } from '../../src/core/index';
import { openScratchFile } from './scratchFiles';
import { switchboard, useOpenRouterKey } from './hostApi';

/** Sends `text` to `model` as the webview would and returns everything posted until the reply's snapshot. */
async function chatTurn(api: SwitchboardApi, model: string, text: string, during?: (message: HostToWebview, requestId: string) => void): Promise<{ posted: HostToWebview[]; state: ChatViewState; reply: MessageView }> {
  await api.currentModel.set(model);
  const requestId = `r${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const posted: HostToWebview[] = [];
  // what the page had before the turn: updates posted during it apply to this
  const before = api.chat.snapshot();
  const subscription = api.posts!.chat.onDidPost((message) => {
    posted.push(message);
    during?.(message, requestId);
  });
  try {
    await api.chat.handle({ type: 'chat/send', requestId, text });
    await api.chat.idle();
  } finally {
    subscription.dispose();
  }
  // the state the page ends with: the last snapshot, with the updates after it applied
  let state: ChatViewState = before;
  for (const message of posted) {
    if (message.type === 'state/snapshot') state = message.state;
    else if (message.type === 'state/update') state = applyStateUpdate(state, message);
  }
  return { posted, state, reply: state.messages[state.messages.length - 1]! };
}

function streamMessages(posted: HostToWebview[]): Extract<HostToWebview, { type: 'stream/part' | 'stream/end' }>[] {
  return posted.filter((message): message is Extract<HostToWebview, { type: 'stream/part' | 'stream/end' }> => message.type === 'stream/part' || message.type === 'stream/end');
}

describe('extension host: chat streaming through the fixture server', function () {
  this.timeout(30_000);

  useOpenRouterKey('sk-or-v1-test-host-chat');

  beforeEach(async () => {
    const api = await switchboard();
    await api.chat.newChat();
  });

  it('streams an OpenRouter reply routed by switchboard.providerBaseUrls: numbered parts, one end, then a billed snapshot', async () => {
    const api = await switchboard();
    const { posted, reply } = await chatTurn(api, 'openrouter:openai/gpt-4o', 'Say hello');
    const stream = streamMessages(posted);
    assert.ok(stream.length >= 2, 'expected at least one part and the end');
    assert.deepEqual(stream.map((message) => message.seq), stream.map((_message, index) => index), 'seq must count up from 0 by one');
    assert.equal(stream.filter((message) => message.type === 'stream/end').length, 1);
    assert.equal(stream[stream.length - 1]!.type, 'stream/end');
    const streamedText = stream.map((message) => (message.type === 'stream/part' ? message.delta.text ?? '' : '')).join('');
    assert.equal(reply.status, 'done');
    assert.ok(reply.text.length > 0);
    assert.equal(streamedText, reply.text, 'the coalesced parts add up to the final text');
    assert.equal(reply.meta?.servedModel, 'openrouter:openai/gpt-4o');
    assert.equal(reply.meta?.cost.kind, 'billed');
    assert.ok((reply.meta?.outputTokens ?? 0) > 0);
    assert.ok(posted.indexOf(stream[stream.length - 1]!) < posted.length - 1, 'a snapshot follows the end');

  });

  it('stops a streaming reply on chat/cancel: partial text kept, status stopped, one stream/end, cost not billed', async () => {
    const api = await switchboard();
    let parts = 0;
    const { posted, reply, state } = await chatTurn(api, 'openrouter:slow/long-reply', 'Write a lot', (message, requestId) => {
      if (message.type === 'stream/part' && message.requestId === requestId) parts++;
      // stop after a few parts so the test stays short
      if (parts === 3 && message.type === 'stream/part') void api.chat.handle({ type: 'chat/cancel', requestId: message.requestId });
    });
    const stream = streamMessages(posted);
    assert.equal(stream.filter((message) => message.type === 'stream/end').length, 1, 'exactly one stream/end after Stop');
    assert.equal(reply.status, 'stopped');
    assert.ok(reply.text.length > 0, 'the partial text is kept');
    assert.notEqual(reply.meta?.cost.kind, 'billed');
    // the view counts it as a request of unknown cost next to the session spend
    assert.ok((state.sessionUnknownCount ?? 0) >= 1, `sessionUnknownCount ${state.sessionUnknownCount}`);
  });

  it('answers from a keyless custom endpoint (the replay endpoint)', async () => {
    const api = await switchboard();
    const { reply } = await chatTurn(api, 'replay:replay/openai-gpt-4o-mini', 'Hi');
    assert.equal(reply.status, 'done', JSON.stringify(reply.error));
    assert.ok(reply.text.length > 0);
  });

  const errorCases: [string, string, string, string[]][] = [
    ['out of credits (402)', 'openrouter:fault/402', 'payment-required', ['add-credits', 'lower-max-tokens']],
    ['a rejected key (401)', 'openrouter:fault/401', 'authentication', ['set-key']],
    ['an unknown provider', 'nowhere:some-model', 'configuration', ['open-settings']],
    ['a provider without a key', 'anthropic:claude-sonnet-4-5', 'configuration', ['set-key']],
  ];
  for (const [name, model, code, actions] of errorCases) {
    it(`shows ${name} as a failed reply with actions ${actions.join(', ')}`, async () => {
      const api = await switchboard();
      const { posted, reply } = await chatTurn(api, model, 'Hello?');
      assert.equal(streamMessages(posted).filter((message) => message.type === 'stream/end').length, 1);
      assert.equal(reply.status, 'failed');
      assert.equal(reply.error?.code, code);
      assert.deepEqual(reply.error?.actions, actions);
      assert.ok((reply.error?.message ?? '').length > 10);
      assert.notEqual(reply.meta?.cost.kind, 'billed');
    });
  }

  it('posts the retry as a status delta while it waits (attempt 2 of 3, with the reason and when it starts)', async () => {
    const api = await switchboard();
    const before = Date.now();
    const { posted, reply } = await chatTurn(api, 'openrouter:fault/503', 'Hello?');
    const statuses = streamMessages(posted).flatMap((message) => (message.type === 'stream/part' && message.delta.status ? [message.delta.status] : []));
    assert.deepEqual(statuses.map((status) => `${status.kind} ${status.attempt} of ${status.maxAttempts}`), ['retrying 2 of 3', 'retrying 3 of 3']);
    assert.ok(statuses.every((status) => status.message.startsWith('OpenRouter no provider can serve this model right now (503)')), statuses[0]?.message);
    assert.ok(statuses.every((status) => status.untilEpochMs !== undefined && status.untilEpochMs > before), 'each says when the next attempt starts');
    assert.equal(reply.status, 'failed');
    assert.equal(reply.error?.code, 'provider-error');
  });

  it('keeps the partial reply and marks it failed when the stream is cut', async () => {
    const api = await switchboard();
    const { reply } = await chatTurn(api, 'openrouter:fault/cut-midstream', 'Hello?');
    assert.equal(reply.status, 'failed');
    assert.ok(reply.error);
    const saved = await api.conversations.load(api.chat.current.id);
    assert.equal(saved.messages[saved.messages.length - 1]!.status, 'failed');
  });

  it('retries a failed reply in place', async () => {
    const api = await switchboard();
    const { reply } = await chatTurn(api, 'openrouter:fault/401', 'Hello?');
    assert.equal(reply.status, 'failed');
    await api.currentModel.set('openrouter:openai/gpt-4o');
    await api.chat.handle({ type: 'chat/retry', messageId: reply.id });
    await api.chat.idle();
    const messages = api.chat.current.messages;
    assert.equal(messages.length, 2, 'the failed reply is replaced, not appended to');
    assert.equal(messages[1]!.status, 'done');
  });
  it('edits a user message and resends from there, dropping the old reply', async () => {
    const api = await switchboard();
    await chatTurn(api, 'openrouter:openai/gpt-4o', 'First question');
    const first = api.chat.current.messages[0]!;
    const oldReply = api.chat.current.messages[1]!;
    await api.chat.handle({ type: 'chat/edit', messageId: first.id, text: 'Edited question' });
    await api.chat.idle();
    const messages = api.chat.current.messages;
    assert.equal(messages.length, 2);
    assert.equal(messages[0]!.text, 'Edited question');
    assert.notEqual(messages[1]!.id, oldReply.id);
    assert.equal(messages[1]!.status, 'done');
    assert.equal(api.chat.current.title, 'Edited question');
  });
});

describe('extension host: conversation history', function () {
  this.timeout(30_000);

  before(async () => {
    const api = await switchboard();
    await api.keys.setApiKey('openrouter', 'sk-or-v1-test-host-history');
  });

  after(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
  });

  it('shows the conversation that was open again in a reloaded window, and an empty chat after New chat', async () => {
    const api = await switchboard();
    await api.currentModel.set('replay:replay/openai-gpt-4o-mini');
    // two controllers over the same services and window state stand for the window before and after a reload
    const services: HostServices = {
      core: api.core, keys: api.keys, conversations: api.conversations, views: new ConversationViewsHub(), recent: new RecentModels(new MemoryStore()),
      arena: new ArenaStore({ read: async () => undefined, write: async () => undefined, rename: async () => undefined }),
      winTally: api.winTally, model: api.currentModel, logger: new MemoryLogger(), settings: api.settings,
      localServer: () => undefined, spendChanged: () => undefined,
      workspaceName: () => undefined,
    };
    const windowState = new MemoryStore();
    const before = new ChatController(services, windowState);
    const after = new ChatController(services, windowState);
    const afterNewChat = new ChatController(services, windowState);
    try {
      await before.handle({ type: 'chat/send', requestId: 'r-reload', text: 'Remember this chat' });
      await before.idle();
      assert.equal(before.current.messages[1]?.status, 'done');

      await after.handle({ type: 'webview/ready' });
      assert.equal(after.current.id, before.current.id);
      assert.deepEqual(after.current.messages.map((message) => message.text), before.current.messages.map((message) => message.text));
      assert.equal(after.snapshot().messages.length, 2);

      await after.newChat();
      await afterNewChat.handle({ type: 'webview/ready' });
      assert.equal(afterNewChat.current.messages.length, 0, 'New chat is what the next window shows');
    } finally {
      for (const controller of [before, after, afterNewChat]) controller.dispose();
      await api.conversations.delete(before.current.id).catch(() => undefined);
    }
  });

  it('saves each reply with model, tokens and cost, lists, reopens, exports and deletes the conversation', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await chatTurn(api, 'openrouter:openai/gpt-4o', 'Name a colour');
    const id = api.chat.current.id;

    const listed = await api.conversations.list();
    const summary = listed.find((entry) => entry.id === id);
    assert.ok(summary, 'the conversation is listed');
    assert.equal(summary.title, 'Name a colour');
    assert.equal(summary.messageCount, 2);

    const saved = await api.conversations.load(id);
    assert.equal(saved.schemaVersion, 1);
    const reply = saved.messages[1]!;
    assert.equal(reply.meta?.servedModel, 'openrouter:openai/gpt-4o');
    assert.ok((reply.meta?.inputTokens ?? 0) > 0 && (reply.meta?.outputTokens ?? 0) > 0);
    assert.equal(reply.meta?.cost.kind, 'billed');

    const markdown = conversationToMarkdown(saved);
    assert.match(markdown, /openrouter:openai\/gpt-4o/);
    assert.match(markdown, /[\d.]+k? in · [\d.]+k? out/);
    assert.match(markdown, /\$[\d.]+ billed/);

    await api.chat.newChat();
    assert.notEqual(api.chat.current.id, id);
    await api.chat.handle({ type: 'history/open', conversationId: id });
    assert.equal(api.chat.current.id, id);
    assert.equal(api.chat.current.messages.length, 2);

    await api.chat.handle({ type: 'history/delete', conversationId: id });
    assert.ok(!(await api.conversations.list()).some((entry) => entry.id === id), 'the conversation is gone from the list');
    await assert.rejects(api.conversations.load(id));
    assert.notEqual(api.chat.current.id, id, 'deleting the open conversation starts a new one');
  });
});

describe('extension host: pre-send estimate and selection', function () {
  this.timeout(30_000);

  it('answers chat/estimate instantly, then with the exact count from the lazily loaded tokenizer', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    const estimates: NonNullable<Extract<HostToWebview, { type: 'estimate/update' }>['estimate']>[] = [];
    const subscription = api.posts!.chat.onDidPost((message) => {
      if (message.type === 'estimate/update' && message.estimate) estimates.push(message.estimate);
    });
    try {
      await api.chat.handle({ type: 'chat/estimate', text: 'How many tokens is this sentence, roughly?' });
    } finally {
      subscription.dispose();
    }
    assert.ok(estimates.length >= 1);
    assert.equal(estimates[0]!.exact, false);
    assert.equal(estimates[0]!.priced, true);
    assert.ok(estimates[0]!.maxMicroUsd > estimates[0]!.minMicroUsd);
    const exact = estimates.find((estimate) => estimate.exact);
    assert.ok(exact, 'no exact estimate: dist/tokenizer.js did not load');
    assert.ok(exact.promptTokens > 5 && exact.promptTokens < 40, `exact prompt tokens ${exact.promptTokens}`);
  });

  it('puts the selection in the chat input as a fenced block with its language and path:line', async () => {
    const api = await switchboard();
    const editor = await openScratchFile('selection.py', 'import os\n\ndef main():\n    print(os.getcwd())\n');
    editor.selection = new vscode.Selection(2, 0, 3, 22);
    const drafts: string[] = [];
    const subscription = api.posts!.chat.onDidPost((message) => {
      if (message.type === 'state/snapshot' && message.state.draft) drafts.push(message.state.draft);
    });
    try {
      await vscode.commands.executeCommand('switchboard.sendSelectionToChat');
      const deadline = Date.now() + 15_000;
      while (drafts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      subscription.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    assert.ok(drafts.length > 0, 'the chat view never received the draft');
    assert.match(drafts[0]!, /^`selection\.py:3`\n```python\ndef main\(\):\n {4}print\(os\.getcwd\(\)\)\n```\n$/);
  });
});

describe('extension host: code blocks from the chat', function () {
  this.timeout(20_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('inserts code at the cursor of the active editor (code/insert)', async () => {
    const api = await switchboard();
    // an editor an earlier test left open must not be the one that stays visible when the chat view takes focus
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await vscode.workspace.openTextDocument({ content: 'before\nafter\n' });
    const editor = await vscode.window.showTextDocument(document);
    // an editor an earlier test opened may still be coming to the front: wait until ours is the active one
    for (let tries = 0; vscode.window.activeTextEditor?.document !== document && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (tries % 10 === 9) await vscode.window.showTextDocument(document);
    }
    assert.equal(vscode.window.activeTextEditor?.document, document, 'the test document is not the active editor');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await api.chat.handle({ type: 'code/insert', code: 'inserted\n' });
    assert.equal(document.getText(), 'before\ninserted\nafter\n');
  });

  it('opens code in a new untitled editor with the language the fence named (code/open)', async () => {
    const api = await switchboard();
    await api.chat.handle({ type: 'code/open', code: 'print("hi")\n', language: 'py' });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor was opened');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.getText(), 'print("hi")\n');
    // code-server ships the Python grammar, so the fence's `py` must become the python language.
    assert.equal(editor.document.languageId, 'python');
  });

  it('copies code to the clipboard (code/copy)', async () => {
    const api = await switchboard();
    await api.chat.handle({ type: 'code/copy', code: 'copied text' });
    assert.equal(await vscode.env.clipboard.readText(), 'copied text');
  });
});
