import assert from 'node:assert/strict';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Hi' }];

/** SYNTHETIC: the framing of the real `anthropic-messages-stream.sse`, with prompt-cache counts in message_start. */
const cachedStream = [
  ['message_start', '{"type":"message_start","message":{"id":"msg_cache01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":5,"cache_creation_input_tokens":20,"cache_read_input_tokens":100,"output_tokens":1}}}'],
  ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
  ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello."}}'],
  ['content_block_stop', '{"type":"content_block_stop","index":0}'],
  ['message_delta', '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}'],
  ['message_stop', '{"type":"message_stop"}'],
].map(([event, data]) => `event: ${event}\ndata: ${data}\n\n`).join('');

describe('Anthropic usage with prompt caching', () => {
  let engine: EngineSetup;
  afterEach(async () => { await engine.close(); });

  it('counts cache reads and writes inside the input tokens, as Usage says, and prices each apart', async () => {
    engine = await startEngine();
    engine.server.nextFault({ body: cachedStream });
    const result = await engine.core.send({ model: 'anthropic:claude-sonnet-4-5', messages, maxTokens: 100 });
    assert.equal(result.status, 'ok', result.error?.message);
    assert.deepEqual(result.usage, { inputTokens: 125, cachedInputTokens: 100, cacheWriteTokens: 20, outputTokens: 3 });
  });
});
