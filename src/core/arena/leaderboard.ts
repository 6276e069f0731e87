/**
 * The leaderboard: per model, how often it won blind comparisons (with a Wilson 95% interval), a Bradley-Terry
 * rating from the same picks, its median speed, and what a run and a win cost. Computed from the arena's runs, after
 * a filter by period and tag. Money is integer micro-USD, durations ms, `undefined` = not known.
 *
 * What counts:
 * - A blind run counts for wins once it has a pick made while the names were still hidden (a pick after a reveal is
 *   a sighted pick, not counted). Every column that answered (done or stopped) took part; failed columns did not
 *   (the person could not judge them), so they neither win nor lose.
 * - The winner beat each other participant once: those are the pairs the rating is fitted to.
 * - Speed (median time to first token, median tokens/s) reads complete answers (`done`) of every run, blind or not.
 * - Cost per run is the mean of the columns' known costs (billed or estimated; failed columns included, they are
 *   usually no charge), over every run; unknown costs are left out and `pricedRuns` says how many were known.
 *   Cost per win is cost per run divided by the blind win rate: what one winning answer costs on average.
 */
import { LEADERBOARD_PERIOD_DAYS, type LeaderboardPeriod } from '../../shared/leaderboard/periods';
import type { LeaderboardFigures } from '../../shared/leaderboard/viewModel';
import type { ArenaRun } from './arenaRun';
import { bradleyTerryRatings, median, wilsonInterval, type PairwiseResult } from './statistics';

/** Which runs the leaderboard reads. */
export interface LeaderboardFilter {
  /** epoch ms, inclusive; undefined = from the first run */
  since?: number;
  /** epoch ms, exclusive; undefined = up to now */
  until?: number;
  /** only runs with this tag (compared normalized); undefined = every run */
  tag?: string;
}

const DAY_MS = 86_400_000;

/** The `since` of a period ending at `now` (epoch ms); undefined for 'all'. */
export function periodSince(period: LeaderboardPeriod, now: number): number | undefined {
  const days = LEADERBOARD_PERIOD_DAYS[period];
  return days === undefined ? undefined : now - days * DAY_MS;
}

/** One model's line of the leaderboard (the figures the views show). */
export type LeaderboardRow = LeaderboardFigures;

/** The runs `filter` keeps. */
export function filterRuns(runs: readonly ArenaRun[], filter: LeaderboardFilter): ArenaRun[] {
  const tag = filter.tag?.trim().toLowerCase();
  return runs.filter((run) =>
    (filter.since === undefined || run.createdAt >= filter.since)
    && (filter.until === undefined || run.createdAt < filter.until)
    && (!tag || run.tags.includes(tag)));
}

/** Every tag used, most used first (then by name), with how many runs carry it. */
export function tagCounts(runs: readonly ArenaRun[]): { tag: string; runs: number }[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const tag of new Set(run.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, runs: count })).sort((a, b) => b.runs - a.runs || a.tag.localeCompare(b.tag));
}

interface Tally {
  runs: number;
  blindRuns: number;
  blindWins: number;
  ttft: number[];
  tokensPerSecond: number[];
  costs: number[];
}

/** The pick of a run if it counts as a blind decision: a blind pick of a column that answered. */
function blindWinner(run: ArenaRun): number | undefined {
  const pick = run.pick;
  if (!run.blind || !pick || !pick.blind) return undefined;
  const column = run.columns[pick.column];
  return column && column.status !== 'failed' ? pick.column : undefined;
}

/** One row per model in the filtered runs, best rated first (then by win rate, runs and id). */
export function leaderboard(allRuns: readonly ArenaRun[], filter: LeaderboardFilter = {}): LeaderboardRow[] {
  const tallies = new Map<string, Tally>();
  const tallyOf = (model: string): Tally => {
    let tally = tallies.get(model);
    if (!tally) tallies.set(model, tally = { runs: 0, blindRuns: 0, blindWins: 0, ttft: [], tokensPerSecond: [], costs: [] });
    return tally;
  };
  const pairs: PairwiseResult[] = [];
  for (const run of filterRuns(allRuns, filter)) {
    const winner = blindWinner(run);
    const seen = new Set<string>();
    run.columns.forEach((column, index) => {
      // a model twice in one run counts once (its first column)
      if (seen.has(column.model)) return;
      seen.add(column.model);
      const tally = tallyOf(column.model);
      tally.runs++;
      if (column.cost.kind !== 'unknown') tally.costs.push(column.cost.microUsd);
      if (column.status === 'done') {
        if (column.ttftMs !== undefined) tally.ttft.push(column.ttftMs);
        if (column.tokensPerSecond !== undefined) tally.tokensPerSecond.push(column.tokensPerSecond);
      }
      if (winner === undefined || column.status === 'failed') return;
      tally.blindRuns++;
      if (index === winner) tally.blindWins++;
      else pairs.push({ winner: run.columns[winner]!.model, loser: column.model });
    });
  }
  const ratings = bradleyTerryRatings(pairs);
  const rows = [...tallies].map(([model, tally]): LeaderboardRow => {
    const winRate = tally.blindRuns > 0 ? tally.blindWins / tally.blindRuns : undefined;
    const costPerRun = tally.costs.length > 0 ? tally.costs.reduce((sum, cost) => sum + cost, 0) / tally.costs.length : undefined;
    return {
      model,
      runs: tally.runs,
      blindRuns: tally.blindRuns,
      blindWins: tally.blindWins,
      winRate,
      winRateInterval: wilsonInterval(tally.blindWins, tally.blindRuns),
      rating: ratings.get(model),
      medianTtftMs: median(tally.ttft),
      medianTokensPerSecond: median(tally.tokensPerSecond),
      costPerRunMicroUsd: costPerRun === undefined ? undefined : Math.round(costPerRun),
      pricedRuns: tally.costs.length,
      costPerWinMicroUsd: costPerRun === undefined || !winRate ? undefined : Math.round(costPerRun / winRate),
    };
  });
  const orUnder = (value: number | undefined): number => value ?? -Infinity;
  return rows.sort((a, b) => orUnder(b.rating) - orUnder(a.rating) || orUnder(b.winRate) - orUnder(a.winRate)
    || b.runs - a.runs || a.model.localeCompare(b.model));
}
