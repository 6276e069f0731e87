// In-host tests of the chat's history actions (chatHistory.ts) with the real controller, core, fixture server and
// conversation store: fork at a reply and at the person's message, search across saved conversations, and a search
// hit opening its conversation at the message.
import assert from 'node:assert/strict';
import type { SwitchboardApi } from '../../src/host/activateHost';
import type { HostToWebview } from '../../src/shared/chat/protocol';
import { switchboard, useOpenRouterKey } from './hostApi';

describe('extension host: chat history actions', function () {
  this.timeout(30_000);
  const created: string[] = [];

  useOpenRouterKey('sk-or-v1-test-host-history-actions');

  after(async () => {
    const api = await switchboard();
    for (const id of created) await api.conversations.delete(id).catch(() => undefined);
  });

  /** a saved conversation with one exchange about `text`, open in the chat */
  async function exchange(api: SwitchboardApi, text: string): Promise<string> {
    await api.chat.newChat();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    await api.chat.handle({ type: 'chat/send', requestId: `r-${Date.now()}`, text });
    await api.chat.idle();
    created.push(api.chat.current.id);
    return api.chat.current.id;
  }

  it('forks at a reply into a new saved conversation and leaves the original as it was', async () => {
    const api = await switchboard();
    const original = await exchange(api, 'Name a bird');
    const [question, reply] = api.chat.current.messages;
    await api.chat.handle({ type: 'chat/fork', messageId: reply!.id });
    const fork = api.chat.current;
    created.push(fork.id);
    assert.notEqual(fork.id, original);
    assert.deepEqual(fork.messages.map((message) => message.text), [question!.text, reply!.text]);
    assert.equal((await api.conversations.load(fork.id)).messages.length, 2, 'the fork is saved');
    assert.equal((await api.conversations.load(original)).messages.length, 2, 'the original is untouched');
  });

  it('forks at the person\'s message with what came before, and puts that message in the input', async () => {
    const api = await switchboard();
    await exchange(api, 'Name a fish');
    const question = api.chat.current.messages[0]!;
    const drafts: string[] = [];
    const subscription = api.posts!.chat.onDidPost((message: HostToWebview) => {
      if (message.type === 'state/snapshot' && message.state.draft !== undefined) drafts.push(message.state.draft);
    });
    try {
      await api.chat.handle({ type: 'chat/fork', messageId: question.id });
    } finally {
      subscription.dispose();
    }
    created.push(api.chat.current.id);
    assert.equal(api.chat.current.messages.length, 0);
    assert.equal(api.chat.snapshot().draft ?? drafts[0], 'Name a fish');
  });

  it('finds a saved conversation by its text and opens it at the message that matched', async () => {
    const api = await switchboard();
    const id = await exchange(api, 'Which planet has the Great Red Spot?');
    const messageId = api.chat.current.messages[0]!.id;
    await api.chat.newChat();
    const results: Extract<HostToWebview, { type: 'history/results' }>[] = [];
    const subscription = api.posts!.chat.onDidPost((message: HostToWebview) => {
      if (message.type === 'history/results') results.push(message);
    });
    try {
      await api.chat.handle({ type: 'history/search', query: 'great red spot' });
    } finally {
      subscription.dispose();
    }
    const hit = results[0]?.hits.find((candidate) => candidate.conversationId === id);
    assert.ok(hit, `no hit for the conversation in ${JSON.stringify(results)}`);
    assert.equal(hit.openAt, messageId);
    await api.chat.handle({ type: 'history/open', conversationId: id, messageId: hit.openAt });
    assert.equal(api.chat.current.id, id);
  });
});
