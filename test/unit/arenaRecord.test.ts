import assert from 'node:assert/strict';
import { arenaRunOf } from '../../src/host/conversations/arenaRecord';
import { CONVERSATION_SCHEMA_VERSION, type StoredConversation, type StoredMessage } from '../../src/host/conversations/conversation';
import { parseConversation, serializeConversation } from '../../src/host/conversations/conversationFormat';

function reply(id: string, model: string, text: string, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id, role: 'assistant', text, status: 'done', createdAt: 2000,
    meta: { requestedModel: model, servedModel: model, ttftMs: 300, totalMs: 1200, tokensPerSecond: 42.5, outputTokens: 12, cost: { kind: 'billed', microUsd: 1500 } },
    ...overrides,
  };
}

function comparison(): StoredConversation {
  return {
    schemaVersion: CONVERSATION_SCHEMA_VERSION, id: 'c1', kind: 'compare', title: 'Penguins', model: 'a:one', createdAt: 1000, updatedAt: 3000,
    compare: { models: ['b:two', 'a:one'], winner: 1, blind: true, revealed: true, winnerPickedBlind: true, tags: ['Refactor', 'refactor', ' explain '] },
    messages: [
      { id: 'p', role: 'user', text: 'Name two penguins', status: 'done', createdAt: 1500 },
      reply('r0', 'b:two', 'Pingu 🐧'),
      reply('r1', 'a:one', '', { status: 'failed', meta: { requestedModel: 'a:one', servedModel: 'a:one', cost: { kind: 'unknown' } }, error: { code: 'rate-limited', message: 'rate limited' } }),
    ],
  };
}

describe('arena record of a comparison', () => {
  it('turns a saved comparison into an arena run: columns in shown order, normalized tags, a blind pick', () => {
    assert.deepEqual(arenaRunOf(comparison()), {
      id: 'c1', createdAt: 1500, blind: true, tags: ['refactor', 'explain'],
      columns: [
        { model: 'b:two', status: 'done', ttftMs: 300, totalMs: 1200, tokensPerSecond: 42.5, outputTokens: 12, answerChars: 7, cost: { kind: 'billed', microUsd: 1500 } },
        { model: 'a:one', status: 'failed', ttftMs: undefined, totalMs: undefined, tokensPerSecond: undefined, outputTokens: undefined, answerChars: 0, cost: { kind: 'unknown' } },
      ],
      pick: { column: 1, blind: true },
    });
  });

  it('counts a pick made after a reveal as sighted, and has no run while a column still streams', () => {
    const revealedFirst = comparison();
    delete revealedFirst.compare!.winnerPickedBlind;
    assert.deepEqual(arenaRunOf(revealedFirst)?.pick, { column: 1, blind: false });
    const streaming = comparison();
    streaming.messages[2]!.status = 'streaming';
    assert.equal(arenaRunOf(streaming), undefined);
    assert.equal(arenaRunOf({ ...comparison(), kind: 'chat', compare: undefined }), undefined);
  });

  it('keeps blind, reveal, tags and the chat context through a save and a load', () => {
    const saved = comparison();
    saved.compare!.context = [{ id: 'h1', role: 'user', text: 'earlier question', status: 'done', createdAt: 1 }];
    const loaded = parseConversation(serializeConversation(saved));
    assert.deepEqual(loaded.compare, saved.compare);
  });

  it('drops a winnerPickedBlind that has no winner, and blind fields of a run that was not blind', () => {
    const text = JSON.stringify({ ...comparison(), compare: { models: ['b:two', 'a:one'], revealed: true, winnerPickedBlind: true } });
    assert.deepEqual(parseConversation(text).compare, { models: ['b:two', 'a:one'] });
  });
});
