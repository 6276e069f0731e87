/**
 * The model leaderboard: filters by period and tag, one table line per model (blind wins and runs, win rate with
 * its 95% interval, Bradley-Terry rating, median speed, cost per run and per win), Export CSV. The host computes
 * everything; this page only renders the snapshot and says which filter was chosen.
 */
import { formatDuration, formatUsd } from '../../src/shared/format';
import { LEADERBOARD_PERIODS, type LeaderboardPeriod } from '../../src/shared/leaderboard/periods';
import type { LeaderboardRowView, LeaderboardViewState } from '../../src/shared/leaderboard/viewModel';
import { element } from '../common/dom';
import { actionButton } from '../common/elements';
import { t } from '../common/l10n';

/** What the page asks the host for. */
export interface LeaderboardActions {
  filter(period: LeaderboardPeriod, tag: string | undefined): void;
  exportCsv(): void;
}

const NOT_KNOWN = '–';

/** What the period filter shows. */
function periodLabel(period: LeaderboardPeriod): string {
  switch (period) {
    case 'all': return t('All time');
    case '7d': return t('Last 7 days');
    case '30d': return t('Last 30 days');
    case '90d': return t('Last 90 days');
    case '365d': return t('Last 365 days');
  }
}

function percent(rate: number | undefined): string {
  return rate === undefined ? NOT_KNOWN : `${Math.round(rate * 100)}%`;
}

/** "67% (21–94%)": the win rate and its Wilson 95% interval. */
function winRateText(row: LeaderboardRowView): string {
  if (row.winRate === undefined) return NOT_KNOWN;
  const interval = row.winRateInterval;
  return interval ? `${percent(row.winRate)} (${percent(interval.low).replace('%', '')}–${percent(interval.high)})` : percent(row.winRate);
}

function money(microUsd: number | undefined): string {
  return microUsd === undefined ? NOT_KNOWN : formatUsd(microUsd);
}

interface Column {
  title: string;
  /** shown on hover: what the figure means */
  help: string;
  value(row: LeaderboardRowView): string;
  numeric?: boolean;
}

/** the table's columns (a function: the titles are read in the page's language) */
const columns = (): readonly Column[] => [
  { title: t('Model'), help: t('namespaced model id'), value: (row) => row.modelName },
  { title: t('Rating'), help: t('Bradley-Terry rating from blind picks (Elo scale, average 1000)'), value: (row) => (row.rating === undefined ? NOT_KNOWN : row.rating.toFixed(0)), numeric: true },
  { title: t('Blind wins'), help: t('wins / blind runs decided by a blind pick'), value: (row) => `${row.blindWins} / ${row.blindRuns}`, numeric: true },
  { title: t('Win rate (95% CI)'), help: t('blind win rate with its Wilson 95% interval'), value: winRateText, numeric: true },
  { title: t('Runs'), help: t('every run the model took part in'), value: (row) => String(row.runs), numeric: true },
  { title: t('Median first token'), help: t('median time to first token over complete answers'), value: (row) => formatDuration(row.medianTtftMs), numeric: true },
  { title: t('Median tok/s'), help: t('median output tokens per second over complete answers'), value: (row) => (row.medianTokensPerSecond === undefined ? NOT_KNOWN : row.medianTokensPerSecond.toFixed(1)), numeric: true },
  { title: t('Cost / run'), help: t('mean cost of the runs whose cost is known'), value: (row) => money(row.costPerRunMicroUsd), numeric: true },
  { title: t('Cost / win'), help: t('cost per run divided by the blind win rate'), value: (row) => money(row.costPerWinMicroUsd), numeric: true },
];

export class LeaderboardApp {
  private readonly periodSelect: HTMLSelectElement;
  private readonly tagSelect: HTMLSelectElement;
  private readonly summary: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly empty: HTMLElement;
  private readonly columns = columns();

  constructor(root: HTMLElement, private readonly actions: LeaderboardActions) {
    this.periodSelect = element('select', { class: 'period-filter', 'aria-label': t('Period') });
    for (const period of LEADERBOARD_PERIODS) this.periodSelect.append(element('option', { value: period }, periodLabel(period)));
    this.tagSelect = element('select', { class: 'tag-filter', 'aria-label': t('Tag') });
    const changed = (): void => this.actions.filter(this.periodSelect.value as LeaderboardPeriod, this.tagSelect.value || undefined);
    this.periodSelect.addEventListener('change', changed);
    this.tagSelect.addEventListener('change', changed);
    this.summary = element('p', { class: 'leaderboard-summary', 'aria-live': 'polite' });
    this.problem = element('p', { class: 'leaderboard-problem', role: 'alert', hidden: true });
    this.table = element('table', { class: 'leaderboard-table' },
      element('thead', {}, element('tr', {}, ...this.columns.map((column) => element('th', { scope: 'col', title: column.help, class: column.numeric ? 'numeric' : undefined }, column.title)))),
      element('tbody'));
    this.empty = element('p', { class: 'empty-state', hidden: true },
      t('No runs here yet. Run a comparison in blind mode (Compare Models, then Blind) and pick a winner: it counts here.'));
    root.replaceChildren(
      element('header', { class: 'leaderboard-header' },
        element('h1', {}, t('Model leaderboard')),
        element('label', {}, t('Period'), ' ', this.periodSelect),
        element('label', {}, t('Tag'), ' ', this.tagSelect),
        actionButton(t('Export CSV'), () => this.actions.exportCsv(), { icon: 'export', secondary: true, action: 'export-csv' })),
      this.problem,
      this.summary,
      this.table,
      this.empty,
      element('p', { class: 'leaderboard-note' },
        t('Wins count only picks made while the names were hidden. The rating is a Bradley-Terry fit of those picks; the interval is Wilson 95%.')));
  }

  render(state: LeaderboardViewState): void {
    this.periodSelect.value = state.period;
    this.tagSelect.replaceChildren(element('option', { value: '' }, t('All tags')),
      ...state.tags.map(({ tag, runs }) => element('option', { value: tag }, `${tag} (${runs})`)));
    this.tagSelect.value = state.tag ?? '';
    this.problem.hidden = !state.problem;
    this.problem.textContent = state.problem ?? '';
    this.summary.textContent = state.runs === 1 ? t('1 run, {0} decided blind', state.blindDecidedRuns) : t('{0} runs, {1} decided blind', state.runs, state.blindDecidedRuns);
    const body = this.table.tBodies[0]!;
    body.replaceChildren(...state.rows.map((row) => element('tr', { 'data-model': row.model },
      ...this.columns.map((column, index) => (index === 0
        ? element('th', { scope: 'row', title: row.model }, column.value(row))
        : element('td', { class: column.numeric ? 'numeric' : undefined }, column.value(row)))))));
    this.table.hidden = state.rows.length === 0;
    this.empty.hidden = state.rows.length > 0;
  }
}
