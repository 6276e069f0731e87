import assert from 'node:assert/strict';
import { startEngine, type EngineSetup } from './engineSetup';

describe('ChatSession', () => {
  let engine: EngineSetup;
  beforeEach(async () => { engine = await startEngine({ fallbackChain: [] }); });
  afterEach(async () => { await engine.close(); });

  it('accumulates the transcript and sends the system prompt first', async () => {
    const session = engine.core.createSession({ model: 'openrouter:openai/gpt-4o', systemPrompt: 'Be brief.' });
    await session.send('Name two dogs.', { maxTokens: 50 });
    await session.send('Two more?', { maxTokens: 50 });
    assert.deepEqual(session.messages, [
      { role: 'user', content: 'Name two dogs.' },
      { role: 'assistant', content: 'Pebbles and Skipper.' },
      { role: 'user', content: 'Two more?' },
      { role: 'assistant', content: 'Pebbles and Skipper.' },
    ]);
    const last = engine.server.requests.filter((request) => request.method === 'POST').at(-1)!.json as { messages: { role: string; content: string }[] };
    assert.deepEqual(last.messages.map((message) => message.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(last.messages[0].content, 'Be brief.');
  });

  it('appends the partial reply when the stream fails', async () => {
    const session = engine.core.createSession({ model: 'openrouter:fault/cut-midstream' });
    const result = await session.send('Hello');
    assert.equal(result.status, 'error');
    assert.equal(session.messages.length, 2);
    assert.equal(session.messages[1].content, result.text);
  });

  it('appends nothing for a reply that failed before any text', async () => {
    const session = engine.core.createSession({ model: 'openrouter:fault/401' });
    await session.send('Hello');
    assert.deepEqual(session.messages, [{ role: 'user', content: 'Hello' }]);
  });

  it('truncates from an index for edit and retry, and sends with a changed model', async () => {
    const session = engine.core.createSession({ model: 'openrouter:openai/gpt-4o', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] });
    session.truncate(1);
    assert.deepEqual(session.messages, [{ role: 'user', content: 'a' }]);
    session.model = 'anthropic:claude-sonnet-4-5';
    const result = await session.send('c', { maxTokens: 50 });
    assert.equal(result.servedModel, 'anthropic:claude-sonnet-4-5');
    assert.throws(() => session.truncate(-1), RangeError);
  });
});
