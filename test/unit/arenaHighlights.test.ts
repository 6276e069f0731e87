import assert from 'node:assert/strict';
import { answerLength, columnHighlights, runHighlights, type ArenaColumn } from '../../src/core/arena/index';

function column(overrides: Partial<ArenaColumn>): ArenaColumn {
  return { model: 'm', status: 'done', answerChars: 100, cost: { kind: 'estimated', microUsd: 1000 }, ...overrides };
}

describe('arena highlights', () => {
  it('marks the fastest first token, fastest total, cheapest and longest answer of a run', () => {
    const highlights = runHighlights([
      column({ ttftMs: 300, totalMs: 2000, cost: { kind: 'billed', microUsd: 900 }, answerChars: 120 }),
      column({ ttftMs: 250, totalMs: 2500, cost: { kind: 'estimated', microUsd: 1500 }, answerChars: 400 }),
      column({ ttftMs: 500, totalMs: 1800, cost: { kind: 'billed', microUsd: 2000 }, answerChars: 90 }),
    ]);
    assert.deepEqual(highlights, { fastestFirstToken: [1], fastestTotal: [2], cheapest: [0], longest: [1] });
    assert.deepEqual(columnHighlights(highlights, 1), ['fastestFirstToken', 'longest']);
    assert.deepEqual(columnHighlights(highlights, 2), ['fastestTotal']);
  });

  it('never calls an unknown cost the cheapest, and compares only known costs', () => {
    const highlights = runHighlights([
      column({ cost: { kind: 'unknown' } }),
      column({ cost: { kind: 'estimated', microUsd: 700 } }),
      column({ cost: { kind: 'billed', microUsd: 0 } }),
    ]);
    assert.deepEqual(highlights.cheapest, [2]);
    assert.deepEqual(runHighlights([column({ cost: { kind: 'unknown' } }), column({ cost: { kind: 'estimated', microUsd: 5 } })]).cheapest, [],
      'one known cost is not the cheapest of anything');
  });

  it('gives a tied highlight to every tied column, and none when every column ties', () => {
    const highlights = runHighlights([
      column({ ttftMs: 200, answerChars: 50 }),
      column({ ttftMs: 200, answerChars: 50 }),
      column({ ttftMs: 350, answerChars: 50 }),
    ]);
    assert.deepEqual(highlights.fastestFirstToken, [0, 1]);
    assert.deepEqual(highlights.longest, [], 'three answers of the same length: nothing stands out');
  });

  it('leaves failed and stopped columns out, even when their figures would win', () => {
    const highlights = runHighlights([
      column({ status: 'failed', ttftMs: 10, totalMs: 20, cost: { kind: 'billed', microUsd: 0 }, answerChars: 0 }),
      column({ status: 'stopped', ttftMs: 20, totalMs: 30, cost: { kind: 'estimated', microUsd: 1 }, answerChars: 5000 }),
      column({ ttftMs: 400, totalMs: 3000, cost: { kind: 'estimated', microUsd: 800 }, answerChars: 300 }),
      column({ ttftMs: 600, totalMs: 2000, cost: { kind: 'estimated', microUsd: 900 }, answerChars: 200 }),
    ]);
    assert.deepEqual(highlights, { fastestFirstToken: [2], fastestTotal: [3], cheapest: [2], longest: [2] });
  });

  it('gives no highlight when fewer than two columns have the figure', () => {
    const highlights = runHighlights([
      column({ ttftMs: 100, totalMs: undefined }),
      column({ status: 'failed', ttftMs: 50, totalMs: 60 }),
      column({ ttftMs: undefined, totalMs: 900 }),
    ]);
    assert.deepEqual(highlights.fastestFirstToken, []);
    assert.deepEqual(highlights.fastestTotal, []);
  });

  it('measures answers in code points, so an emoji counts once', () => {
    assert.equal(answerLength('a😀b'), 3);
    assert.equal('a😀b'.length, 4);
  });
});
