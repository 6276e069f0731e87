/**
 * What `@switchboard /cost` reports, behind one small function: today's and this month's spend as the core's
 * budget knows it now, and the OpenRouter balance when a key is set. The spend ledger (a later change) replaces
 * `hostSpendSource` with its own totals; the participant only calls a `SpendSource`.
 */
import { formatUsd, inEnglish, type Localizer } from '../../shared/format';
import type { HostServices } from '../hostServices';

export interface SpendSummary {
  /** integer micro-USD settled today (local day) */
  todayMicroUsd: number;
  /** integer micro-USD settled this month */
  monthMicroUsd: number;
  /** integer micro-USD; undefined = no cap */
  dailyCapMicroUsd?: number;
  /** integer micro-USD; undefined = no cap */
  monthlyCapMicroUsd?: number;
  /** integer micro-USD left on the OpenRouter key; undefined = not known (no key, no limit, or unreachable) */
  openRouterRemainingMicroUsd?: number;
  /** OpenRouter's own words about the key ("$4.20 of $10.00 left"), when it answered */
  openRouterSummary?: string;
}

export type SpendSource = (signal?: AbortSignal) => Promise<SpendSummary>;

/** The spend the host has today: the core's budget windows and OpenRouter's `GET /key`. */
export function hostSpendSource(services: HostServices): SpendSource {
  return async (signal) => {
    const core = services.core();
    const status = core.budgetStatus();
    const summary: SpendSummary = {
      todayMicroUsd: status.day.spentMicroUsd,
      monthMicroUsd: status.month.spentMicroUsd,
      dailyCapMicroUsd: status.day.capMicroUsd,
      monthlyCapMicroUsd: status.month.capMicroUsd,
    };
    const key = await services.keys.getApiKey('openrouter');
    if (key) {
      try {
        const check = await core.checkKey('openrouter', key, signal);
        summary.openRouterRemainingMicroUsd = check.remainingMicroUsd;
        summary.openRouterSummary = check.summary;
      } catch (error) {
        services.logger.warn(`OpenRouter balance: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return summary;
  };
}

/** The `/cost` answer as Markdown. */
export function spendMarkdown(summary: SpendSummary, l10n: Localizer = inEnglish): string {
  const spent = (micro: number, cap: number | undefined): string => (cap !== undefined ? l10n.t('{0} of {1} cap', formatUsd(micro), formatUsd(cap)) : formatUsd(micro));
  const lines = [
    `| | ${l10n.t('Spent')} |`,
    '|---|---|',
    `| ${l10n.t('Today')} | ${spent(summary.todayMicroUsd, summary.dailyCapMicroUsd)} |`,
    `| ${l10n.t('This month')} | ${spent(summary.monthMicroUsd, summary.monthlyCapMicroUsd)} |`,
  ];
  const balance = summary.openRouterRemainingMicroUsd !== undefined
    ? l10n.t('OpenRouter balance: {0} left.', formatUsd(summary.openRouterRemainingMicroUsd))
    : summary.openRouterSummary ?? l10n.t('OpenRouter balance: unknown (no OpenRouter key set).');
  return `${lines.join('\n')}\n\n${balance}\n`;
}
