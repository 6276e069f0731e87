import type { Clock } from '../ports';
import type { CostLedger } from '../ledger/costLedger';
import { LedgerFileReader } from '../ledger/ledgerFileReader';
import { localDayKey } from '../ledger/calendar';

/** ms after which another window's hold no longer counts (it crashed or never wrote its record). */
export const HOLD_TTL_MS = 60 * 60_000;

const HOLDS_PREFIX = 'holds-';

interface HoldLine {
  v: 1;
  /** set on a hold line */
  hold?: string;
  /** set on a release line */
  free?: string;
  /** integer micro-USD */
  amount?: number;
  /** epoch ms */
  at?: number;
  /** the workspace the request is for (the per-workspace cap counts only its own); absent = none */
  ws?: string;
}

/**
 * Budget holds shared between windows: each window appends its holds (`holds-YYYY-MM-DD.jsonl`, local day of
 * the hold) and their releases to the ledger directory, and reads the others' before every check, all inside the
 * ledger's lock. A hold ends when it is released, when a ledger record names it (`holdId`: settled, now counted
 * as spent), or HOLD_TTL_MS after it was taken. Only today's and yesterday's files are read (holds live less
 * than a day); older ones are deleted.
 */
export class SharedBudgetHolds {
  /** this window's tag in hold ids */
  readonly tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private readonly readers = new Map<string, LedgerFileReader>();
  /** open holds of every window: id -> amount and time */
  private readonly open = new Map<string, { amount: number; at: number; workspace?: string }>();
  private depth = 0;

  constructor(readonly ledger: CostLedger, private readonly clock: Pick<Clock, 'now'>) {}

  /** the id a reservation's hold has in the shared files */
  holdId(reservationId: number): string {
    return `${this.tag}-${reservationId}`;
  }

  /** Runs `work` inside the ledger lock with everything other windows wrote read first (re-entrant). */
  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    return this.ledger.transaction(() => {
      this.depth++;
      try {
        this.read();
        return work();
      } finally {
        this.depth--;
      }
    });
  }

  /** integer micro-USD held by other windows right now; with `workspace`, only their holds for that workspace */
  othersHeldMicroUsd(workspace?: string): number {
    const now = this.clock.now();
    let sum = 0;
    for (const [id, hold] of this.open) {
      if (id.startsWith(`${this.tag}-`)) continue;
      if (this.ledger.hasSettledHold(id) || now - hold.at > HOLD_TTL_MS) {
        this.open.delete(id);
        continue;
      }
      if (workspace === undefined || hold.workspace === workspace) sum += hold.amount;
    }
    return sum;
  }

  /** writes a hold for a request in `workspace` (call inside transaction) */
  hold(reservationId: number, amountMicroUsd: number, workspace?: string): void {
    const at = this.clock.now();
    this.write(at, { v: 1, hold: this.holdId(reservationId), amount: amountMicroUsd, at, ...(workspace === undefined ? {} : { ws: workspace }) });
  }

  /** writes a release (call inside transaction, or alone: it takes the lock) */
  free(reservationId: number): void {
    this.transaction(() => this.write(this.clock.now(), { v: 1, free: this.holdId(reservationId) }));
  }

  private write(at: number, line: HoldLine): void {
    const name = `${HOLDS_PREFIX}${localDayKey(at)}.jsonl`;
    this.reader(name).read().forEach(({ text }) => this.apply(text));
    const prefix = this.reader(name).pendingTail() ? '\n' : '';
    this.ledger.directory.append(name, `${prefix}${JSON.stringify(line)}\n`);
    this.reader(name).read().forEach(({ text }) => this.apply(text));
  }

  private read(): void {
    const now = this.clock.now();
    const today = `${HOLDS_PREFIX}${localDayKey(now)}.jsonl`;
    const yesterday = `${HOLDS_PREFIX}${localDayKey(now - 24 * 3_600_000)}.jsonl`;
    for (const name of this.ledger.directory.list()) {
      if (name.startsWith(HOLDS_PREFIX) && name.endsWith('.jsonl') && name < yesterday) this.ledger.directory.remove(name);
    }
    for (const name of [...this.readers.keys()]) if (name !== today && name !== yesterday) this.readers.delete(name);
    for (const name of [yesterday, today]) for (const { text } of this.reader(name).read()) this.apply(text);
  }

  private reader(name: string): LedgerFileReader {
    let reader = this.readers.get(name);
    if (!reader) this.readers.set(name, (reader = new LedgerFileReader(this.ledger.directory, name)));
    return reader;
  }

  /** a corrupt hold line is skipped: holds are short-lived and the ledger, not this file, holds the spend */
  private apply(text: string): void {
    let line: HoldLine;
    try {
      line = JSON.parse(text) as HoldLine;
    } catch {
      return;
    }
    if (typeof line.hold === 'string' && Number.isSafeInteger(line.amount) && typeof line.at === 'number') {
      this.open.set(line.hold, { amount: line.amount!, at: line.at, ...(typeof line.ws === 'string' ? { workspace: line.ws } : {}) });
    }
    else if (typeof line.free === 'string') this.open.delete(line.free);
  }
}
