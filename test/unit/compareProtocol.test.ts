import assert from 'node:assert/strict';
import { messageTypes, validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { compareMessageSchema } from '../../src/shared/compare/protocol';
import { MAX_COMPARE_COLUMNS } from '../../src/shared/compare/limits';

const validate = (value: unknown) => validateWebviewMessage(compareMessageSchema, value);

/** One well-formed example per message type the compare panel may send. */
const VALID: Record<string, Record<string, unknown>> = {
  'webview/ready': {},
  'code/copy': { code: 'let x = 1;' },
  'code/insert': { code: 'let x = 1;' },
  'code/open': { code: 'print(1)', language: 'python' },
  'link/open': { href: 'https://example.com/' },
  'compare/start': { requestId: 'r2', prompt: 'compare this' },
  'compare/cancel': { requestId: 'r2', column: 3 },
  'compare/pickWinner': { column: 0 },
  'compare/continueInChat': { column: MAX_COMPARE_COLUMNS - 1 },
  'compare/pickModels': {},
  'compare/export': {},
  'compare/estimate': { text: 'x' },
  'compare/setBlind': { blind: true },
  'compare/reveal': {},
  'compare/setTags': { tags: ['refactor', 'explain'] },
  'compare/rerun': { column: 2 },
  'compare/replaceModel': { column: 1 },
  'compare/diff': { column: 0 },
  'compare/followUp': { requestId: 'r3', column: 1, text: 'and in Rust?' },
  'compare/retryFollowUp': { column: 1 },
  'error/action': { action: 'retry', provider: 'openrouter', column: 1 },
};

describe('compare protocol: validation of what the compare panel sends', () => {
  it('has a valid example for every message type the protocol declares', () => {
    assert.deepEqual(Object.keys(VALID).sort(), messageTypes(compareMessageSchema).sort());
  });

  for (const [type, fields] of Object.entries(VALID)) {
    it(`accepts a well-formed ${type} and returns the same fields`, () => {
      const result = validate({ type, ...fields });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepEqual(result.message, { type, ...fields });
    });
  }

  const refused: [string, unknown][] = [
    ['a column past the last one', { type: 'compare/pickWinner', column: MAX_COMPARE_COLUMNS }],
    ['a negative column', { type: 'compare/pickWinner', column: -1 }],
    ['a fractional column', { type: 'compare/pickWinner', column: 1.5 }],
    ['a column given as text', { type: 'compare/pickWinner', column: '1' }],
    ['a cancel with a column out of range', { type: 'compare/cancel', requestId: 'r2', column: 99 }],
    ['an error action with a column out of range', { type: 'error/action', action: 'retry', column: 6 }],
    ['a prompt over 200k characters', { type: 'compare/start', requestId: 'r2', prompt: 'x'.repeat(200_001) }],
    ['a requestId with a slash', { type: 'compare/start', requestId: 'a/b', prompt: 'x' }],
    ['a blind toggle that is not a boolean', { type: 'compare/setBlind', blind: 'yes' }],
    ['more than 20 tags', { type: 'compare/setTags', tags: Array.from({ length: 21 }, (_unused, index) => `t${index}`) }],
    ['a tag over 40 characters', { type: 'compare/setTags', tags: ['x'.repeat(41)] }],
    ['a diff of a column out of range', { type: 'compare/diff', column: MAX_COMPARE_COLUMNS }],
    ['a follow-up to a column out of range', { type: 'compare/followUp', requestId: 'r3', column: MAX_COMPARE_COLUMNS, text: 'x' }],
    ['a follow-up over 200k characters', { type: 'compare/followUp', requestId: 'r3', column: 0, text: 'x'.repeat(200_001) }],
    ['a chat view message', { type: 'chat/send', requestId: 'r1', text: 'hi' }],
    ['a message without a type', { prompt: 'hi' }],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}, with a reason`, () => {
      const result = validate(value);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.length > 0);
    });
  }

  it('names the column and the range problem in the reason', () => {
    const result = validate({ type: 'compare/pickWinner', column: 6 });
    assert.ok(!result.ok);
    assert.equal(result.reason, 'compare/pickWinner: column is out of range');
  });
});
