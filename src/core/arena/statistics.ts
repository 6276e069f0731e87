/**
 * The small statistics the leaderboard needs, each checkable by hand: the median, the Wilson score interval for a
 * win rate, and a Bradley-Terry rating from pairwise wins.
 */

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z_95 = 1.959963984540054;

/** The middle value (the mean of the two middle values for an even count); undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A proportion's interval, both ends in [0, 1]. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for `wins` of `trials` (95% by default). Unlike p ± z·sqrt(p(1-p)/n) it stays inside
 * [0, 1] and is not zero-width at 0 or n wins, which matters for the handful of runs a person makes.
 * undefined when there are no trials.
 */
export function wilsonInterval(wins: number, trials: number, z: number = Z_95): Interval | undefined {
  if (trials <= 0) return undefined;
  if (wins < 0 || wins > trials) throw new RangeError(`wins (${wins}) must be between 0 and trials (${trials})`);
  const p = wins / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** One decided comparison between two models. */
export interface PairwiseResult {
  winner: string;
  loser: string;
}

/** Rating points for a strength ratio of 10 (the Elo scale), and the rating of the average model. */
export const RATING_SCALE = 400;
export const RATING_BASE = 1000;

/**
 * Bradley-Terry ratings on the Elo scale: P(i beats j) = p_i / (p_i + p_j), rating_i = 1000 + 400·log10(p_i), with
 * the strengths' geometric mean fixed at 1 (so the average model rates 1000).
 *
 * Chosen over Elo because it does not depend on the order the runs happened in (Elo replays them one by one with a
 * K factor); the same set of picks always gives the same ratings. Every pair of models that met gets `prior` virtual
 * wins each way (0.5: half a win), so a model that won (or lost) every meeting gets a finite rating, and few runs
 * stay close to 1000. Fitted with Hunter's MM iteration (p_i = W_i / Σ_j n_ij / (p_i + p_j)), which converges for
 * these smoothed counts. Models without a meeting get no rating.
 */
export function bradleyTerryRatings(results: readonly PairwiseResult[], prior = 0.5): Map<string, number> {
  const wins = new Map<string, Map<string, number>>();
  const add = (winner: string, loser: string, amount: number): void => {
    const row = wins.get(winner) ?? new Map<string, number>();
    row.set(loser, (row.get(loser) ?? 0) + amount);
    wins.set(winner, row);
  };
  const pairs = new Set<string>();
  for (const { winner, loser } of results) {
    if (winner === loser) continue;
    add(winner, loser, 1);
    add(loser, winner, 0);
    pairs.add(JSON.stringify([winner, loser].sort()));
  }
  for (const pair of pairs) {
    const [a, b] = JSON.parse(pair) as [string, string];
    add(a, b, prior);
    add(b, a, prior);
  }
  const models = [...wins.keys()].sort();
  const winsOf = (a: string, b: string): number => wins.get(a)?.get(b) ?? 0;
  const totalWins = new Map(models.map((model) => [model, [...wins.get(model)!.values()].reduce((sum, value) => sum + value, 0)]));
  let strength = new Map(models.map((model) => [model, 1]));
  for (let iteration = 0; iteration < 10_000; iteration++) {
    const next = new Map<string, number>();
    for (const model of models) {
      let denominator = 0;
      for (const other of models) {
        if (other === model) continue;
        const meetings = winsOf(model, other) + winsOf(other, model);
        if (meetings > 0) denominator += meetings / (strength.get(model)! + strength.get(other)!);
      }
      next.set(model, denominator > 0 ? totalWins.get(model)! / denominator : 1);
    }
    const logMean = models.reduce((sum, model) => sum + Math.log(next.get(model)!), 0) / models.length;
    let change = 0;
    for (const model of models) {
      const normalized = next.get(model)! / Math.exp(logMean);
      change = Math.max(change, Math.abs(Math.log(normalized / strength.get(model)!)));
      next.set(model, normalized);
    }
    strength = next;
    if (change < 1e-12) break;
  }
  return new Map(models.map((model) => [model, RATING_BASE + RATING_SCALE * Math.log10(strength.get(model)!)]));
}
