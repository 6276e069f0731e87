import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CostLedger, SUMMARY_SAVE_EVERY_LINES, ledgerFileName } from '../../src/core/ledger/costLedger';
import { summaryFileName } from '../../src/core/ledger/summaryFile';
import { totalsOf, totalsOfDays, type LedgerGroupBy } from '../../src/core/ledger/ledgerTotals';
import { localMonthKey, localMonthRange } from '../../src/core/ledger/calendar';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import { ManualClock } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';

const JAN_15 = new Date(2026, 0, 15, 12, 0, 0).getTime();
const MONTH = localMonthRange(JAN_15);
const ledgerFile = ledgerFileName(localMonthKey(JAN_15));

/** the port, counting the bytes read from the month's JSONL */
function counting(directory: LedgerDirectory): { directory: LedgerDirectory; jsonlBytesRead: () => number } {
  let read = 0;
  return {
    directory: { ...directory, readFrom: (name, offset) => {
      const bytes = directory.readFrom(name, offset);
      if (name === ledgerFile) read += bytes?.length ?? 0;
      return bytes;
    } },
    jsonlBytesRead: () => read,
  };
}

/** a varied month: models, workspaces, conversations, every cost kind, over many days */
function fillMonth(ledger: CostLedger, count: number): void {
  const kinds = [{ kind: 'billed', microUsd: 120 }, { kind: 'estimated', microUsd: 40 }, { kind: 'unknown' }, { kind: 'reconciled', microUsd: 7 }] as const;
  for (let index = 0; index < count; index++) {
    ledger.append(sampleRecord({
      time: MONTH.from + Math.floor(((MONTH.to - MONTH.from) * index) / count),
      servedModel: index % 3 === 0 ? 'anthropic:claude-haiku-4-5' : 'openrouter:openai/gpt-4o',
      workspace: index % 4 === 0 ? undefined : `workspace-${index % 3}`,
      conversationId: `conversation-${index % 11}`,
      upstreamProvider: index % 2 ? 'OpenAI' : undefined,
      cost: kinds[index % kinds.length],
      reservedMicroUsd: 900,
    }));
  }
}

