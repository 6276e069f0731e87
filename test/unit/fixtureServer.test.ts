import assert from 'node:assert/strict';
import { FAULT_HEADER, startFixtureServer, type FixtureServer } from '../support/fixtureServer';

// The fixture server's own contract: faults only when asked for by name.
describe('fixture server faults', () => {
  let server: FixtureServer;
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await server.close(); });

  const chat = (model: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${server.baseUrls.openrouter}/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model, messages: [], stream: true }),
  });

  it('answers a real model name with its recording, never with a fault', async () => {
    const response = await chat('minimax/minimax-m2:free');
    assert.equal(response.status, 200);
    assert.doesNotMatch(await response.text(), /"error"/);
  });

  it('injects the fault named by the x-fixture-fault header, with or without the fault/ prefix', async () => {
    assert.equal((await chat('openai/gpt-4o', { [FAULT_HEADER]: '429' })).status, 429);
    assert.equal((await chat('openai/gpt-4o', { [FAULT_HEADER]: 'fault/402' })).status, 402);
    assert.match(await (await chat('openai/gpt-4o', { [FAULT_HEADER]: 'midstream-error' })).text(), /"error"/);
  });

  it('refuses an unknown fault name instead of ignoring it', async () => {
    const response = await chat('openai/gpt-4o', { [FAULT_HEADER]: 'cut-middle' });
    assert.equal(response.status, 500);
    assert.match(await response.text(), /unknown fault "cut-middle"/);
  });
});
