import type { BudgetCaps, BudgetStatus } from '../api';
import type { Cost } from '../cost/cost';
import type { Clock, KeyValueStore } from '../ports';
import type { SharedBudgetHolds } from './sharedBudgetHolds';
import { SwitchboardError } from '../errors/switchboardError';
import { formatUsd } from '../../shared/format';
import { localDayKey, localMonthKey } from '../ledger/calendar';

/** Where the settled spend of the current day and month is kept (KeyValueStore key). */
export const BUDGET_STORE_KEY = 'switchboard.budget.v1';

/** Money held for one request in flight. */
export interface BudgetReservation {
  readonly id: number;
  /** integer micro-USD held; the most the request can cost */
  readonly amountMicroUsd: number;
  /** the model it was reserved for, for messages */
  readonly label?: string;
}

interface PersistedBudget {
  /** local date `YYYY-MM-DD` */
  dayKey: string;
  /** integer micro-USD */
  daySpentMicroUsd: number;
  /** local month `YYYY-MM` */
  monthKey: string;
  /** integer micro-USD */
  monthSpentMicroUsd: number;
}

/** USD from settings to integer micro-USD; undefined, 0, negative or not a number = no cap. */
export function capToMicroUsd(usd: number | undefined): number | undefined {
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd <= 0) return undefined;
  return Math.round(usd * 1_000_000);
}

/**
 * The budget caps: per request, per local day and per local month.
 *
 * - `reserve` holds a request's maximum cost before it is sent. Checking and holding happen in one
 *   synchronous step, so any number of concurrent requests can never together pass a cap.
 * - `settle` replaces the hold with the real cost. When the cost is unknown (a stream cut before usage
 *   arrived) the whole reserved maximum counts as spent: the cap stays safe, and the request is counted in
 *   `sessionUnknownCount` instead of being added to the session spend shown as known money.
 * - `release` drops the hold without spending (errors before any output, cancellations before the first token).
 *
 * Day and month are the local calendar of the injected Clock. Without `shared`, the settled spend is persisted
 * through the KeyValueStore and holds die with the process. With `shared` (the cost ledger's directory), the
 * spent totals are read from the ledger, which every window appends to, and holds are written next to it: each
 * check reads what other windows spent and hold, inside the ledger's lock, so two windows cannot pass a cap
 * together. A settled request then counts as spent here until its ledger record (naming the hold) is written.
 */
export class BudgetLedger {
  private caps: { perRequest?: number; day?: number; month?: number; workspaceMonth?: number } = {};
  private state: PersistedBudget;
  private readonly held = new Map<number, BudgetReservation>();
  private nextId = 1;
  private sessionMicroUsd = 0;
  private sessionUnknownCount = 0;
  private writing: Promise<void> = Promise.resolve();
  /** shared mode: settled here, micro-USD counted as spent until the ledger holds the record, by reservation id */
  private readonly awaitingRecord = new Map<number, number>();

  constructor(private readonly store: KeyValueStore, private readonly clock: Clock, caps: BudgetCaps | undefined, private readonly shared?: SharedBudgetHolds) {
    this.setCaps(caps);
    const saved = store.get<PersistedBudget>(BUDGET_STORE_KEY);
    this.state = isPersistedBudget(saved) ? saved : { dayKey: '', daySpentMicroUsd: 0, monthKey: '', monthSpentMicroUsd: 0 };
    this.roll();
  }

  setCaps(caps: BudgetCaps | undefined): void {
    this.caps = {
      perRequest: capToMicroUsd(caps?.perRequestUsd),
      day: capToMicroUsd(caps?.dailyUsd),
      month: capToMicroUsd(caps?.monthlyUsd),
      workspaceMonth: capToMicroUsd(caps?.workspaceMonthlyUsd),
    };
  }

  /**
   * Holds `maxMicroUsd` or throws SwitchboardError('budget-exceeded') saying which cap, what is left and what was
   * needed. `workspace`: the workspace the request is for, checked against the per-workspace monthly cap.
   */
  reserve(maxMicroUsd: number, label?: string, workspace?: string): BudgetReservation {
    return this.reserveAll([maxMicroUsd], label, workspace)[0];
  }

