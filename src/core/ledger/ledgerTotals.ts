import type { LedgerRecord } from './ledgerRecord';
import { localDayKey } from './calendar';
import type { SpendDay } from './monthSummary';

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

/** Adds one record's cost to figures (in place); sign -1 takes it out again. */
export function addToFigures(figures: SpendFigures, record: LedgerRecord, sign: 1 | -1 = 1): void {
  figures.requests += sign;
  const cost = record.cost;
  switch (cost.kind) {
    case 'unknown': figures.unknownCount += sign; return;
    case 'billed': figures.billedMicroUsd += sign * cost.microUsd; break;
    case 'reconciled': figures.reconciledMicroUsd += sign * cost.microUsd; break;
    case 'estimated': figures.estimatedMicroUsd += sign * cost.microUsd; break;
  }
  figures.knownMicroUsd += sign * cost.microUsd;
}

/** Adds figures to figures (in place). */
export function addFigures(into: SpendFigures, from: SpendFigures): void {
  into.requests += from.requests;
  into.billedMicroUsd += from.billedMicroUsd;
  into.reconciledMicroUsd += from.reconciledMicroUsd;
  into.estimatedMicroUsd += from.estimatedMicroUsd;
  into.unknownCount += from.unknownCount;
  into.knownMicroUsd += from.knownMicroUsd;
}

/** the group key of a record */
export function groupKey(record: LedgerRecord, by: LedgerGroupBy): string {
  switch (by) {
    case 'day': return localDayKey(record.time);
    case 'model': return record.servedModel;
    case 'provider': return providerOf(record.servedModel);
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
  return { total, groups: sortGroups([...groups.values()], by) };
}

/** days by key, anything else by known money (largest first), then key */
export function sortGroups(groups: SpendGroup[], by: LedgerGroupBy | undefined): SpendGroup[] {
  return groups.sort(by === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.knownMicroUsd - a.knownMicroUsd || a.key.localeCompare(b.key));
}

/**
 * Totals of whole local days from the ledger's day summaries (no record read), grouped like `totalsOf`;
 * `provider` is summed from the models. Undefined for `by` values a day does not break down.
 */
export function totalsOfDays(days: readonly SpendDay[], by?: LedgerGroupBy): SpendTotals {
  const total = emptyFigures();
  const groups = new Map<string, SpendGroup>();
  const add = (key: string, figures: SpendFigures): void => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, ...emptyFigures() }));
    addFigures(group, figures);
  };
  for (const day of days) {
    addFigures(total, day.total);
    if (by === 'day') add(day.day, day.total);
    else if (by === 'provider') for (const group of day.groups.model) add(providerOf(group.key), group);
    else if (by) for (const group of day.groups[by]) add(group.key, group);
  }
  return { total, groups: sortGroups([...groups.values()], by) };
}

/** Switchboard's provider of a namespaced model id (`openrouter:openai/gpt-4o` -> `openrouter`) */
export function providerOf(model: string): string {
  return model.split(':', 1)[0] ?? '';
}
