import type { Clock, Logger } from '../ports';
import type { LedgerDirectory } from './ledgerDirectory';
import { LedgerFileReader, type LedgerProblem } from './ledgerFileReader';
import { LEDGER_SCHEMA_VERSION, applyUpdate, budgetMicroUsd, parseLedgerLine, type LedgerRecord, type LedgerUpdate } from './ledgerRecord';
import { localDayKey, localMonthKey, monthKeysOf, type TimeRange } from './calendar';
import { withDirectoryLock } from './directoryLock';

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

interface Month {
  reader: LedgerFileReader;
  /** effective records (updates applied), by request id, in file order */
  records: Map<string, LedgerRecord>;
  /** updates read before their record (kept until it arrives) */
  orphans: Map<string, LedgerUpdate[]>;
  /** whether the torn tail was reported already */
  tornReported?: number;
}

/**
 * The cost ledger: one record per request, append-only JSONL, one file per local month, shared by every window
 * through the LedgerDirectory. Months are loaded when first asked for; `refresh()` reads what other windows
 * appended since. A torn last line (a crash mid-write) and corrupt lines are skipped and reported with their line
 * number; nothing else in the file is lost. Reconciliation appends an update keyed by request id to the file of
 * the record it corrects.
 */
export class CostLedger {
  private readonly months = new Map<string, Month>();
  /** integer micro-USD counted against budget caps, by local day key */
  private readonly budgetByDay = new Map<string, number>();
  /** budget holds settled by a record (BudgetLedger's shared holds) */
  private readonly settledHolds = new Set<string>();
  private readonly reported: LedgerProblem[] = [];
  private readonly listeners = new Set<() => void>();

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
   * Corrects a record (reconciliation) by appending an update to the file of the month it lives in.
   * Returns the record with the change applied, or undefined when no record has that id in the month of `recordTime`.
   */
  update(requestId: string, recordTime: number, changes: LedgerChanges): LedgerRecord | undefined {
    return this.transaction(() => {
      const monthKey = localMonthKey(recordTime);
      if (!this.month(monthKey).records.has(requestId)) return undefined;
      this.write(monthKey, { v: LEDGER_SCHEMA_VERSION, type: 'update', requestId, time: this.clock.now(), ...changes });
      return this.month(monthKey).records.get(requestId);
    });
  }

  /** Runs `work` holding the shared lock, after reading what other windows appended. */
  transaction<T>(work: () => T): T {
    return withDirectoryLock(this.directory, LEDGER_LOCK_FILE, () => {
      this.refresh();
      return work();
    });
  }

  /** Reads lines other windows appended to the loaded months since the last read. */
  refresh(): void {
    let changed = false;
    for (const month of this.months.values()) changed = this.ingest(month) || changed;
    if (changed) this.emit();
  }

  /** the record with this id in the month of `recordTime`, updates applied */
  get(requestId: string, recordTime: number): LedgerRecord | undefined {
    return this.month(localMonthKey(recordTime)).records.get(requestId);
  }

  /** records whose time falls in the range (updates applied), oldest first; loads the months it touches */
  records(range: TimeRange): LedgerRecord[] {
    const found: LedgerRecord[] = [];
    let sorted = true;
    for (const key of monthKeysOf(range)) {
      for (const record of this.month(key).records.values()) {
        if (record.time < range.from || record.time >= range.to) continue;
        if (sorted && found.length > 0 && record.time < found[found.length - 1].time) sorted = false;
        found.push(record);
      }
    }
    return sorted ? found : found.sort((a, b) => a.time - b.time);
  }

  /** integer micro-USD counted against caps on the local day / month of `epochMs` (loads that month) */
  budgetSpent(epochMs: number): { dayMicroUsd: number; monthMicroUsd: number } {
    const monthKey = localMonthKey(epochMs);
    this.month(monthKey);
    let month = 0;
    for (const [day, amount] of this.budgetByDay) if (day.startsWith(monthKey)) month += amount;
    return { dayMicroUsd: this.budgetByDay.get(localDayKey(epochMs)) ?? 0, monthMicroUsd: month };
  }

  /** whether a record settled this budget hold (in a loaded month) */
  hasSettledHold(holdId: string): boolean {
    return this.settledHolds.has(holdId);
  }

  private month(key: string): Month {
    let month = this.months.get(key);
    if (!month) {
      month = { reader: new LedgerFileReader(this.directory, ledgerFileName(key)), records: new Map(), orphans: new Map() };
      this.months.set(key, month);
      if (this.ingest(month)) this.emit();
    }
    return month;
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
    for (const { text, line } of lines) {
      const parsed = parseLedgerLine(text);
      if (typeof parsed === 'string') {
        this.report({ file: month.reader.name, line, kind: 'corrupt', reason: parsed });
        continue;
      }
      if (parsed.type === 'request') {
        const pending = month.orphans.get(parsed.requestId);
        month.orphans.delete(parsed.requestId);
        this.put(month, (pending ?? []).reduce(applyUpdate, parsed), month.records.get(parsed.requestId));
      } else {
        const record = month.records.get(parsed.requestId);
        if (record) this.put(month, applyUpdate(record, parsed), record);
        else month.orphans.set(parsed.requestId, [...(month.orphans.get(parsed.requestId) ?? []), parsed]);
      }
    }
    const tail = month.reader.pendingTail();
    if (tail && month.tornReported !== tail.line) {
      month.tornReported = tail.line;
      this.report({ file: month.reader.name, line: tail.line, kind: 'torn', reason: `last line cut after ${tail.bytes} bytes (a crash while writing?)` });
    }
    return lines.length > 0;
  }

  private put(month: Month, record: LedgerRecord, previous: LedgerRecord | undefined): void {
    if (previous) this.addBudget(previous, -1);
    month.records.set(record.requestId, record);
    this.addBudget(record, 1);
    if (record.holdId !== undefined) this.settledHolds.add(record.holdId);
  }

  private addBudget(record: LedgerRecord, sign: 1 | -1): void {
    const day = localDayKey(record.time);
    this.budgetByDay.set(day, (this.budgetByDay.get(day) ?? 0) + sign * budgetMicroUsd(record));
  }

  private report(problem: LedgerProblem): void {
    this.reported.push(problem);
    const what = problem.kind === 'torn' ? 'skipped a torn last line' : 'skipped a line it cannot read';
    this.logger?.warn(`Spend ledger ${this.directory.location}/${problem.file} line ${problem.line}: ${what} (${problem.reason}); every other record is kept.`);
  }

  private emit(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.logger?.error(`ledger listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
