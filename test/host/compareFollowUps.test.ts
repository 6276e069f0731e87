// In-host tests of follow-ups per compare column, through the real core and host against the fixture server: only
// the column's model is asked, with its own history, under the comparison in the ledger; the thread streams in its
// column, is saved, reopens, counts in the total and goes to the chat; Stop, Retry, Run again and the daily cap. The
// webview is not involved: the tests read what the host posts.
import assert from 'node:assert/strict';
import { columnTranscript } from '../../src/host/compare/compareTranscript';
import { compareToMarkdown } from '../../src/host/conversations/compareMarkdown';
import { validateWebviewMessage } from '../../src/host/webviews/validateMessage';
import { compareMessageSchema, type HostToWebview } from '../../src/shared/compare/protocol';
import { compareRun, setSetting, stopOnFirstPart, streamOf, switchboard, until, useOpenRouterKey } from './compareRuns';

describe('extension host: compare follow-ups per column', function () {
  this.timeout(90_000);
  useOpenRouterKey();

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
});
