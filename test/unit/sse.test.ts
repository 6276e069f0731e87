import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeServerSentEventBatches, decodeServerSentEvents, type ServerSentItem } from '../../src/core/sse/serverSentEvents';
import { bytesOf } from '../support/streamHelpers';
import { RECORDINGS_DIR } from '../support/fixtureServer';

async function decode(pieces: (string | Uint8Array)[]): Promise<ServerSentItem[]> {
  const items: ServerSentItem[] = [];
  for await (const item of decodeServerSentEvents(bytesOf(pieces))) {
    items.push(item);
  }
  return items;
}

function split(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    pieces.push(bytes.subarray(start, offset));
    start = offset;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

describe('decodeServerSentEvents', () => {
  it('decodes data lines separated by LF', async () => {
    assert.deepEqual(await decode(['data: one\n\ndata: two\n\n']), [{ type: 'event', data: 'one' }, { type: 'event', data: 'two' }]);
  });

  it('treats CRLF and lone CR as line ends, also when CRLF is split across reads', async () => {
    assert.deepEqual(await decode(['data: a\r', '\n\r', '\ndata: b\r\rdata: c\r\n\r\n']), [
      { type: 'event', data: 'a' }, { type: 'event', data: 'b' }, { type: 'event', data: 'c' },
    ]);
  });

  it('joins a multi-byte UTF-8 character split across reads', async () => {
    const bytes = new TextEncoder().encode('data: 温度 € 😀\n\n');
    for (let offset = 1; offset < bytes.length; offset += 1) {
      assert.deepEqual(await decode(split(bytes, [offset])), [{ type: 'event', data: '温度 € 😀' }], `split at ${offset}`);
    }
  });

  it('joins multi-line data with newlines', async () => {
    assert.deepEqual(await decode(['data: first\ndata:second\ndata:  third\n\n']), [{ type: 'event', data: 'first\nsecond\n third' }]);
  });

  it('yields comments, such as OpenRouter\'s queue notice, as comments', async () => {
    assert.deepEqual(await decode([': OPENROUTER PROCESSING\n\ndata: x\n\n']), [{ type: 'comment', text: 'OPENROUTER PROCESSING' }, { type: 'event', data: 'x' }]);
  });

  it('keeps named events and ids, and resets the name after each event', async () => {
    assert.deepEqual(await decode(['event: message_start\nid: 7\ndata: {}\n\ndata: plain\n\n']), [
      { type: 'event', event: 'message_start', id: '7', data: '{}' }, { type: 'event', id: '7', data: 'plain' },
    ]);
  });

  it('leaves [DONE] to the provider as plain data', async () => {
    assert.deepEqual(await decode(['data: [DONE]\n\n']), [{ type: 'event', data: '[DONE]' }]);
  });

  it('dispatches the pending event when the body ends without a blank line', async () => {
    assert.deepEqual(await decode(['data: last']), [{ type: 'event', data: 'last' }]);
    assert.deepEqual(await decode(['data: last\r\n']), [{ type: 'event', data: 'last' }]);
  });

  it('ignores events with no data field, retry and unknown fields', async () => {
    assert.deepEqual(await decode(['event: ping\n\nretry: 10\nfoo: bar\ndata: x\n\n']), [{ type: 'event', data: 'x' }]);
  });

  it('reads a 1 MB single line delivered in 64 KiB reads', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const bytes = new TextEncoder().encode(`data: ${big}\n\ndata: after\n\n`);
    const offsets: number[] = [];
    for (let offset = 65536; offset < bytes.length; offset += 65536) {
      offsets.push(offset);
    }
    const items = await decode(split(bytes, offsets));
    assert.equal(items.length, 2);
    assert.equal((items[0] as { data: string }).data.length, big.length);
    assert.deepEqual(items[1], { type: 'event', data: 'after' });
  });

  for (const file of ['openrouter-chat-stream-usage.sse', 'anthropic-messages-stream.sse', 'gemini-2.5-flash-stream-generate-content.sse']) {
    it(`decodes ${file} the same whatever byte it is split at`, async () => {
      const bytes = new Uint8Array(readFileSync(join(RECORDINGS_DIR, file)));
      const whole = await decode([bytes]);
      assert.ok(whole.length > 2);
      for (let offset = 1; offset < bytes.length; offset += 1) {
        assert.deepEqual(await decode(split(bytes, [offset])), whole, `split at ${offset}`);
      }
    });
  }

  it('yields the items of each read as one batch, never an empty one', async () => {
    const batches: ServerSentItem[][] = [];
    for await (const batch of decodeServerSentEventBatches(bytesOf(['data: a\n\ndata: b\n\nda', 'ta: c', '\n\n', 'data: tail']))) {
      batches.push(batch);
    }
    assert.deepEqual(batches, [
      [{ type: 'event', data: 'a' }, { type: 'event', data: 'b' }],
      [{ type: 'event', data: 'c' }],
      [{ type: 'event', data: 'tail' }],
    ]);
  });

  it('decodes the Gemini recording\'s CRLF framing into whole JSON events', async () => {
    const bytes = new Uint8Array(readFileSync(join(RECORDINGS_DIR, 'gemini-2.5-flash-stream-generate-content.sse')));
    const items = await decode([bytes]);
    assert.equal(items.length, 3);
    for (const item of items) {
      assert.equal(item.type, 'event');
      assert.doesNotThrow(() => JSON.parse((item as { data: string }).data));
    }
  });
});
