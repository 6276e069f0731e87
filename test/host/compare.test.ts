// In-host tests of side-by-side comparison: three OpenRouter models from the fixture server (one answering 429)
// through the real core and host, the saved comparison, the win tally, the Markdown export, stopping one column,
// a budget cap refusing the whole run, and "Continue in chat". The webview is not involved: the tests read what
// the host posts.
import assert from 'node:assert/strict';
import { ModelSets } from '../../src/host/compare/modelSets';
import { compareToMarkdown } from '../../src/host/conversations/compareMarkdown';
import { validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { MemoryStore } from '../support/memoryPorts';
import { compareMessageSchema, type HostToWebview } from '../../src/shared/compare/protocol';
import { compareRun, setSetting, stopOnFirstPart, streamOf, switchboard, useOpenRouterKey } from './compareRuns';

describe('extension host: compare models through the fixture server', function () {
  // the 429 column is retried twice after Retry-After: 12 s before it fails, as it would be against OpenRouter
  this.timeout(90_000);

  useOpenRouterKey();

  it('streams three columns at once, keeps the 429 in its column, saves the comparison, tallies the winner and exports Markdown', async () => {
    const api = await switchboard();
    const models = ['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5', 'openrouter:fault/429'];
    const talliesBefore = models.map((model) => api.winTally.get(model) ?? { comparisons: 0, wins: 0 });
    const { posted, state } = await compareRun(api, models, 'Name two famous penguins.');

    assert.equal(state.running, false);
    assert.deepEqual(state.columns.map((column) => column.model), models);
    const [gpt, haiku, limited] = state.columns;
    for (const column of [gpt!, haiku!]) {
      assert.equal(column.status, 'done', `${column.model} did not finish`);
      assert.ok(column.text.length > 0);
      assert.equal(column.meta?.cost.kind, 'billed', `${column.model} has no billed cost`);
      assert.ok((column.meta?.outputTokens ?? 0) > 0);
      assert.ok(column.meta?.ttftMs !== undefined && column.meta.totalMs !== undefined, 'time to first token and total time are known');
      assert.ok(column.meta?.finishReason, 'the finish reason is shown');
      // per column: numbered parts from 0, one end, adding up to the final text
      const stream = streamOf(posted, column.index);
      assert.deepEqual(stream.map((message) => message.seq), stream.map((_message, index) => index));
      assert.equal(stream.filter((message) => message.type === 'stream/end').length, 1);
      assert.equal(stream.map((message) => (message.type === 'stream/part' ? message.delta.text ?? '' : '')).join(''), column.text);
    }
    assert.match(gpt!.text, /Pebbles and Skipper/);
    assert.notEqual(gpt!.text, haiku!.text, 'each column shows its own model\'s reply');
    assert.equal(limited!.status, 'failed');
    assert.equal(limited!.error?.code, 'rate-limited');
    assert.ok(limited!.error?.actions.includes('retry'), 'a rate-limited column offers Retry');
    assert.equal(streamOf(posted, 2).filter((message) => message.type === 'stream/end').length, 1, 'the failed column still ends its stream once');

    const saved = await api.conversations.load(state.compareId);
    assert.equal(saved.kind, 'compare');
    assert.deepEqual(saved.compare?.models, models);
    assert.equal(saved.messages.length, 4, 'the prompt and one reply per column');
    assert.deepEqual(saved.messages.map((message) => message.status), ['done', 'done', 'done', 'failed']);
    assert.equal(saved.messages[3]!.error?.code, 'rate-limited');
    const listed = (await api.conversations.list()).find((summary) => summary.id === state.compareId);
    assert.equal(listed?.kind, 'compare', 'the comparison is saved with the conversations');
    const inChatHistory = api.chat.snapshot().history.find((summary) => summary.id === state.compareId);
    assert.equal(inChatHistory?.kind, 'compare', 'the chat view\'s history lists the comparison');

    await api.compare.handle({ type: 'compare/pickWinner', column: 1 });
    // a comparison counts once: a second pick changes nothing
    await api.compare.handle({ type: 'compare/pickWinner', column: 0 });
    const talliesAfter = models.map((model) => api.winTally.get(model));
    models.forEach((model, index) => {
      assert.equal(talliesAfter[index]?.comparisons, talliesBefore[index]!.comparisons + 1, `${model} counts the comparison once`);
      assert.equal(talliesAfter[index]?.wins, talliesBefore[index]!.wins + (index === 1 ? 1 : 0));
    });
    const winnerOption = api.chat.snapshot().models.find((option) => option.id === models[1]);
    assert.match(winnerOption?.winsLabel ?? '', /^won \d+ of \d+ comparisons?$/, 'the model picker shows the wins');
    const withWinner = await api.conversations.load(state.compareId);
    assert.equal(withWinner.compare?.winner, 1);
    assert.equal(api.compare.snapshot().columns[1]!.winner, true);

    const markdown = compareToMarkdown(withWinner);
    assert.match(markdown, /^# Comparison: Name two famous penguins\./);
    assert.match(markdown, /\| # \| Model \| Served by \| Status \| Time to first token \| Total time \| Tokens\/s \| Tokens in \| Tokens out \| Cost \| Finish \|/);
    assert.match(markdown, /\| 2 ★ \| `openrouter:anthropic\/claude-haiku-4\.5` \|/);
    // nothing was generated: the core says what the refused request cost (an estimate of $0, or unknown), never "billed"
    assert.match(markdown, /\| 3 \| `openrouter:fault\/429` \| – \| failed \(rate-limited\) \| – \|.*\| – \| – \| (cost unknown|~\$0\.00 est\.) \| – \|/);
    assert.equal((markdown.match(/ billed \|/g) ?? []).length, 2, 'both finished columns show their billed cost');
    assert.ok(markdown.indexOf('## Prompt') < markdown.indexOf('## 1. openrouter:openai/gpt-4o'));
    assert.match(markdown, /## 2\. openrouter:anthropic\/claude-haiku-4\.5 \(winner\)/);
    assert.ok(markdown.includes(gpt!.text) && markdown.includes(haiku!.text), 'every answer follows the table');
    assert.match(markdown, /> Error \(rate-limited\):/);

    // "Continue in chat": the chat holds this exchange with that model selected
    await api.compare.handle({ type: 'compare/continueInChat', column: 0 });
    assert.equal(api.currentModel.get(), models[0]);
    assert.deepEqual(api.chat.current.messages.map((message) => [message.role, message.text]), [['user', 'Name two famous penguins.'], ['assistant', gpt!.text]]);
    assert.equal(api.chat.current.kind, 'chat');

    // reopening the comparison from the chat's history shows it in the compare panel
    api.compare.setModels(['openrouter:openai/gpt-4o', 'openrouter:openai/gpt-4o:floor']);
    await api.chat.handle({ type: 'history/open', conversationId: state.compareId });
    assert.equal(api.compare.current.id, state.compareId);
    assert.deepEqual(api.compare.snapshot().columns.map((column) => column.status), ['done', 'done', 'failed']);
    assert.notEqual(api.chat.current.id, state.compareId, 'the chat keeps its own conversation');
  });

  it('posts a retrying column\'s status in that column only, while the other column streams its reply', async () => {
    const api = await switchboard();
    const { posted, state } = await compareRun(api, ['openrouter:openai/gpt-4o', 'openrouter:fault/503'], 'Say hello');
    const statusesOf = (column: number) => streamOf(posted, column).flatMap((message) => (message.type === 'stream/part' && message.delta.status ? [message.delta.status] : []));
    assert.deepEqual(statusesOf(1).map((status) => `${status.kind} ${status.attempt} of ${status.maxAttempts}`), ['retrying 2 of 3', 'retrying 3 of 3']);
    assert.ok(statusesOf(1).every((status) => status.message.startsWith('OpenRouter ') && status.untilEpochMs !== undefined));
    assert.deepEqual(statusesOf(0), []);
    assert.equal(state.columns[0]!.status, 'done');
    assert.equal(state.columns[1]!.status, 'failed');
  });

  it('shows the columns of a comparison not run yet as idle (no spinner, no Stop), not waiting', async () => {
    const api = await switchboard();
    api.compare.setModels(['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5']);
    assert.deepEqual(api.compare.snapshot().columns.map((column) => column.status), ['idle', 'idle']);
    assert.equal(api.compare.snapshot().running, false);
  });

  it('stops one column and lets the other finish', async () => {
    const api = await switchboard();
    const stop = stopOnFirstPart(api, 0);
    const { state } = await compareRun(api, ['openrouter:slow/long-reply', 'openrouter:openai/gpt-4o'], 'Tell me a long story.', stop.during);
    assert.ok(stop.stopped(), 'the slow column streamed');
    assert.equal(state.columns[0]!.status, 'stopped');
    assert.ok(state.columns[0]!.text.length > 0, 'the partial reply is kept');
    assert.equal(state.columns[1]!.status, 'done');
    assert.match(state.columns[1]!.text, /Pebbles and Skipper/);
  });

  it('retries one failed column from its error panel and leaves the other columns as they were', async () => {
    const api = await switchboard();
    const { state } = await compareRun(api, ['openrouter:openai/gpt-4o', 'openrouter:fault/401'], 'Say hello');
    assert.deepEqual(state.columns.map((column) => column.status), ['done', 'failed']);
    // a failed column offers Retry and Pick another model, then the error's own action
    assert.deepEqual(state.columns[1]!.error?.actions, ['retry', 'pick-model', 'set-key']);
    const before = await api.conversations.load(state.compareId);
    // the panel sends the failed column with the action; validation keeps it
    const validated = validateWebviewMessage(compareMessageSchema, { type: 'error/action', action: 'retry', column: 1, provider: 'openrouter' });
    assert.ok(validated.ok);
    assert.deepEqual(validated.message, { type: 'error/action', action: 'retry', column: 1, provider: 'openrouter' });
    const posted: HostToWebview[] = [];
    const subscription = api.posts!.compare.onDidPost((message) => posted.push(message));
    try {
      await api.compare.handle(validated.message);
      await api.compare.idle();
    } finally {
      subscription.dispose();
    }
    const after = await api.conversations.load(state.compareId);
    assert.deepEqual(after.messages[1], before.messages[1], 'the column that answered is untouched');
    assert.notEqual(after.messages[2]!.id, before.messages[2]!.id, 'the failed column was asked again');
    assert.equal(after.messages[2]!.error?.code, 'authentication');
    assert.ok(posted.every((message) => message.type !== 'stream/end' || message.column === 1), 'only the retried column streamed');
  });

  it('remembers the sets compared, most recent first, and the sets saved under a name', async () => {
    const sets = new ModelSets(new MemoryStore());
    await sets.use(['a:1', 'b:2'], 1000);
    await sets.use(['c:3', 'd:4'], 2000);
    await sets.saveNamed('Fast ones', ['a:1', 'b:2'], 3000);
    await sets.use(['c:3', 'd:4'], 4000);
    assert.deepEqual(sets.list().map((set) => [set.name, set.models.join(' ')]), [[undefined, 'c:3 d:4'], ['Fast ones', 'a:1 b:2']]);
    for (let index = 0; index < 8; index++) await sets.use([`x:${index}`, 'y:0'], 5000 + index);
    const list = sets.list();
    assert.equal(list.filter((set) => set.name === undefined).length, 5, 'the last five unnamed sets are kept');
    assert.ok(list.some((set) => set.name === 'Fast ones'), 'a named set is kept however many sets follow');
    await assert.rejects(sets.saveNamed('  ', ['a:1', 'b:2']), /needs a name/);
  });

    it('refuses the whole run when the columns together would pass the daily cap, and sends nothing', async () => {
    const api = await switchboard();
    await setSetting(api, 'budget.dailyUsd', 0.000001, () => api.settings().core.budget?.dailyUsd === 0.000001);
    try {
      const { posted, state } = await compareRun(api, ['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5'], 'Say hello');
      assert.deepEqual(state.columns.map((column) => column.status), ['failed', 'failed']);
      for (const column of state.columns) {
        assert.equal(column.error?.code, 'budget-exceeded');
        assert.match(column.error?.message ?? '', /budget/i);
        // issue 13: a budget refusal offers the budget caps (open-budget), not a generic settings filter
        assert.ok(column.error?.actions.includes('open-budget'));
      }
      assert.equal(posted.filter((message) => message.type === 'stream/part').length, 0, 'no column streamed');
      await assert.rejects(api.conversations.load(state.compareId), 'a refused run is not saved');
    } finally {
      await setSetting(api, 'budget.dailyUsd', undefined, () => !api.settings().core.budget?.dailyUsd);
    }
  });
});
