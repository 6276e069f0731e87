/** The periods the model leaderboard filters by: rolling windows ending now. Read by the core, host and webview. */

export const LEADERBOARD_PERIODS = ['all', '7d', '30d', '90d', '365d'] as const;

export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** days in each rolling period; undefined = no limit */
export const LEADERBOARD_PERIOD_DAYS: Readonly<Record<LeaderboardPeriod, number | undefined>> = {
  all: undefined, '7d': 7, '30d': 30, '90d': 90, '365d': 365,
};
