/**
 * What the host sends the model leaderboard. Plain data: money is integer micro-USD, durations ms, rates fractions
 * in [0, 1], `undefined` = not known (shown as "–", never 0).
 */
import type { LeaderboardPeriod } from './periods';

/** One model's line. */
export interface LeaderboardRowView {
  /** namespaced model id */
  model: string;
  /** display name from the catalog (or the id's last part) */
  modelName: string;
  /** runs the model took part in (any status, blind or not) */
  runs: number;
  /** blind runs decided by a blind pick in which the model answered */
  blindRuns: number;
  blindWins: number;
  /** blindWins / blindRuns */
  winRate?: number;
  /** Wilson 95% interval of winRate */
  winRateInterval?: { low: number; high: number };
  /** Bradley-Terry rating on the Elo scale (average 1000) */
  rating?: number;
  /** ms */
  medianTtftMs?: number;
  /** output tokens per second */
  medianTokensPerSecond?: number;
  /** integer micro-USD, mean over priced runs */
  costPerRunMicroUsd?: number;
  /** runs whose cost was known */
  pricedRuns: number;
  /** integer micro-USD */
  costPerWinMicroUsd?: number;
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
