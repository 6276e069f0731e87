import assert from 'node:assert/strict';
import { chatTranscript } from '../../src/host/chat/chatTranscript';
import { emptyConversation, type StoredMessage } from '../../src/host/conversations/conversation';

function chat(systemPrompt: string | undefined, messages: Pick<StoredMessage, 'role' | 'text' | 'status'>[]) {
  const conversation = emptyConversation({ id: 'c1', kind: 'chat', title: 't', model: 'openrouter:openai/gpt-4o', systemPrompt });
  conversation.messages = messages.map((message, index) => ({ ...message, id: `m${index}`, createdAt: 0 }));
  return conversation;
}

describe('chat transcript: what the model sees', () => {
  it('starts with the system prompt, then the turns in order', () => {
    assert.deepEqual(chatTranscript(chat('Be brief.', [
      { role: 'user', text: 'Hi', status: 'done' },
      { role: 'assistant', text: 'Hello', status: 'done' },
      { role: 'user', text: 'Bye', status: 'done' },
    ])), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Bye' },
    ]);
  });

  it('merges consecutive turns of the same role (Anthropic refuses two in a row), after dropping an empty failed reply', () => {
    assert.deepEqual(chatTranscript(chat(undefined, [
      { role: 'user', text: 'First try', status: 'done' },
      { role: 'assistant', text: '', status: 'failed' },
      { role: 'user', text: 'Second try', status: 'done' },
      { role: 'assistant', text: 'Part one', status: 'stopped' },
      { role: 'assistant', text: 'Part two', status: 'done' },
    ])), [
      { role: 'user', content: 'First try\n\nSecond try' },
      { role: 'assistant', content: 'Part one\n\nPart two' },
    ]);
  });
});
