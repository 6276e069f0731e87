import assert from 'node:assert/strict';
import { BUDGET_STORE_KEY, BudgetLedger } from '../../src/core/budget/budgetLedger';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import { ManualClock, MemoryStore } from '../support/memoryPorts';

const USD = 1_000_000;

function refusal(error: unknown): SwitchboardError {
  assert.ok(error instanceof SwitchboardError);
  assert.equal(error.code, 'budget-exceeded');
  return error;
}

describe('BudgetLedger', () => {
  it('refuses a request over the daily cap with a message naming the cap, what is left and what it needs', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 1 });
    const first = ledger.reserve(0.88 * USD);
    ledger.settle(first, { kind: 'billed', microUsd: 0.88 * USD });
    try {
      ledger.reserve(0.42 * USD);
      assert.fail('expected a refusal');
    } catch (error) {
      assert.equal(refusal(error).message, 'Daily budget $1.00: $0.12 left, this request needs up to $0.42. Raise switchboard.budget.dailyUsd or lower max tokens.');
    }
  });

  it('refuses over the per-request and monthly caps, naming each setting', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { perRequestUsd: 0.1, monthlyUsd: 5 });
    assert.throws(() => ledger.reserve(0.2 * USD), (error) => /Per-request budget \$0\.10: this request needs up to \$0\.20\. Raise switchboard\.budget\.perRequestUsd/.test(refusal(error).message));
    ledger.settle(ledger.reserve(0.1 * USD), { kind: 'billed', microUsd: 4.95 * USD });
    assert.throws(() => ledger.reserve(0.1 * USD), (error) => /^Monthly budget \$5\.00: \$0\.05 left.*switchboard\.budget\.monthlyUsd/.test(refusal(error).message));
  });

  it('never lets 8 concurrent requests together pass the cap', async () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 1 });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, async () => {
      await Promise.resolve();
      const reservation = ledger.reserve(0.3 * USD);
      await new Promise((resolve) => setImmediate(resolve));
      ledger.settle(reservation, { kind: 'billed', microUsd: 0.3 * USD });
    }));
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 3);
    assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 5);
    const status = ledger.status();
    assert.equal(status.day.spentMicroUsd, 0.9 * USD);
    assert.ok(status.day.spentMicroUsd <= status.day.capMicroUsd!);
    assert.equal(status.day.reservedMicroUsd, 0);
  });

  it('holds reservations in flight against the cap and frees them on release', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 1 });
    const held = ledger.reserve(0.7 * USD);
    assert.equal(ledger.status().day.reservedMicroUsd, 0.7 * USD);
    assert.throws(() => ledger.reserve(0.4 * USD), (error) => Boolean(refusal(error)));
    ledger.release(held);
    assert.equal(ledger.status().day.reservedMicroUsd, 0);
    assert.doesNotThrow(() => ledger.reserve(0.4 * USD));
    assert.equal(ledger.status().day.spentMicroUsd, 0);
  });

  it('reserves all compare columns or none', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 1 });
    assert.throws(() => ledger.reserveAll([0.4 * USD, 0.4 * USD, 0.4 * USD]), (error) => /these 3 requests need up to \$1\.20/.test(refusal(error).message));
    assert.equal(ledger.status().day.reservedMicroUsd, 0);
    assert.equal(ledger.reserveAll([0.4 * USD, 0.4 * USD]).length, 2);
    assert.equal(ledger.status().day.reservedMicroUsd, 0.8 * USD);
  });

  it('counts the reserved maximum as spent when the cost is unknown, and counts it as unknown for the session', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), {});
    ledger.settle(ledger.reserve(250), { kind: 'unknown' });
    ledger.settle(ledger.reserve(900), { kind: 'estimated', microUsd: 120 });
    const status = ledger.status();
    assert.equal(status.day.spentMicroUsd, 370);
    assert.equal(status.sessionMicroUsd, 120);
    assert.equal(status.sessionUnknownCount, 1);
  });

  it('settles and releases only once', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), {});
    const reservation = ledger.reserve(500);
    ledger.settle(reservation, { kind: 'billed', microUsd: 300 });
    ledger.settle(reservation, { kind: 'billed', microUsd: 300 });
    ledger.release(reservation);
    assert.equal(ledger.status().day.spentMicroUsd, 300);
  });

  it('persists the spend and reads it back in a new ledger', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const ledger = new BudgetLedger(store, clock, { dailyUsd: 1 });
    ledger.settle(ledger.reserve(0.5 * USD), { kind: 'billed', microUsd: 0.5 * USD });
    await ledger.flush();
    assert.ok(store.get(BUDGET_STORE_KEY));
    const again = new BudgetLedger(store, clock, { dailyUsd: 1 });
    assert.equal(again.status().day.spentMicroUsd, 0.5 * USD);
    assert.equal(again.status().sessionMicroUsd, 0, 'session spend starts at 0 in a new session');
  });

  it('starts a new day at local midnight and a new month on the 1st, keeping the month inside it', async () => {
    const clock = new ManualClock(new Date(2026, 0, 30, 23, 59, 0).getTime());
    const ledger = new BudgetLedger(new MemoryStore(), clock, { dailyUsd: 1, monthlyUsd: 10 });
    ledger.settle(ledger.reserve(0.6 * USD), { kind: 'billed', microUsd: 0.6 * USD });
    await clock.setNow(new Date(2026, 0, 31, 0, 0, 1).getTime());
    assert.equal(ledger.status().day.spentMicroUsd, 0);
    assert.equal(ledger.status().month.spentMicroUsd, 0.6 * USD);
    await clock.setNow(new Date(2026, 1, 1, 0, 0, 1).getTime());
    assert.equal(ledger.status().month.spentMicroUsd, 0);
  });

  it('treats 0, negative and missing caps as no cap', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 0, monthlyUsd: -3 });
    assert.doesNotThrow(() => ledger.reserve(1000 * USD));
    assert.equal(ledger.status().day.capMicroUsd, undefined);
  });

  it('adjusts a hold to a fallback model\'s maximum, keeping the old hold when refused', () => {
    const ledger = new BudgetLedger(new MemoryStore(), new ManualClock(), { dailyUsd: 1 });
    const first = ledger.reserve(0.2 * USD);
    const second = ledger.adjust(first, 0.5 * USD);
    assert.equal(ledger.status().day.reservedMicroUsd, 0.5 * USD);
    assert.throws(() => ledger.adjust(second, 2 * USD), (error) => Boolean(refusal(error)));
    assert.equal(ledger.status().day.reservedMicroUsd, 0.5 * USD);
  });
});
