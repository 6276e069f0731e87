import type { LedgerRecord } from './ledgerRecord';
import { localDayKey } from './calendar';

/**
 * The ledger's records as a file a person keeps or opens in a spreadsheet (the usage view's Export). Pure: the
 * host writes what these return. No key or header is in a record, so none can reach an export.
 */

/** CSV columns, in order: one line per request, updates (reconciliation) applied */
export const LEDGER_CSV_COLUMNS = [
  'time', 'day', 'source', 'workspace', 'conversation_id', 'message_id', 'requested_model', 'served_model', 'upstream_model',
  'upstream_provider', 'generation_id', 'input_tokens', 'output_tokens', 'reasoning_tokens', 'cache_read_tokens', 'cache_write_tokens',
  'cost_kind', 'cost_usd', 'reserved_usd', 'status', 'reconcile', 'request_id',
] as const;

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break). Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`. Money is
 * exact decimal USD from the integer micro-USD; an unknown cost is an empty `cost_usd` (never 0); tokens not
 * reported are empty (never 0). `time` is ISO 8601 UTC, `day` the local date the ledger counts it on.
 */
export function ledgerCsv(records: readonly LedgerRecord[]): string {
  const lines = [LEDGER_CSV_COLUMNS.join(',')];
  for (const record of records) {
    const { tokens, cost } = record;
    const row: (string | number | undefined)[] = [
      new Date(record.time).toISOString(), localDayKey(record.time), record.source, text(record.workspace), text(record.conversationId), text(record.messageId),
      text(record.requestedModel), text(record.servedModel), text(record.upstreamModel), text(record.upstreamProvider), text(record.generationId),
      tokens.input, tokens.output, tokens.reasoning, tokens.cacheRead, tokens.cacheWrite,
      cost.kind, cost.kind === 'unknown' ? undefined : microUsdToDecimal(cost.microUsd), record.reservedMicroUsd === undefined ? undefined : microUsdToDecimal(record.reservedMicroUsd),
      record.status, record.reconcile, text(record.requestId),
    ];
    lines.push(row.map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The records as JSON: a small header saying what it is, then the records as the ledger holds them. */
export function ledgerJson(records: readonly LedgerRecord[], range: { from: string; to: string }, exportedAt: number): string {
  return `${JSON.stringify({ format: 'switchboard-ledger-export', version: 1, exportedAt: new Date(exportedAt).toISOString(), from: range.from, to: range.to, records }, null, 2)}\n`;
}

/** integer micro-USD as exact decimal USD: 1234567 -> `1.234567`, 5 -> `0.000005` */
export function microUsdToDecimal(microUsd: number): string {
  const sign = microUsd < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(microUsd))).padStart(7, '0');
  return `${sign}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** neutralises text a spreadsheet would run as a formula */
function text(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  const textValue = String(value);
  return /[",\r\n]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
}
