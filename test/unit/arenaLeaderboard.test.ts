import assert from 'node:assert/strict';
import {
  csvField, filterRuns, leaderboard, leaderboardCsv, periodSince, tagCounts, type ArenaColumn, type ArenaRun, type LeaderboardRow,
} from '../../src/core/arena/index';

const DAY = 86_400_000;
const X = 'openrouter:x/model';
const Y = 'anthropic:y-model';
const Z = 'ollama:z';

function done(model: string, ttftMs: number, tokensPerSecond: number, cost: ArenaColumn['cost']): ArenaColumn {
  return { model, status: 'done', ttftMs, tokensPerSecond, totalMs: ttftMs * 10, answerChars: 100, cost };
}
const usd = (microUsd: number): ArenaColumn['cost'] => ({ kind: 'estimated', microUsd });
const unknown: ArenaColumn['cost'] = { kind: 'unknown' };

/**
 * Five runs, worked by hand:
 * 1 blind, refactor: X (won) Y, Z failed          -> pairs X>Y
 * 2 blind, explain:  X, Y (won), Z                -> pairs Y>X, Y>Z
 * 3 blind, refactor: X (won), Z                   -> pairs X>Z
 * 4 sighted:         X, Y stopped, Y picked       -> no blind decision
 * 5 blind, picked after a reveal: X, Y (won)      -> no blind decision
 */
const runs: ArenaRun[] = [
  { id: 'r1', createdAt: 1 * DAY, blind: true, tags: ['refactor'], pick: { column: 0, blind: true }, columns: [
    done(X, 200, 50, usd(1000)), done(Y, 400, 30, { kind: 'billed', microUsd: 3000 }),
    { model: Z, status: 'failed', answerChars: 0, cost: { kind: 'billed', microUsd: 0 } },
  ] },
  { id: 'r2', createdAt: 2 * DAY, blind: true, tags: ['explain'], pick: { column: 1, blind: true }, columns: [
    done(X, 300, 40, usd(1200)), done(Y, 500, 20, usd(2000)), done(Z, 100, 80, unknown),
  ] },
  { id: 'r3', createdAt: 3 * DAY, blind: true, tags: ['refactor'], pick: { column: 0, blind: true }, columns: [
    done(X, 250, 60, usd(800)), done(Z, 150, 70, unknown),
  ] },
  { id: 'r4', createdAt: 4 * DAY, blind: false, tags: [], pick: { column: 1, blind: false }, columns: [
    done(X, 1000, 10, usd(1000)), { model: Y, status: 'stopped', ttftMs: 450, answerChars: 30, cost: unknown },
  ] },
  { id: 'r5', createdAt: 5 * DAY, blind: true, tags: [], pick: { column: 1, blind: false }, columns: [
    done(X, 220, 55, usd(1000)), done(Y, 420, 25, usd(2500)),
  ] },
];

function row(rows: LeaderboardRow[], model: string): LeaderboardRow {
  const found = rows.find((candidate) => candidate.model === model);
  assert.ok(found, `no row for ${model}`);
  return found;
}

