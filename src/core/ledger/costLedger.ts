import type { Clock, Logger } from '../ports';
import type { LedgerDirectory } from './ledgerDirectory';
import { LedgerFileReader, type LedgerProblem } from './ledgerFileReader';
import { LEDGER_SCHEMA_VERSION, applyUpdate, parseLedgerLine, type LedgerRecord, type LedgerUpdate } from './ledgerRecord';
import { MonthSummary, spendDayOf, type SpendDay } from './monthSummary';
import { loadSummary, saveSummary } from './summaryFile';
import { localDayKey, localMonthKey, monthKeysOf, type TimeRange } from './calendar';
import { withDirectoryLock } from './directoryLock';
import { HOLD_TTL_MS } from '../budget/sharedBudgetHolds';
import { RECONCILE_MAX_AGE_MS } from './reconciler';

/** The lock file every writer of the shared ledger directory takes turns on. */
export const LEDGER_LOCK_FILE = 'ledger.lock';

/** `ledger-YYYY-MM.jsonl` for a local month key. */
export function ledgerFileName(monthKey: string): string {
  return `ledger-${monthKey}.jsonl`;
}

/** A request record without the fields the ledger fills in (schema version, type). */
export type NewLedgerRecord = Omit<LedgerRecord, 'v' | 'type'>;

/** What an update may change. */
export type LedgerChanges = Omit<LedgerUpdate, 'v' | 'type' | 'requestId' | 'time'>;

/** lines appended after the saved summary before it is saved again (a reload then reads at most this many) */
export const SUMMARY_SAVE_EVERY_LINES = 500;

interface Month {
  reader: LedgerFileReader;
  /** spend by day and the records an update may still correct; always up to date with the reader */
  summary: MonthSummary;
  /** every record (updates applied), by request id, in file order: only once records were asked for */
  records?: Map<string, LedgerRecord>;
  /** lines the saved summary covers */
  savedLines: number;
}

/**
 * The cost ledger: one record per request, append-only JSONL, one file per local month, shared by every window
 * through the LedgerDirectory. Months are loaded when first asked for; `refresh()` reads what other windows
 * appended since. A torn last line (a crash mid-write) and corrupt lines are skipped and reported with their line
 * number; nothing else in the file is lost. Reconciliation appends an update keyed by request id to the file of
 * the record it corrects.
 *
 * A month is first loaded as its summary (spend by day, model, workspace, conversation: monthSummary.ts), from
 * the summary saved next to the file plus the lines after it, so the dashboard and the budget never parse a whole
 * month after a reload; its records are read only when asked for (the export, a table of requests).
 */
export class CostLedger {
  private readonly months = new Map<string, Month>();
  private readonly reported: LedgerProblem[] = [];
  /** `file:line:kind` of each problem reported, so a month read again does not report it twice */
  private readonly reportedKeys = new Set<string>();
  private readonly listeners = new Set<() => void>();
  /** how deep this window is in `transaction` (it holds the lock while > 0) */
  private lockDepth = 0;
  /** something changed while the lock was held: the listeners hear of it once it is released */
  private changedWhileLocked = false;

  constructor(readonly directory: LedgerDirectory, private readonly clock: Pick<Clock, 'now'>, private readonly logger?: Logger) {}

  /** every problem met so far (torn or corrupt lines), for the log and the dashboard */
  problems(): readonly LedgerProblem[] {
    return this.reported;
  }

  /** called after new lines were read or written (by this window or another) */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Appends one request record (under the shared lock) and returns it as stored. */
  append(record: NewLedgerRecord): LedgerRecord {
    return this.transaction(() => this.appendLocked(record));
  }

  /** As `append`, for a caller already inside `transaction`. */
  appendLocked(record: NewLedgerRecord): LedgerRecord {
    const stored: LedgerRecord = { v: LEDGER_SCHEMA_VERSION, type: 'request', ...record };
    this.write(localMonthKey(stored.time), stored);
    return stored;
  }

  /**
   * Corrects a record whose cost is unknown (reconciliation) by appending an update to the file of the month it
   * lives in. Returns the record with the change applied, or undefined when no record with an unknown cost has
   * that id in the month of `recordTime` (a known cost is never rewritten).
   */
  update(requestId: string, recordTime: number, changes: LedgerChanges): LedgerRecord | undefined {
    return this.transaction(() => {
      const monthKey = localMonthKey(recordTime);
      const record = this.month(monthKey).summary.open.get(requestId);
      if (!record) return undefined;
      const update: LedgerUpdate = { v: LEDGER_SCHEMA_VERSION, type: 'update', requestId, time: this.clock.now(), ...changes };
      this.write(monthKey, update);
      return applyUpdate(record, update);
    });
  }

