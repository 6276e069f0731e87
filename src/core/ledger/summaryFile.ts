import type { LedgerDirectory } from './ledgerDirectory';
import type { LedgerProblem } from './ledgerFileReader';
import type { LedgerRecord, LedgerUpdate } from './ledgerRecord';
import { emptyFigures, type SpendFigures } from './ledgerTotals';
import { DAY_DIMENSIONS, MonthSummary, emptyDay } from './monthSummary';

/**
 * A month's summary saved next to its ledger file (`ledger-YYYY-MM.summary.json`), so that opening the dashboard
 * or checking a cap after a reload reads a few hundred KiB instead of parsing every line of the month. It is a
 * cache, never the record: it says how many bytes (and lines) of the ledger file it covers and a fingerprint of
 * the last bytes it covers; when the file is shorter, or those bytes differ (the file was replaced), or the
 * summary cannot be read, it is ignored and rebuilt from the JSONL. Lines appended after it are read as usual.
 */
export const SUMMARY_SCHEMA_VERSION = 1;

/** bytes of the ledger file, ending where the summary stops, whose hash must match */
const FINGERPRINT_BYTES = 64;

/** `ledger-YYYY-MM.summary.json` for a ledger file name */
export function summaryFileName(ledgerFile: string): string {
  return ledgerFile.replace(/\.jsonl$/, '.summary.json');
}

/** A summary and where in the ledger file it stops. */
export interface SavedSummary {
  summary: MonthSummary;
  /** bytes of the ledger file covered (always ends after a newline) */
  bytes: number;
  /** lines of the ledger file covered */
  lines: number;
}

/** figures on disk: [requests, billed, reconciled, estimated, unknown count] (known = the three sums) */
type FiguresTuple = [number, number, number, number, number];
/** a day on disk: [day, figures, budget micro-USD, [dimension, [key, figures][]][]] */
type DayTuple = [string, FiguresTuple, number, [string, [string, FiguresTuple][]][]];

interface SummaryJson {
  v: typeof SUMMARY_SCHEMA_VERSION;
  bytes: number;
  lines: number;
  fingerprint: number;
  days: DayTuple[];
  open: LedgerRecord[];
  orphans: [string, LedgerUpdate[]][];
  holds: [string, number][];
  problems: LedgerProblem[];
}

/** What a saved summary leaves out, as epoch ms: older hold ids and older unknown-cost records. */
export interface SummaryCutoffs {
  /** hold ids of records older than this (a budget hold lives an hour) */
  holdsAfter: number;
  /**
   * unknown-cost records older than this, and those the reconciler gave up on: nothing updates them any more
   * (reconciliation resumes records under a day old and gives up within minutes)
   */
  openAfter: number;
}

/** Writes the summary of the first `bytes` of `ledgerFile` (atomically: readers see the old or the new file). */
export function saveSummary(directory: LedgerDirectory, ledgerFile: string, saved: SavedSummary, cutoffs: SummaryCutoffs): void {
  const fingerprint = fingerprintAt(directory, ledgerFile, saved.bytes);
  if (fingerprint === undefined) return;
  const { summary } = saved;
  const json: SummaryJson = {
    v: SUMMARY_SCHEMA_VERSION,
    bytes: saved.bytes,
    lines: saved.lines,
    fingerprint,
    days: [...summary.days.values()].map((day) => [day.day, toTuple(day.total), day.budgetMicroUsd, DAY_DIMENSIONS.map((dimension) => [dimension, [...day.by[dimension]].map(([key, figures]) => [key, toTuple(figures)])])]),
    open: [...summary.open.values()].filter((record) => record.time >= cutoffs.openAfter && record.reconcile === undefined),
    orphans: [...summary.orphans],
    holds: [...summary.holds].filter(([, time]) => time >= cutoffs.holdsAfter),
    problems: summary.problems,
  };
  directory.replace(summaryFileName(ledgerFile), JSON.stringify(json));
}

/** The saved summary of `ledgerFile` when it is present and still matches the file; else undefined (rebuild). */
export function loadSummary(directory: LedgerDirectory, ledgerFile: string): SavedSummary | undefined {
  const bytes = directory.readFrom(summaryFileName(ledgerFile), 0);
  if (!bytes) return undefined;
  let json: SummaryJson;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as SummaryJson;
    if (json.v !== SUMMARY_SCHEMA_VERSION || !Number.isSafeInteger(json.bytes) || !Number.isSafeInteger(json.lines)) return undefined;
    if (fingerprintAt(directory, ledgerFile, json.bytes) !== json.fingerprint) return undefined;
    const summary = new MonthSummary();
    for (const [key, total, budget, dimensions] of json.days) {
      const day = emptyDay(key);
      day.total = fromTuple(total);
      day.budgetMicroUsd = budget;
      for (const [dimension, groups] of dimensions) {
        const into = day.by[dimension as keyof typeof day.by];
        if (!into) return undefined;
        for (const [group, figures] of groups) into.set(group, fromTuple(figures));
      }
      summary.days.set(key, day);
    }
    for (const record of json.open) summary.open.set(record.requestId, record);
    for (const [id, updates] of json.orphans) summary.orphans.set(id, updates);
    for (const [id, time] of json.holds) summary.holds.set(id, time);
    summary.problems.push(...json.problems);
    return { summary, bytes: json.bytes, lines: json.lines };
  } catch {
    return undefined; // a summary of another shape or cut short: the JSONL is the record, rebuild from it
  }
}

/** FNV-1a hash of the FINGERPRINT_BYTES bytes before `end`; undefined when the file is shorter than `end` */
function fingerprintAt(directory: LedgerDirectory, ledgerFile: string, end: number): number | undefined {
  const start = Math.max(0, end - FINGERPRINT_BYTES);
  const bytes = directory.readFrom(ledgerFile, start);
  if (!bytes || bytes.length < end - start) return end === 0 ? 0 : undefined;
  let hash = 0x811c9dc5;
  for (let index = 0; index < end - start; index++) hash = Math.imul(hash ^ bytes[index], 0x01000193) >>> 0;
  return hash;
}

function toTuple(figures: SpendFigures): FiguresTuple {
  return [figures.requests, figures.billedMicroUsd, figures.reconciledMicroUsd, figures.estimatedMicroUsd, figures.unknownCount];
}

function fromTuple([requests, billed, reconciled, estimated, unknown]: FiguresTuple): SpendFigures {
  if (![requests, billed, reconciled, estimated, unknown].every(Number.isSafeInteger)) throw new Error('bad figures');
  return { ...emptyFigures(), requests, billedMicroUsd: billed, reconciledMicroUsd: reconciled, estimatedMicroUsd: estimated, unknownCount: unknown, knownMicroUsd: billed + reconciled + estimated };
}
