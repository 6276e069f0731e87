import assert from 'node:assert/strict';
import { CostLedger } from '../../src/core/ledger/costLedger';
import { LEDGER_CSV_COLUMNS, ledgerCsv, ledgerJson, microUsdToDecimal } from '../../src/core/ledger/ledgerExport';
import { localMonthRange } from '../../src/core/ledger/calendar';
import type { LedgerRecord } from '../../src/core/ledger/ledgerRecord';
import { ManualClock } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';

const JAN_15 = new Date(2026, 0, 15, 12, 0, 0).getTime();

/** RFC 4180 reader (the test's own, so the builder is checked against an independent parser) */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') { value += '"'; index++; }
      else if (char === '"') quoted = false;
      else value += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(value); value = ''; }
    else if (char === '\r' && text[index + 1] === '\n') { row.push(value); rows.push(row); row = []; value = ''; index++; }
    else value += char;
  }
  assert.equal(value, '', 'the file ends with CRLF');
  return rows;
}

describe('ledger export', () => {
  afterEach(removeTempLedgers);

  it('writes one CSV row per ledger record whose fields give back the record (money exact, unknown empty, hostile text inert)', () => {
    const { directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(JAN_15));
    ledger.append(sampleRecord({ time: JAN_15, cost: { kind: 'billed', microUsd: 1_234_567 }, tokens: { input: 10, output: 2, reasoning: 1, cacheRead: 4, cacheWrite: 3 } }));
    const unknown = ledger.append(sampleRecord({ time: JAN_15 + 1, cost: { kind: 'unknown' }, reservedMicroUsd: 20_000, status: 'aborted', tokens: {} }));
    ledger.append(sampleRecord({ time: JAN_15 + 2, servedModel: 'openrouter:<img src=x onerror=pwn(1)>, "quoted"\nmodel', workspace: '=HYPERLINK("http://evil")', conversationId: '-2+3', cost: { kind: 'estimated', microUsd: 5 } }));
    ledger.update(unknown.requestId, unknown.time, { cost: { kind: 'reconciled', microUsd: 77 } });
    const records = ledger.records(localMonthRange(JAN_15));

    const [header, ...rows] = parseCsv(ledgerCsv(records));
    assert.deepEqual(header, [...LEDGER_CSV_COLUMNS]);
    assert.equal(rows.length, records.length);
    const column = (row: string[], name: (typeof LEDGER_CSV_COLUMNS)[number]): string => row[LEDGER_CSV_COLUMNS.indexOf(name)];
    rows.forEach((row, index) => {
      const record: LedgerRecord = records[index];
      assert.equal(row.length, LEDGER_CSV_COLUMNS.length);
      assert.equal(column(row, 'request_id'), record.requestId);
      assert.equal(Date.parse(column(row, 'time')), record.time);
      assert.equal(column(row, 'cost_kind'), record.cost.kind);
      assert.equal(column(row, 'cost_usd'), record.cost.kind === 'unknown' ? '' : microUsdToDecimal(record.cost.microUsd));
      assert.equal(column(row, 'input_tokens'), record.tokens.input === undefined ? '' : String(record.tokens.input));
      assert.equal(column(row, 'status'), record.status);
    });
    assert.equal(column(rows[0], 'cost_usd'), '1.234567');
    assert.deepEqual([column(rows[0], 'reasoning_tokens'), column(rows[0], 'cache_write_tokens')], ['1', '3']);
    assert.deepEqual([column(rows[1], 'cost_kind'), column(rows[1], 'cost_usd'), column(rows[1], 'reserved_usd')], ['reconciled', '0.000077', '0.020000'], 'the reconciled cost, updates applied');
    assert.equal(column(rows[2], 'served_model'), 'openrouter:<img src=x onerror=pwn(1)>, "quoted"\nmodel', 'commas, quotes and line breaks survive');
    assert.equal(column(rows[2], 'workspace'), `'=HYPERLINK("http://evil")`, 'a formula is neutralised');
    assert.equal(column(rows[2], 'conversation_id'), `'-2+3`);
    assert.equal(column(rows[2], 'cost_usd'), '0.000005');
  });

  it('writes JSON with a header and the records as the ledger holds them', () => {
    const record = { ...sampleRecord({ time: JAN_15 }), v: 1, type: 'request' } as LedgerRecord;
    const parsed = JSON.parse(ledgerJson([record], { from: '2026-01-01', to: '2026-01-31' }, JAN_15)) as { format: string; version: number; from: string; records: LedgerRecord[] };
    assert.deepEqual({ format: parsed.format, version: parsed.version, from: parsed.from }, { format: 'switchboard-ledger-export', version: 1, from: '2026-01-01' });
    assert.deepEqual(parsed.records, [record]);
  });

  it('turns micro-USD into exact decimal USD', () => {
    assert.deepEqual([0, 5, 999_999, 1_000_000, 12_345_678_901].map(microUsdToDecimal), ['0.000000', '0.000005', '0.999999', '1.000000', '12345.678901']);
  });
});
