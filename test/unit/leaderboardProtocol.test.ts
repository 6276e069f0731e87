import assert from 'node:assert/strict';
import { messageTypes, validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { leaderboardMessageSchema } from '../../src/shared/leaderboard/protocol';

const validate = (value: unknown) => validateWebviewMessage(leaderboardMessageSchema, value);

/** One well-formed example per message type the leaderboard page may send. */
const VALID: Record<string, Record<string, unknown>> = {
  'webview/ready': {},
  'code/copy': { code: 'x' },
  'code/insert': { code: 'x' },
  'code/open': { code: 'x' },
  'link/open': { href: 'https://example.com/' },
  'leaderboard/filter': { period: '30d', tag: 'refactor' },
  'leaderboard/exportCsv': {},
};

describe('leaderboard protocol: validation of what the leaderboard page sends', () => {
  it('has a valid example for every message type the protocol declares', () => {
    assert.deepEqual(Object.keys(VALID).sort(), messageTypes(leaderboardMessageSchema).sort());
  });

  for (const [type, fields] of Object.entries(VALID)) {
    it(`accepts a well-formed ${type}`, () => {
      const result = validate({ type, ...fields });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepEqual(result.message, { type, ...fields });
    });
  }

  for (const [name, value] of [
    ['a period it does not offer', { type: 'leaderboard/filter', period: '2d' }],
    ['a tag over 40 characters', { type: 'leaderboard/filter', period: 'all', tag: 'x'.repeat(41) }],
    ['a compare message', { type: 'compare/pickWinner', column: 0 }],
  ] as const) {
    it(`refuses ${name}`, () => {
      assert.equal(validate(value).ok, false);
    });
  }
});
