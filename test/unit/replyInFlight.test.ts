import assert from 'node:assert/strict';
import { ReplyInFlight } from '../../src/host/chat/replyInFlight';

describe('the chat reply in flight', () => {
  it('is busy while its work runs, until settled; Stop aborts only the request it names; idle() waits for the end', async () => {
    const replies = new ReplyInFlight();
    let release: () => void = () => undefined;
    let signal: AbortSignal | undefined;
    let settle: () => void = () => undefined;
    const running = replies.run('r1', async (abortSignal, settled) => {
      signal = abortSignal;
      settle = settled;
      await new Promise<void>((resolve) => { release = resolve; });
    });
    assert.equal(replies.busy, true);
    assert.equal(replies.requestId, 'r1');
    replies.cancel('r0');
    assert.equal(signal?.aborted, false, 'another request id is not stopped');
    replies.cancel('r1');
    assert.equal(signal?.aborted, true);
    let idle = false;
    const waiting = replies.idle().then(() => { idle = true; });
    settle();
    assert.equal(replies.busy, false, 'settled ends the busy state before the work (saving) ends');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(idle, false, 'idle() waits for the work to end');
    release();
    await running;
    await waiting;
    assert.equal(idle, true);
  });

  it('is not busy after its work throws, and stop() on an idle chat resolves at once', async () => {
    const replies = new ReplyInFlight();
    await assert.rejects(replies.run('r2', async () => { throw new Error('boom'); }), /boom/);
    assert.equal(replies.busy, false);
    assert.equal(replies.requestId, undefined);
    await replies.stop();
  });
});
