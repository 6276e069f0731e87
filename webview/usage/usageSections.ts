/**
 * The usage view's sections as DOM, built from the view state with textContent only (model names, workspace
 * names and conversation titles are data, never markup). Each function returns a fresh section.
 */
import type { SpendFigures } from '../../src/shared/usage/spendFigures';
import type { CapGauge, UsageRow, UsageViewState } from '../../src/shared/usage/viewModel';
import { formatSpend, formatUsd } from '../../src/shared/format';
import { element } from '../common/dom';
import { t } from '../common/l10n';

/** "$1.20" or "$1.20 + 3 unknown": unknown costs are counted apart, never shown as $0 */
export function knownAndUnknown(figures: SpendFigures): string {
  return formatSpend(figures.knownMicroUsd, figures.unknownCount, t);
}

/** the range's totals, each kind labelled */
export function totalsSection(state: UsageViewState): HTMLElement {
  const { totals } = state;
  const item = (label: string, value: string, kind: string, count?: number): HTMLElement =>
    element('div', { class: 'total', 'data-kind': kind, 'data-count': count === undefined ? undefined : String(count) }, element('div', { class: 'total-value' }, value), element('div', { class: 'total-label' }, label));
  return element('section', { class: 'totals', 'aria-label': t('Totals, last {0} days', state.range) },
    item(t('spent (known)'), formatUsd(totals.knownMicroUsd), 'known'),
    item(t('billed'), formatUsd(totals.billedMicroUsd), 'billed'),
    item(t('billed (reconciled)'), formatUsd(totals.reconciledMicroUsd), 'reconciled'),
    item(t('estimated'), formatUsd(totals.estimatedMicroUsd), 'estimated'),
    item(t('cost unknown'), totals.unknownCount === 1 ? t('1 request') : t('{0} requests', totals.unknownCount), 'unknown', totals.unknownCount),
    item(t('requests'), String(totals.requests), 'requests'));
}

/** a breakdown as a table (model, provider, workspace, conversation) */
export function breakdownTable(caption: string, rows: readonly UsageRow[], keyHeader: string, cell?: (row: UsageRow) => Node): HTMLElement {
  const table = element('table', { class: 'breakdown' },
    element('caption', {}, caption),
    element('thead', {}, element('tr', {}, ...[keyHeader, t('Spent'), t('Billed'), t('Reconciled'), t('Estimated'), t('Unknown'), t('Requests')].map((header) => element('th', { scope: 'col' }, header)))));
  const body = element('tbody');
  for (const row of rows) {
    body.append(element('tr', {},
      element('th', { scope: 'row' }, cell ? cell(row) : row.label),
      ...[formatUsd(row.knownMicroUsd), formatUsd(row.billedMicroUsd), formatUsd(row.reconciledMicroUsd), formatUsd(row.estimatedMicroUsd), String(row.unknownCount), String(row.requests)]
        .map((value) => element('td', {}, value))));
  }
  if (rows.length === 0) body.append(element('tr', {}, element('td', { colspan: '7', class: 'empty' }, t('No requests in this range.'))));
  table.append(body);
  return table;
}

/** the chart's data as a table: a row per day, a column per series (the screen-reader view of the chart) */
export function chartTable(state: UsageViewState): HTMLElement {
  const { days, series } = state.chart;
  const table = element('table', { class: 'breakdown chart-table' },
    element('caption', {}, state.stackBy === 'model' ? t('Spend per day by model, last {0} days', state.range) : t('Spend per day by provider, last {0} days', state.range)),
    element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, t('Day')), ...series.map((one) => element('th', { scope: 'col' }, one.label)), element('th', { scope: 'col' }, t('Total')))));
  const body = element('tbody');
  days.forEach((day, index) => {
    const total = series.reduce((sum, one) => sum + one.microUsd[index], 0);
    body.append(element('tr', {}, element('th', { scope: 'row' }, day), ...series.map((one) => element('td', {}, formatUsd(one.microUsd[index]))), element('td', {}, formatUsd(total))));
  });
  table.append(body);
  return table;
}

