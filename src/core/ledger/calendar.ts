/** Local-calendar keys and bounds (budgets and the ledger count days and months in the person's time zone). */

/** local month `YYYY-MM` of an epoch ms */
export function localMonthKey(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/**
 * Day keys by quarter hour since the epoch: every time zone's offset and DST change falls on a quarter hour, so
 * all times of one quarter hour share a local date. Saves three Date objects per record when a 100k-record month
 * is loaded.
 */
const dayKeys = new Map<number, string>();
const QUARTER_HOUR_MS = 900_000;

/** local date `YYYY-MM-DD` of an epoch ms */
export function localDayKey(epochMs: number): string {
  const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
  let key = dayKeys.get(quarter);
  if (key === undefined) {
    const date = new Date(epochMs);
    key = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    if (dayKeys.size > 100_000) dayKeys.clear();
    dayKeys.set(quarter, key);
  }
  return key;
}

/** A time range in epoch ms: `from` included, `to` excluded. */
export interface TimeRange {
  from: number;
  to: number;
}

/** the local day holding `epochMs` */
export function localDayRange(epochMs: number): TimeRange {
  const date = new Date(epochMs);
  return { from: new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime(), to: new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() };
}

/** whether a range starts and ends at local midnights (whole days) */
export function isWholeDays(range: TimeRange): boolean {
  return range.to > range.from && localDayRange(range.from).from === range.from && localDayRange(range.to).from === range.to;
}

/** the local month holding `epochMs` */
export function localMonthRange(epochMs: number): TimeRange {
  const date = new Date(epochMs);
  return { from: new Date(date.getFullYear(), date.getMonth(), 1).getTime(), to: new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime() };
}

/** the local month keys a range touches, oldest first */
export function monthKeysOf(range: TimeRange): string[] {
  const keys: string[] = [];
  if (!(range.to > range.from)) return keys;
  const first = new Date(range.from);
  for (let month = new Date(first.getFullYear(), first.getMonth(), 1); month.getTime() < range.to; month = new Date(month.getFullYear(), month.getMonth() + 1, 1)) {
    keys.push(localMonthKey(month.getTime()));
  }
  return keys;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
