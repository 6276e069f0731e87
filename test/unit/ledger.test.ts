import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CostLedger, LEDGER_LOCK_FILE, ledgerFileName } from '../../src/core/ledger/costLedger';
import { totalsOf } from '../../src/core/ledger/ledgerTotals';
import { localDayRange, localMonthRange, localMonthKey } from '../../src/core/ledger/calendar';
import { ManualClock, MemoryLogger } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';

const JAN_15 = new Date(2026, 0, 15, 12, 0, 0).getTime();
const file = (folder: string, time = JAN_15): string => path.join(folder, ledgerFileName(localMonthKey(time)));

describe('CostLedger', () => {
  afterEach(removeTempLedgers);

  it('appends one JSON line per request with the schema version, and a new ledger on the folder reads them back', () => {
    const { folder, directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(JAN_15));
    const written = [sampleRecord({ time: JAN_15 }), sampleRecord({ time: JAN_15 + 1000, cost: { kind: 'unknown' }, status: 'aborted', reservedMicroUsd: 5000 })].map((record) => ledger.append(record));
    const lines = fs.readFileSync(file(folder), 'utf8').split('\n');
    assert.equal(lines.length, 3, 'two lines, each ending in a newline');
    assert.equal(JSON.parse(lines[0]).v, 1);
    const reread = new CostLedger(directory, new ManualClock(JAN_15)).records(localMonthRange(JAN_15));
    assert.deepEqual(reread, written);
    assert.equal(reread[1].tokens.reasoning, undefined, 'not reported stays undefined, never 0');
  });

  it('tells its listeners after the lock is released, so a listener that reads the budget never waits on the lock', () => {
    const { folder, directory } = tempLedger();
    // count every time the lock file goes: once per transaction, never as a stale lock taken back from this window
    let lockRemovals = 0;
    const counting = { ...directory, remove: (name: string) => { if (name === LEDGER_LOCK_FILE) lockRemovals++; directory.remove(name); } };
    const ledger = new CostLedger(counting, new ManualClock(JAN_15));
    const heard: boolean[] = [];
    ledger.onDidChange(() => {
      heard.push(fs.existsSync(path.join(folder, LEDGER_LOCK_FILE)));
      // what the usage view does when told: read the budget, which takes the lock
      ledger.transaction(() => ledger.budgetSpent(JAN_15));
    });
    ledger.append(sampleRecord({ time: JAN_15 }));
    assert.deepEqual(heard, [false], 'told once, with the lock free');
    assert.equal(lockRemovals, 2, 'the append and the listener each took and freed the lock');
    ledger.transaction(() => ledger.transaction(() => ledger.appendLocked(sampleRecord({ time: JAN_15 + 1 }))));
    assert.equal(lockRemovals, 4, 'a transaction inside one runs in the lock held (one more for the listener)');
  });

  it('skips a torn last line after a crash, reports it, loses nothing before it, and writes the next record on a fresh line', () => {
    const { folder, directory } = tempLedger();
    const logger = new MemoryLogger();
    const first = new CostLedger(directory, new ManualClock(JAN_15));
    first.append(sampleRecord({ time: JAN_15 }));
    first.append(sampleRecord({ time: JAN_15 }));
    fs.appendFileSync(file(folder), '{"v":1,"type":"request","requestId":"torn","ti');

    const reloaded = new CostLedger(directory, new ManualClock(JAN_15), logger);
    assert.equal(reloaded.records(localMonthRange(JAN_15)).length, 2);
    assert.deepEqual(reloaded.problems().map(({ line, kind }) => ({ line, kind })), [{ line: 3, kind: 'torn' }]);
    assert.match(logger.lines.join('\n'), /ledger-2026-01\.jsonl line 3: skipped a torn last line .*every other record is kept/);

    const after = reloaded.append(sampleRecord({ time: JAN_15 }));
    const third = new CostLedger(directory, new ManualClock(JAN_15));
    assert.deepEqual(third.records(localMonthRange(JAN_15)).map((record) => record.requestId).slice(-1), [after.requestId]);
    assert.equal(third.records(localMonthRange(JAN_15)).length, 3);
    assert.deepEqual(third.problems().map(({ line, kind }) => ({ line, kind })), [{ line: 3, kind: 'corrupt' }], 'the fragment is its own bad line now');
  });

  it('skips corrupt lines and lines of an unknown schema version with their line numbers, keeping every other record', () => {
    const { folder, directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(JAN_15));
    ledger.append(sampleRecord({ time: JAN_15 }));
    fs.appendFileSync(file(folder), 'not json at all\n{"v":9,"type":"request","requestId":"x","time":1}\n');
    ledger.append(sampleRecord({ time: JAN_15 }));
    const logger = new MemoryLogger();
    const reloaded = new CostLedger(directory, new ManualClock(JAN_15), logger);
    assert.equal(reloaded.records(localMonthRange(JAN_15)).length, 2);
    assert.deepEqual(reloaded.problems().map(({ line, kind, reason }) => ({ line, kind, reason })), [
      { line: 2, kind: 'corrupt', reason: 'not JSON' },
      { line: 3, kind: 'corrupt', reason: 'schema version 9 (this Switchboard reads 1)' },
    ]);
    assert.equal(logger.lines.filter((line) => line.startsWith('warn')).length, 2);
  });

  it('corrects a record by appending an update keyed by request id, never rewriting the line', () => {
    const { folder, directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(JAN_15 + 60_000));
    const record = ledger.append(sampleRecord({ time: JAN_15, cost: { kind: 'unknown' }, reservedMicroUsd: 9000 }));
    const before = fs.readFileSync(file(folder), 'utf8');
    const updated = ledger.update(record.requestId, record.time, { cost: { kind: 'reconciled', microUsd: 103 } });
    assert.deepEqual(updated?.cost, { kind: 'reconciled', microUsd: 103 });
    const after = fs.readFileSync(file(folder), 'utf8');
    assert.ok(after.startsWith(before), 'the first line is untouched');
    assert.equal(after.split('\n').length, 3);
    const reread = new CostLedger(directory, new ManualClock(JAN_15)).get(record.requestId, record.time);
    assert.deepEqual(reread?.cost, { kind: 'reconciled', microUsd: 103 });
    assert.equal(ledger.update('no-such-request', JAN_15, { cost: { kind: 'reconciled', microUsd: 1 } }), undefined);
  });

  it('totals today, this month and a range in local time, each cost kind apart, grouped by day, model, provider, workspace and conversation', () => {
    const { directory } = tempLedger();
    const clock = new ManualClock(JAN_15);
    const ledger = new CostLedger(directory, clock);
    const day = (date: number, hour = 10): number => new Date(2026, 0, date, hour).getTime();
    ledger.append(sampleRecord({ time: day(15, 0), cost: { kind: 'billed', microUsd: 100 }, workspace: 'a', conversationId: 'c1' }));
    ledger.append(sampleRecord({ time: day(15, 23), servedModel: 'anthropic:claude-haiku-4-5', upstreamProvider: undefined, cost: { kind: 'estimated', microUsd: 40 }, workspace: 'b', conversationId: 'c2' }));
    ledger.append(sampleRecord({ time: day(14), cost: { kind: 'unknown' }, reservedMicroUsd: 7000, workspace: 'a', conversationId: 'c1' }));
    ledger.append(sampleRecord({ time: day(3), cost: { kind: 'reconciled', microUsd: 5 } }));
    ledger.append(sampleRecord({ time: new Date(2025, 11, 31, 23).getTime(), cost: { kind: 'billed', microUsd: 1_000 } }));

    const today = totalsOf(ledger.records(localDayRange(clock.now())));
    assert.deepEqual(today.total, { requests: 2, billedMicroUsd: 100, reconciledMicroUsd: 0, estimatedMicroUsd: 40, unknownCount: 0, knownMicroUsd: 140 });
    const month = totalsOf(ledger.records(localMonthRange(clock.now())), 'day');
    assert.deepEqual(month.groups.map((group) => [group.key, group.knownMicroUsd, group.unknownCount]), [['2026-01-03', 5, 0], ['2026-01-14', 0, 1], ['2026-01-15', 140, 0]]);
    const range = totalsOf(ledger.records({ from: new Date(2025, 11, 1).getTime(), to: day(16, 0) }), 'model');
    assert.equal(range.total.requests, 5, 'a range across months loads both files');
    assert.deepEqual(range.groups.map((group) => group.key), ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5']);
    assert.deepEqual(totalsOf(ledger.records(localDayRange(clock.now())), 'provider').groups.map((group) => group.key), ['openrouter', 'anthropic']);
    assert.deepEqual(totalsOf(ledger.records(localMonthRange(clock.now())), 'workspace').groups.map((group) => [group.key, group.requests]), [['a', 2], ['b', 1], ['switchboard', 1]]);
    assert.deepEqual(totalsOf(ledger.records(localMonthRange(clock.now())), 'conversation').groups.map((group) => group.key), ['c1', 'c2', 'conversation-1']);
    assert.deepEqual(ledger.budgetSpent(clock.now()), { dayMicroUsd: 140, monthMicroUsd: 140 + 7000 + 5 }, 'an unknown cost counts its held maximum against caps');
  });
});