  /**
   * Runs `work` holding the shared lock, after reading what other windows appended. Re-entrant: a transaction
   * inside one runs in the lock already held (taking it again would wait for it to go stale). Listeners hear of
   * the changes after the lock is released, so one that reads the ledger or the budget never waits on it.
   */
  transaction<T>(work: () => T): T {
    if (this.lockDepth > 0) return work();
    this.lockDepth++;
    try {
      return withDirectoryLock(this.directory, LEDGER_LOCK_FILE, () => {
        this.refresh();
        return work();
      });
    } finally {
      this.lockDepth--;
      if (this.changedWhileLocked) {
        this.changedWhileLocked = false;
        this.emit();
      }
    }
  }

  /** Reads lines other windows appended to the loaded months since the last read. */
  refresh(): void {
    let changed = false;
    for (const month of this.months.values()) changed = this.ingest(month) || changed;
    if (changed) this.emit();
  }

  /** the record with this id in the month of `recordTime`, updates applied */
  get(requestId: string, recordTime: number): LedgerRecord | undefined {
    return this.recordsOf(localMonthKey(recordTime)).get(requestId);
  }

  /** records whose time falls in the range (updates applied), oldest first; loads the months it touches */
  records(range: TimeRange): LedgerRecord[] {
    const found: LedgerRecord[] = [];
    let sorted = true;
    for (const key of monthKeysOf(range)) {
      for (const record of this.recordsOf(key).values()) {
        if (record.time < range.from || record.time >= range.to) continue;
        if (sorted && found.length > 0 && record.time < found[found.length - 1].time) sorted = false;
        found.push(record);
      }
    }
    return sorted ? found : found.sort((a, b) => a.time - b.time);
  }

  /** spend per local day of the range (whole days: a day the range starts or ends in counts whole), oldest first */
  days(range: TimeRange): SpendDay[] {
    if (!(range.to > range.from)) return [];
    const first = localDayKey(range.from);
    const last = localDayKey(range.to - 1);
    const found: SpendDay[] = [];
    for (const key of monthKeysOf(range)) {
      for (const day of this.month(key).summary.days.values()) if (day.day >= first && day.day <= last && day.total.requests > 0) found.push(spendDayOf(day));
    }
    return found.sort((a, b) => a.day.localeCompare(b.day));
  }

  /** records whose cost is unknown in the range (reconciliation's candidates), without reading every record */
  unknownRecords(range: TimeRange): LedgerRecord[] {
    const found: LedgerRecord[] = [];
    for (const key of monthKeysOf(range)) {
      for (const record of this.month(key).summary.open.values()) if (record.time >= range.from && record.time < range.to) found.push(record);
    }
    return found.sort((a, b) => a.time - b.time);
  }

  /** integer micro-USD counted against caps on the local day / month of `epochMs` (loads that month's summary) */
  budgetSpent(epochMs: number): { dayMicroUsd: number; monthMicroUsd: number } {
    const days = this.month(localMonthKey(epochMs)).summary.days;
    let month = 0;
    for (const day of days.values()) month += day.budgetMicroUsd;
    return { dayMicroUsd: days.get(localDayKey(epochMs))?.budgetMicroUsd ?? 0, monthMicroUsd: month };
  }

  /** integer micro-USD known spent in `workspace` in the local month of `epochMs` (billed, reconciled, estimated) */
  workspaceMonthSpent(epochMs: number, workspace: string): number {
    let spent = 0;
    for (const day of this.month(localMonthKey(epochMs)).summary.days.values()) spent += day.by.workspace.get(workspace)?.knownMicroUsd ?? 0;
    return spent;
  }

  /** whether a record settled this budget hold (in a loaded month) */
  hasSettledHold(holdId: string): boolean {
    for (const month of this.months.values()) if (month.summary.holds.has(holdId)) return true;
    return false;
  }

