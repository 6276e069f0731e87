// In-host tests of side-by-side comparison: three OpenRouter models from the fixture server (one answering 429)
// through the real core and host, the saved comparison, the win tally, the Markdown export, stopping one column,
// a budget cap refusing the whole run, and "Continue in chat". The webview is not involved: the tests read what
// the host posts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchboardApi } from '../../src/host/activateHost';
import { ModelSets } from '../../src/host/compare/modelSets';
import { columnTranscript } from '../../src/host/compare/compareTranscript';
import { compareToMarkdown } from '../../src/host/conversations/compareMarkdown';
import { validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { MemoryStore } from '../support/memoryPorts';
import { compareMessageSchema, type HostToWebview } from '../../src/shared/compare/protocol';
import type { CompareViewState } from '../../src/shared/viewModels';

async function switchboard(): Promise<SwitchboardApi> {
  const extension = vscode.extensions.getExtension<SwitchboardApi>('switchboard-dev.switchboard');
  assert.ok(extension, 'the extension is not installed in this host');
  return extension.activate();
}

type StreamMessage = Extract<HostToWebview, { type: 'stream/part' | 'stream/end' }>;

/** Runs `prompt` on `models` as the panel would and returns everything posted until the run settled. */
async function compareRun(api: SwitchboardApi, models: string[], prompt: string, during?: (message: HostToWebview, requestId: string) => void): Promise<{ posted: HostToWebview[]; state: CompareViewState; requestId: string }> {
  api.compare.setModels(models);
  const requestId = `c${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const posted: HostToWebview[] = [];
  const subscription = api.posts!.compare.onDidPost((message) => {
    posted.push(message);
    during?.(message, requestId);
  });
  try {
    await api.compare.handle({ type: 'compare/start', requestId, prompt });
    await api.compare.idle();
  } finally {
    subscription.dispose();
  }
  const snapshots = posted.filter((message): message is Extract<HostToWebview, { type: 'compare/snapshot' }> => message.type === 'compare/snapshot');
  assert.ok(snapshots.length > 0, 'the run posted no snapshot');
  return { posted, state: snapshots[snapshots.length - 1]!.state, requestId };
}

/** What a run's `during` sees: stops `column` at its first part (the panel's column Stop); `stopped` says whether it did. */
function stopOnFirstPart(api: SwitchboardApi, column: number): { during: (message: HostToWebview, requestId: string) => void; stopped(): boolean } {
  let stopped = false;
  return {
    during: (message, requestId) => {
      if (stopped || message.type !== 'stream/part' || message.column !== column) return;
      stopped = true;
      void api.compare.handle({ type: 'compare/cancel', requestId, column });
    },
    stopped: () => stopped,
  };
}

function streamOf(posted: HostToWebview[], column: number): StreamMessage[] {
  return posted.filter((message): message is StreamMessage => (message.type === 'stream/part' || message.type === 'stream/end') && message.column === column);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 250 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(condition(), `timed out waiting for ${what}`);
}

async function setSetting(api: SwitchboardApi, key: string, value: unknown, applied: () => boolean): Promise<void> {
  await vscode.workspace.getConfiguration('switchboard').update(key, value, vscode.ConfigurationTarget.Global);
  for (let attempt = 0; attempt < 100 && !applied(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(applied(), `the setting switchboard.${key} was not applied`);
}

describe('extension host: compare models through the fixture server', function () {
  // the 429 column is retried twice after Retry-After: 12 s before it fails, as it would be against OpenRouter
  this.timeout(90_000);

  before(async () => {
    const api = await switchboard();
    await api.keys.setApiKey('openrouter', 'sk-or-v1-test-host-compare');
    await api.keys.refresh(['openrouter']);
  });

  after(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
  });

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

  it('follows up in one column only: its model answers with the column\'s own history, the thread is saved and reopens, the ledger has its cost', async () => {
    const api = await switchboard();
    const models = ['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5'];
    const { state } = await compareRun(api, models, 'Name two famous penguins.');
    assert.deepEqual(state.columns.map((column) => column.status), ['done', 'done']);
    const ledger = api.core().ledger;
    assert.ok(ledger, 'the ledger is on');
    const recordsBefore = ledger.records('today').length;
    const requestId = `f${Date.now()}`;
    const posted: HostToWebview[] = [];
    const subscription = api.posts!.compare.onDidPost((message) => posted.push(message));
    try {
      const validated = validateWebviewMessage(compareMessageSchema, { type: 'compare/followUp', requestId, column: 1, text: 'Which of the two is older?' });
      assert.ok(validated.ok, 'the panel\'s follow-up passes validation');
      await api.compare.handle(validated.message);
      await api.compare.idle();
    } finally {
      subscription.dispose();
    }
    const after = api.compare.snapshot();
    assert.equal(after.columns[0]!.followUps, undefined, 'the other column is untouched');
    assert.equal(after.columns[0]!.text, state.columns[0]!.text);
    const thread = after.columns[1]!.followUps ?? [];
    assert.deepEqual(thread.map((turn) => [turn.role, turn.status]), [['user', 'done'], ['assistant', 'done']]);
    assert.equal(thread[0]!.text, 'Which of the two is older?');
    assert.ok(thread[1]!.text.length > 0);
    assert.equal(thread[1]!.meta?.cost.kind, 'billed', 'the follow-up\'s meta line has its billed cost');
    // streamed like a first reply: numbered parts in column 1 under the follow-up's request, one end, adding up to the text
    const stream = streamOf(posted, 1);
    assert.ok(stream.length > 1 && stream.every((message) => message.requestId === requestId && message.messageId === thread[1]!.id));
    assert.deepEqual(stream.map((message) => message.seq), stream.map((_message, index) => index));
    assert.equal(stream.map((message) => (message.type === 'stream/part' ? message.delta.text ?? '' : '')).join(''), thread[1]!.text);
    assert.equal(streamOf(posted, 0).length, 0, 'nothing streamed in the other column');

    // one request, to that column's model only, in the ledger under the comparison
    const added = ledger.records('today').slice(recordsBefore);
    assert.deepEqual(added.map((record) => [record.source, record.requestedModel, record.conversationId, record.messageId]),
      [['compare', models[1], state.compareId, thread[1]!.id]]);
    assert.equal(added[0]!.cost.kind, 'billed');
    assert.equal(after.totalCost?.microUsd, (await api.conversations.load(state.compareId)).messages.slice(1)
      .reduce((sum, reply) => sum + (reply.meta?.cost.kind === 'billed' ? reply.meta.cost.microUsd : 0), 0) + added[0]!.cost.microUsd!, 'the total counts the follow-up');

    // saved with the comparison: what the column was sent is its own history (prompt, its reply, the question)
    const saved = await api.conversations.load(state.compareId);
    const sent = columnTranscript(saved, 1).filter((message) => message.role !== 'system').slice(0, -1);
    assert.deepEqual(sent.map((message) => [message.role, message.content]),
      [['user', 'Name two famous penguins.'], ['assistant', state.columns[1]!.text], ['user', 'Which of the two is older?']]);
    assert.match(compareToMarkdown(saved), /### Follow-up 1\n\n> Which of the two is older\?/);

    // reopened from the chat's history, the column shows its thread
    api.compare.setModels(['openrouter:openai/gpt-4o', 'openrouter:openai/gpt-4o:floor']);
    await api.chat.handle({ type: 'history/open', conversationId: state.compareId });
    assert.deepEqual(api.compare.snapshot().columns[1]!.followUps?.map((turn) => turn.text), thread.map((turn) => turn.text));

    // Continue in chat carries the column's whole thread
    await api.compare.handle({ type: 'compare/continueInChat', column: 1 });
    assert.deepEqual(api.chat.current.messages.map((message) => message.text), ['Name two famous penguins.', state.columns[1]!.text, ...thread.map((turn) => turn.text)]);
  });

  it('stops a follow-up mid-stream, keeps its partial text, and asks it again with Retry', async () => {
    const api = await switchboard();
    // the slow column is stopped at once: a stopped column takes follow-ups too
    const { state } = await compareRun(api, ['openrouter:openai/gpt-4o', 'openrouter:slow/long-reply'], 'Say hello', stopOnFirstPart(api, 1).during);
    assert.equal(state.columns[1]!.status, 'stopped');
    const requestId = `g${Date.now()}`;
    let stopped = false;
    const subscription = api.posts!.compare.onDidPost((message) => {
      if (!stopped && message.type === 'stream/part' && message.column === 1 && message.requestId === requestId) {
        stopped = true;
        void api.compare.handle({ type: 'compare/cancel', requestId, column: 1 });
      }
    });
    try {
      await api.compare.handle({ type: 'compare/followUp', requestId, column: 1, text: 'Longer, please.' });
      await api.compare.idle();
    } finally {
      subscription.dispose();
    }
    assert.ok(stopped, 'the follow-up streamed');
    const cut = api.compare.snapshot().columns[1]!.followUps?.[1];
    assert.equal(cut?.status, 'stopped');
    assert.ok((cut?.text.length ?? 0) > 0, 'the partial reply is kept');
    assert.equal(api.compare.snapshot().columns[1]!.text, state.columns[1]!.text, 'the first reply is untouched');
    // Run again on that column clears its follow-ups; before that, Retry asks the stopped one again
    const retried = api.compare.handle({ type: 'compare/retryFollowUp', column: 1 });
    await until(() => api.compare.snapshot().columns[1]!.followUpRequestId !== undefined, 'the retried follow-up streams');
    const retry = api.compare.snapshot().columns[1]!;
    assert.equal(retry.followUps?.length, 2, 'the stopped reply was replaced, not added to');
    assert.notEqual(retry.followUps?.[1]?.id, cut?.id);
    await api.compare.handle({ type: 'compare/cancel', requestId: retry.followUpRequestId!, column: 1 });
    await retried;
    const rerun = api.compare.handle({ type: 'compare/rerun', column: 1 });
    await until(() => api.compare.snapshot().requestId !== undefined, 'the column runs again');
    assert.equal(api.compare.snapshot().columns[1]!.followUps, undefined, 'running the column again cleared its follow-ups');
    await api.compare.handle({ type: 'compare/cancel', requestId: api.compare.snapshot().requestId!, column: 1 });
    await rerun;
    assert.equal((await api.conversations.load(state.compareId)).compare?.followUps?.[1]?.length ?? 0, 0, 'and the comparison was saved without them');
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

    it('refuses a follow-up that would pass the daily cap: the column shows the budget error with Retry, and nothing is recorded', async () => {
    const api = await switchboard();
    const { state } = await compareRun(api, ['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5'], 'Say hello');
    const ledger = api.core().ledger!;
    const recordsBefore = ledger.records('today').length;
    await setSetting(api, 'budget.dailyUsd', 0.000001, () => api.settings().core.budget?.dailyUsd === 0.000001);
    try {
      await api.compare.handle({ type: 'compare/followUp', requestId: `b${Date.now()}`, column: 0, text: 'And again?' });
      await api.compare.idle();
    } finally {
      await setSetting(api, 'budget.dailyUsd', undefined, () => !api.settings().core.budget?.dailyUsd);
    }
    const refused = api.compare.snapshot().columns[0]!.followUps?.[1];
    assert.equal(refused?.status, 'failed');
    assert.equal(refused?.error?.code, 'budget-exceeded');
    assert.equal(refused?.error?.actions[0], 'retry', 'a refused follow-up offers Retry first');
    assert.equal(ledger.records('today').length - recordsBefore, 0, 'nothing was sent, so nothing was recorded');
    assert.equal(api.compare.snapshot().columns[0]!.text, state.columns[0]!.text, 'the column\'s reply is untouched');
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
