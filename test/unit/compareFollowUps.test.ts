/**
 * Follow-ups per compare column, in plain Node: what one column's follow-up sends (its own history only, after the
 * chat's context and the shared prompt), how the threads are saved and read back (the append log, the older
 * whole-JSON format, comparisons saved before follow-ups existed), the total cost counting them, the Markdown export
 * and the arena record keeping to the first turn.
 */
import assert from 'node:assert/strict';
import { arenaRunOf } from '../../src/host/conversations/arenaRecord';
import { compareToMarkdown } from '../../src/host/conversations/compareMarkdown';
import type { StoredConversation, StoredMessage } from '../../src/host/conversations/conversation';
import { conversationCost, parseConversation, serializeConversation } from '../../src/host/conversations/conversationFormat';
import { appendRecords, parseLog, serializeLog } from '../../src/host/conversations/conversationLog';
import { columnTranscript, compareTranscript } from '../../src/host/compare/compareTranscript';

const MODELS = ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5'];

function user(id: string, text: string): StoredMessage {
  return { id, role: 'user', text, status: 'done', createdAt: 1 };
}

function reply(id: string, text: string, model: string, microUsd?: number, status: StoredMessage['status'] = 'done'): StoredMessage {
  return {
    id, role: 'assistant', text, status, createdAt: 2,
    meta: { requestedModel: model, servedModel: model, cost: microUsd === undefined ? { kind: 'unknown' } : { kind: 'billed', microUsd } },
  };
}

/** Two columns answered "Reverse a list"; column 1 followed up twice, column 0 not at all. */
function comparison(): StoredConversation {
  return {
    schemaVersion: 1, id: 'cmp1', kind: 'compare', title: 'Reverse a list', model: MODELS[0]!, systemPrompt: 'Be brief.',
    createdAt: 1, updatedAt: 5,
    compare: {
      models: [...MODELS],
      context: [user('h1', 'What is a linked list?'), reply('h2', 'A chain of nodes.', MODELS[0]!)],
      followUps: [[], [
        user('f1', 'And in Rust?'), reply('r1', 'Use iter().rev().', MODELS[1]!, 300),
        user('f2', 'Without allocating?'), reply('r2', 'reverse() in place.', MODELS[1]!, 200),
      ]],
    },
    messages: [user('p', 'Reverse a list in Python.'), reply('c0', 'lst[::-1]', MODELS[0]!, 1000), reply('c1', 'list(reversed(lst))', MODELS[1]!, 500)],
  };
}

describe('compare follow-ups: one column\'s own history', () => {
  it('sends a column\'s follow-up the system prompt, the chat\'s context, the prompt, that column\'s reply and its own thread, in order', () => {
    const sent = columnTranscript(comparison(), 1);
    assert.deepEqual(sent.map((message) => [message.role, message.content]), [
      ['system', 'Be brief.'],
      ['user', 'What is a linked list?'], ['assistant', 'A chain of nodes.'],
      ['user', 'Reverse a list in Python.'], ['assistant', 'list(reversed(lst))'],
      ['user', 'And in Rust?'], ['assistant', 'Use iter().rev().'],
      ['user', 'Without allocating?'], ['assistant', 'reverse() in place.'],
    ]);
    // every column's first turn is the same: the follow-up starts from it
    assert.deepEqual(sent.slice(0, 4), compareTranscript(comparison()));
  });

  it('holds none of another column\'s reply or follow-ups', () => {
    const data = comparison();
    data.compare!.followUps![0] = [user('g1', 'Explain the slice.')];
    const sent = columnTranscript(data, 0);
    assert.deepEqual(sent.slice(4).map((message) => [message.role, message.content]), [['assistant', 'lst[::-1]'], ['user', 'Explain the slice.']]);
    const text = JSON.stringify(sent);
    for (const other of ['list(reversed(lst))', 'And in Rust?', 'Use iter().rev().']) assert.ok(!text.includes(other), `column 0 was sent "${other}"`);
  });

  it('leaves out an empty failed follow-up reply and joins the two questions around it, as the chat does', () => {
    const data = comparison();
    data.compare!.followUps![0] = [user('g1', 'First?'), reply('e1', '', MODELS[0]!, undefined, 'failed'), user('g2', 'Second?')];
    const sent = columnTranscript(data, 0);
    assert.deepEqual(sent[sent.length - 1], { role: 'user', content: 'First?\n\nSecond?' });
    assert.equal(sent.filter((message) => message.role === 'assistant' && message.content === '').length, 0);
  });
});