describe('CostLedger month summaries', () => {
  afterEach(removeTempLedgers);

  it('gives the same totals from the day summaries as from the records, for every grouping', () => {
    const { directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(JAN_15));
    fillMonth(ledger, 140);
    const fresh = new CostLedger(directory, new ManualClock(JAN_15));
    for (const by of [undefined, 'day', 'model', 'provider', 'upstream', 'workspace', 'conversation'] satisfies (LedgerGroupBy | undefined)[]) {
      assert.deepEqual(totalsOfDays(fresh.days(MONTH), by), totalsOf(ledger.records(MONTH), by), `grouped by ${by ?? 'nothing'}`);
    }
    assert.deepEqual(fresh.budgetSpent(JAN_15), ledger.budgetSpent(JAN_15));
  });

  it('reloads a month from its saved summary and the lines after it, without reading the lines it covers', () => {
    const { directory } = tempLedger();
    const writer = new CostLedger(directory, new ManualClock(JAN_15));
    fillMonth(writer, SUMMARY_SAVE_EVERY_LINES + 20);
    const size = fs.statSync(path.join(directory.location, ledgerFile)).size;
    const probe = counting(directory);
    const reader = new CostLedger(probe.directory, new ManualClock(JAN_15));
    assert.deepEqual(totalsOfDays(reader.days(MONTH), 'model'), totalsOf(writer.records(MONTH), 'model'));
    assert.ok(probe.jsonlBytesRead() < size / 10, `read ${probe.jsonlBytesRead()} of ${size} bytes`);
    reader.records(MONTH);
    assert.ok(probe.jsonlBytesRead() >= size, 'asking for the records reads the whole file');
  });

  it('counts an update read after the summary (reconciliation in another window) in place of the unknown cost', () => {
    const { directory } = tempLedger();
    const writer = new CostLedger(directory, new ManualClock(JAN_15));
    const unknown = writer.append(sampleRecord({ time: JAN_15, cost: { kind: 'unknown' }, reservedMicroUsd: 5_000 }));
    fillMonth(writer, SUMMARY_SAVE_EVERY_LINES);
    const reader = new CostLedger(directory, new ManualClock(JAN_15));
    const before = totalsOfDays(reader.days(MONTH));
    assert.ok(reader.unknownRecords(MONTH).some((record) => record.requestId === unknown.requestId), 'the unknown record is kept for reconciliation');
    assert.ok(writer.update(unknown.requestId, unknown.time, { cost: { kind: 'reconciled', microUsd: 33 } }));
    reader.refresh();
    const after = totalsOfDays(reader.days(MONTH));
    assert.equal(after.total.unknownCount, before.total.unknownCount - 1);
    assert.equal(after.total.reconciledMicroUsd, before.total.reconciledMicroUsd + 33);
    assert.equal(reader.budgetSpent(JAN_15).monthMicroUsd, writer.budgetSpent(JAN_15).monthMicroUsd);
    assert.equal(writer.update(unknown.requestId, unknown.time, { cost: { kind: 'reconciled', microUsd: 1 } }), undefined, 'a known cost is never rewritten');
  });

  it('ignores a summary that no longer matches its file (replaced, cut, unreadable) and rebuilds it from the lines', () => {
    const { folder, directory } = tempLedger();
    const writer = new CostLedger(directory, new ManualClock(JAN_15));
    fillMonth(writer, 30);
    const expected = totalsOf(writer.records(MONTH), 'day');
    const summaryPath = path.join(folder, summaryFileName(ledgerFile));
    const saved = fs.readFileSync(summaryPath, 'utf8');
    const lying = JSON.parse(saved) as { days: [string, number[]][] };
    lying.days[0][1][1] += 1_000_000;

    fs.writeFileSync(summaryPath, JSON.stringify({ ...lying, fingerprint: 1 }));
    assert.deepEqual(totalsOfDays(new CostLedger(directory, new ManualClock(JAN_15)).days(MONTH), 'day'), expected, 'fingerprint of other bytes');
    fs.writeFileSync(summaryPath, JSON.stringify({ ...lying, bytes: 10 ** 9 }));
    assert.deepEqual(totalsOfDays(new CostLedger(directory, new ManualClock(JAN_15)).days(MONTH), 'day'), expected, 'covers more than the file holds');
    fs.writeFileSync(summaryPath, saved.slice(0, 100));
    assert.deepEqual(totalsOfDays(new CostLedger(directory, new ManualClock(JAN_15)).days(MONTH), 'day'), expected, 'cut short');
    fs.writeFileSync(summaryPath, JSON.stringify(lying));
    assert.notDeepEqual(totalsOfDays(new CostLedger(directory, new ManualClock(JAN_15)).days(MONTH), 'day'), expected, 'a matching summary is believed (so the checks above can fail)');
  });

  it('still reports the corrupt lines the summary covers and a torn tail after it', () => {
    const { folder, directory } = tempLedger();
    const writer = new CostLedger(directory, new ManualClock(JAN_15));
    writer.append(sampleRecord({ time: JAN_15 }));
    fs.appendFileSync(path.join(folder, ledgerFile), 'not json\n');
    fillMonth(writer, SUMMARY_SAVE_EVERY_LINES);
    fs.appendFileSync(path.join(folder, ledgerFile), '{"v":1,"type":"requ');
    const reader = new CostLedger(directory, new ManualClock(JAN_15));
    reader.days(MONTH);
    assert.deepEqual(reader.problems().map(({ line, kind }) => ({ line, kind })), [{ line: 2, kind: 'corrupt' }, { line: SUMMARY_SAVE_EVERY_LINES + 3, kind: 'torn' }]);
    reader.records(MONTH);
    assert.equal(reader.problems().length, 2, 'reading the records again reports nothing twice');
  });
});
