import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  emptyReplyError, errorFromFinishReason, errorFromHttpResponse, errorFromStreamPayload, isRetryableStatus, localTime, networkError, parseRetryAfter,
} from '../../src/core/errors/httpErrors';
import type { ErrorCode } from '../../src/core/errors/switchboardError';
import { SwitchboardError } from '../../src/core/errors/switchboardError';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/core/chat/retryPolicy';
import { RECORDINGS_DIR } from '../support/fixtureServer';
import { ManualClock } from '../support/memoryPorts';

const openRouter = { id: 'openrouter', label: 'OpenRouter' };
const openAi = { id: 'openai', label: 'OpenAI' };
const anthropic = { id: 'anthropic', label: 'Anthropic' };
const gemini = { id: 'gemini', label: 'Google Gemini' };
const recording = (name: string): string => readFileSync(join(RECORDINGS_DIR, name), 'utf8');
/** the injected clock every mapping reads "now" from (epoch ms) */
const clock = new ManualClock();
const now = clock.now();

interface Row {
  name: string;
  source: { id: string; label: string };
  status: number;
  body: string;
  headers?: Record<string, string>;
  code: ErrorCode;
  retryable: boolean;
  message: RegExp;
  retryAfterMs?: number;
}

const realRows: Row[] = [
  { name: 'OpenRouter 401 missing auth header (real)', source: openRouter, status: 401, body: recording('openrouter-error-401-missing-auth-header.json'), code: 'authentication', retryable: false, message: /^OpenRouter rejected the API key.*Run 'Switchboard: Set API Key'\.$/ },
  { name: 'OpenRouter 401 no auth credentials (real)', source: openRouter, status: 401, body: recording('openrouter-error-401-no-auth-credentials.json'), code: 'authentication', retryable: false, message: /No auth credentials found/ },
  { name: 'OpenRouter 429 provider rate limited with Retry-After (real)', source: openRouter, status: 429, body: recording('openrouter-error-429-provider-rate-limited.json'), headers: { 'retry-after': '12' }, code: 'rate-limited', retryable: true, message: /^OpenRouter: rate limited \(upstream: Google\): "google\/gemini-2\.0-flash-exp:free is temporarily rate-limited upstream\. Please retry shortly, .*"; retry in 12 s\.$/, retryAfterMs: 12000 },
  { name: 'OpenRouter 400 context length (real)', source: openRouter, status: 400, body: recording('openrouter-error-400-context-length.json'), code: 'context-too-long', retryable: false, message: /too long for this model.*maximum context length is 200000/ },
  { name: 'OpenRouter 400 provider returned error with metadata.raw (real)', source: openRouter, status: 400, body: recording('openrouter-error-400-provider-returned-error.json'), code: 'provider-error', retryable: false, message: /upstream provider Anthropic returned an error: .*media_type/ },
  { name: 'OpenAI 401 invalid key (real)', source: openAi, status: 401, body: recording('openai-error-401.json'), code: 'authentication', retryable: false, message: /^OpenAI rejected the API key/ },
  { name: 'Anthropic 401 invalid x-api-key (real)', source: anthropic, status: 401, body: recording('anthropic-error-401.json'), code: 'authentication', retryable: false, message: /^Anthropic rejected the API key: "invalid x-api-key"\. Run 'Switchboard: Set API Key'\.$/ },
  { name: 'Gemini 400 API_KEY_INVALID (real)', source: gemini, status: 400, body: recording('gemini-error-400-invalid-api-key.json'), code: 'authentication', retryable: false, message: /^Google Gemini rejected the API key/ },
];

