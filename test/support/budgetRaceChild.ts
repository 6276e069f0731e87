/**
 * One "VS Code window" of the two-process budget race (test/unit/budgetShared.test.ts): a real BudgetLedger on the
 * shared ledger folder, taking turns with the other process through the ledger's lock files.
 * argv: <folder> <dailyCapUsd> <amountMicroUsd> <attempts> <startAtEpochMs>
 * Waits until startAt, then tries `attempts` reserve -> settle -> ledger record, and prints
 * `{"granted":N,"refused":N}` on stdout.
 */
import { BudgetLedger } from '../../src/core/budget/budgetLedger';
import { SharedBudgetHolds } from '../../src/core/budget/sharedBudgetHolds';
import { CostLedger } from '../../src/core/ledger/costLedger';
import { createNodeLedgerDirectory } from '../../src/core/ledger/nodeLedgerDirectory';
import { systemClock } from '../../src/core/limits/systemClock';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import { MemoryStore } from './memoryPorts';

async function main(): Promise<void> {
  const [folder, cap, amount, attempts, startAt] = process.argv.slice(2);
  const ledger = new CostLedger(createNodeLedgerDirectory(folder!), systemClock);
  const budget = new BudgetLedger(new MemoryStore(), systemClock, { dailyUsd: Number(cap) }, new SharedBudgetHolds(ledger, systemClock));
  while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
  let granted = 0;
  let refused = 0;
  for (let index = 0; index < Number(attempts); index++) {
    try {
      const reservation = budget.reserve(Number(amount), 'race');
      granted++;
      // the request "streams" while other windows check the cap against this hold
      await new Promise((resolve) => setTimeout(resolve, 2));
      budget.settle(reservation, { kind: 'billed', microUsd: Number(amount) });
      ledger.append({
        requestId: `${process.pid}-${index}`, time: Date.now(), source: 'chat', requestedModel: 'openrouter:openai/gpt-4o', servedModel: 'openrouter:openai/gpt-4o',
        tokens: {}, cost: { kind: 'billed', microUsd: Number(amount) }, status: 'ok', holdId: budget.holdIdOf(reservation),
      });
    } catch (error) {
      if (!(error instanceof SwitchboardError) || error.code !== 'budget-exceeded') throw error;
      refused++;
    }
  }
  process.stdout.write(JSON.stringify({ granted, refused }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
