import { strict as assert } from 'node:assert';
import { readRecording, startFixtureServer, type FaultName, type FixtureServer, type WireFormat } from '../support/fixtureServer';
import { collectStream, type CollectedStream } from '../support/streamHelpers';
import { createUndiciTransport } from '../../src/core/transport/undiciTransport';
import { BUILT_IN_PROVIDERS, createProvider } from '../../src/core/providers/presets';
import type { ChatProvider, ChatRequest } from '../../src/core/providers/chatProvider';
import type { ErrorCode } from '../../src/core/errors/switchboardError';
import type { Transport } from '../../src/core/transport/transport';

const KEY = 'sk-test-0123456789abcdef0123456789';

/** One provider per wire format, with a model whose recording has text to keep. */
const FORMATS: { format: Exclude<WireFormat, 'replay'>; providerId: string; model: string; label: string }[] = [
  { format: 'openrouter', providerId: 'openrouter', model: 'openai/gpt-4o', label: 'OpenRouter' },
  { format: 'openai', providerId: 'openai', model: 'gpt-4o-mini', label: 'OpenAI' },
  { format: 'anthropic', providerId: 'anthropic', model: 'claude-sonnet-4-0', label: 'Anthropic' },
  { format: 'gemini', providerId: 'gemini', model: 'gemini-2.5-flash', label: 'Google Gemini' },
];

/** Expected error code per HTTP fault and format (Gemini answers a bad key with 400 API_KEY_INVALID). */
const HTTP_FAULTS: { fault: FaultName; code: Partial<Record<WireFormat, ErrorCode>> & { default: ErrorCode }; retryable: boolean }[] = [
  { fault: 'fault/401', code: { default: 'authentication' }, retryable: false },
  { fault: 'fault/402', code: { default: 'payment-required' }, retryable: false },
  { fault: 'fault/403', code: { default: 'authentication', openrouter: 'moderation', openai: 'moderation' }, retryable: false },
  { fault: 'fault/408', code: { default: 'timeout' }, retryable: true },
  { fault: 'fault/429', code: { default: 'rate-limited' }, retryable: true },
  { fault: 'fault/500', code: { default: 'provider-error' }, retryable: true },
  { fault: 'fault/502', code: { default: 'provider-error' }, retryable: true },
  { fault: 'fault/503', code: { default: 'provider-error' }, retryable: true },
  { fault: 'fault/context-length', code: { default: 'context-too-long' }, retryable: false },
];

