import { strict as assert } from 'node:assert';
import { redactHeaders, redactSecrets } from '../../src/core/errors/redact';

// Key-shaped test values are assembled at run time, so no string in the repository looks like a real key.
const openRouterKey = `sk-or-v1-${'0123456789abcdef'.repeat(3)}`;
const anthropicKey = `sk-ant-api03-${'AbCdEfGhIjKlMnOp'}QrStUvWx-yz_0123`;
const googleKey = `AIza${'SyA-1234567890'}abcdefghijklmnopqrstu`;

describe('redactSecrets', () => {
  const cases: [string, string, RegExp][] = [
    ['an OpenRouter key', `key ${openRouterKey}`, /sk-or-v1-\[REDACTED\]/],
    ['an Anthropic key', anthropicKey, /sk-ant-\[REDACTED\]/],
    ['an OpenAI project key', 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345', /sk-\[REDACTED\]/],
    ['a Google key', googleKey, /AIza\[REDACTED\]/],
    ['a bearer token', 'Authorization: Bearer abc.def.ghi-123456', /Authorization: Bearer \[REDACTED\]/],
    ['a JSON api_key field', '{"api_key":"hunter2hunter2"}', /"api_key":"\[REDACTED\]"/],
    ['an x-api-key header line', 'x-api-key: plainsecretvalue', /x-api-key: \[REDACTED\]/],
    ['a key in a query string', 'https://host/v1beta/models?key=secretvalue&alt=sse', /key=\[REDACTED\]&alt=sse/],
  ];
  for (const [name, input, expected] of cases) {
    it(`redacts ${name}`, () => {
      const output = redactSecrets(input);
      assert.match(output, expected);
    });
  }

  it('leaves ordinary text alone', () => {
    const text = 'OpenRouter: rate limited; retry in 12 s. Ask for a sketch of the task.';
    assert.equal(redactSecrets(text), text);
  });
});

describe('redactHeaders', () => {
  it('replaces credential headers whatever their case and keeps the rest', () => {
    const headers = redactHeaders({ Authorization: 'Bearer sk-or-v1-abcdefabcdefabcdef', 'x-api-key': 'sk-ant-abcdefabcdefabcd', 'X-Goog-Api-Key': googleKey, 'content-type': 'application/json', 'HTTP-Referer': 'https://github.com/switchboard-dev/switchboard' });
    assert.deepEqual(headers, {
      Authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', 'X-Goog-Api-Key': '[REDACTED]', 'content-type': 'application/json', 'HTTP-Referer': 'https://github.com/switchboard-dev/switchboard',
    });
  });

  it('redacts key-shaped values in other headers', () => {
    assert.deepEqual(redactHeaders({ 'x-custom': 'sk-or-v1-abcdefabcdefabcdef' }), { 'x-custom': 'sk-or-v1-[REDACTED]' });
  });
});
