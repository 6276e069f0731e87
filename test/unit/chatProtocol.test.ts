import assert from 'node:assert/strict';
import { messageTypes, validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { chatMessageSchema } from '../../src/shared/chat/protocol';

const validate = (value: unknown) => validateWebviewMessage(chatMessageSchema, value);

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
  'error/action': { action: 'set-key', provider: 'openrouter', messageId: 'm1' },
  'compare/open': {},
  'history/search': { query: 'budget cap' },
  'history/rename': { conversationId: 'c_1' },
  'chat/attach': {},
  'chat/attachImage': { name: 'shot.png', data: 'data:image/png;base64,iVBORw0KGgo=' },
  'chat/detach': { attachmentId: 'a1' },
  'chat/fork': { messageId: 'm1' },
  'key/signIn': {},
};

describe('chat protocol: validation of what the chat view sends', () => {
  it('has a valid example for every message type the protocol declares', () => {
    assert.deepEqual(Object.keys(VALID).sort(), messageTypes(chatMessageSchema).sort());
  });

  for (const [type, fields] of Object.entries(VALID)) {
    it(`accepts a well-formed ${type} and returns the same fields`, () => {
      const result = validate({ type, ...fields });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepEqual(result.message, { type, ...fields });
    });
  }

  it('accepts every error action a button can send, including lower-max-tokens from a 402', () => {
    for (const action of ['set-key', 'pick-model', 'open-settings', 'open-budget', 'retry', 'add-credits', 'lower-max-tokens']) {
      const result = validate({ type: 'error/action', action, messageId: 'm1' });
      assert.ok(result.ok, `${action}: ${result.ok ? '' : result.reason}`);
    }
  });

  it('drops fields the protocol does not declare', () => {
    const result = validate({ type: 'chat/cancel', requestId: 'r1', __proto_pollution: { admin: true }, extra: 'x' });
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
    ['an image larger than the 8 million characters a 5 MB image needs', { type: 'chat/attachImage', name: 'big.png', data: 'A'.repeat(8_000_001) }],
    ['an attachment id that walks out of the folder', { type: 'chat/detach', attachmentId: '../a' }],
    ['an error action that does not exist', { type: 'error/action', action: 'run-command' }],
    ['a compare panel message', { type: 'compare/start', requestId: 'r2', prompt: 'compare this' }],
    ['a language with markup', { type: 'code/open', code: 'x', language: '<script>' }],
    ['a link longer than 8192 characters', { type: 'link/open', href: `https://example.com/${'a'.repeat(8192)}` }],
    ['code/copy without code', { type: 'code/copy' }],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}, with a reason`, () => {
      const result = validate(value);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.length > 0);
    });
  }

  it('says which field is wrong and how', () => {
    const result = validate({ type: 'chat/send', requestId: '../r1', text: 'hi' });
    assert.ok(!result.ok);
    assert.equal(result.reason, 'chat/send: requestId has unexpected characters');
    const missing = validate({ type: 'chat/send', text: 'hi' });
    assert.ok(!missing.ok && missing.reason === 'chat/send: missing requestId', missing.ok ? '' : missing.reason);
  });

  it('does not echo a long payload in the reason', () => {
    const result = validate({ type: 'x'.repeat(10_000) });
    assert.ok(!result.ok && result.reason.length < 200);
    const long = validate({ type: 'chat/send', requestId: 'r1', text: 'x'.repeat(300_000) });
    assert.ok(!long.ok && long.reason.length < 200);
  });
});
