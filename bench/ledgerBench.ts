/**
 * The cost ledger's figures for `npm run bench`:
 *   append   µs per `CostLedger.append` (shared lock, read of other windows' lines, one O_APPEND write), against
 *            a bare `fs.appendFileSync` of the same line (the floor)
 *   load     ms for a fresh CostLedger to total a month of 100,000 records by day (the usage dashboard's first
 *            paint, and the budget's first check) from the month's saved summary plus the lines after it, against
 *            reading the file and JSON.parse of each line alone (the parse floor); target <= 300 ms
 *   rebuild  the same without a saved summary (first load after an upgrade, or a summary that no longer matches
 *            its file): every line parsed once and the summary written
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CostLedger, ledgerFileName, type NewLedgerRecord } from '../src/core/ledger/costLedger';
import { createNodeLedgerDirectory } from '../src/core/ledger/nodeLedgerDirectory';
import { localMonthKey, localMonthRange } from '../src/core/ledger/calendar';
import { totalsOfDays } from '../src/core/ledger/ledgerTotals';
import { summaryFileName } from '../src/core/ledger/summaryFile';
import { LEDGER_SCHEMA_VERSION } from '../src/core/ledger/ledgerRecord';
import { median, round } from './statistics';

/** ms the 100k-record load may take (issue 12) */
export const LEDGER_LOAD_TARGET_MS = 300;
const RECORDS = 100_000;
const APPENDS = 2_000;
const RUNS = 5;

export interface LedgerMeasurement {
  appendUs: number;
  appendFloorUs: number;
  loadMs: number;
  rebuildMs: number;
  parseFloorMs: number;
  fileBytes: number;
  /** bytes of the month's saved summary */
  summaryBytes: number;
}

export function measureLedger(): LedgerMeasurement {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-ledger-bench-'));
  try {
    // the last minute of last month, so the month loaded is a whole one (31 days of records up to "now")
    const now = localMonthRange(Date.now()).from - 60_000;
    const clock = { now: () => now };
    const directory = createNodeLedgerDirectory(folder);
    const record = (index: number): NewLedgerRecord => ({
      requestId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, time: now - (index % 28) * 86_400_000 / 2, workspace: `workspace-${index % 7}`,
      conversationId: `conversation-${index % 500}`, messageId: `message-${index}`, source: index % 5 === 0 ? 'compare' : 'chat',
      requestedModel: 'openrouter:anthropic/claude-sonnet-4.5', servedModel: index % 3 === 0 ? 'anthropic:claude-haiku-4-5' : 'openrouter:anthropic/claude-sonnet-4.5',
      upstreamProvider: 'Anthropic', generationId: `gen-1754441342-${index}`, tokens: { input: 1200 + index % 900, output: 300 + index % 700, cacheRead: 512 },
      cost: index % 50 === 0 ? { kind: 'unknown' } : { kind: 'billed', microUsd: 1_000 + index % 9_000 }, reservedMicroUsd: 20_000, status: 'ok', holdId: `bench-${index}`,
    });

    // append: through the ledger, and the bare write of the same lines
    const appendLedger = new CostLedger(directory, clock);
    const appendStart = performance.now();
    for (let index = 0; index < APPENDS; index++) appendLedger.append(record(index));
    const appendUs = ((performance.now() - appendStart) * 1000) / APPENDS;
    const floorFile = path.join(folder, 'floor.jsonl');
    const floorStart = performance.now();
    for (let index = 0; index < APPENDS; index++) fs.appendFileSync(floorFile, `${JSON.stringify({ v: LEDGER_SCHEMA_VERSION, type: 'request', ...record(index) })}\n`);
    const appendFloorUs = ((performance.now() - floorStart) * 1000) / APPENDS;

    // load: a month of 100k records written in one go
    const monthFile = path.join(folder, ledgerFileName(localMonthKey(now)));
    const lines: string[] = [];
    const month = localMonthRange(now);
    // in time order from the start of the month to now, as a month of requests is written
    for (let index = 0; index < RECORDS; index++) lines.push(JSON.stringify({ v: LEDGER_SCHEMA_VERSION, type: 'request', ...record(index), time: month.from + Math.floor(((now - month.from) * index) / RECORDS) }));
    fs.writeFileSync(monthFile, `${lines.join('\n')}\n`);
    const summaryFile = path.join(folder, summaryFileName(ledgerFileName(localMonthKey(now))));
    const loads: number[] = [];
    const rebuilds: number[] = [];
    const parses: number[] = [];
    const load = (times: number[]): void => {
      const start = performance.now();
      const totals = totalsOfDays(new CostLedger(directory, clock).days(localMonthRange(now)), 'day');
      times.push(performance.now() - start);
      if (totals.total.requests !== RECORDS) throw new Error(`ledger bench: loaded ${totals.total.requests} of ${RECORDS} records`);
    };
    for (let run = 0; run < RUNS; run++) {
      const parseStart = performance.now();
      let parsed = 0;
      for (const line of fs.readFileSync(monthFile, 'utf8').split('\n')) if (line !== '') parsed += JSON.parse(line) ? 1 : 0;
      parses.push(performance.now() - parseStart);
      if (parsed !== RECORDS) throw new Error(`ledger bench: parsed ${parsed} of ${RECORDS} lines`);
      fs.rmSync(summaryFile, { force: true });
      load(rebuilds);
      load(loads);
    }
    return { appendUs, appendFloorUs, loadMs: median(loads), rebuildMs: median(rebuilds), parseFloorMs: median(parses), fileBytes: fs.statSync(monthFile).size, summaryBytes: fs.statSync(summaryFile).size };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** the bench table's rows for the ledger */
export function ledgerRows(measurement: LedgerMeasurement | undefined, show: (value: number | undefined, decimals: number, unit?: string) => string, verdict: (pass: boolean | undefined) => string): string[][] {
  const m = measurement;
  return [
    ['ledger append (µs)', show(m?.appendUs, 1), `${show(m?.appendFloorUs, 1)} (bare append)`, show(m ? m.appendUs / m.appendFloorUs : undefined, 2, 'x'), '', '', ''],
    [`ledger load ${RECORDS / 1000}k records (ms)`, show(m?.loadMs, 1), `${show(m?.parseFloorMs, 1)} (JSON.parse lines)`, show(m ? m.loadMs / m.parseFloorMs : undefined, 3, 'x'), '', `<= ${LEDGER_LOAD_TARGET_MS} ms`, verdict(m ? m.loadMs <= LEDGER_LOAD_TARGET_MS : undefined)],
    [`ledger rebuild summary ${RECORDS / 1000}k (ms)`, show(m?.rebuildMs, 1), `${show(m?.parseFloorMs, 1)} (JSON.parse lines)`, show(m ? m.rebuildMs / m.parseFloorMs : undefined, 2, 'x'), '', '', ''],
  ];
}

export function ledgerResults(measurement: LedgerMeasurement | undefined): Record<string, number | null> {
  return {
    appendUs: measurement ? round(measurement.appendUs, 2) : null,
    appendFloorUs: measurement ? round(measurement.appendFloorUs, 2) : null,
    load100kMs: measurement ? round(measurement.loadMs, 1) : null,
    parseFloor100kMs: measurement ? round(measurement.parseFloorMs, 1) : null,
    load100kFileBytes: measurement ? measurement.fileBytes : null,
    rebuild100kMs: measurement ? round(measurement.rebuildMs, 1) : null,
    summary100kBytes: measurement ? measurement.summaryBytes : null,
    load100kTargetMs: LEDGER_LOAD_TARGET_MS,
  };
}
