/**
 * The leaderboard as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break in
 * double quotes with its quotes doubled). Unknown figures are empty cells, never 0. Money is in USD with six decimals
 * (exact micro-USD), rates are fractions (0.6667), durations ms.
 */
import type { LeaderboardRow } from './leaderboard';

const HEADER = [
  'model', 'runs', 'blind_runs', 'blind_wins', 'win_rate', 'win_rate_low_95', 'win_rate_high_95', 'rating_bradley_terry',
  'median_ttft_ms', 'median_tokens_per_s', 'cost_per_run_usd', 'cost_per_win_usd', 'priced_runs',
];

/** One CSV field: quoted when it holds a comma, a quote or a line break; undefined = an empty cell. */
export function csvField(text: string | undefined): string {
  if (text === undefined) return '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Free text as a CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe: model ids come from settings that a repository can suggest.
 */
export function csvText(text: string): string {
  return csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

function usd(microUsd: number | undefined): string {
  return microUsd === undefined ? '' : (microUsd / 1_000_000).toFixed(6);
}

/** The rows (as leaderboard() returns them) with a header line. */
export function leaderboardCsv(rows: readonly LeaderboardRow[]): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    lines.push([
      csvText(row.model),
      String(row.runs),
      String(row.blindRuns),
      String(row.blindWins),
      fixed(row.winRate, 4),
      fixed(row.winRateInterval?.low, 4),
      fixed(row.winRateInterval?.high, 4),
      fixed(row.rating, 1),
      fixed(row.medianTtftMs, 0),
      fixed(row.medianTokensPerSecond, 1),
      usd(row.costPerRunMicroUsd),
      usd(row.costPerWinMicroUsd),
      String(row.pricedRuns),
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
