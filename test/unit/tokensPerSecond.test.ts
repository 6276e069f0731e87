import assert from 'node:assert/strict';
import { tokensPerSecond } from '../../src/core/chat/tokensPerSecond';

describe('tokensPerSecond', () => {
  const cases: [string, number | undefined, number | undefined, number | undefined][] = [
    ['a real generation window', 100, 2_000, 50],
    ['exactly 50 ms and 2 tokens', 2, 50, 40],
    ['a replay whose window is 2 ms (not "90131.6 tok/s")', 180, 2, undefined],
    ['a window of 49 ms', 500, 49, undefined],
    ['one output token (no window between tokens)', 1, 3_000, undefined],
    ['no output tokens', 0, 3_000, undefined],
    ['output tokens not reported', undefined, 3_000, undefined],
    ['no first token', 40, undefined, undefined],
  ];
  for (const [name, outputTokens, generationMs, expected] of cases) {
    it(`is ${expected === undefined ? 'not shown' : `${expected} tok/s`} for ${name}`, () => {
      assert.equal(tokensPerSecond(outputTokens, generationMs), expected);
    });
  }
});
