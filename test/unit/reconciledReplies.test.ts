import assert from 'node:assert/strict';
import { createCore, createUndiciTransport, type Core } from '../../src/core/index';
import { emptyConversation, pendingReply, userMessage, type StoredConversation } from '../../src/host/conversations/conversation';
import { conversationCost } from '../../src/host/conversations/conversationFormat';
import { ConversationStore, type ConversationFiles } from '../../src/host/conversations/conversationStore';
import { metaView } from '../../src/host/replies/metaView';
import { applyResult } from '../../src/host/replies/replyResult';
import { reconciledCostHandler, type LiveConversationView } from '../../src/host/spend/reconciledReplies';
import { formatReplyCost } from '../../src/shared/format';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { InstantSleepClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { removeTempLedgers, tempLedger } from '../support/ledgerTemp';
import { fixtureBaseUrls } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];
const MODEL = 'openrouter:openai/gpt-4o';

/** the conversations folder in memory */
function memoryFiles(): ConversationFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    read: async (name) => files.get(name) ?? Promise.reject(new Error(`no file ${name}`)),
    write: async (name, content) => { files.set(name, content); },
    append: async (name, content) => { files.set(name, (files.get(name) ?? '') + content); },
    rename: async (from, to) => { files.set(to, files.get(from)!); files.delete(from); },
    delete: async (name) => { files.delete(name); },
    list: async () => [...files.keys()],
  };
}

describe('Reconciled costs reach the stored replies', () => {
  let server: FixtureServer;
  let engine: Core;
  const transport = createUndiciTransport();
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await transport.close(); await server.close(); });
  beforeEach(() => {
    engine = createCore({
      secrets: new MemorySecrets({ openrouter: 'sk-or-v1-test-key-0000000000' }), store: new MemoryStore(), clock: new InstantSleepClock(), logger: new MemoryLogger(), transport,
      ledger: tempLedger().directory, settings: { baseUrls: fixtureBaseUrls(server) },
    }, { random: () => 0.5, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    // 404 (not ready) once, then the generation record
    server.account.generation({ notReady: 1 });
  });
  afterEach(() => {
    engine.dispose();
    server.account.generation({});
    server.account.generationAsks.clear();
    removeTempLedgers();
  });

  function conversation(kind: 'chat' | 'compare'): StoredConversation {
    const created = emptyConversation({ id: `conv${kind}`, kind, title: 'dogs', model: MODEL, systemPrompt: undefined, ...(kind === 'compare' ? { compareModels: [MODEL, MODEL] } : {}) });
    created.messages.push(userMessage('u1', 'Name two dogs.'));
    return created;
  }

  it('a stopped OpenRouter chat reply in the open view ends "billed (reconciled)", saved, with a fresh snapshot', async () => {
    const store = new ConversationStore(memoryFiles());
    const chat = conversation('chat');
    const reply = pendingReply('r1', MODEL);
    chat.messages.push(reply);
    let snapshots = 0;
    let changed = 0;
    const view: LiveConversationView = { current: chat, idle: async () => undefined, postSnapshot: () => { snapshots++; } };
    const handler = reconciledCostHandler({ conversations: store, views: () => [view], changed: () => { changed++; }, logger: new MemoryLogger() });
    engine.ledger!.onDidReconcile(handler.handle);

    // the stream stalls after its first events: the person presses Stop before any usage arrives
    server.nextFault('fault/stall');
    const abort = new AbortController();
    const result = await engine.send({
      model: MODEL, messages, maxTokens: 100, signal: abort.signal, ledger: { conversationId: chat.id, messageId: reply.id },
      onPart: (part) => { if (part.type === 'text-delta') abort.abort(); },
    });
    assert.equal(result.status, 'aborted');
    applyResult(reply, result);
    assert.equal(formatReplyCost(reply.meta!.cost, { failed: false }), 'cost unknown');
    assert.deepEqual(conversationCost(chat), { microUsd: 0, unknownCount: 1 });
    await store.save(chat);

    await engine.ledger!.whenReconciled();
    await handler.whenIdle();
    assert.equal(server.account.generationAsks.get(result.generationId!), 2, 'asked again after the 404');
    const line = formatReplyCost(metaView(reply.meta!, undefined).cost, { failed: false, outputTokens: reply.meta!.outputTokens });
    assert.equal(line, '$0.0001 billed (reconciled)');
    assert.ok(line.endsWith('billed (reconciled)'));
    assert.deepEqual((await store.load(chat.id)).messages[1].meta!.cost, { kind: 'reconciled', microUsd: 103 });
    assert.deepEqual(conversationCost(chat), { microUsd: 103, unknownCount: 0 }, 'the header and history total counts it');
    assert.deepEqual((await store.list())[0].cost, { microUsd: 103, unknownCount: 0 });
    assert.equal(snapshots, 1);
    assert.equal(changed, 1);
  });

  it('a cut compare column saved earlier is found by its generation id and updated in its file', async () => {
    const store = new ConversationStore(memoryFiles());
    const comparison = conversation('compare');
    comparison.messages.push(pendingReply('c0', MODEL), pendingReply('c1', MODEL));
    const handler = reconciledCostHandler({ conversations: store, views: () => [], changed: () => undefined, logger: new MemoryLogger() });
    engine.ledger!.onDidReconcile(handler.handle);

    server.nextFault('fault/cut-midstream');
    const run = engine.compare({ models: [MODEL], messages, maxTokens: 100, ledger: { conversationId: comparison.id, messageId: 'run1' } });
    const result = await run.columns[0].result;
    assert.equal(result.cost.kind, 'unknown');
    applyResult(comparison.messages[2], result);
    await store.save(comparison);

    await engine.ledger!.whenReconciled();
    await handler.whenIdle();
    const saved = await store.load(comparison.id);
    assert.deepEqual(saved.messages[2].meta!.cost, { kind: 'reconciled', microUsd: 103 });
    assert.equal(saved.messages[1].meta!.cost.kind, 'unknown', 'the other column is untouched');
  });
});
