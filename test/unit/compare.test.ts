import assert from 'node:assert/strict';
import { SwitchboardError } from '../../src/core/index';
import { startEngine, type EngineSetup } from './engineSetup';

const messages = [{ role: 'user' as const, content: 'Say something.' }];

describe('compare', () => {
  let engine: EngineSetup;
  afterEach(async () => { await engine.close(); });

  it('sends one prompt to several models across providers at once', async () => {
    engine = await startEngine();
    const seen = new Set<number>();
    const run = engine.core.compare({
      models: ['openrouter:openai/gpt-4o', 'anthropic:claude-sonnet-4-5', 'gemini:gemini-2.5-flash'],
      messages, maxTokens: 100,
      onPart: (column) => seen.add(column),
    });
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd > 0, true, 'every column reserved before any answer');
    const results = await run.done;
    assert.deepEqual(results.map((result) => result.status), ['ok', 'ok', 'ok']);
    assert.equal(results[0].text, 'Pebbles and Skipper.');
    assert.equal(results[1].text, '2');
    assert.deepEqual(results.map((result) => result.servedModel), run.columns.map((column) => column.model));
    assert.deepEqual([...seen].sort(), [0, 1, 2]);
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);
  });

  it('streams the columns in parallel: every column has text before any of them ends', async () => {
    engine = await startEngine();
    const models = ['openrouter:slow/long-reply', 'anthropic:slow/long-reply', 'openai:slow/long-reply'];
    const streamed = new Set<number>();
    const ended = new Set<number>();
    let endedWhenAllStreamed: number | undefined;
    const run: ReturnType<EngineSetup['core']['compare']> = engine.core.compare({
      models, messages, maxTokens: 100,
      onPart: (column, part) => {
        if (part.type !== 'text-delta' || streamed.has(column)) return;
        streamed.add(column);
        if (streamed.size === models.length) {
          endedWhenAllStreamed = ended.size;
          run.cancelAll();
        }
      },
    });
    run.columns.forEach((column, index) => { void column.result.then(() => ended.add(index)); });
    await run.done;
    assert.equal(streamed.size, 3, 'every column streamed');
    assert.equal(endedWhenAllStreamed, 0, 'no column had ended when the last one started streaming');
    assert.equal(engine.chatRequests(), 3, 'one independent request per column');
  });

    it('cancels one column without touching the others', async () => {
    engine = await startEngine();
    let cancelled = false;
    const run: ReturnType<EngineSetup['core']['compare']> = engine.core.compare({
      models: ['openrouter:slow/long-reply', 'openrouter:openai/gpt-4o'],
      messages, maxTokens: 100,
      onPart: (column, part) => {
        if (column === 0 && part.type === 'text-delta' && !cancelled) {
          cancelled = true;
          run.columns[0].cancel();
        }
      },
    });
    const [slow, fast] = await run.done;
    assert.equal(slow.status, 'aborted');
    assert.ok(slow.text.length > 0, 'the partial text of the cancelled column is kept');
    assert.equal(fast.status, 'ok');
    assert.equal(fast.text, 'Pebbles and Skipper.');
  });

  it('keeps a failure in its own column', async () => {
    engine = await startEngine();
    const run = engine.core.compare({ models: ['openrouter:fault/401', 'openrouter:openai/gpt-4o'], messages, maxTokens: 100 });
    const [failed, ok] = await run.done;
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.code, 'authentication');
    assert.equal(ok.status, 'ok');
  });

  it('never falls back in a column, even with a fallback chain in settings: each column is the model asked for', async () => {
    engine = await startEngine({ fallbackChain: ['anthropic:claude-sonnet-4-5'] });
    const results = await engine.core.compare({ models: ['openrouter:fault/503', 'openrouter:openai/gpt-4o'], messages, maxTokens: 100 }).done;
    assert.equal(results[0].status, 'error');
    assert.equal(results[0].servedModel, 'openrouter:fault/503');
    assert.deepEqual(results[0].fallbackFrom, []);
    assert.equal(results[1].status, 'ok');
    assert.ok(engine.server.requests.every((request) => request.format !== 'anthropic'), 'the fallback model was never asked');
  });

  it('cancels every column with cancelAll', async () => {
    engine = await startEngine();
    const run = engine.core.compare({ models: ['openrouter:slow/long-reply', 'openrouter:slow/long-reply'], messages, maxTokens: 100, onPart: () => run.cancelAll() });
    const results = await run.done;
    assert.deepEqual(results.map((result) => result.status), ['aborted', 'aborted']);
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);
  });

  it('refuses the whole run before sending anything when the columns together pass a cap', async () => {
    // gpt-4o: 100 output tokens x $10/M = $0.001 per column at most; two fit under $0.0025, three do not
    engine = await startEngine({ budget: { dailyUsd: 0.0025 } });
    assert.throws(
      () => engine.core.compare({ models: ['openrouter:openai/gpt-4o', 'openrouter:openai/gpt-4o:floor', 'openrouter:openai/gpt-4o:nitro'], messages, maxTokens: 100 }),
      (error) => error instanceof SwitchboardError && error.code === 'budget-exceeded' && /Daily budget/.test(error.message),
    );
    assert.equal(engine.chatRequests(), 0);
    assert.equal(engine.core.budgetStatus().day.reservedMicroUsd, 0);
  });
});
