/**
 * Warnings before a cap bites: at 80% and at 100% of the daily, monthly and per-workspace monthly caps, once per
 * period each (remembered in a KeyValueStore, i.e. globalState, so a reload or another window does not repeat
 * them). The host shows each as a notification with Open Usage / Raise cap. No vscode import.
 */
import { formatUsd } from '../../shared/format';
import type { KeyValueStore } from '../../core/index';

/** the store key of the warnings already shown */
export const CAP_WARNINGS_KEY = 'switchboard.spend.capWarnings.v1';
export const WARN_AT = [80, 100] as const;

export type WarnedCap = 'dailyUsd' | 'monthlyUsd' | 'workspaceMonthlyUsd';

export interface CapWarning {
  /** `<cap>:<period>[:<workspace>]:<percent>`: shown once */
  id: string;
  cap: WarnedCap;
  percent: (typeof WARN_AT)[number];
  message: string;
}

/** One cap and what counts against it now. */
export interface CapUse {
  cap: WarnedCap;
  /** local `YYYY-MM-DD` (day) or `YYYY-MM` (month) */
  period: string;
  /** integer micro-USD counted against the cap (spent, plus held for requests in flight) */
  usedMicroUsd: number;
  /** integer micro-USD; undefined = no cap */
  capMicroUsd?: number;
  /** the workspace of a per-workspace cap */
  workspace?: string;
}

const NAMES: Record<WarnedCap, string> = { dailyUsd: 'daily', monthlyUsd: 'monthly', workspaceMonthlyUsd: 'monthly per-workspace' };

/** The warnings due for these uses that were not shown yet (at most one per cap: the highest threshold crossed). */
export function capWarningsDue(uses: readonly CapUse[], shown: ReadonlySet<string>): { due: CapWarning[]; crossed: string[] } {
  const due: CapWarning[] = [];
  const crossed: string[] = [];
  for (const use of uses) {
    if (use.capMicroUsd === undefined || use.capMicroUsd <= 0) continue;
    const percentUsed = (use.usedMicroUsd / use.capMicroUsd) * 100;
    const reached = WARN_AT.filter((percent) => percentUsed >= percent);
    if (reached.length === 0) continue;
    const ids = reached.map((percent) => `${use.cap}:${use.period}${use.workspace !== undefined ? `:${use.workspace}` : ''}:${percent}`);
    crossed.push(...ids);
    const highest = reached[reached.length - 1];
    const id = ids[ids.length - 1];
    if (shown.has(id)) continue;
    const where = use.workspace !== undefined ? ` in ${use.workspace}` : '';
    const message = highest >= 100
      ? `Switchboard: the ${NAMES[use.cap]} cap of ${formatUsd(use.capMicroUsd)}${where} is reached (${formatUsd(use.usedMicroUsd)}). Requests that could pass it are refused.`
      : `Switchboard: ${Math.floor(percentUsed)}% of the ${NAMES[use.cap]} cap of ${formatUsd(use.capMicroUsd)}${where} is used (${formatUsd(use.usedMicroUsd)}).`;
    due.push({ id, cap: use.cap, percent: highest, message });
  }
  return { due, crossed };
}

/** Remembers shown warnings in the store and hands new ones to `show`. */
export class CapWarner {
  constructor(private readonly store: KeyValueStore, private readonly show: (warning: CapWarning) => void) {}

  /** checks the uses; each warning is shown once per period (crossing 100% marks 80% shown too) */
  check(uses: readonly CapUse[]): CapWarning[] {
    const shown = new Set(this.store.get<string[]>(CAP_WARNINGS_KEY) ?? []);
    const { due, crossed } = capWarningsDue(uses, shown);
    if (due.length === 0) return [];
    const periods = new Set(uses.map((use) => use.period));
    // only this period's ids are kept: the store does not grow day after day
    const kept = [...shown, ...crossed].filter((id) => periods.has(id.split(':')[1] ?? ''));
    void this.store.set(CAP_WARNINGS_KEY, [...new Set(kept)]);
    for (const warning of due) this.show(warning);
    return due;
  }
}