describe('compare follow-ups: saved with the comparison', () => {
  it('round-trips every column\'s thread through the append log, and a follow-up saved while streaming reads back as failed with its text', () => {
    const data = comparison();
    data.compare!.followUps![0] = [user('g1', 'Explain the slice.'), { ...reply('s1', 'It steps', MODELS[0]!), status: 'streaming' }];
    const { text, state } = serializeLog(data);
    const read = parseLog(text).conversation;
    assert.deepEqual(read.compare?.followUps?.[1], comparison().compare!.followUps![1]);
    const cut = read.compare!.followUps![0]![1]!;
    assert.deepEqual([cut.status, cut.text, cut.error?.code], ['failed', 'It steps', 'mid-stream']);
    assert.equal(data.compare!.followUps![0]![1]!.status, 'streaming', 'saving does not change the reply still streaming');

    // a later follow-up is appended (the header record carries the threads), not a rewrite of the file
    data.compare!.followUps![1]!.push(user('f3', 'Why?'), reply('r3', 'Because.', MODELS[1]!, 100));
    const appended = appendRecords(state, data);
    assert.ok(appended && appended.text.length > 0, 'the new follow-up is appended');
    assert.deepEqual(parseLog(text + appended.text).conversation.compare?.followUps?.[1]?.map((message) => message.text).slice(-2), ['Why?', 'Because.']);
  });

  it('opens a comparison saved before follow-ups existed (no followUps field) with none, in both file formats', () => {
    const old = comparison();
    delete old.compare!.followUps;
    const fromLog = parseLog(serializeLog(old).text).conversation;
    const fromJson = parseConversation(serializeConversation(old));
    for (const read of [fromLog, fromJson]) {
      assert.equal(read.compare?.followUps, undefined);
      assert.deepEqual(read.compare?.models, MODELS);
      assert.deepEqual(columnTranscript(read, 1).slice(-1), [{ role: 'assistant', content: 'list(reversed(lst))' }]);
    }
  });

  it('drops what is not a message from a saved thread and threads past the last column', () => {
    const raw = JSON.parse(serializeConversation(comparison())) as { compare: { followUps: unknown[] } };
    raw.compare.followUps = [[{ nonsense: true }, user('g1', 'Kept?')], 'not a thread', [user('x', 'column 3 does not exist')]];
    const read = parseConversation(JSON.stringify(raw));
    assert.deepEqual(read.compare?.followUps?.map((thread) => thread.map((message) => message.text)), [['Kept?'], []]);
  });
});

describe('compare follow-ups: cost, export and the arena', () => {
  it('counts every follow-up in the comparison\'s total, an unknown one as unknown (never $0)', () => {
    const data = comparison();
    assert.deepEqual(conversationCost(data), { microUsd: 1000 + 500 + 300 + 200, unknownCount: 0 });
    data.compare!.followUps![0] = [user('g1', 'Hm?'), reply('u1', 'cut', MODELS[0]!, undefined, 'failed')];
    assert.deepEqual(conversationCost(data), { microUsd: 2000, unknownCount: 1 });
  });

  it('exports each column\'s follow-ups after its answer, with each reply\'s cost', () => {
    const markdown = compareToMarkdown(comparison());
    const second = markdown.indexOf('## 2. anthropic:claude-haiku-4-5');
    assert.ok(second > 0);
    const afterSecond = markdown.slice(second);
    assert.match(afterSecond, /### Follow-up 1\n\n> And in Rust\?\n\nUse iter\(\)\.rev\(\)\.\n\n_done · \$0\.0003 billed_/);
    assert.match(afterSecond, /### Follow-up 2\n\n> Without allocating\?/);
    assert.ok(!markdown.slice(0, second).includes('### Follow-up'), 'column 1 has no follow-ups in the export');
  });

  it('records only the first turn for the leaderboard: follow-ups change nothing in the arena run', () => {
    const withFollowUps = arenaRunOf(comparison());
    const without = comparison();
    delete without.compare!.followUps;
    assert.deepEqual(withFollowUps, arenaRunOf(without));
    assert.deepEqual(withFollowUps?.columns.map((column) => column.cost), [{ kind: 'billed', microUsd: 1000 }, { kind: 'billed', microUsd: 500 }]);
  });
});
