import type { LedgerProblem } from './ledgerFileReader';
import { budgetMicroUsd, type LedgerRecord, type LedgerUpdate } from './ledgerRecord';
import { addToFigures, emptyFigures, sortGroups, type SpendFigures, type SpendGroup } from './ledgerTotals';
import { localDayKey } from './calendar';

/** The dimensions a day's spend is broken down by (provider is derived from the model id). */
export type DayDimension = 'model' | 'workspace' | 'conversation' | 'upstream';

/** One local day of spend: its figures, and the same figures by model, workspace, conversation and upstream provider. */
export interface DaySpend {
  /** local date `YYYY-MM-DD` */
  day: string;
  total: SpendFigures;
  /** integer micro-USD counted against budget caps (an unknown cost counts what was held for it) */
  budgetMicroUsd: number;
  /** key ('' = not said) -> figures */
  by: Record<DayDimension, Map<string, SpendFigures>>;
}

/** One local day of spend as the ledger hands it out (a copy): its figures and its groups by dimension. */
export interface SpendDay {
  /** local date `YYYY-MM-DD` */
  day: string;
  total: SpendFigures;
  /** integer micro-USD counted against budget caps (an unknown cost counts what was held for it) */
  budgetMicroUsd: number;
  /** groups by dimension, largest known money first; key '' = not said */
  groups: Record<DayDimension, SpendGroup[]>;
}

/** a copy of a day for callers outside the ledger */
export function spendDayOf(day: DaySpend): SpendDay {
  const groups = (dimension: DayDimension): SpendGroup[] => sortGroups([...day.by[dimension]].map(([key, figures]) => ({ key, ...figures })), dimension);
  return { day: day.day, total: { ...day.total }, budgetMicroUsd: day.budgetMicroUsd, groups: { model: groups('model'), workspace: groups('workspace'), conversation: groups('conversation'), upstream: groups('upstream') } };
}

export const DAY_DIMENSIONS: readonly DayDimension[] = ['model', 'workspace', 'conversation', 'upstream'];

/** a record's key in a dimension ('' = not said) */
export function dimensionKey(record: LedgerRecord, dimension: DayDimension): string {
  switch (dimension) {
    case 'model': return record.servedModel;
    case 'workspace': return record.workspace ?? '';
    case 'conversation': return record.conversationId ?? '';
    case 'upstream': return record.upstreamProvider ?? '';
  }
}

export function emptyDay(day: string): DaySpend {
  return { day, total: emptyFigures(), budgetMicroUsd: 0, by: { model: new Map(), workspace: new Map(), conversation: new Map(), upstream: new Map() } };
}

/**
 * What the dashboard and the budget need from one month of the ledger, without keeping its records: spend per
 * local day, broken down by model, workspace, conversation and upstream provider. Kept up to date line by line
 * as the ledger reads its file. The only records it keeps are the ones an update may still correct (cost
 * unknown: reconciliation), updates read before their record, and the hold ids records settled (budget holds
 * live an hour). Saved next to the month's file (summaryFile.ts), so a reload reads this instead of every line.
 */
export class MonthSummary {
  readonly days = new Map<string, DaySpend>();
  /** records whose cost is unknown (the only ones an update corrects), by request id */
  readonly open = new Map<string, LedgerRecord>();
  /** updates read before their record, by request id */
  readonly orphans = new Map<string, LedgerUpdate[]>();
  /** hold id -> epoch ms of the record that settled it */
  readonly holds = new Map<string, number>();
  /** torn or corrupt lines met in the part of the file this covers */
  readonly problems: LedgerProblem[] = [];

  /** Counts a record in (sign 1) or out again (sign -1, before counting its corrected version in). */
  count(record: LedgerRecord, sign: 1 | -1): void {
    const key = localDayKey(record.time);
    let day = this.days.get(key);
    if (!day) this.days.set(key, (day = emptyDay(key)));
    addToFigures(day.total, record, sign);
    day.budgetMicroUsd += sign * budgetMicroUsd(record);
    for (const dimension of DAY_DIMENSIONS) {
      const groups = day.by[dimension];
      const groupKey = dimensionKey(record, dimension);
      let figures = groups.get(groupKey);
      if (!figures) groups.set(groupKey, (figures = emptyFigures()));
      addToFigures(figures, record, sign);
      if (figures.requests === 0) groups.delete(groupKey);
    }
    if (sign === -1) {
      this.open.delete(record.requestId);
      return;
    }
    if (record.cost.kind === 'unknown') this.open.set(record.requestId, record);
    if (record.holdId !== undefined) this.holds.set(record.holdId, record.time);
  }
}