/** what a cap's gauge is called */
function capLabel(cap: CapGauge['cap'], workspace: string | undefined): string {
  switch (cap) {
    case 'perRequestUsd': return t('Per request');
    case 'dailyUsd': return t('Today');
    case 'monthlyUsd': return t('This month');
    case 'workspaceMonthlyUsd': return workspace ? t('This month in {0}', workspace) : t('This month in this workspace');
  }
}

/** one cap: a meter, the figures, and an input to change it */
export function capGauge(gauge: CapGauge, workspace: string | undefined, onSave: (usd: number) => void): HTMLElement {
  const id = `cap-${gauge.cap}`;
  const label = capLabel(gauge.cap, workspace);
  const input = element('input', { id, type: 'number', min: '0', step: '0.01', value: String(gauge.limitUsd ?? 0), 'aria-label': t('{0} cap in USD (0 = no cap)', label) });
  const save = element('button', { type: 'button', class: 'save-cap', 'data-cap': gauge.cap }, t('Save'));
  save.addEventListener('click', () => {
    const usd = Number(input.value);
    if (Number.isFinite(usd) && usd >= 0) onSave(usd);
    else input.setCustomValidity(t('a number of USD, 0 for no cap'));
  });
  const status = gauge.limitUsd === undefined
    ? t('no cap')
    : gauge.spentMicroUsd === undefined
      ? t('up to {0} per request', formatUsd(gauge.limitUsd * 1_000_000))
      : t('{0} of {1} ({2}%)', formatUsd(gauge.spentMicroUsd), formatUsd(gauge.limitUsd * 1_000_000), Math.round((gauge.fraction ?? 0) * 100));
  const level = gauge.fraction === undefined ? 'none' : gauge.fraction >= 1 ? 'over' : gauge.fraction >= 0.8 ? 'near' : 'ok';
  return element('div', { class: 'gauge', 'data-cap': gauge.cap, 'data-level': level },
    element('label', { for: id, class: 'gauge-label' }, label),
    gauge.fraction !== undefined ? element('meter', { min: '0', max: '1', low: '0.8', high: '0.999', optimum: '0', value: String(Math.min(1, gauge.fraction)), 'aria-label': `${label}: ${status}` }) : undefined,
    element('span', { class: 'gauge-status' }, status),
    element('span', { class: 'gauge-edit' }, input, save));
}

/** the OpenRouter balance, or why it could not be read */
export function accountSection(state: UsageViewState, onRefresh: () => void): HTMLElement {
  const refresh = element('button', { type: 'button', 'data-action': 'refresh-account' }, t('Refresh'));
  refresh.addEventListener('click', onRefresh);
  const section = element('section', { class: 'account', 'aria-label': t('OpenRouter balance') }, element('h2', {}, t('OpenRouter balance')));
  const account = state.account;
  if (state.accountError) section.append(element('p', { class: 'account-error', role: 'alert' }, state.accountError));
  if (account) {
    const rows: [string, string][] = [
      [t('Credit left'), account.remainingMicroUsd === undefined ? t('no limit on this key') : formatUsd(account.remainingMicroUsd)],
      [t('Limit'), account.limitMicroUsd === undefined ? t('none') : account.limitReset ? t('{0}, resets {1}', formatUsd(account.limitMicroUsd), account.limitReset) : formatUsd(account.limitMicroUsd)],
      [t('Used today (UTC)'), formatUsd(account.usage.daily)],
      [t('This week'), formatUsd(account.usage.weekly)],
      [t('This month'), formatUsd(account.usage.monthly)],
    ];
    if (account.lowCredit) section.append(element('p', { class: 'low-credit', role: 'alert' }, t('Low credit: {0} left. Add credits on openrouter.ai to keep OpenRouter models answering.', formatUsd(account.remainingMicroUsd ?? 0))));
    const read = new Date(account.fetchedAt).toLocaleTimeString();
    section.append(element('dl', {}, ...rows.flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)])),
      element('p', { class: 'account-fetched' }, account.isFreeTier ? t('Key {0} (free tier), read {1}', account.label, read) : t('Key {0}, read {1}', account.label, read)));
  } else if (!state.accountError) {
    section.append(element('p', {}, t('No OpenRouter key is set.')));
  }
  section.append(refresh);
  return section;
}
