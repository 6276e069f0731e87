import assert from 'node:assert/strict';
import { CONVERSATION_SCHEMA_VERSION, type StoredConversation, type StoredMessage } from '../../src/host/conversations/conversation';
import { conversationTitle } from '../../src/host/conversations/conversationTitle';
import { searchConversations } from '../../src/host/conversations/conversationSearch';
import { forkConversation } from '../../src/host/conversations/forkConversation';

function message(id: string, role: 'user' | 'assistant', text: string): StoredMessage {
  return { id, role, text, status: 'done', createdAt: 1 };
}

function conversation(id: string, title: string, updatedAt: number, messages: StoredMessage[]): StoredConversation {
  return { schemaVersion: CONVERSATION_SCHEMA_VERSION, id, kind: 'chat', title, model: 'openrouter:openai/gpt-4o', createdAt: 1, updatedAt, messages };
}

describe('conversation titles', () => {
  it('takes the first words of the person\'s text, skipping a file reference and its fenced block', () => {
    const sent = '`src/core/api.ts:12`\n```typescript\nexport interface Core {\n```\nWhy does this interface have no dispose?';
    assert.equal(conversationTitle(sent), 'Why does this interface have no dispose?');
    assert.equal(conversationTitle('src/a.ts:3-9\n~~~\ncode\n~~~\n\nExplain   this\nplease'), 'Explain this please');
  });

  it('keeps ordinary words that contain dots, and cuts long text at a word end with an ellipsis', () => {
    assert.equal(conversationTitle('Thanks.'), 'Thanks.');
    const title = conversationTitle('How do I configure the fallback chain so that a rate limited model hands over to another provider?');
    assert.equal(title, 'How do I configure the fallback chain so that a rate…');
    assert.ok(title.length <= 60);
  });

  it('says New chat when the message is only code', () => {
    assert.equal(conversationTitle('```\nonly code\n```'), 'New chat');
    assert.equal(conversationTitle('   '), 'New chat');
  });
});

describe('searchConversations', () => {
  const older = conversation('c1', 'Budget caps', 100, [
    message('m1', 'user', 'How do daily caps work?'),
    message('m2', 'assistant', `${'Some preamble words. '.repeat(5)}The daily CAP resets at local midnight, and the monthly cap on the first.`),
  ]);
  const newer = conversation('c2', 'Streaming in the sidebar', 200, [
    message('m1', 'user', 'Why does streaming stop?'),
    message('m2', 'assistant', 'A cap was reached: the budget refused it.'),
  ]);
  const unrelated = conversation('c3', 'Dogs', 300, [message('m1', 'user', 'Name two dogs.')]);

  it('finds text case-insensitively in messages, newest first, and opens at the first message that matched', () => {
    const hits = searchConversations([older, newer, unrelated], 'cap');
    assert.deepEqual(hits.map((hit) => hit.conversationId), ['c2', 'c1']);
    assert.equal(hits[0].openAt, 'm2');
    assert.equal(hits[1].openAt, 'm1', 'the question matched first ("caps")');
    assert.deepEqual(hits[1].titleRanges, [{ start: 7, end: 10 }]);
  });

  it('gives snippet offsets that cut out exactly the matched words, with an ellipsis where the text was cut', () => {
    const [hit] = searchConversations([older], 'daily cap');
    const reply = hit.messages.find((item) => item.messageId === 'm2')!;
    assert.ok(reply.snippet.startsWith('…'));
    const highlighted = reply.ranges.map((range) => reply.snippet.slice(range.start, range.end));
    assert.deepEqual(highlighted, ['daily', 'CAP', 'cap']);
  });

  it('needs every word somewhere in the conversation (title counts), and finds nothing for an empty query', () => {
    assert.deepEqual(searchConversations([older, newer], 'sidebar refused').map((hit) => hit.conversationId), ['c2']);
    const titleOnly = searchConversations([newer], 'SIDEBAR');
    assert.equal(titleOnly.length, 1);
    assert.equal(titleOnly[0].openAt, undefined);
    assert.deepEqual(searchConversations([older], '   '), []);
    assert.deepEqual(searchConversations([older], '(cap'), [], 'regex characters are literal');
  });
});

describe('forkConversation', () => {
  const source = conversation('c1', 'Budget caps', 100, [
    message('m1', 'user', 'How do caps work?'),
    message('m2', 'assistant', 'They reserve the maximum first.'),
    message('m3', 'user', 'And parallel requests?'),
    message('m4', 'assistant', 'They cannot pass the cap together.'),
  ]);

  it('forks at a reply: a new conversation with the messages up to it, and the original untouched', () => {
    const result = forkConversation(source, 'm2', { id: 'c9', now: 500 });
    assert.ok(!('refused' in result));
    assert.deepEqual(result.conversation.messages.map((item) => item.id), ['m1', 'm2']);
    assert.equal(result.conversation.id, 'c9');
    assert.equal(result.conversation.title, 'Budget caps (fork)');
    assert.deepEqual(result.conversation.forkedFrom, { conversationId: 'c1', messageId: 'm2' });
    assert.equal(result.conversation.updatedAt, 500);
    assert.equal(result.draft, undefined);
    result.conversation.messages[0].text = 'changed';
    assert.equal(source.messages[0].text, 'How do caps work?');
    assert.equal(source.messages.length, 4);
  });

  it('forks at the person\'s message: what came before, with its text as the draft', () => {
    const result = forkConversation(source, 'm3', { id: 'c9', now: 500 });
    assert.ok(!('refused' in result));
    assert.deepEqual(result.conversation.messages.map((item) => item.id), ['m1', 'm2']);
    assert.equal(result.draft, 'And parallel requests?');
  });

  it('refuses a comparison, a missing message and a reply still streaming', () => {
    assert.ok('refused' in forkConversation({ ...source, kind: 'compare' }, 'm2', { id: 'x', now: 1 }));
    assert.ok('refused' in forkConversation(source, 'nope', { id: 'x', now: 1 }));
    const streaming = { ...source, messages: [...source.messages.slice(0, 3), { ...source.messages[3], status: 'streaming' as const }] };
    assert.match((forkConversation(streaming, 'm4', { id: 'x', now: 1 }) as { refused: string }).refused, /Wait for the reply/);
  });
});
