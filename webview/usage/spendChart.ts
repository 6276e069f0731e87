/**
 * Spend per day as stacked bars, drawn by uPlot (a kept chart library, ~50 KiB, canvas; loaded by this view
 * only). uPlot does not stack: each series is drawn as the running sum of itself and the series after it, the
 * tallest first, so each colour shows its own share; legends and tooltips show the series' own amount.
 * Colours come from VS Code's `--vscode-charts-*` variables and are read again when the theme changes.
 */
import uPlot from 'uplot';
import type { UsageChart } from '../../src/shared/usage/viewModel';
import { formatAxisUsd, formatUsd } from '../../src/shared/format';
import { t } from '../common/l10n';

/** VS Code's chart colours, in the order series take them; fallbacks for a host that does not set them */
const PALETTE: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'], ['--vscode-charts-orange', '#d18616'], ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'], ['--vscode-charts-yellow', '#cca700'], ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'], ['--vscode-terminal-ansiMagenta', '#bc3fbc'], ['--vscode-descriptionForeground', '#9d9d9d'],
];

interface Theme {
  series: string[];
  foreground: string;
  grid: string;
  font: string;
}

function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    series: PALETTE.map(([name, fallback]) => value(name, fallback)),
    foreground: value('--vscode-charts-foreground', value('--vscode-foreground', '#cccccc')),
    grid: value('--vscode-charts-lines', 'rgba(128, 128, 128, 0.25)'),
    font: `${value('--vscode-font-size', '12px')} ${value('--vscode-font-family', 'sans-serif')}`,
  };
}

export class SpendChart {
  private plot: uPlot | undefined;
  private chart: UsageChart | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());
  private readonly themeWatch = new MutationObserver(() => this.redraw());

  constructor(private readonly host: HTMLElement) {
    this.resize.observe(host);
    // VS Code changes the body's class and the root's style attribute when the theme changes
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  /** the series' colours in the current theme (the legend and the table use the same ones) */
  colours(): string[] {
    return readTheme().series;
  }

  show(chart: UsageChart): void {
    this.chart = chart;
    this.redraw();
  }

  /** builds the plot again (new data, or the theme changed) */
  redraw(): void {
    this.plot?.destroy();
    this.plot = undefined;
    const chart = this.chart;
    if (!chart) return;
    const theme = readTheme();
    const own = chart.series.map((series) => series.microUsd.map((value) => value / 1_000_000));
    // running sums from the last series up: drawing them tallest first leaves each series its own band
    const stacked = own.map((_, index) => chart.days.map((__, day) => own.slice(index).reduce((sum, values) => sum + values[day], 0)));
    const axis = { stroke: theme.foreground, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 }, font: theme.font };
    const bars = uPlot.paths.bars!({ size: [0.7, 40], gap: 1 });
    const options: uPlot.Options = {
      width: Math.max(200, this.host.clientWidth),
      height: 240,
      scales: { x: { time: false }, y: { range: (_self, _min, max) => [0, max > 0 ? max * 1.1 : 0.01] } },
      axes: [
        { ...axis, values: (_self, splits) => splits.map((split) => (Number.isInteger(split) ? chart.days[split]?.slice(5) ?? '' : '')) },
        { ...axis, size: 80, values: (_self, splits) => splits.map((split) => formatAxisUsd(split, Math.abs((splits[1] ?? split) - (splits[0] ?? 0)))) },
      ],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: t('day'), value: (_self, value) => (value === null ? '' : chart.days[value] ?? '') },
        ...chart.series.map((series, index): uPlot.Series => ({
          label: series.label,
          fill: theme.series[index % theme.series.length],
          stroke: theme.series[index % theme.series.length],
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_self, _value, _series, day) => (day === null ? '' : formatUsd(series.microUsd[day] ?? 0)),
        })),
      ],
    };
    this.plot = new uPlot(options, [chart.days.map((_, index) => index), ...stacked], this.host);
  }

  private fit(): void {
    if (this.plot && Math.abs(this.plot.width - this.host.clientWidth) > 2) this.plot.setSize({ width: Math.max(200, this.host.clientWidth), height: 240 });
  }

  dispose(): void {
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.plot?.destroy();
  }
}
