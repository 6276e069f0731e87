import assert from 'node:assert/strict';
import { BlindMapping, blindLabel, bradleyTerryRatings, median, shuffleForBlind, wilsonInterval } from '../../src/core/arena/index';

/** a random source that returns `draws` in order */
function sequence(...draws: number[]): () => number {
  let index = 0;
  return () => {
    if (index >= draws.length) throw new Error('the test gave too few draws');
    return draws[index++]!;
  };
}

function near(actual: number | undefined, expected: number, digits = 4): void {
  assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
  assert.equal(actual.toFixed(digits), expected.toFixed(digits));
}

describe('arena statistics', () => {
  it('takes the median of an odd and an even count, and none of nothing', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), undefined);
  });

  it('gives the Wilson 95% interval of a win rate', () => {
    // 7 of 10: p = 0.7, z^2/n = 0.38415; centre 0.89207/1.38415 = 0.64449; half 1.41601 * sqrt(0.021 + 0.0096036) = 0.24772
    const interval = wilsonInterval(7, 10)!;
    near(interval.low, 0.3968);
    near(interval.high, 0.8922);
    // 0 of 5: centre = half = (3.84146/10)/1.76829 = 0.21724, so [0, 0.43448]
    assert.equal(wilsonInterval(0, 5)!.low, 0);
    near(wilsonInterval(0, 5)!.high, 0.4345);
    // 5 of 5 mirrors it
    near(wilsonInterval(5, 5)!.low, 0.5655);
    assert.equal(wilsonInterval(5, 5)!.high, 1);
    assert.equal(wilsonInterval(0, 0), undefined);
    assert.throws(() => wilsonInterval(3, 2), /between 0 and trials/);
  });

  it('rates two models by Bradley-Terry with half a win of prior each way', () => {
    // A beat B 3 times, B beat A once: smoothed 3.5 : 1.5, so p_A / p_B = 7/3 with p_A * p_B = 1:
    // rating = 1000 ± 400 * log10(sqrt(7/3)) = 1000 ± 200 * log10(7/3) = 1073.60 / 926.40
    const ratings = bradleyTerryRatings([
      { winner: 'A', loser: 'B' }, { winner: 'A', loser: 'B' }, { winner: 'B', loser: 'A' }, { winner: 'A', loser: 'B' },
    ]);
    near(ratings.get('A'), 1073.5954);
    near(ratings.get('B'), 926.4046);
  });

  it('rates a cycle (A>B, B>C, C>A) as equals, whatever the order of the results', () => {
    const ratings = bradleyTerryRatings([{ winner: 'C', loser: 'A' }, { winner: 'A', loser: 'B' }, { winner: 'B', loser: 'C' }]);
    for (const model of ['A', 'B', 'C']) near(ratings.get(model), 1000, 6);
  });

  it('finds the Bradley-Terry fixed point: every model expected to win exactly the wins it has', () => {
    const results = [
      ['A', 'B'], ['A', 'B'], ['A', 'C'], ['B', 'C'], ['C', 'B'], ['A', 'D'], ['D', 'A'], ['B', 'D'], ['D', 'C'], ['A', 'C'],
    ].map(([winner, loser]) => ({ winner: winner!, loser: loser! }));
    const ratings = bradleyTerryRatings(results);
    const strength = (model: string): number => 10 ** ((ratings.get(model)! - 1000) / 400);
    const smoothed = new Map<string, number>();
    const key = (a: string, b: string): string => `${a}>${b}`;
    for (const { winner, loser } of results) smoothed.set(key(winner, loser), (smoothed.get(key(winner, loser)) ?? 0) + 1);
    const models = ['A', 'B', 'C', 'D'];
    for (const model of models) {
      let actual = 0;
      let expected = 0;
      for (const other of models.filter((candidate) => candidate !== model)) {
        const won = smoothed.get(key(model, other)) ?? 0;
        const lost = smoothed.get(key(other, model)) ?? 0;
        if (won + lost === 0) continue;
        actual += won + 0.5;
        expected += (won + lost + 1) * strength(model) / (strength(model) + strength(other));
      }
      near(expected, actual, 6);
    }
    const product = models.reduce((value, model) => value * strength(model), 1);
    near(product, 1, 9);
  });

  it('labels blind columns A, B, C...', () => {
    assert.deepEqual([0, 1, 2, 25].map(blindLabel), ['A', 'B', 'C', 'Z']);
    assert.throws(() => blindLabel(26), RangeError);
  });

  it('shuffles by Fisher-Yates: each draw grid gives each order exactly once', () => {
    assert.deepEqual(shuffleForBlind(['a', 'b', 'c'], sequence(0, 0)), ['b', 'c', 'a']);
    const orders = new Set<string>();
    for (const first of [0, 1 / 3, 2 / 3]) {
      for (const second of [0, 1 / 2]) orders.add(shuffleForBlind(['a', 'b', 'c'], sequence(first, second)).join(''));
    }
    assert.deepEqual([...orders].sort(), ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
    assert.throws(() => shuffleForBlind(['a', 'b'], sequence(1)), /\[0, 1\)/);
  });

  it('keeps which model stands behind each letter, hidden until revealed', () => {
    const mapping = new BlindMapping(['x:one', 'y:two', 'z:three'], sequence(0.9, 0.1));
    // index 2: floor(0.9 * 3) = 2 stays; index 1: floor(0.1 * 2) = 0 swaps the first two
    assert.deepEqual(mapping.models, ['y:two', 'x:one', 'z:three']);
    assert.deepEqual(mapping.labels, ['A', 'B', 'C']);
    assert.equal(mapping.modelOf('A'), 'y:two');
    assert.equal(mapping.modelOf('D'), undefined);
    assert.equal(mapping.hidden, true);
    mapping.reveal();
    assert.equal(mapping.hidden, false);
  });
});
