/** The usage view: spend per day, breakdowns, caps, the OpenRouter balance and export. The host owns the state. */
import type { HostToUsage, UsageToHost } from '../../src/shared/usage/protocol';
import { USAGE_RANGES, type UsageRangeDays, type UsageStackBy, type UsageViewState } from '../../src/shared/usage/viewModel';
import { element } from '../common/dom';
import { t } from '../common/l10n';
import { SpendChart } from './spendChart';
import { accountSection, breakdownTable, capGauge, chartTable, knownAndUnknown, totalsSection } from './usageSections';

export class UsageApp {
  private state: UsageViewState | undefined;
  private tableView = false;
  private readonly chartHost = element('div', { class: 'chart', role: 'img' });
  private readonly chart = new SpendChart(this.chartHost);
  private readonly controls = element('div', { class: 'controls' });
  private readonly body = element('div', { class: 'usage-body' });
  private readonly status = element('p', { class: 'export-status', role: 'status', 'aria-live': 'polite' });

  constructor(root: HTMLElement, private readonly post: (message: UsageToHost) => void) {
    root.append(element('header', {}, element('h1', {}, t('Switchboard usage')), this.controls), this.chartHost, this.body, this.status);
  }

  handle(message: HostToUsage): void {
    switch (message.type) {
      case 'usage/snapshot':
        this.state = message.state;
        this.render();
        return;
      case 'usage/exported':
        this.status.textContent = message.message;
        this.status.dataset.ok = String(message.ok);
        return;
    }
  }

  private view(range: UsageRangeDays, stackBy: UsageStackBy): void {
    this.post({ type: 'usage/view', range, stackBy });
  }

  private render(): void {
    const state = this.state;
    if (!state) return;
    this.renderControls(state);
    this.chartHost.hidden = this.tableView;
    const chartTotal = state.chart.series.reduce((sum, series) => sum + series.microUsd.reduce((a, b) => a + b, 0), 0);
    this.chartHost.setAttribute('aria-label', state.stackBy === 'model'
      ? t('Bar chart of spend per day by model, last {0} days; {1} series. Use "Show as table" for the figures.', state.range, state.chart.series.length)
      : t('Bar chart of spend per day by provider, last {0} days; {1} series. Use "Show as table" for the figures.', state.range, state.chart.series.length));
    this.chartHost.dataset.total = String(chartTotal);
    if (!this.tableView) this.chart.show(state.chart);
    const conversationLink = (row: { key: string; label: string }): Node => {
      const button = element('button', { type: 'button', class: 'link-button', 'data-conversation': row.key, title: t('Open in the chat view') }, row.label);
      button.addEventListener('click', () => this.post({ type: 'usage/openConversation', conversationId: row.key }));
      return button;
    };
    const problems = state.problems.length > 0
      ? element('section', { class: 'problems', role: 'alert' }, element('h2', {}, t('Ledger lines skipped')), element('ul', {}, ...state.problems.map((problem) => element('li', {}, problem))))
      : undefined;
    this.body.replaceChildren(...[
      problems,
      this.tableView ? chartTable(state) : undefined,
      totalsSection(state),
      element('section', { class: 'caps', 'aria-label': t('Budget caps') }, element('h2', {}, t('Caps')),
        ...state.caps.map((gauge) => capGauge(gauge, state.workspace, (usd) => this.post({ type: 'usage/setCap', cap: gauge.cap, usd })))),
      accountSection(state, () => this.post({ type: 'usage/refresh' })),
      breakdownTable(t('By model'), state.byModel, t('Model')),
      breakdownTable(t('By provider'), state.byProvider, t('Provider')),
      breakdownTable(t('By workspace'), state.byWorkspace, t('Workspace')),
      breakdownTable(t('Most expensive conversations'), state.conversations, t('Conversation'), conversationLink),
      this.exportSection(state),
    ].filter((section): section is HTMLElement => section !== undefined));
    this.body.dataset.spent = knownAndUnknown(state.totals);
  }

  private renderControls(state: UsageViewState): void {
    const toggle = (label: string, pressed: boolean, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement => {
      const button = element('button', { type: 'button', class: 'toggle', 'aria-pressed': String(pressed), ...attributes }, label);
      button.addEventListener('click', onClick);
      return button;
    };
    this.controls.replaceChildren(
      element('span', { role: 'group', 'aria-label': t('Days shown') }, ...USAGE_RANGES.map((range) => toggle(t('{0} days', range), state.range === range, () => this.view(range, state.stackBy), { 'data-range': String(range) }))),
      element('span', { role: 'group', 'aria-label': t('Stack bars by') }, ...(['provider', 'model'] as const).map((by) => toggle(by === 'model' ? t('by model') : t('by provider'), state.stackBy === by, () => this.view(state.range, by), { 'data-stack': by }))),
      toggle(t('Show as table'), this.tableView, () => {
        this.tableView = !this.tableView;
        this.render();
      }, { 'data-action': 'table-view' }),
    );
  }

  private exportSection(state: UsageViewState): HTMLElement {
    const from = element('input', { type: 'date', value: state.chart.days[0] ?? state.today, 'aria-label': t('Export from (day included)') });
    const to = element('input', { type: 'date', value: state.today, 'aria-label': t('Export to (day included)') });
    const button = (format: 'csv' | 'json'): HTMLButtonElement => {
      const node = element('button', { type: 'button', 'data-export': format }, format === 'csv' ? t('Export CSV') : t('Export JSON'));
      node.addEventListener('click', () => {
        if (from.value && to.value) this.post({ type: 'usage/export', format, from: from.value, to: to.value });
      });
      return node;
    };
    return element('section', { class: 'export', 'aria-label': t('Export the ledger') }, element('h2', {}, t('Export')),
      element('label', {}, t('From'), ' ', from), element('label', {}, ' ', t('to'), ' ', to), button('csv'), button('json'));
  }
}
