import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { BudgetLedger } from '../../src/core/budget/budgetLedger';
import { SharedBudgetHolds } from '../../src/core/budget/sharedBudgetHolds';
import { CostLedger } from '../../src/core/ledger/costLedger';
import { localMonthRange } from '../../src/core/ledger/calendar';
import { totalsOf } from '../../src/core/ledger/ledgerTotals';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import { ManualClock, MemoryStore } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';

const USD = 1_000_000;
const NOW = new Date(2026, 0, 15, 12).getTime();

/** one window: a ledger and a budget on the shared folder */
function window(directory: LedgerDirectory, clock: ManualClock, dailyUsd = 1): { ledger: CostLedger; budget: BudgetLedger } {
  const ledger = new CostLedger(directory, clock);
  return { ledger, budget: new BudgetLedger(new MemoryStore(), clock, { dailyUsd, monthlyUsd: 10 }, new SharedBudgetHolds(ledger, clock)) };
}

function runChild(folder: string, capUsd: number, amountMicroUsd: number, attempts: number, startAt: number): Promise<{ granted: number; refused: number }> {
  const child = path.join(__dirname, '..', 'support', 'budgetRaceChild.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', 'tsx/cjs', child, folder, String(capUsd), String(amountMicroUsd), String(attempts), String(startAt)], { cwd: path.join(__dirname, '..', '..'), timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`race child failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { granted: number; refused: number });
    });
  });
}

describe('Budget caps read from the shared ledger', () => {
  afterEach(removeTempLedgers);

  it('reads today\'s and this month\'s spend from the ledger after a reload', () => {
    const { directory } = tempLedger();
    const clock = new ManualClock(NOW);
    const first = window(directory, clock);
    const reservation = first.budget.reserve(0.5 * USD);
    first.budget.settle(reservation, { kind: 'billed', microUsd: 0.6 * USD });
    assert.equal(first.budget.status().day.spentMicroUsd, 0.6 * USD, 'settled counts before its record is written');
    first.ledger.append(sampleRecord({ time: NOW, cost: { kind: 'billed', microUsd: 0.6 * USD }, holdId: first.budget.holdIdOf(reservation) }));
    assert.equal(first.budget.status().day.spentMicroUsd, 0.6 * USD, 'and is not counted twice after');

    const reloaded = window(directory, clock);
    const status = reloaded.budget.status();
    assert.equal(status.day.spentMicroUsd, 0.6 * USD);
    assert.equal(status.month.spentMicroUsd, 0.6 * USD);
    assert.throws(() => reloaded.budget.reserve(0.5 * USD), (error: unknown) => error instanceof SwitchboardError && /^Daily budget \$1\.00: \$0\.40 left/.test(error.message));
  });

  it('counts another window\'s holds and spend before granting, and frees a hold its record settles', () => {
    const { directory } = tempLedger();
    const clock = new ManualClock(NOW);
    const a = window(directory, clock);
    const b = window(directory, clock);
    const held = a.budget.reserve(0.7 * USD);
    assert.equal(b.budget.status().day.reservedMicroUsd, 0.7 * USD, 'b sees a\'s hold');
    assert.throws(() => b.budget.reserve(0.4 * USD), /Daily budget \$1\.00: \$0\.30 left/);
    a.budget.settle(held, { kind: 'billed', microUsd: 0.2 * USD });
    a.ledger.append(sampleRecord({ time: NOW, cost: { kind: 'billed', microUsd: 0.2 * USD }, holdId: a.budget.holdIdOf(held) }));
    const granted = b.budget.reserve(0.4 * USD);
    assert.equal(b.budget.status().day.spentMicroUsd, 0.2 * USD);
    b.budget.release(granted);
    assert.equal(a.budget.status().day.reservedMicroUsd, 0, 'a released hold is gone for the other window too');
  });

  it('counts another window\'s requests in flight for the same workspace against the workspace cap, and only those', () => {
    const { directory } = tempLedger();
    const clock = new ManualClock(NOW);
    const windowFor = () => {
      const ledger = new CostLedger(directory, clock);
      return new BudgetLedger(new MemoryStore(), clock, { workspaceMonthlyUsd: 1 }, new SharedBudgetHolds(ledger, clock));
    };
    const a = windowFor();
    const b = windowFor();
    const held = a.reserve(0.7 * USD, 'chat', 'alpha');
    assert.throws(() => b.reserve(0.4 * USD, 'chat', 'alpha'), /workspace "alpha" \$1\.00: \$0\.30 left/, 'a\'s hold in alpha counts in b');
    const other = b.reserve(0.4 * USD, 'chat', 'beta');
    b.release(other);
    a.release(held);
    b.release(b.reserve(0.4 * USD, 'chat', 'alpha'));
  });

  it('never lets two processes sending at once pass the cap together', async function () {
    this.timeout(60_000);
    const { folder, directory } = tempLedger();
    // 20 attempts of $0.10 against a $1.00 daily cap: exactly 10 may be granted, whichever process wins them
    const startAt = Date.now() + 1_500;
    const [first, second] = await Promise.all([runChild(folder, 1, 0.1 * USD, 10, startAt), runChild(folder, 1, 0.1 * USD, 10, startAt)]);
    assert.equal(first.granted + second.granted, 10, `granted ${first.granted} + ${second.granted}`);
    assert.equal(first.refused + second.refused, 10);
    const spent = totalsOf(new CostLedger(directory, { now: Date.now }).records(localMonthRange(Date.now())));
    assert.equal(spent.total.knownMicroUsd, 1 * USD);
    assert.equal(spent.total.requests, 10);
  });
});
