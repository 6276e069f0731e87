/**
 * The usage view's sections as DOM, built from the view state with textContent only (model names, workspace
 * names and conversation titles are data, never markup). Each function returns a fresh section.
 */
import type { CapGauge, UsageFigures, UsageRow, UsageViewState } from '../../src/shared/usage/viewModel';
import { formatSpend, formatUsd } from '../../src/shared/format';
import { element } from '../common/dom';

/** "$1.20" or "$1.20 + 3 unknown": unknown costs are counted apart, never shown as $0 */
export function knownAndUnknown(figures: UsageFigures): string {
  return formatSpend(figures.knownMicroUsd, figures.unknownCount);
}

/** the range's totals, each kind labelled */
export function totalsSection(state: UsageViewState): HTMLElement {
  const { totals } = state;
  const item = (label: string, value: string, kind: string): HTMLElement =>
    element('div', { class: 'total', 'data-kind': kind }, element('div', { class: 'total-value' }, value), element('div', { class: 'total-label' }, label));
  return element('section', { class: 'totals', 'aria-label': `Totals, last ${state.range} days` },
    item('spent (known)', formatUsd(totals.knownMicroUsd), 'known'),
    item('billed', formatUsd(totals.billedMicroUsd), 'billed'),
    item('billed (reconciled)', formatUsd(totals.reconciledMicroUsd), 'reconciled'),
    item('estimated', formatUsd(totals.estimatedMicroUsd), 'estimated'),
    item('cost unknown', `${totals.unknownCount} request${totals.unknownCount === 1 ? '' : 's'}`, 'unknown'),
    item('requests', String(totals.requests), 'requests'));
}

/** a breakdown as a table (model, provider, workspace, conversation) */
export function breakdownTable(caption: string, rows: readonly UsageRow[], keyHeader: string, cell?: (row: UsageRow) => Node): HTMLElement {
  const table = element('table', { class: 'breakdown' },
    element('caption', {}, caption),
    element('thead', {}, element('tr', {}, ...[keyHeader, 'Spent', 'Billed', 'Reconciled', 'Estimated', 'Unknown', 'Requests'].map((header) => element('th', { scope: 'col' }, header)))));
  const body = element('tbody');
  for (const row of rows) {
    body.append(element('tr', {},
      element('th', { scope: 'row' }, cell ? cell(row) : row.label),
      ...[formatUsd(row.knownMicroUsd), formatUsd(row.billedMicroUsd), formatUsd(row.reconciledMicroUsd), formatUsd(row.estimatedMicroUsd), String(row.unknownCount), String(row.requests)]
        .map((value) => element('td', {}, value))));
  }
  if (rows.length === 0) body.append(element('tr', {}, element('td', { colspan: '7', class: 'empty' }, 'No requests in this range.')));
  table.append(body);
  return table;
}

/** the chart's data as a table: a row per day, a column per series (the screen-reader view of the chart) */
export function chartTable(state: UsageViewState): HTMLElement {
  const { days, series } = state.chart;
  const table = element('table', { class: 'breakdown chart-table' },
    element('caption', {}, `Spend per day by ${state.stackBy}, last ${state.range} days`),
    element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Day'), ...series.map((one) => element('th', { scope: 'col' }, one.label)), element('th', { scope: 'col' }, 'Total'))));
  const body = element('tbody');
  days.forEach((day, index) => {
    const total = series.reduce((sum, one) => sum + one.microUsd[index], 0);
    body.append(element('tr', {}, element('th', { scope: 'row' }, day), ...series.map((one) => element('td', {}, formatUsd(one.microUsd[index]))), element('td', {}, formatUsd(total))));
  });
  table.append(body);
  return table;
}

/** one cap: a meter, the figures, and an input to change it */
export function capGauge(gauge: CapGauge, onSave: (usd: number) => void): HTMLElement {
  const id = `cap-${gauge.cap}`;
  const input = element('input', { id, type: 'number', min: '0', step: '0.01', value: String(gauge.limitUsd ?? 0), 'aria-label': `${gauge.label} cap in USD (0 = no cap)` });
  const save = element('button', { type: 'button', class: 'save-cap', 'data-cap': gauge.cap }, 'Save');
  save.addEventListener('click', () => {
    const usd = Number(input.value);
    if (Number.isFinite(usd) && usd >= 0) onSave(usd);
    else input.setCustomValidity('a number of USD, 0 for no cap');
  });
  const status = gauge.limitUsd === undefined
    ? 'no cap'
    : gauge.spentMicroUsd === undefined
      ? `up to ${formatUsd(gauge.limitUsd * 1_000_000)} per request`
      : `${formatUsd(gauge.spentMicroUsd)} of ${formatUsd(gauge.limitUsd * 1_000_000)} (${Math.round((gauge.fraction ?? 0) * 100)}%)`;
  const level = gauge.fraction === undefined ? 'none' : gauge.fraction >= 1 ? 'over' : gauge.fraction >= 0.8 ? 'near' : 'ok';
  return element('div', { class: 'gauge', 'data-cap': gauge.cap, 'data-level': level },
    element('label', { for: id, class: 'gauge-label' }, gauge.label),
    gauge.fraction !== undefined ? element('meter', { min: '0', max: '1', low: '0.8', high: '0.999', optimum: '0', value: String(Math.min(1, gauge.fraction)), 'aria-label': `${gauge.label}: ${status}` }) : undefined,
    element('span', { class: 'gauge-status' }, status),
    element('span', { class: 'gauge-edit' }, input, save));
}

/** the OpenRouter balance, or why it could not be read */
export function accountSection(state: UsageViewState, onRefresh: () => void): HTMLElement {
  const refresh = element('button', { type: 'button', 'data-action': 'refresh-account' }, 'Refresh');
  refresh.addEventListener('click', onRefresh);
  const section = element('section', { class: 'account', 'aria-label': 'OpenRouter balance' }, element('h2', {}, 'OpenRouter balance'));
  const account = state.account;
  if (state.accountError) section.append(element('p', { class: 'account-error', role: 'alert' }, state.accountError));
  if (account) {
    const rows: [string, string][] = [
      ['Credit left', account.remainingMicroUsd === undefined ? 'no limit on this key' : formatUsd(account.remainingMicroUsd)],
      ['Limit', account.limitMicroUsd === undefined ? 'none' : `${formatUsd(account.limitMicroUsd)}${account.limitReset ? `, resets ${account.limitReset}` : ''}`],
      ['Used today (UTC)', formatUsd(account.usage.daily)],
      ['This week', formatUsd(account.usage.weekly)],
      ['This month', formatUsd(account.usage.monthly)],
    ];
    if (account.lowCredit) section.append(element('p', { class: 'low-credit', role: 'alert' }, `Low credit: ${formatUsd(account.remainingMicroUsd ?? 0)} left. Add credits on openrouter.ai to keep OpenRouter models answering.`));
    section.append(element('dl', {}, ...rows.flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)])),
      element('p', { class: 'account-fetched' }, `Key ${account.label}${account.isFreeTier ? ' (free tier)' : ''}, read ${new Date(account.fetchedAt).toLocaleTimeString()}`));
  } else if (!state.accountError) {
    section.append(element('p', {}, 'No OpenRouter key is set.'));
  }
  section.append(refresh);
  return section;
}