const documentedRows: Row[] = [
  { name: 'OpenRouter 402 out of credits', source: openRouter, status: 402, body: '{"error":{"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits","code":402}}', code: 'payment-required', retryable: false, message: /^OpenRouter: out of credits: "Insufficient credits\. Add more using https:\/\/openrouter\.ai\/settings\/credits"\. Add credits or lower max tokens\.$/ },
  { name: 'OpenRouter 402 balance does not cover max_tokens', source: openRouter, status: 402, body: '{"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 1234.","code":402}}', code: 'payment-required', retryable: false, message: /balance does not cover max tokens.*covers 1234.*lower max tokens/ },
  { name: 'OpenRouter 403 moderation with reasons', source: openRouter, status: 403, body: '{"error":{"code":403,"message":"Input was flagged","metadata":{"reasons":["harassment"],"flagged_input":"..."}}}', code: 'moderation', retryable: false, message: /flagged by moderation \(harassment\)/ },
  { name: 'OpenRouter 408', source: openRouter, status: 408, body: '{"error":{"code":408,"message":"Request timed out"}}', code: 'timeout', retryable: true, message: /timed out/ },
  { name: 'OpenRouter 429 with X-RateLimit-Reset in metadata.headers', source: openRouter, status: 429, body: JSON.stringify({ error: { code: 429, message: 'Rate limit exceeded: free-models-per-min.', metadata: { headers: { 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(now + 30_000) } } } }), code: 'rate-limited', retryable: true, message: /^OpenRouter: rate limited: "Rate limit exceeded: free-models-per-min\."; retry in 30 s\.$/, retryAfterMs: 30_000 },
  { name: 'OpenRouter 502 provider down', source: openRouter, status: 502, body: '{"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Fireworks","raw":"upstream connect error"}}}', code: 'provider-error', retryable: true, message: /Fireworks returned an error: upstream connect error\. Retry/ },
  { name: 'OpenRouter 503 no provider', source: openRouter, status: 503, body: '{"error":{"code":503,"message":"No available model provider that meets your routing requirements"}}', code: 'provider-error', retryable: true, message: /\(503\)/ },
  { name: 'OpenAI 500 server error', source: openAi, status: 500, body: '{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}', code: 'provider-error', retryable: true, message: /^OpenAI: server error \(500\)/ },
  { name: 'OpenAI 404 model not found', source: openAi, status: 404, body: '{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}}', code: 'no-such-model', retryable: false, message: /no such model/ },
  { name: 'Anthropic 529 overloaded', source: anthropic, status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', code: 'provider-error', retryable: true, message: /^Anthropic is overloaded/ },
  { name: 'Anthropic 400 prompt too long', source: anthropic, status: 400, body: '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 250000 tokens > 200000 maximum"}}', code: 'context-too-long', retryable: false, message: /too long/ },
  { name: 'Gemini 429 resource exhausted', source: gemini, status: 429, body: '{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}', code: 'rate-limited', retryable: true, message: /^Google Gemini: rate limited: "Resource has been exhausted"; wait a moment/ },
  { name: 'a 409 conflict', source: openAi, status: 409, body: '{}', code: 'provider-error', retryable: true, message: /409/ },
  { name: 'an HTML 502 page from a proxy (non-JSON body)', source: openAi, status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', code: 'provider-error', retryable: true, message: /502 Bad Gateway/ },
  { name: 'an empty 500 body', source: openAi, status: 500, body: '', code: 'provider-error', retryable: true, message: /server error \(500\)/ },
];

/** The status and the typed fields decide before the free text; a 5xx stays a retryable 5xx whatever it says. */
const typedRows: Row[] = [
  { name: 'a 502 whose message mentions the context window', source: openRouter, status: 502, body: '{"error":{"code":502,"message":"Upstream error: the context window service is unavailable"}}', code: 'provider-error', retryable: true, message: /^OpenRouter: the upstream provider is down or returned an invalid response \(502\): "Upstream error: the context window service is unavailable"\. Retry/ },
  { name: 'a plain-text 500 saying "prompt is too long"', source: openAi, status: 500, body: 'prompt is too long for the tokenizer worker', code: 'provider-error', retryable: true, message: /^OpenAI: server error \(500\): "prompt is too long for the tokenizer worker"/ },
  { name: 'a 500 saying "incorrect API key" (a server bug, not the key)', source: openAi, status: 500, body: '{"error":{"message":"Incorrect API key cache is unavailable","type":"server_error"}}', code: 'provider-error', retryable: true, message: /server error \(500\)/ },
  { name: 'OpenRouter metadata.error_type context_length_exceeded with a vague message', source: openRouter, status: 400, body: '{"error":{"code":400,"message":"Bad input","metadata":{"error_type":"context_length_exceeded"}}}', code: 'context-too-long', retryable: false, message: /too long for this model: "Bad input"/ },
  { name: 'Anthropic 404 not_found_error', source: anthropic, status: 404, body: '{"type":"error","error":{"type":"not_found_error","message":"model: claude-9"}}', code: 'no-such-model', retryable: false, message: /^Anthropic: no such model: "model: claude-9"/ },
  { name: 'Anthropic 500 api_error', source: anthropic, status: 500, body: '{"type":"error","error":{"type":"api_error","message":"Internal server error"}}', code: 'provider-error', retryable: true, message: /^Anthropic: server error \(500\): "Internal server error"/ },
  { name: 'Gemini 503 UNAVAILABLE', source: gemini, status: 503, body: '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}', code: 'provider-error', retryable: true, message: /^Google Gemini is overloaded \(503\): "The model is overloaded/ },
  { name: 'an OpenAI 400 with code context_length_exceeded', source: openAi, status: 400, body: '{"error":{"message":"Too much.","type":"invalid_request_error","code":"context_length_exceeded"}}', code: 'context-too-long', retryable: false, message: /too long for this model: "Too much\."/ },
];

describe('errorFromHttpResponse', () => {
  for (const row of [...realRows, ...documentedRows, ...typedRows]) {
    it(`maps ${row.name} to ${row.code}${row.retryable ? ' (retryable)' : ''}`, () => {
      const error = errorFromHttpResponse({ status: row.status, headers: row.headers ?? {}, bodyText: row.body, maxTokens: 16384 }, row.source, now);
      assert.ok(error instanceof SwitchboardError);
      assert.equal(error.code, row.code);
      assert.equal(error.isRetryable, row.retryable);
      assert.equal(error.status, row.status);
      assert.equal(error.provider, row.source.id);
      assert.match(error.message, row.message);
      if (row.retryAfterMs !== undefined) {
        assert.equal(error.retryAfterMs, row.retryAfterMs);
      }
    });
  }

  it('never puts a key from the body into the message or detail', () => {
    const body = '{"error":{"message":"Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz012345.","type":"invalid_request_error","code":"invalid_api_key"}}';
    const error = errorFromHttpResponse({ status: 401, headers: {}, bodyText: body }, openAi);
    assert.doesNotMatch(error.message, /abcdefghijklmnop/);
    assert.doesNotMatch(error.detail ?? '', /abcdefghijklmnop/);
    assert.doesNotMatch(JSON.stringify(error), /abcdefghijklmnop/);
  });

  it('keeps metadata.raw and provider_name in the detail for logs', () => {
    const error = errorFromHttpResponse({ status: 400, headers: {}, bodyText: recording('openrouter-error-400-provider-returned-error.json') }, openRouter);
    assert.match(error.detail ?? '', /provider Anthropic/);
    assert.match(error.detail ?? '', /raw .*invalid_request_error/);
  });
});

describe('OpenRouter\'s per-day quota of free-model requests', () => {
  const perDay = 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day';
  const resetAt = now + 11 * 3_600_000;
  const body = (metadataReset?: number): string => JSON.stringify({ error: { code: 429, message: perDay, metadata: metadataReset === undefined ? undefined : { headers: { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(metadataReset) } } } });
  const expectedMessage = (at: string): RegExp => new RegExp(`^OpenRouter: the per-day quota of free-model requests is used up: "Rate limit exceeded: free-models-per-day\\. Add 10 credits .*"${at}\\. Credits lift OpenRouter's free-model limits; or pick a paid model\\.$`);

  it('says it is a per-day quota, when it resets in local time and what lifts it, from the X-RateLimit-Reset header (epoch ms)', () => {
    const error = errorFromHttpResponse({ status: 429, headers: { 'x-ratelimit-reset': String(resetAt) }, bodyText: body() }, openRouter, now);
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.retryAfterMs, 11 * 3_600_000);
    assert.match(error.message, expectedMessage(`; it resets at ${localTime(resetAt).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(your local time\\)`));
    assert.equal(retryDelayMs(error, 1, DEFAULT_RETRY_POLICY, () => 0.5), undefined, 'not retried: the reset is beyond the retry ceiling');
  });

  it('reads the reset from metadata.headers too', () => {
    const error = errorFromHttpResponse({ status: 429, headers: {}, bodyText: body(resetAt) }, openRouter, now);
    assert.equal(error.retryAfterMs, 11 * 3_600_000);
    assert.match(error.message, new RegExp(`resets at ${localTime(resetAt)}`));
  });

  it('is not retried when the reset is not said', () => {
    const error = errorFromHttpResponse({ status: 429, headers: {}, bodyText: body() }, openRouter, now);
    assert.equal(error.isRetryable, false);
    assert.equal(retryDelayMs(error, 1, DEFAULT_RETRY_POLICY, () => 0.5), undefined);
    assert.match(error.message, expectedMessage(''));
  });

  it('formats the reset on the local clock', () => {
    const local = new Date(2026, 0, 16, 1, 5);
    assert.equal(localTime(local.getTime()), '2026-01-16 01:05');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => assert.equal(parseRetryAfter('12'), 12000));
  it('reads an HTTP date relative to now', () => assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 30000));
  it('returns undefined for absent or unreadable values', () => {
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('isRetryableStatus', () => {
  for (const [status, expected] of [[408, true], [409, true], [429, true], [500, true], [503, true], [529, true], [400, false], [401, false], [402, false], [403, false], [404, false]] as const) {
    it(`says ${status} is ${expected ? '' : 'not '}retryable`, () => assert.equal(isRetryableStatus(status), expected));
  }
});

describe('mid-stream and network errors', () => {
  it('maps the real OpenRouter mid-stream error chunk to mid-stream with its message', () => {
    const error = errorFromStreamPayload({ error: { code: 400, message: 'Token limit reached' } }, openRouter);
    assert.equal(error.code, 'mid-stream');
    assert.equal(error.isRetryable, false);
    assert.match(error.message, /^OpenRouter: the reply failed mid-stream: Token limit reached\. The text so far is kept/);
  });

  it('maps an Anthropic overloaded event: error to a retryable mid-stream error', () => {
    const error = errorFromStreamPayload({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, anthropic);
    assert.equal(error.code, 'mid-stream');
    assert.equal(error.isRetryable, true);
  });

  it('maps finish_reason "error" and an empty reply', () => {
    assert.equal(errorFromFinishReason('error', openRouter).code, 'mid-stream');
    const empty = emptyReplyError(openRouter);
    assert.equal(empty.code, 'empty-reply');
    assert.match(empty.message, /^OpenRouter: the model returned an empty reply\. Retry/);
    assert.equal(empty.isRetryable, true);
  });

  it('relabels a transport error with the provider, once', () => {
    const transportError = new SwitchboardError({ code: 'connection', message: 'Could not reach example.com (ECONNREFUSED).', isRetryable: true });
    const first = networkError(transportError, openAi);
    assert.equal(first.message, 'OpenAI: could not reach example.com (ECONNREFUSED).');
    assert.equal(networkError(first, openAi), first);
  });

  it('maps an unknown thrown value to a retryable connection error', () => {
    const error = networkError(new Error('socket hang up'), openAi, 'mid-reply');
    assert.equal(error.code, 'connection');
    assert.equal(error.isRetryable, true);
    assert.match(error.message, /text so far is kept/);
  });
});