describe('arena leaderboard', () => {
  it('counts blind wins and runs, only for blind picks, leaving failed columns out', () => {
    const rows = leaderboard(runs);
    assert.deepEqual(rows.map((entry) => [entry.model, entry.runs, entry.blindRuns, entry.blindWins]), [
      [X, 5, 3, 2],
      [Y, 4, 2, 1],
      [Z, 3, 2, 0],
    ]);
    assert.equal(row(rows, X).winRate, 2 / 3);
    // Wilson 2 of 3: centre (0.66667 + 0.64024) / 2.28049 = 0.57308, half 0.85944 * sqrt(0.07407 + 0.10671) = 0.36543
    assert.equal(row(rows, X).winRateInterval!.low.toFixed(4), '0.2077');
    assert.equal(row(rows, X).winRateInterval!.high.toFixed(4), '0.9385');
    assert.equal(row(rows, Z).winRate, 0);
    assert.equal(row(rows, Z).winRateInterval!.low, 0);
  });

  it('rates by Bradley-Terry over the blind pairs (X and Y level, Z below)', () => {
    // smoothed: X-Y 1.5:1.5, Y-Z 1.5:0.5, X-Z 1.5:0.5 -> p_X = p_Y = 3 p_Z; p_X p_Y p_Z = 1 -> p_Z = 9^(-1/3)
    // X, Y: 1000 + 400/3 log10(3) = 1063.62; Z: 1000 - 800/3 log10(3) = 872.77
    const rows = leaderboard(runs);
    assert.equal(row(rows, X).rating!.toFixed(2), '1063.62');
    assert.equal(row(rows, Y).rating!.toFixed(2), '1063.62');
    assert.equal(row(rows, Z).rating!.toFixed(2), '872.77');
    assert.deepEqual(rows.map((entry) => entry.model), [X, Y, Z], 'a rating tie is broken by the win rate');
  });

  it('takes medians of complete answers and costs per run and per win', () => {
    const rows = leaderboard(runs);
    // X ttft 200 220 250 300 1000 -> 250; tok/s 10 40 50 55 60 -> 50; cost (1000+1200+800+1000+1000)/5 = 1000; per win 1000 / (2/3)
    assert.deepEqual(pick(row(rows, X)), { medianTtftMs: 250, medianTokensPerSecond: 50, costPerRunMicroUsd: 1000, pricedRuns: 5, costPerWinMicroUsd: 1500 });
    // Y: the stopped run is out of the medians and its unknown cost out of the mean: (3000+2000+2500)/3; per win 2500 / 0.5
    assert.deepEqual(pick(row(rows, Y)), { medianTtftMs: 420, medianTokensPerSecond: 25, costPerRunMicroUsd: 2500, pricedRuns: 3, costPerWinMicroUsd: 5000 });
    // Z: one priced run (the failed one, no charge); no win, so no cost per win
    assert.deepEqual(pick(row(rows, Z)), { medianTtftMs: 125, medianTokensPerSecond: 75, costPerRunMicroUsd: 0, pricedRuns: 1, costPerWinMicroUsd: undefined });
  });

  it('filters by tag and by period', () => {
    const refactor = leaderboard(runs, { tag: ' Refactor ' });
    assert.deepEqual(refactor.map((entry) => [entry.model, entry.runs, entry.blindRuns, entry.blindWins]), [[X, 2, 2, 2], [Z, 2, 1, 0], [Y, 1, 1, 0]]);
    assert.deepEqual(filterRuns(runs, { since: periodSince('7d', 10 * DAY) }).map((run) => run.id), ['r3', 'r4', 'r5']);
    assert.deepEqual(filterRuns(runs, { since: 2 * DAY, until: 4 * DAY }).map((run) => run.id), ['r2', 'r3']);
    assert.equal(periodSince('all', 10 * DAY), undefined);
    assert.deepEqual(tagCounts(runs), [{ tag: 'refactor', runs: 2 }, { tag: 'explain', runs: 1 }]);
  });

  it('has no rating or win rate for a model never in a blind pick', () => {
    const rows = leaderboard([runs[3]!]);
    assert.equal(row(rows, X).rating, undefined);
    assert.equal(row(rows, X).winRate, undefined);
    assert.equal(row(rows, X).winRateInterval, undefined);
    assert.equal(row(rows, Y).costPerRunMicroUsd, undefined, 'an unknown cost is not $0');
  });

  it('exports CSV with quoting, empty cells for unknown and no formulas', () => {
    const csv = leaderboardCsv(leaderboard(runs, { tag: 'explain' }));
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'model,runs,blind_runs,blind_wins,win_rate,win_rate_low_95,win_rate_high_95,rating_bradley_terry,median_ttft_ms,median_tokens_per_s,cost_per_run_usd,cost_per_win_usd,priced_runs');
    // explain: Y beat X and Z once each (X and Z never met): smoothed 1.5:0.5 twice -> p_Y = 3 p_X = 3 p_Z, p_Y p_X p_Z = 1
    // -> Y = 1000 + 800/3 log10(3) = 1127.24; Wilson 1 of 1: centre 2.92073/4.84146 = 0.60327, half 0.40483 * 0.97998 = 0.39672
    assert.equal(lines[1], `${Y},1,1,1,1.0000,0.2065,1.0000,1127.2,500,20.0,0.002000,0.002000,1`);
    assert.equal(lines[lines.length - 1], '', 'ends with CRLF');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    const hostile = leaderboardCsv([{ model: '=HYPERLINK("x")', runs: 1, blindRuns: 0, blindWins: 0, pricedRuns: 0 }]).split('\r\n')[1];
    assert.equal(hostile, `"'=HYPERLINK(""x"")",1,0,0,,,,,,,,,0`);
  });
});

function pick(entry: LeaderboardRow): Partial<LeaderboardRow> {
  const { medianTtftMs, medianTokensPerSecond, costPerRunMicroUsd, pricedRuns, costPerWinMicroUsd } = entry;
  return { medianTtftMs, medianTokensPerSecond, costPerRunMicroUsd, pricedRuns, costPerWinMicroUsd };
}
