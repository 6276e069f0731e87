/**
 * The upgrade from the key-value budget to the ledger: before the ledger existed, the day's and month's settled
 * spend lived under `switchboard.budget.v1`. This month's part of it is moved into the ledger once, as one
 * `carried over` record marked estimated, so the caps keep counting what was spent before the upgrade.
 */
import { BUDGET_STORE_KEY } from '../budget/budgetLedger';
import type { Clock, KeyValueStore } from '../ports';
import { localDayKey, localDayRange, localMonthKey, localMonthRange } from './calendar';
import type { CostLedger } from './costLedger';
import type { LedgerRecord } from './ledgerRecord';

/** the model id the carried-over record names (it was no single model) */
export const CARRIED_OVER_MODEL = 'switchboard:carried-over';

/** the record id for a month: one per month, so two windows upgrading together write it once */
export function carryOverId(monthKey: string): string {
  return `carry-over-${monthKey}`;
}

/**
 * Writes this month's spend from the old key-value entry into the ledger, unless the ledger has it already.
 * The record is timed at the start of today when part of it was spent today (both the daily and the monthly cap
 * then count it whole: on the upgrade day the daily cap errs on the safe side), else at the start of the month.
 * Returns the record written, or undefined when there was nothing to carry over.
 */
export function carryOverBudget(store: KeyValueStore, ledger: CostLedger, clock: Pick<Clock, 'now'>): LedgerRecord | undefined {
  const saved = store.get<unknown>(BUDGET_STORE_KEY);
  if (!saved || typeof saved !== 'object') return undefined;
  const old = saved as Record<string, unknown>;
  const now = clock.now();
  const monthKey = localMonthKey(now);
  const monthMicroUsd = old.monthKey === monthKey && Number.isSafeInteger(old.monthSpentMicroUsd) ? old.monthSpentMicroUsd as number : 0;
  if (monthMicroUsd <= 0) return undefined;
  const spentToday = old.dayKey === localDayKey(now) && Number.isSafeInteger(old.daySpentMicroUsd) && (old.daySpentMicroUsd as number) > 0;
  const requestId = carryOverId(monthKey);
  return ledger.transaction(() => {
    if (ledger.records(localMonthRange(now)).some((record) => record.requestId === requestId)) return undefined;
    return ledger.appendLocked({
      requestId,
      time: spentToday ? localDayRange(now).from : localMonthRange(now).from,
      source: 'carry-over',
      requestedModel: CARRIED_OVER_MODEL,
      servedModel: CARRIED_OVER_MODEL,
      tokens: {},
      cost: { kind: 'estimated', microUsd: monthMicroUsd },
      status: 'ok',
    });
  });
}
