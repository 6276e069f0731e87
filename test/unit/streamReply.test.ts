import assert from 'node:assert/strict';
import { SwitchboardError } from '../../src/core/index';
import { StreamCoalescer } from '../../src/host/replies/streamCoalescer';
import type { StoredMessage } from '../../src/host/conversations/conversation';
import { applyStreamPart } from '../../src/host/replies/streamReply';
import { briefReason } from '../../src/host/replies/streamStatus';
import type { HostToWebview } from '../../src/shared/chat/protocol';

describe('applyStreamPart (chat message or compare column)', () => {
  const rateLimited = new SwitchboardError({ code: 'rate-limited', message: 'OpenRouter: rate limited; retry in 12 s.', provider: 'openrouter', status: 429, isRetryable: true, retryAfterMs: 12_000 });

  it('adds text and reasoning to the reply and posts a retry, then a fallback, as the status of one coalesced delta', () => {
    const posted: HostToWebview[] = [];
    const coalescer = new StreamCoalescer('r1', 'm1', (message) => posted.push(message));
    const reply: StoredMessage = { id: 'm1', role: 'assistant', text: '', status: 'streaming', createdAt: 0, meta: { requestedModel: 'a:x', servedModel: 'a:x', cost: { kind: 'unknown' } } };
    const name = (model: string) => model.toUpperCase();
    applyStreamPart(reply, { type: 'retrying', attempt: 2, maxAttempts: 3, delayMs: 12_000, error: rateLimited }, coalescer, name);
    coalescer.flush();
    applyStreamPart(reply, { type: 'fallback', from: 'a:x', to: 'b:y', error: rateLimited }, coalescer, name);
    applyStreamPart(reply, { type: 'reasoning-delta', text: 'hm' }, coalescer, name);
    applyStreamPart(reply, { type: 'text-delta', text: 'Hi' }, coalescer, name);
    applyStreamPart(reply, { type: 'response-metadata', upstreamProvider: 'Azure' }, coalescer, name);
    coalescer.end();
    assert.equal(reply.text, 'Hi');
    assert.equal(reply.reasoning, 'hm');
    assert.equal(reply.meta?.upstreamProvider, 'Azure');
    const deltas = posted.flatMap((message) => (message.type === 'stream/part' ? [message.delta] : []));
    assert.equal(deltas.length, 2);
    assert.deepEqual({ ...deltas[0]!.status, untilEpochMs: undefined }, { kind: 'retrying', message: 'OpenRouter rate limited', untilEpochMs: undefined, attempt: 2, maxAttempts: 3 });
    assert.ok(deltas[0]!.status!.untilEpochMs! > Date.now() + 10_000, 'counts down from now to the retry');
    assert.deepEqual(deltas[1], { text: 'Hi', reasoning: 'hm', status: { kind: 'fallback', message: 'fell back from A:X to B:Y: OpenRouter rate limited' } });
  });

  it('keeps the first clause of an error as the reason, without the advice', () => {
    assert.equal(briefReason(rateLimited), 'OpenRouter rate limited');
    assert.equal(briefReason(new SwitchboardError({ code: 'provider-error', message: 'Anthropic is overloaded (529). Retry in a moment, or pick another model.' })), 'Anthropic is overloaded (529)');
  });
});