  /** the month's summary: the saved one plus the lines after it, else rebuilt from the whole file (and saved) */
  private month(key: string): Month {
    let month = this.months.get(key);
    if (!month) {
      const name = ledgerFileName(key);
      const saved = loadSummary(this.directory, name);
      month = { reader: new LedgerFileReader(this.directory, name, saved), summary: saved?.summary ?? new MonthSummary(), savedLines: saved?.lines ?? 0 };
      for (const problem of month.summary.problems) this.report(problem);
      this.months.set(key, month);
      if (this.ingest(month)) this.emit();
    }
    return month;
  }

  /** the month's records, read from the start of its file the first time they are asked for */
  private recordsOf(key: string): Map<string, LedgerRecord> {
    const month = this.month(key);
    if (month.records) return month.records;
    const name = month.reader.name;
    const full: Month = { reader: new LedgerFileReader(this.directory, name), summary: new MonthSummary(), records: new Map(), savedLines: month.savedLines };
    this.months.set(key, full);
    this.ingest(full);
    return full.records!;
  }

  private write(monthKey: string, line: LedgerRecord | LedgerUpdate): void {
    const month = this.month(monthKey);
    this.ingest(month);
    // after a torn line the next record starts on a fresh line, so the fragment cannot swallow it
    const prefix = month.reader.pendingTail() ? '\n' : '';
    this.directory.append(month.reader.name, `${prefix}${JSON.stringify(line)}\n`);
    this.ingest(month);
    this.emit();
  }

  /** reads new lines of one month; true when something changed */
  private ingest(month: Month): boolean {
    const lines = month.reader.read();
    const { summary } = month;
    for (const { text, line } of lines) {
      const parsed = parseLedgerLine(text);
      if (typeof parsed === 'string') {
        const problem: LedgerProblem = { file: month.reader.name, line, kind: 'corrupt', reason: parsed };
        summary.problems.push(problem);
        this.report(problem);
        continue;
      }
      const previous = month.records?.get(parsed.requestId) ?? summary.open.get(parsed.requestId);
      if (parsed.type === 'request') {
        const pending = summary.orphans.get(parsed.requestId);
        summary.orphans.delete(parsed.requestId);
        this.put(month, (pending ?? []).reduce(applyUpdate, parsed), previous);
      } else if (previous) {
        this.put(month, applyUpdate(previous, parsed), previous);
      } else {
        summary.orphans.set(parsed.requestId, [...(summary.orphans.get(parsed.requestId) ?? []), parsed]);
      }
    }
    const tail = month.reader.pendingTail();
    if (tail) this.report({ file: month.reader.name, line: tail.line, kind: 'torn', reason: `last line cut after ${tail.bytes} bytes (a crash while writing?)` });
    const position = month.reader.position();
    if (position.lines - month.savedLines >= SUMMARY_SAVE_EVERY_LINES || (month.savedLines === 0 && position.lines > 0)) this.save(month);
    return lines.length > 0;
  }

  /** saves the month's summary; a failure is logged (the summary is a cache: the next load rebuilds it) */
  private save(month: Month): void {
    const position = month.reader.position();
    try {
      const now = this.clock.now();
      saveSummary(this.directory, month.reader.name, { summary: month.summary, ...position }, { holdsAfter: now - 2 * HOLD_TTL_MS, openAfter: now - 2 * RECONCILE_MAX_AGE_MS });
    } catch (error) {
      this.logger?.warn(`Could not save the spend summary in ${this.directory.location}: ${error instanceof Error ? error.message : String(error)}`);
    }
    month.savedLines = position.lines;
  }

  private put(month: Month, record: LedgerRecord, previous: LedgerRecord | undefined): void {
    if (previous) month.summary.count(previous, -1);
    month.records?.set(record.requestId, record);
    month.summary.count(record, 1);
  }

  private report(problem: LedgerProblem): void {
    const key = `${problem.file}:${problem.line}:${problem.kind}`;
    if (this.reportedKeys.has(key)) return;
    this.reportedKeys.add(key);
    this.reported.push(problem);
    const what = problem.kind === 'torn' ? 'skipped a torn last line' : 'skipped a line it cannot read';
    this.logger?.warn(`Spend ledger ${this.directory.location}/${problem.file} line ${problem.line}: ${what} (${problem.reason}); every other record is kept.`);
  }

  private emit(): void {
    if (this.lockDepth > 0) {
      this.changedWhileLocked = true;
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.logger?.error(`ledger listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
