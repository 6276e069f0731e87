/**
 * What the host sends the model leaderboard. Plain data: money is integer micro-USD, durations ms, rates fractions
 * in [0, 1], `undefined` = not known (shown as "–", never 0).
 */
import type { LeaderboardPeriod } from './periods';

/** One model's figures, as the core's leaderboard() computes them. */
export interface LeaderboardFigures {
  /** namespaced model id */
  model: string;
  /** runs the model took part in (any status, blind or not) */
  runs: number;
  /** blind runs decided by a blind pick in which the model answered */
  blindRuns: number;
  blindWins: number;
  /** blindWins / blindRuns; undefined = no blind runs */
  winRate?: number;
  /** Wilson 95% interval of winRate, both ends in [0, 1] */
  winRateInterval?: { low: number; high: number };
  /** Bradley-Terry rating on the Elo scale (average 1000); undefined = never met another model in a blind pick */
  rating?: number;
  /** ms, over complete answers */
  medianTtftMs?: number;
  /** output tokens per second, over complete answers */
  medianTokensPerSecond?: number;
  /** integer micro-USD, the mean over priced runs */
  costPerRunMicroUsd?: number;
  /** runs whose cost was known (billed or estimated) */
  pricedRuns: number;
  /** integer micro-USD: costPerRun / winRate; undefined with no blind win or no known cost */
  costPerWinMicroUsd?: number;
}

/** One model's line. */
export interface LeaderboardRowView extends LeaderboardFigures {
  /** display name from the catalog (or the id's last part) */
  modelName: string;
}

export interface LeaderboardViewState {
  period: LeaderboardPeriod;
  /** the tag filtered by; undefined = every run */
  tag?: string;
  /** every tag in use (all periods), most used first, for the filter */
  tags: { tag: string; runs: number }[];
  rows: LeaderboardRowView[];
  /** runs the filter kept */
  runs: number;
  /** of those, runs decided by a blind pick */
  blindDecidedRuns: number;
  /** a problem reading the store, for a person; undefined = none */
  problem?: string;
}