  /** Holds every amount or none (compare: the whole run is refused if the columns together pass a cap). */
  reserveAll(amountsMicroUsd: number[], label?: string, workspace?: string): BudgetReservation[] {
    return this.atomically(() => this.reserveNow(amountsMicroUsd, label, workspace));
  }

  private reserveNow(amountsMicroUsd: number[], label?: string, workspace?: string): BudgetReservation[] {
    this.roll();
    const amounts = amountsMicroUsd.map((amount) => Math.max(0, Math.ceil(amount)));
    const total = amounts.reduce((sum, amount) => sum + amount, 0);
    const what = amounts.length > 1 ? `these ${amounts.length} requests need` : 'this request needs';
    const largest = Math.max(0, ...amounts);
    if (this.caps.perRequest !== undefined && largest > this.caps.perRequest) {
      throw budgetError(`Per-request budget ${formatUsd(this.caps.perRequest)}: ${amounts.length > 1 ? 'one of these requests needs' : 'this request needs'} up to ${formatUsd(largest)}. Raise switchboard.budget.perRequestUsd or lower max tokens.`);
    }
    const held = this.heldMicroUsd();
    if (this.caps.day !== undefined && this.state.daySpentMicroUsd + held + total > this.caps.day) {
      const left = Math.max(0, this.caps.day - this.state.daySpentMicroUsd - held);
      throw budgetError(`Daily budget ${formatUsd(this.caps.day)}: ${formatUsd(left)} left, ${what} up to ${formatUsd(total)}. Raise switchboard.budget.dailyUsd or lower max tokens.`);
    }
    if (this.caps.month !== undefined && this.state.monthSpentMicroUsd + held + total > this.caps.month) {
      const left = Math.max(0, this.caps.month - this.state.monthSpentMicroUsd - held);
      throw budgetError(`Monthly budget ${formatUsd(this.caps.month)}: ${formatUsd(left)} left, ${what} up to ${formatUsd(total)}. Raise switchboard.budget.monthlyUsd or lower max tokens.`);
    }
    if (this.caps.workspaceMonth !== undefined && workspace !== undefined && this.shared) {
      // this workspace's spend this month (every window's, from the ledger), what this window holds now, and what
      // other windows hold for this workspace (their requests in flight)
      const spent = this.shared.ledger.workspaceMonthSpent(this.clock.now(), workspace);
      const workspaceHeld = [...this.held.values()].reduce((sum, reservation) => sum + reservation.amountMicroUsd, 0) + this.shared.othersHeldMicroUsd(workspace);
      if (spent + workspaceHeld + total > this.caps.workspaceMonth) {
        const left = Math.max(0, this.caps.workspaceMonth - spent - workspaceHeld);
        throw budgetError(`Monthly budget for workspace "${workspace}" ${formatUsd(this.caps.workspaceMonth)}: ${formatUsd(left)} left, ${what} up to ${formatUsd(total)}. Raise switchboard.budget.workspaceMonthlyUsd or lower max tokens.`);
      }
    }
    return amounts.map((amount) => {
      const reservation: BudgetReservation = { id: this.nextId++, amountMicroUsd: amount, label };
      this.held.set(reservation.id, reservation);
      this.shared?.hold(reservation.id, amount, workspace);
      return reservation;
    });
  }

  /**
   * Swaps a hold for a new amount in one step (a fallback model with other prices). On refusal the old
   * hold is kept and the error thrown.
   */
  adjust(reservation: BudgetReservation, maxMicroUsd: number, label?: string, workspace?: string): BudgetReservation {
    if (!this.held.has(reservation.id)) throw new Error('adjust() of a reservation that is not held');
    return this.atomically(() => {
      this.held.delete(reservation.id);
      let next: BudgetReservation;
      try {
        next = this.reserve(maxMicroUsd, label, workspace);
      } catch (error) {
        this.held.set(reservation.id, reservation);
        throw error;
      }
      this.shared?.free(reservation.id);
      return next;
    });
  }

