import assert from 'node:assert/strict';
import { CostLedger } from '../../src/core/ledger/costLedger';
import { createCore, createUndiciTransport, type Core } from '../../src/core/index';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { ManualClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';
import { fixtureBaseUrls } from './engineSetup';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const messages = [{ role: 'user' as const, content: 'Name two dogs.' }];
const MODEL = 'openrouter:openai/gpt-4o';

describe('The per-workspace monthly cap', () => {
  let server: FixtureServer;
  const transport = createUndiciTransport();
  const cores: Core[] = [];
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await transport.close(); await server.close(); });
  afterEach(() => {
    cores.splice(0).forEach((core) => core.dispose());
    removeTempLedgers();
  });

  /** a ledger where workspace "alpha" spent $0.999 this month (another window, an earlier session) */
  function ledgerWithAlphaSpend(): LedgerDirectory {
    const { directory } = tempLedger();
    new CostLedger(directory, new ManualClock(NOW)).append(sampleRecord({ time: NOW - 3_600_000, workspace: 'alpha', cost: { kind: 'billed', microUsd: 999_000 } }));
    return directory;
  }

  function core(directory: LedgerDirectory, workspaceMonthlyUsd: number): Core {
    const created = createCore({
      secrets: new MemorySecrets({ openrouter: 'sk-or-v1-test-key-0000000000' }), store: new MemoryStore(), clock: new ManualClock(NOW), logger: new MemoryLogger(), transport, ledger: directory,
      settings: { baseUrls: fixtureBaseUrls(server), budget: { workspaceMonthlyUsd } },
    }, { random: () => 0.5, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    cores.push(created);
    return created;
  }

  it('refuses a request that would pass the workspace\'s cap, naming the setting; other workspaces are not held by it', async () => {
    const engine = core(ledgerWithAlphaSpend(), 1);
    const asked = server.requests.length;
    const refused = await engine.send({ model: MODEL, messages, maxTokens: 100, ledger: { workspace: 'alpha' } });
    assert.equal(refused.status, 'error');
    assert.equal(refused.error?.code, 'budget-exceeded');
    assert.match(refused.error!.message, /workspace "alpha" \$1\.00: \$0\.0010 left, this request needs up to \$0\.\d+\. Raise switchboard\.budget\.workspaceMonthlyUsd/);
    assert.equal(server.requests.length, asked, 'nothing was sent');

    const other = await engine.send({ model: MODEL, messages, maxTokens: 100, ledger: { workspace: 'beta' } });
    assert.equal(other.status, 'ok', 'workspace beta spent nothing yet');
  });

  it('refuses a whole comparison in that workspace before sending, and lets it through under a higher cap', async () => {
    const directory = ledgerWithAlphaSpend();
    assert.throws(() => core(directory, 1).compare({ models: [MODEL, MODEL], messages, maxTokens: 100, ledger: { workspace: 'alpha' } }), /switchboard\.budget\.workspaceMonthlyUsd/);
    const run = core(directory, 5).compare({ models: [MODEL, MODEL], messages, maxTokens: 100, ledger: { workspace: 'alpha' } });
    assert.deepEqual((await run.done).map((result) => result.status), ['ok', 'ok']);
  });
});
