import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../src/core/index';
import { BUDGET_STORE_KEY } from '../../src/core/budget/budgetLedger';
import { CARRIED_OVER_MODEL } from '../../src/core/ledger/carryOver';
import { localMonthRange } from '../../src/core/ledger/calendar';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import { ManualClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { removeTempLedgers, tempLedger } from '../support/ledgerTemp';

const JAN_15 = new Date(2026, 0, 15, 12, 0, 0).getTime();

describe('Carrying the key-value budget over into the ledger', () => {
  const cores: Core[] = [];
  afterEach(() => {
    cores.splice(0).forEach((core) => core.dispose());
    removeTempLedgers();
  });

  function core(store: MemoryStore, directory: LedgerDirectory, caps: { dailyUsd?: number; monthlyUsd?: number } = {}): Core {
    const created = createCore({ secrets: new MemorySecrets(), store, clock: new ManualClock(JAN_15), logger: new MemoryLogger(), ledger: directory, settings: { budget: caps } });
    cores.push(created);
    return created;
  }

  function oldStore(entry: { dayKey: string; daySpentMicroUsd: number; monthKey: string; monthSpentMicroUsd: number }): MemoryStore {
    const store = new MemoryStore();
    void store.set(BUDGET_STORE_KEY, entry);
    return store;
  }

  it('moves this month\'s spend into the ledger once, as one carried-over estimated record the caps count', () => {
    const store = oldStore({ dayKey: '2026-01-15', daySpentMicroUsd: 200_000, monthKey: '2026-01', monthSpentMicroUsd: 4_500_000 });
    const { folder, directory } = tempLedger();
    const engine = core(store, directory, { monthlyUsd: 5 });
    const records = engine.ledger!.records('month');
    assert.equal(records.length, 1);
    assert.deepEqual({ source: records[0].source, model: records[0].servedModel, cost: records[0].cost }, { source: 'carry-over', model: CARRIED_OVER_MODEL, cost: { kind: 'estimated', microUsd: 4_500_000 } });
    const status = engine.budgetStatus();
    assert.equal(status.month.spentMicroUsd, 4_500_000, 'the monthly cap counts what was spent before the upgrade');
    assert.equal(status.day.spentMicroUsd, 4_500_000, 'part was spent today: the daily cap counts it whole (the safe side)');

    // a reload (or a second window) does not carry it over again
    const again = core(store, directory, { monthlyUsd: 5 });
    assert.equal(again.ledger!.records('month').length, 1);
    assert.equal(again.budgetStatus().month.spentMicroUsd, 4_500_000);
    const lines = fs.readdirSync(folder).filter((name) => name.endsWith('.jsonl')).flatMap((name) => fs.readFileSync(path.join(folder, name), 'utf8').split('\n'));
    assert.equal(lines.filter((line) => line.includes('carry-over-2026-01')).length, 1, 'written once, not once per window');
  });

  it('times the record at the start of the month when nothing of it was spent today', () => {
    const store = oldStore({ dayKey: '2026-01-10', daySpentMicroUsd: 300_000, monthKey: '2026-01', monthSpentMicroUsd: 900_000 });
    const engine = core(store, tempLedger().directory);
    const [record] = engine.ledger!.records('month');
    assert.equal(record.time, localMonthRange(JAN_15).from);
    assert.equal(engine.budgetStatus().day.spentMicroUsd, 0);
    assert.equal(engine.budgetStatus().month.spentMicroUsd, 900_000);
  });

  it('carries nothing from an earlier month or an empty entry', () => {
    assert.equal(core(oldStore({ dayKey: '2025-12-31', daySpentMicroUsd: 100, monthKey: '2025-12', monthSpentMicroUsd: 7_000_000 }), tempLedger().directory).ledger!.records('month').length, 0);
    assert.equal(core(oldStore({ dayKey: '2026-01-15', daySpentMicroUsd: 0, monthKey: '2026-01', monthSpentMicroUsd: 0 }), tempLedger().directory).ledger!.records('month').length, 0);
    assert.equal(core(new MemoryStore(), tempLedger().directory).ledger!.records('month').length, 0);
  });
});
