/**
 * The cost ledger's line format: one JSON object per line, append-only, one file per local month
 * (`ledger-YYYY-MM.jsonl`). A line is either a request record or an update of one (reconciliation), keyed by
 * `requestId`; nothing is ever rewritten. Every line carries the schema version `v`.
 */

/** Schema version written on every line; lines of a newer version are reported and skipped, never guessed at. */
export const LEDGER_SCHEMA_VERSION = 1;

/**
 * Where a request came from; `carry-over`: not a request but this month's spend moved from the key-value budget
 * of an earlier version (see carryOver.ts).
 */
export type LedgerSource = 'chat' | 'compare' | 'selection' | 'vscode-chat' | 'carry-over';

/** How a request ended (ChatResult.status). */
export type LedgerStatus = 'ok' | 'error' | 'aborted';

/**
 * What a cost figure is: `billed` (the provider reported it), `estimated` (tokens x catalog prices),
 * `unknown` (no usage arrived), `reconciled` (billed, learnt afterwards from OpenRouter's `/generation`).
 */
export type LedgerCostKind = 'billed' | 'estimated' | 'unknown' | 'reconciled';

/** A cost in the ledger: integer micro-USD, absent when the kind is `unknown`. */
export type LedgerCost =
  | { kind: 'billed' | 'estimated' | 'reconciled'; /** integer micro-USD */ microUsd: number }
  | { kind: 'unknown' };

/** Token counts of one request; undefined = not reported, never 0. */
export interface LedgerTokens {
  /** prompt tokens, including cached ones */
  input?: number;
  /** generated tokens, including reasoning */
  output?: number;
  /** of output, reasoning tokens */
  reasoning?: number;
  /** of input, tokens read from a prompt cache */
  cacheRead?: number;
  /** tokens written to a prompt cache */
  cacheWrite?: number;
}

/** One request, as first written. */
export interface LedgerRecord {
  v: typeof LEDGER_SCHEMA_VERSION;
  type: 'request';
  /** unique across windows and reloads */
  requestId: string;
  /** epoch ms when the request started */
  time: number;
  /** workspace name (or folder) the request was made from; undefined = none open */
  workspace?: string;
  conversationId?: string;
  messageId?: string;
  source: LedgerSource;
  /** namespaced model id asked for, `openrouter:openai/gpt-4o` */
  requestedModel: string;
  /** namespaced model id that answered (differs after a fallback) */
  servedModel: string;
  /** model named by the response (OpenRouter bills this one) */
  upstreamModel?: string;
  /** upstream provider OpenRouter routed to (`OpenAI`, `Anthropic`) */
  upstreamProvider?: string;
  /** OpenRouter generation id (stream `id` or `X-Generation-Id`), the key for reconciliation */
  generationId?: string;
  tokens: LedgerTokens;
  cost: LedgerCost;
  /**
   * integer micro-USD the budget held for the request; counted against caps while the cost is unknown
   * (the cap stays safe), until reconciliation says what was billed
   */
  reservedMicroUsd?: number;
  status: LedgerStatus;
  /** the budget hold this record settles (frees it for every window reading the ledger) */
  holdId?: string;
  /** `abandoned`: OpenRouter never said what an unknown cost was billed; the cost stays unknown */
  reconcile?: 'abandoned';
}

/** A later correction of one request (reconciliation): the fields given replace the record's. */
export interface LedgerUpdate {
  v: typeof LEDGER_SCHEMA_VERSION;
  type: 'update';
  requestId: string;
  /** epoch ms of the update */
  time: number;
  cost?: LedgerCost;
  tokens?: LedgerTokens;
  upstreamProvider?: string;
  upstreamModel?: string;
  reconcile?: 'abandoned';
}

export type LedgerLine = LedgerRecord | LedgerUpdate;

/** Parses one line; returns a reason string when it is not a ledger line this version can read. */
export function parseLedgerLine(text: string): LedgerLine | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(value)) return 'not a JSON object';
  if (value.v !== LEDGER_SCHEMA_VERSION) return `schema version ${JSON.stringify(value.v)} (this Switchboard reads ${LEDGER_SCHEMA_VERSION})`;
  if (typeof value.requestId !== 'string' || value.requestId === '') return 'no requestId';
  if (!isTime(value.time)) return 'no time';
  if (value.cost !== undefined && !isCost(value.cost)) return 'bad cost';
  if (value.type === 'update') return value as unknown as LedgerUpdate;
  if (value.type !== 'request') return `unknown type ${JSON.stringify(value.type)}`;
  if (typeof value.requestedModel !== 'string' || typeof value.servedModel !== 'string') return 'no model';
  if (!isCost(value.cost)) return 'no cost';
  if (!isObject(value.tokens)) return 'no tokens';
  if (value.status !== 'ok' && value.status !== 'error' && value.status !== 'aborted') return 'bad status';
  return value as unknown as LedgerRecord;
}

/** The micro-USD a record counts against budget caps: its cost, or while unknown the amount that was held. */
export function budgetMicroUsd(record: LedgerRecord): number {
  return record.cost.kind === 'unknown' ? (record.reservedMicroUsd ?? 0) : record.cost.microUsd;
}

/** Applies an update to a record (a new object; the record is left as read). */
export function applyUpdate(record: LedgerRecord, update: LedgerUpdate): LedgerRecord {
  return {
    ...record,
    cost: update.cost ?? record.cost,
    tokens: update.tokens ? { ...record.tokens, ...update.tokens } : record.tokens,
    upstreamProvider: update.upstreamProvider ?? record.upstreamProvider,
    upstreamModel: update.upstreamModel ?? record.upstreamModel,
    reconcile: update.reconcile ?? record.reconcile,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isCost(value: unknown): value is LedgerCost {
  if (!isObject(value)) return false;
  if (value.kind === 'unknown') return true;
  return (value.kind === 'billed' || value.kind === 'estimated' || value.kind === 'reconciled') && Number.isSafeInteger(value.microUsd) && (value.microUsd as number) >= 0;
}
