import assert from 'node:assert/strict';
import { createCore, createUndiciTransport, type Core, type Clock } from '../../src/core/index';
import type { ReconcileEvent } from '../../src/core/ledger/reconciler';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { InstantSleepClock, ManualClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { removeTempLedgers, tempLedger } from '../support/ledgerTemp';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import { fixtureBaseUrls } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];
const GENERATION = 'gen-1754441342-hIkMo7SMi0ZecQw3oR4d';

describe('Reconciling unknown OpenRouter costs', () => {
  let server: FixtureServer;
  const cores: Core[] = [];
  const transport = createUndiciTransport();
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await transport.close(); await server.close(); });
  afterEach(() => {
    cores.splice(0).forEach((core) => core.dispose());
    server.account.generation({});
    server.account.generationAsks.clear();
    removeTempLedgers();
  });

  /** a priced model whose stream the server cuts half way (text arrived, usage did not) */
  function sendCut(engine: Core, ledger?: { conversationId: string; messageId: string; workspace: string }) {
    server.nextFault('fault/cut-midstream');
    return engine.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100, ledger });
  }

  function core(directory: LedgerDirectory, clock: Clock = new InstantSleepClock(), logger = new MemoryLogger()): Core {
    const created = createCore({
      secrets: new MemorySecrets({ openrouter: 'sk-or-v1-test-key-0000000000' }), store: new MemoryStore(), clock, logger, transport, ledger: directory,
      // the compare test's Anthropic column has no catalog price: allowed under the cap, so it is sent
      settings: { baseUrls: fixtureBaseUrls(server), budget: { dailyUsd: 1, allowUnpricedUnderCaps: true } },
    }, { random: () => 0.5, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    cores.push(created);
    return created;
  }

  it('looks a cut stream up with /generation, backs off over 404s, and ends billed (reconciled) in the ledger, the event and the budget', async () => {
    server.account.generation({ notReady: 2 });
    const clock = new InstantSleepClock();
    const engine = core(tempLedger().directory, clock);
    const events: ReconcileEvent[] = [];
    engine.ledger!.onDidReconcile((event) => events.push(event));
    const result = await sendCut(engine, { conversationId: 'c1', messageId: 'm1', workspace: 'ws' });
    assert.equal(result.cost.kind, 'unknown');
    assert.equal(result.generationId, GENERATION);
    const held = engine.budgetStatus().day.spentMicroUsd;
    assert.equal(held, engine.ledger!.records('today')[0].reservedMicroUsd, 'while unknown, the held maximum counts against the cap');
    assert.ok(held > 103);

    await engine.ledger!.whenReconciled();
    assert.deepEqual(server.account.generationAsks.get(GENERATION), 3);
    assert.deepEqual(clock.sleeps.slice(-3), [2_000, 5_000, 15_000]);
    const [record] = engine.ledger!.records('today');
    assert.deepEqual(record.cost, { kind: 'reconciled', microUsd: 103 });
    assert.deepEqual(record.tokens, { input: 17, output: 6, reasoning: 0, cacheRead: 0 });
    assert.deepEqual(events.map(({ requestId, conversationId, messageId, microUsd }) => ({ requestId, conversationId, messageId, microUsd })), [{ requestId: result.requestId, conversationId: 'c1', messageId: 'm1', microUsd: 103 }]);
    assert.equal(engine.budgetStatus().day.spentMicroUsd, 103, 'the budget now counts what was billed');
    assert.deepEqual(engine.ledger!.totals('today').total, { requests: 1, billedMicroUsd: 0, reconciledMicroUsd: 103, estimatedMicroUsd: 0, unknownCount: 0, knownMicroUsd: 103 });
    const asked = server.requests.find((request) => request.path.endsWith('/generation'))!;
    assert.equal(asked.headers.authorization, 'Bearer sk-or-v1-test-key-0000000000');
  });

  it('bills a BYOK generation as total_cost plus upstream_inference_cost', async () => {
    server.account.generation({ byok: true, totalCostUsd: 0.0001, upstreamCostUsd: 0.0004 });
    const engine = core(tempLedger().directory);
    await sendCut(engine);
    await engine.ledger!.whenReconciled();
    assert.deepEqual(engine.ledger!.records('today')[0].cost, { kind: 'reconciled', microUsd: 500 });
  });

  it('keeps the cost unknown, with the reason logged, when /generation never finds it', async () => {
    server.account.generation({ never: true });
    const logger = new MemoryLogger();
    const engine = core(tempLedger().directory, new InstantSleepClock(), logger);
    await sendCut(engine);
    await engine.ledger!.whenReconciled();
    const [record] = engine.ledger!.records('today');
    assert.deepEqual(record.cost, { kind: 'unknown' });
    assert.equal(record.reconcile, 'abandoned');
    assert.equal(server.account.generationAsks.get(GENERATION), 5);
    assert.match(logger.lines.join('\n'), /warn OpenRouter generation gen-1754441342-hIkMo7SMi0ZecQw3oR4d: cost stays unknown; \/generation was asked 5 times over 262 s and it answered 404 \(not ready\) every time\./);
    assert.doesNotMatch(logger.lines.join('\n'), /sk-or-v1-test-key/);
  });

  it('resumes look-ups left pending by a window that was closed, after the reload', async () => {
    const { directory } = tempLedger();
    const first = core(directory, new ManualClock(Date.now()));
    await sendCut(first);
    first.dispose(); // its first 2 s wait never ended
    assert.equal(server.account.generationAsks.get(GENERATION), undefined);

    const reloaded = core(directory);
    await reloaded.ledger!.whenReconciled();
    assert.deepEqual(reloaded.ledger!.records('today')[0].cost, { kind: 'reconciled', microUsd: 103 });
  });

  it('records a billed reply once and never looks it up', async () => {
    const engine = core(tempLedger().directory);
    const result = await engine.send({ model: 'openrouter:openai/gpt-4o', messages, maxTokens: 100, ledger: { source: 'selection' } });
    await engine.ledger!.whenReconciled();
    const records = engine.ledger!.records('today');
    assert.equal(records.length, 1);
    assert.equal(records[0].requestId, result.requestId);
    assert.equal(records[0].source, 'selection');
    assert.deepEqual(records[0].cost, { kind: 'billed', microUsd: 103 });
    assert.equal(server.account.generationAsks.size, 0);
  });

  it('records each compare column with its own message id', async () => {
    const engine = core(tempLedger().directory);
    const run = engine.compare({ models: ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5'], messages, maxTokens: 100, ledger: { conversationId: 'cmp', messageId: 'm' } });
    const results = await run.done;
    const records = engine.ledger!.records('today');
    assert.deepEqual(records.map((record) => [record.source, record.messageId, record.requestedModel]).sort(), [['compare', 'm:0', 'openrouter:openai/gpt-4o'], ['compare', 'm:1', 'anthropic:claude-haiku-4-5']]);
    assert.ok(results.every((result) => result.requestId !== undefined));
    assert.equal(engine.budgetStatus().day.reservedMicroUsd, 0);
  });
});
