import type { LedgerRecord } from './ledgerRecord';
import { localDayKey } from './calendar';

/** Money and counts of a set of requests, each kind apart (a figure always says what it is). */
export interface SpendFigures {
  requests: number;
  /** integer micro-USD the provider reported at the end of the request */
  billedMicroUsd: number;
  /** integer micro-USD billed, learnt afterwards from OpenRouter (`/generation`) */
  reconciledMicroUsd: number;
  /** integer micro-USD from tokens x catalog prices */
  estimatedMicroUsd: number;
  /** requests whose cost is unknown (not counted in any sum, never shown as $0) */
  unknownCount: number;
  /** integer micro-USD: billed + reconciled + estimated */
  knownMicroUsd: number;
}

/** What records can be grouped by. `provider` is Switchboard's (`openrouter`), `upstream` the one OpenRouter routed to. */
export type LedgerGroupBy = 'day' | 'model' | 'provider' | 'upstream' | 'workspace' | 'conversation';

/** One group of a breakdown. */
export interface SpendGroup extends SpendFigures {
  /** `YYYY-MM-DD` (local) for days, a model id, a provider, a workspace, a conversation id; '' = not said */
  key: string;
}

/** Figures of records, all together and by group (groups sorted by key for days, else by known money, largest first). */
export interface SpendTotals {
  total: SpendFigures;
  groups: SpendGroup[];
}

export function emptyFigures(): SpendFigures {
  return { requests: 0, billedMicroUsd: 0, reconciledMicroUsd: 0, estimatedMicroUsd: 0, unknownCount: 0, knownMicroUsd: 0 };
}

/** Adds one record's cost to figures (in place). */
export function addToFigures(figures: SpendFigures, record: LedgerRecord): void {
  figures.requests++;
  const cost = record.cost;
  switch (cost.kind) {
    case 'unknown': figures.unknownCount++; return;
    case 'billed': figures.billedMicroUsd += cost.microUsd; break;
    case 'reconciled': figures.reconciledMicroUsd += cost.microUsd; break;
    case 'estimated': figures.estimatedMicroUsd += cost.microUsd; break;
  }
  figures.knownMicroUsd += cost.microUsd;
}

/** the group key of a record */
export function groupKey(record: LedgerRecord, by: LedgerGroupBy): string {
  switch (by) {
    case 'day': return localDayKey(record.time);
    case 'model': return record.servedModel;
    case 'provider': return record.servedModel.split(':', 1)[0] ?? '';
    case 'upstream': return record.upstreamProvider ?? '';
    case 'workspace': return record.workspace ?? '';
    case 'conversation': return record.conversationId ?? '';
  }
}

/** Totals of records, optionally grouped. */
export function totalsOf(records: Iterable<LedgerRecord>, by?: LedgerGroupBy): SpendTotals {
  const total = emptyFigures();
  const groups = new Map<string, SpendGroup>();
  for (const record of records) {
    addToFigures(total, record);
    if (!by) continue;
    const key = groupKey(record, by);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, ...emptyFigures() }));
    addToFigures(group, record);
  }
  const sorted = [...groups.values()].sort(by === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.knownMicroUsd - a.knownMicroUsd || a.key.localeCompare(b.key));
  return { total, groups: sorted };
}
