import { randomUUID } from 'node:crypto';
import type { ChatResult } from '../api';
import type { BudgetLedger, BudgetReservation } from '../budget/budgetLedger';
import type { CostLedger } from './costLedger';
import type { LedgerCost, LedgerRecord, LedgerSource } from './ledgerRecord';

/** Who a request is for, written into its ledger record (all optional; the source defaults by entry point). */
export interface LedgerContext {
  source?: LedgerSource;
  /** the workspace name or folder the request came from */
  workspace?: string;
  conversationId?: string;
  /** the reply's message id (compare: the comparison's; each column's record gets `<messageId>:<column>`) */
  messageId?: string;
}

/** The budget methods a request uses (send and compare hold, adjust, settle and release through this). */
export type BudgetHolder = Pick<BudgetLedger, 'reserve' | 'reserveAll' | 'adjust' | 'settle' | 'release'>;

/**
 * A BudgetHolder for one request (or one comparison) that remembers its reservations, so that its ledger
 * record can name the hold it settles. Every call goes to the one shared BudgetLedger.
 */
export function trackReservations(budget: BudgetLedger, workspace?: string): { holder: BudgetHolder; latest(index?: number): BudgetReservation | undefined } {
  /** the live reservation of each slot (compare: one per column; send: one, replaced by adjust) */
  const slots: BudgetReservation[] = [];
  const holder: BudgetHolder = {
    reserve: (amount, label) => {
      const reservation = budget.reserve(amount, label, workspace);
      slots.push(reservation);
      return reservation;
    },
    reserveAll: (amounts, label) => {
      const reservations = budget.reserveAll(amounts, label, workspace);
      slots.push(...reservations);
      return reservations;
    },
    adjust: (reservation, amount, label) => {
      const next = budget.adjust(reservation, amount, label, workspace);
      const slot = slots.indexOf(reservation);
      if (slot >= 0) slots[slot] = next;
      return next;
    },
    settle: (reservation, cost) => budget.settle(reservation, cost),
    release: (reservation) => budget.release(reservation),
  };
  return { holder, latest: (index = 0) => slots[index] };
}

/**
 * Writes the ledger record of one finished request (every status; a request a budget cap refused before it was
 * sent is not a request and gets none). Returns the record, or undefined when none was written.
 */
export function recordResult(
  ledger: CostLedger,
  budget: BudgetLedger,
  result: ChatResult,
  context: LedgerContext & { source: LedgerSource },
  reservation: BudgetReservation | undefined,
): LedgerRecord | undefined {
  if (result.error?.code === 'budget-exceeded' && result.fallbackFrom.length === 0 && result.text === '') return undefined;
  const cost: LedgerCost = result.cost.kind === 'unknown' ? { kind: 'unknown' } : { kind: result.cost.kind, microUsd: Math.max(0, Math.round(result.cost.microUsd)) };
  const usage = result.usage;
  return ledger.append({
    requestId: randomUUID(),
    time: result.timings.startedAt,
    workspace: context.workspace,
    conversationId: context.conversationId,
    messageId: context.messageId,
    source: context.source,
    requestedModel: result.requestedModel,
    servedModel: result.servedModel,
    upstreamModel: result.upstreamModel,
    upstreamProvider: result.upstreamProvider,
    generationId: result.generationId,
    tokens: { input: usage.inputTokens, output: usage.outputTokens, reasoning: usage.reasoningTokens, cacheRead: usage.cachedInputTokens, cacheWrite: usage.cacheWriteTokens },
    cost,
    reservedMicroUsd: reservation?.amountMicroUsd,
    status: result.status,
    holdId: reservation ? budget.holdIdOf(reservation) : undefined,
  });
}
