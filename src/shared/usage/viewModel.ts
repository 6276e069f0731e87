/**
 * The usage view's state, built by one pure function from the ledger's day summaries, the caps and the OpenRouter
 * account. No vscode, no DOM: the host calls it, the unit tests call it, the webview only renders what it gives.
 * Money is integer micro-USD throughout; a cost that is unknown is counted apart, never as $0.
 */

import { addFigures, emptyFigures, type SpendFigures, type SpendGroup } from './spendFigures';

/** One local day of the ledger (structurally the core's SpendDay). */
export interface UsageDayInput {
  /** local `YYYY-MM-DD` */
  day: string;
  total: SpendFigures;
  /** integer micro-USD counted against caps */
  budgetMicroUsd: number;
  groups: { model: SpendGroup[]; workspace: SpendGroup[]; conversation: SpendGroup[]; upstream: SpendGroup[] };
}

/** Days of spend the chart shows. */
export type UsageRangeDays = 7 | 30 | 90;
export const USAGE_RANGES: readonly UsageRangeDays[] = [7, 30, 90];
/** What the bars are stacked by. */
export type UsageStackBy = 'provider' | 'model';

/** The caps in USD as set (0 or undefined = no cap). */
export interface UsageCaps {
  perRequestUsd?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
  /** per workspace, per calendar month */
  workspaceMonthlyUsd?: number;
}

/** The OpenRouter account as the view shows it (structurally a subset of the core's OpenRouterAccount). */
export interface UsageAccountInput {
  label: string;
  /** integer micro-USD; undefined = no limit */
  limitMicroUsd?: number;
  /** integer micro-USD; undefined = no limit */
  remainingMicroUsd?: number;
  limitReset?: string;
  /** integer micro-USD per UTC window */
  usage: { daily: number; weekly: number; monthly: number; total: number };
  isFreeTier: boolean;
  /** epoch ms */
  fetchedAt: number;
  /** credit left is under the low-credit threshold (the core's isLowCredit) */
  lowCredit: boolean;
}

/** Everything the builder reads. */
export interface UsageInput {
  /** local `YYYY-MM-DD` of today */
  today: string;
  /** the last 90 days (or fewer) of the ledger, any order */
  days: readonly UsageDayInput[];
  range: UsageRangeDays;
  stackBy: UsageStackBy;
  caps: UsageCaps;
  /** the current workspace's name; undefined = none open */
  workspace?: string;
  /** integer micro-USD the budget counts today and this month (includes what is held for unknown costs) */
  budgetTodayMicroUsd: number;
  budgetMonthMicroUsd: number;
  /** conversation id -> title (from the history) */
  conversationTitles: Readonly<Record<string, string>>;
  account?: UsageAccountInput;
  /** why the account could not be read (401, timeout, no key), for a person */
  accountError?: string;
  /** ledger lines that could not be read, for a person */
  problems: readonly string[];
}

/** A bar series: one provider or model, micro-USD per day of `UsageChart.days`. */
export interface UsageSeries {
  label: string;
  /** integer micro-USD per day, aligned with UsageChart.days */
  microUsd: number[];
}

export interface UsageChart {
  /** local `YYYY-MM-DD`, oldest first, every day of the range (days without spend too) */
  days: string[];
  /** largest first; beyond MAX_SERIES the rest is summed as "other" */
  series: UsageSeries[];
}

/** A row of a breakdown table. */
export interface UsageRow extends SpendFigures {
  /** model id, provider, workspace ('' shown as "no workspace") */
  key: string;
  /** what the row shows */
  label: string;
}

/** One cap and how much of it is used. */
export interface CapGauge {
  /** which cap (the view names it in the page's language) */
  cap: 'perRequestUsd' | 'dailyUsd' | 'monthlyUsd' | 'workspaceMonthlyUsd';
  /** USD as set; undefined = no cap */
  limitUsd?: number;
  /** integer micro-USD counted against it; undefined for the per-request cap (it bounds each request) */
  spentMicroUsd?: number;
  /** spent / limit (0..n); undefined when there is no cap or nothing to compare */
  fraction?: number;
}

/** The usage view's whole state (the host sends it as a snapshot). */
export interface UsageViewState {
  today: string;
  range: UsageRangeDays;
  stackBy: UsageStackBy;
  chart: UsageChart;
  /** the range's figures, each kind apart */
  totals: SpendFigures;
  byModel: UsageRow[];
  byProvider: UsageRow[];
  byWorkspace: UsageRow[];
  /** most expensive conversations of the range, at most MAX_CONVERSATIONS */
  conversations: (UsageRow & { conversationId: string })[];
  caps: CapGauge[];
  /** the current workspace's name (the workspace cap's label); undefined = none open */
  workspace?: string;
  account?: UsageAccountInput;
  accountError?: string;
  problems: string[];
}

/** bar series drawn before the rest is summed as "other" */
export const MAX_SERIES = 8;
export const MAX_CONVERSATIONS = 10;

