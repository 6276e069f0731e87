import assert from 'node:assert/strict';
import { validateWebviewMessage } from '../../src/host/validateMessage';
import { WEBVIEW_TO_HOST_TYPES } from '../../src/shared/protocol';

/** One well-formed example per message type the host accepts. */
const VALID: Record<string, Record<string, unknown>> = {
  'webview/ready': {},
  'chat/send': { requestId: 'r1', text: 'hello' },
  'chat/cancel': { requestId: 'r1' },
  'chat/retry': { messageId: 'm1' },
  'chat/edit': { messageId: 'm1', text: 'hello again' },
  'chat/new': {},
  'chat/estimate': { text: 'how much?' },
  'model/select': { model: 'openrouter:openai/gpt-4o-mini' },
  'model/pick': {},
  'key/set': { provider: 'openrouter' },
  'history/open': { conversationId: 'c_1' },
  'history/delete': { conversationId: 'c-1' },
  'history/export': {},
  'code/copy': { code: 'let x = 1;' },
  'code/insert': { code: 'let x = 1;' },
  'code/open': { code: 'print(1)', language: 'python' },
  'link/open': { href: 'https://example.com/' },
  'error/action': { action: 'set-key', provider: 'openrouter' },
  'compare/open': {},
  'compare/start': { requestId: 'r2', prompt: 'compare this' },
  'compare/cancel': { requestId: 'r2', column: 3 },
  'compare/pickWinner': { column: 0 },
  'compare/continueInChat': { column: 5 },
  'compare/pickModels': {},
  'compare/export': {},
  'compare/estimate': { text: 'x' },
};

describe('validateWebviewMessage', () => {
  it('has a valid example for every message type the protocol declares', () => {
    assert.deepEqual(Object.keys(VALID).sort(), [...WEBVIEW_TO_HOST_TYPES].sort());
  });

  for (const [type, fields] of Object.entries(VALID)) {
    it(`accepts a well-formed ${type} and returns the same fields`, () => {
      const result = validateWebviewMessage({ type, ...fields });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepEqual(result.message, { type, ...fields });
    });
  }

  it('accepts every error action a button can send, including lower-max-tokens from a 402', () => {
    for (const action of ['set-key', 'pick-model', 'open-settings', 'retry', 'add-credits', 'lower-max-tokens']) {
      const result = validateWebviewMessage({ type: 'error/action', action, messageId: 'm1' });
      assert.ok(result.ok, `${action}: ${result.ok ? '' : result.reason}`);
    }
  });

  it('drops fields the protocol does not declare', () => {
    const result = validateWebviewMessage({ type: 'chat/cancel', requestId: 'r1', __proto_pollution: { admin: true }, extra: 'x' });
    assert.ok(result.ok);
    assert.deepEqual(result.message, { type: 'chat/cancel', requestId: 'r1' });
  });

  const refused: [string, unknown][] = [
    ['null', null],
    ['a string', 'chat/new'],
    ['an array', [{ type: 'chat/new' }]],
    ['a message without a type', { text: 'hi' }],
    ['an unknown type', { type: 'shell/exec', command: 'rm -rf /' }],
    ['a type that is not a string', { type: 42 }],
    ['chat/send without a requestId', { type: 'chat/send', text: 'hi' }],
    ['chat/send with a numeric text', { type: 'chat/send', requestId: 'r1', text: 42 }],
    ['chat/send with a text over 200k characters', { type: 'chat/send', requestId: 'r1', text: 'x'.repeat(200_001) }],
    ['a requestId with a slash', { type: 'chat/cancel', requestId: '../r1' }],
    ['a requestId longer than 100 characters', { type: 'chat/cancel', requestId: 'r'.repeat(101) }],
    ['a conversation id that walks out of the folder', { type: 'history/open', conversationId: '../../secrets' }],
    ['a conversation id with a dot', { type: 'history/delete', conversationId: 'a.json' }],
    ['a model id without a provider', { type: 'model/select', model: 'gpt-4o' }],
    ['a model id with spaces', { type: 'model/select', model: 'openrouter:gpt 4o' }],
    ['a provider id with a space', { type: 'key/set', provider: 'open router' }],
    ['an error action that does not exist', { type: 'error/action', action: 'run-command' }],
    ['a column out of range', { type: 'compare/pickWinner', column: 6 }],
    ['a negative column', { type: 'compare/pickWinner', column: -1 }],
    ['a fractional column', { type: 'compare/pickWinner', column: 1.5 }],
    ['a column given as text', { type: 'compare/pickWinner', column: '1' }],
    ['a language with markup', { type: 'code/open', code: 'x', language: '<script>' }],
    ['a link longer than 8192 characters', { type: 'link/open', href: `https://example.com/${'a'.repeat(8192)}` }],
    ['code/copy without code', { type: 'code/copy' }],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}, with a reason`, () => {
      const result = validateWebviewMessage(value);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.length > 0);
    });
  }

  it('does not echo a long payload in the reason', () => {
    const result = validateWebviewMessage({ type: 'x'.repeat(10_000) });
    assert.ok(!result.ok && result.reason.length < 200);
  });
});
