/** The periods the model leaderboard filters by: rolling windows ending now. Read by the core, host and webview. */

export const LEADERBOARD_PERIODS = ['all', '7d', '30d', '90d', '365d'] as const;

export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** What the filter shows for each period. */
export const LEADERBOARD_PERIOD_LABELS: Readonly<Record<LeaderboardPeriod, string>> = {
  all: 'All time',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
};

/** days in each rolling period; undefined = no limit */
export const LEADERBOARD_PERIOD_DAYS: Readonly<Record<LeaderboardPeriod, number | undefined>> = {
  all: undefined, '7d': 7, '30d': 30, '90d': 90, '365d': 365,
};