/** Builds the view's state. Pure: the same input gives the same state. */
export function buildUsageViewModel(input: UsageInput): UsageViewState {
  const days = lastDays(input.today, input.range);
  const first = days[0];
  const inRange = input.days.filter((day) => day.day >= first && day.day <= input.today);
  const totals = emptyFigures();
  const byModel = new Map<string, SpendFigures>();
  const byWorkspace = new Map<string, SpendFigures>();
  const byConversation = new Map<string, SpendFigures>();
  const workspaceMonth = emptyFigures();
  const monthPrefix = input.today.slice(0, 8);
  for (const day of input.days) {
    if (day.day.startsWith(monthPrefix) && day.day <= input.today) {
      for (const group of day.groups.workspace) if (group.key === (input.workspace ?? '')) addFigures(workspaceMonth, group);
    }
  }
  for (const day of inRange) {
    addFigures(totals, day.total);
    for (const group of day.groups.model) addTo(byModel, group.key, group);
    for (const group of day.groups.workspace) addTo(byWorkspace, group.key, group);
    for (const group of day.groups.conversation) addTo(byConversation, group.key, group);
  }
  const byProvider = new Map<string, SpendFigures>();
  for (const [model, figures] of byModel) addTo(byProvider, providerOfModel(model), figures);

  return {
    today: input.today,
    range: input.range,
    stackBy: input.stackBy,
    chart: chartOf(days, inRange, input.stackBy),
    totals,
    byModel: rows(byModel, (key) => key),
    byProvider: rows(byProvider, (key) => key || 'unknown provider'),
    byWorkspace: rows(byWorkspace, (key) => key || 'no workspace'),
    conversations: rows(byConversation, (key) => input.conversationTitles[key] ?? (key ? `conversation ${key.slice(0, 8)}` : 'no conversation (compare, selection)'))
      .filter((row) => row.key !== '')
      .slice(0, MAX_CONVERSATIONS)
      .map((row) => ({ ...row, conversationId: row.key })),
    caps: gauges(input, workspaceMonth.knownMicroUsd),
    workspace: input.workspace,
    account: input.account,
    accountError: input.accountError,
    problems: [...input.problems],
  };
}

/** the local dates of the `count` days ending with `today`, oldest first (calendar arithmetic on the key, no time zone) */
export function lastDays(today: string, count: number): string[] {
  const [year, month, day] = today.split('-').map(Number);
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) days.push(new Date(Date.UTC(year, month - 1, day - back)).toISOString().slice(0, 10));
  return days;
}

/** `openrouter:openai/gpt-4o` -> `openrouter` */
export function providerOfModel(model: string): string {
  return model.split(':', 1)[0] ?? '';
}

function addTo(map: Map<string, SpendFigures>, key: string, figures: SpendFigures): void {
  let into = map.get(key);
  if (!into) map.set(key, (into = emptyFigures()));
  addFigures(into, figures);
}

/** rows largest known money first, then most unknown, then key */
function rows(map: Map<string, SpendFigures>, label: (key: string) => string): UsageRow[] {
  return [...map].map(([key, figures]) => ({ key, label: label(key), ...figures })).sort((a, b) => b.knownMicroUsd - a.knownMicroUsd || b.unknownCount - a.unknownCount || a.key.localeCompare(b.key));
}

function chartOf(days: string[], inRange: readonly UsageDayInput[], stackBy: UsageStackBy): UsageChart {
  const index = new Map(days.map((day, position) => [day, position]));
  const perKey = new Map<string, number[]>();
  for (const day of inRange) {
    const position = index.get(day.day);
    if (position === undefined) continue;
    for (const group of day.groups.model) {
      const key = stackBy === 'model' ? group.key : providerOfModel(group.key);
      let values = perKey.get(key);
      if (!values) perKey.set(key, (values = days.map(() => 0)));
      values[position] += group.knownMicroUsd;
    }
  }
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  const sorted = [...perKey].sort((a, b) => sum(b[1]) - sum(a[1]) || a[0].localeCompare(b[0]));
  const series: UsageSeries[] = sorted.slice(0, MAX_SERIES).map(([label, microUsd]) => ({ label, microUsd }));
  if (sorted.length > MAX_SERIES) {
    const other = days.map(() => 0);
    for (const [, values] of sorted.slice(MAX_SERIES)) values.forEach((value, position) => (other[position] += value));
    series.push({ label: 'other', microUsd: other });
  }
  return { days, series };
}

function gauges(input: UsageInput, workspaceMonthMicroUsd: number): CapGauge[] {
  const gauge = (cap: CapGauge['cap'], spentMicroUsd: number | undefined): CapGauge => {
    const limit = input.caps[cap];
    const limitUsd = limit !== undefined && limit > 0 ? limit : undefined;
    return { cap, limitUsd, spentMicroUsd, fraction: limitUsd !== undefined && spentMicroUsd !== undefined ? spentMicroUsd / (limitUsd * 1_000_000) : undefined };
  };
  return [
    gauge('perRequestUsd', undefined),
    gauge('dailyUsd', input.budgetTodayMicroUsd),
    gauge('monthlyUsd', input.budgetMonthMicroUsd),
    gauge('workspaceMonthlyUsd', input.workspace === undefined ? undefined : workspaceMonthMicroUsd),
  ];
}