  /** Replaces the hold with the real cost (unknown: the held maximum counts as spent). Idempotent. */
  settle(reservation: BudgetReservation, cost: Cost): void {
    if (!this.held.delete(reservation.id)) return;
    this.roll();
    let spent: number;
    if (cost.kind === 'unknown') {
      spent = reservation.amountMicroUsd;
      this.sessionUnknownCount++;
    } else {
      spent = Math.max(0, Math.round(cost.microUsd));
      this.sessionMicroUsd += spent;
    }
    if (this.shared) {
      // counted here until the request's ledger record (naming the hold) is written; see holdIdOf
      if (spent > 0) this.awaitingRecord.set(reservation.id, spent);
      this.roll();
    } else if (spent > 0) {
      this.state = { ...this.state, daySpentMicroUsd: this.state.daySpentMicroUsd + spent, monthSpentMicroUsd: this.state.monthSpentMicroUsd + spent };
      this.persist();
    }
  }

  /** Drops the hold without spending anything. Idempotent. */
  release(reservation: BudgetReservation): void {
    if (this.held.delete(reservation.id)) this.shared?.free(reservation.id);
  }

  /** Shared mode: the hold id the request's ledger record must carry (`holdId`) to settle it; else undefined. */
  holdIdOf(reservation: BudgetReservation): string | undefined {
    return this.shared?.holdId(reservation.id);
  }

  status(): BudgetStatus {
    if (this.shared) this.atomically(() => this.roll());
    else this.roll();
    const held = this.heldMicroUsd();
    return {
      day: { spentMicroUsd: this.state.daySpentMicroUsd, reservedMicroUsd: held, capMicroUsd: this.caps.day },
      month: { spentMicroUsd: this.state.monthSpentMicroUsd, reservedMicroUsd: held, capMicroUsd: this.caps.month },
      perRequestCapMicroUsd: this.caps.perRequest,
      sessionMicroUsd: this.sessionMicroUsd,
      sessionUnknownCount: this.sessionUnknownCount,
    };
  }

  /** resolves when every write so far reached the store */
  flush(): Promise<void> {
    return this.writing;
  }

  private atomically<T>(work: () => T): T {
    return this.shared ? this.shared.transaction(work) : work();
  }

  private heldMicroUsd(): number {
    let sum = this.shared?.othersHeldMicroUsd() ?? 0;
    for (const reservation of this.held.values()) sum += reservation.amountMicroUsd;
    return sum;
  }

  /** starts a new day / month when the local calendar moved on */
  private roll(): void {
    const now = this.clock.now();
    const monthKey = localMonthKey(now);
    const dayKey = localDayKey(now);
    if (this.shared) {
      const spent = this.shared.ledger.budgetSpent(now);
      let awaiting = 0;
      for (const [id, amount] of this.awaitingRecord) {
        if (this.shared.ledger.hasSettledHold(this.shared.holdId(id))) this.awaitingRecord.delete(id);
        else awaiting += amount;
      }
      this.state = { dayKey, daySpentMicroUsd: spent.dayMicroUsd + awaiting, monthKey, monthSpentMicroUsd: spent.monthMicroUsd + awaiting };
      return;
    }
    if (dayKey === this.state.dayKey && monthKey === this.state.monthKey) return;
    this.state = {
      dayKey,
      daySpentMicroUsd: dayKey === this.state.dayKey ? this.state.daySpentMicroUsd : 0,
      monthKey,
      monthSpentMicroUsd: monthKey === this.state.monthKey ? this.state.monthSpentMicroUsd : 0,
    };
    this.persist();
  }

  private persist(): void {
    const snapshot = { ...this.state };
    // writes are chained so an older snapshot can never land after a newer one
    this.writing = this.writing.then(() => this.store.set(BUDGET_STORE_KEY, snapshot)).catch(() => undefined);
  }
}

function budgetError(message: string): SwitchboardError {
  return new SwitchboardError({ code: 'budget-exceeded', message, isRetryable: false });
}

function isPersistedBudget(value: unknown): value is PersistedBudget {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record.dayKey === 'string' && typeof record.monthKey === 'string'
    && Number.isSafeInteger(record.daySpentMicroUsd) && Number.isSafeInteger(record.monthSpentMicroUsd);
}