describe('faults, per wire format, through the real transport', () => {
  let server: FixtureServer;
  let transport: Transport;
  const full = new Map<string, CollectedStream>();
  const providerFor = (format: Exclude<WireFormat, 'replay'>, providerId: string): ChatProvider => {
    const builtIn = BUILT_IN_PROVIDERS.find((descriptor) => descriptor.id === providerId)!;
    return createProvider({ ...builtIn, baseUrl: server.baseUrls[format] }, { transport, getApiKey: async () => KEY });
  };
  const run = (item: (typeof FORMATS)[number], request: Partial<ChatRequest> = {}): Promise<CollectedStream> =>
    collectStream(providerFor(item.format, item.providerId).stream({ model: item.model, messages: [{ role: 'user', content: 'Hi' }], ...request }));

  before(async () => {
    server = await startFixtureServer();
    transport = createUndiciTransport({ idleTimeoutMs: 400, firstByteTimeoutMs: 2000 });
    for (const item of FORMATS) {
      const collected = await run(item);
      assert.equal(collected.finish?.reason, 'stop', `${item.format} baseline`);
      full.set(item.format, collected);
    }
  });
  after(async () => {
    await transport.close();
    await server.close();
  });

  /** The partial output kept on error must be a prefix of the full reply. */
  const assertPartialKept = (format: string, collected: CollectedStream, nonEmpty: boolean): void => {
    const whole = full.get(format)!;
    assert.ok(whole.text.startsWith(collected.text), `${format}: kept text is a prefix of the full reply`);
    assert.ok(whole.reasoning.startsWith(collected.reasoning), `${format}: kept reasoning is a prefix`);
    if (nonEmpty) {
      assert.ok(collected.text.length + collected.reasoning.length > 0, `${format}: some output was kept`);
    }
    assert.equal(collected.parts.filter((part) => part.type === 'finish' || part.type === 'error').length, 1, 'exactly one final part');
    assert.equal(collected.parts[collected.parts.length - 1].type, 'error', 'the error part is last');
  };

  for (const item of FORMATS) {
    describe(item.label, () => {
      for (const row of HTTP_FAULTS) {
        const code = row.code[item.format] ?? row.code.default;
        it(`ends ${row.fault} in ${code} with the provider's name in the message`, async () => {
          const collected = await run(item, { model: row.fault });
          assert.equal(collected.error?.code, code, collected.error?.message);
          assert.equal(collected.error?.isRetryable, row.retryable);
          assert.equal(collected.error?.provider, item.providerId);
          assert.ok(collected.error?.message.startsWith(item.label), collected.error?.message);
          assert.equal(collected.text, '');
          if (row.fault === 'fault/429') {
            assert.equal(collected.error?.retryAfterMs, 12_000);
            assert.match(collected.error?.message ?? '', /retry in 12 s/);
          }
          assert.doesNotMatch(JSON.stringify(collected.error) + (collected.error?.detail ?? ''), /0123456789abcdef/);
        });
      }

      it('keeps the partial reply and ends in a connection error when the socket is cut mid-stream', async () => {
        const collected = await run(item, { model: 'fault/cut-midstream' });
        assert.equal(collected.error?.code, 'connection', collected.error?.message);
        assert.equal(collected.error?.isRetryable, true);
        assert.match(collected.error?.message ?? '', /text so far is kept/);
        assertPartialKept(item.format, collected, true);
      });

      it('keeps the partial reply and ends in mid-stream when the body ends without its end marker', async () => {
        const collected = await run(item, { model: 'fault/cut-no-done' });
        assert.equal(collected.error?.code, 'mid-stream', collected.error?.message);
        assertPartialKept(item.format, collected, true);
      });

      it('ends in a connection error when the connection resets before the headers', async () => {
        const collected = await run(item, { model: 'fault/reset-before-headers' });
        assert.equal(collected.error?.code, 'connection', collected.error?.message);
        assert.equal(collected.text, '');
      });

      it('keeps the partial reply and ends in a timeout when the stream stalls past the idle timeout', async () => {
        const collected = await run(item, { model: 'fault/stall' });
        assert.equal(collected.error?.code, 'timeout', collected.error?.message);
        assert.equal(collected.error?.isRetryable, true);
        assertPartialKept(item.format, collected, true);
      });

      it('keeps the partial reply and ends in mid-stream on a malformed JSON line', async () => {
        const collected = await run(item, { model: 'fault/malformed-json' });
        assert.equal(collected.error?.code, 'mid-stream', collected.error?.message);
        assertPartialKept(item.format, collected, true);
      });

      it('keeps the partial reply and ends in mid-stream on an error inside the 200 stream', async () => {
        const collected = await run(item, { model: 'fault/midstream-error' });
        assert.equal(collected.error?.code, 'mid-stream', collected.error?.message);
        assert.ok(collected.text.length + collected.reasoning.length > 0);
        assert.equal(collected.parts[collected.parts.length - 1].type, 'error');
      });

      it('ends an empty 200 reply in a retryable empty-reply error', async () => {
        const collected = await run(item, { model: 'fault/empty-200' });
        assert.equal(collected.error?.code, 'empty-reply', collected.error?.message);
        assert.equal(collected.error?.isRetryable, true);
      });

      it('reads a 1 MB single-line delta', async () => {
        const collected = await run(item, { model: 'big/1mb-line' });
        assert.equal(collected.error, undefined, collected.error?.message);
        assert.equal(collected.text.length, 1024 * 1024 + ' done'.length);
        assert.equal(collected.finish?.reason, 'stop');
      });

      it('gives the same parts when every write is one byte', async () => {
        server.nextFault({ writeSize: 1 });
        const collected = await run(item);
        assert.deepEqual(collected.merged, full.get(item.format)!.merged);
      });

      it('gives the same parts with delays between split writes', async () => {
        server.nextFault({ splitAt: [7, 64, 65, 300, 301, 302], delayMs: 15 });
        const collected = await run(item);
        assert.deepEqual(collected.merged, full.get(item.format)!.merged);
      });

      it('stops with an aborted error and keeps the text when the signal fires mid-stream', async () => {
        const controller = new AbortController();
        const parts: string[] = [];
        let error: CollectedStream['error'];
        for await (const part of providerFor(item.format, item.providerId).stream({ model: 'slow/long-reply', messages: [{ role: 'user', content: 'Hi' }], signal: controller.signal })) {
          if (part.type === 'text-delta') {
            parts.push(part.text);
            if (parts.length === 3) {
              controller.abort();
            }
          }
          if (part.type === 'error') {
            error = part.error;
          }
        }
        assert.equal(error?.code, 'aborted');
        assert.ok(parts.length >= 3);
        assert.ok(parts.join('').startsWith('This is a'));
      });

      it('frees the request on the server when the caller breaks out of the loop', async () => {
        const index = server.requests.length;
        let deltas = 0;
        for await (const part of providerFor(item.format, item.providerId).stream({ model: 'slow/long-reply', messages: [{ role: 'user', content: 'Hi' }] })) {
          if (part.type === 'text-delta' && ++deltas === 2) {
            break;
          }
        }
        assert.equal(await server.responseOutcome(server.requests[index]), 'closed-early');
      });
    });
  }

  describe('a short stream split at every byte offset', () => {
    const SHORT: Record<Exclude<WireFormat, 'replay'>, string> = {
      openrouter: 'openrouter-chat-stream-usage.sse',
      openai: 'openai-chat-stream-text-usage.sse',
      anthropic: 'anthropic-messages-stream.sse',
      gemini: 'gemini-2.5-flash-stream-generate-content.sse',
    };
    for (const item of FORMATS) {
      it(`${item.label}: gives the same parts whatever byte ${SHORT[item.format]} is split at`, async function () {
        this.timeout(120_000);
        const recording = SHORT[item.format];
        server.nextFault({ recording });
        const whole = await run(item);
        assert.equal(whole.finish?.reason, 'stop');
        const length = readRecording(recording).length;
        for (let offset = 1; offset < length; offset += 1) {
          server.nextFault({ recording, splitAt: [offset] });
          const collected = await run(item);
          assert.deepEqual(collected.merged, whole.merged, `split at ${offset}`);
        }
      });
    }
  });
});
