// In-host tests of the arena: a blind comparison of three models from the fixture server's replay endpoint through
// the real core and host. Everything the host posts to the compare panel before the pick is checked for the models'
// ids, names, providers and costs (the webview must never receive them while the run is blind); then the pick
// reveals them, the run is recorded in arena.json and the leaderboard counts the blind win.
import assert from 'node:assert/strict';
import type { SwitchboardApi } from '../../src/host/activateHost';
import { compareTranscript } from '../../src/host/compare/compareTranscript';
import { compareToMarkdown } from '../../src/host/conversations/compareMarkdown';
import type { HostToWebview } from '../../src/shared/compare/protocol';
import type { CompareViewState } from '../../src/shared/viewModels';
import { switchboard } from './hostApi';

const MODELS = ['replay:replay/openrouter-gpt-4o', 'replay:replay/openrouter-claude-haiku-4.5', 'replay:replay/openai-gpt-4o-mini'];

function lastSnapshot(posted: HostToWebview[]): CompareViewState {
  const snapshots = posted.filter((message): message is Extract<HostToWebview, { type: 'compare/snapshot' }> => message.type === 'compare/snapshot');
  assert.ok(snapshots.length > 0, 'nothing posted a snapshot');
  return snapshots[snapshots.length - 1]!.state;
}

/** Runs `prompt` on MODELS (blind or not) as the panel would; returns what was posted, recording until `stop` is called. */
async function run(api: SwitchboardApi, blind: boolean, prompt: string): Promise<{ posted: HostToWebview[]; stop(): void }> {
  await api.compare.handle({ type: 'compare/setBlind', blind });
  api.compare.setModels(MODELS);
  const posted: HostToWebview[] = [];
  const subscription = api.posts!.compare.onDidPost((message) => posted.push(message));
  await api.compare.handle({ type: 'compare/start', requestId: `a${Date.now()}`, prompt });
  await api.compare.idle();
  return { posted, stop: () => subscription.dispose() };
}

describe('extension host: blind comparison, reveal and the leaderboard', function () {
  this.timeout(60_000);

  after(async () => {
    const api = await switchboard();
    await api.compare.handle({ type: 'compare/setBlind', blind: false });
  });

  it('posts no model, provider or cost while blind; the pick reveals them and counts a blind win on the leaderboard', async () => {
    const api = await switchboard();
    const { posted, stop } = await run(api, true, 'Name two famous penguins.');
    const hidden = lastSnapshot(posted);
    assert.equal(hidden.namesHidden, true);
    assert.deepEqual(hidden.columns.map((column) => [column.label, column.model, column.modelName, column.hidden]),
      [['A', 'A', 'Model A', true], ['B', 'B', 'Model B', true], ['C', 'C', 'Model C', true]]);
    assert.ok(hidden.columns.every((column) => column.status === 'done'), 'every column answered');
    assert.deepEqual([...api.compare.models].sort(), [...MODELS].sort(), 'the host keeps the shuffled models');

    // a follow-up before the pick: its stream, meta and snapshot name nothing either
    const followUpId = `af${Date.now()}`;
    await api.compare.handle({ type: 'compare/followUp', requestId: followUpId, column: 0, text: 'Shorter, please.' });
    await api.compare.idle();
    const followedUp = lastSnapshot(posted).columns[0]!;
    assert.equal(followedUp.followUps?.[1]?.status, 'done', 'the hidden column answered its follow-up');
    assert.deepEqual(followedUp.followUps?.[1]?.meta?.cost, { kind: 'unknown' }, 'the follow-up\'s cost stays on the host');
    assert.ok(posted.some((message) => message.type === 'stream/part' && message.requestId === followUpId), 'the follow-up streamed to the panel');

    await api.compare.handle({ type: 'compare/pickWinner', column: 1 });
    stop();
    const revealed = lastSnapshot(posted);
    const beforePick = posted.slice(0, posted.lastIndexOf(posted.find((message) => message.type === 'compare/snapshot' && !message.state.namesHidden)!));
    assert.ok(beforePick.length > 3, 'the stream and snapshots of the run were recorded');
    const secrets = new Set<string>();
    for (const model of MODELS) {
      secrets.add(model);
      secrets.add(model.slice(model.indexOf(':') + 1));
      const name = api.core().catalog.get(model)?.name;
      if (name) secrets.add(name);
    }
    for (const column of revealed.columns) if (column.meta?.upstreamProvider) secrets.add(column.meta.upstreamProvider);
    const sent = JSON.stringify(beforePick);
    for (const secret of secrets) assert.ok(!sent.includes(secret), `the webview received "${secret}" before the pick`);
    assert.doesNotMatch(sent, /"kind":"(billed|estimated)"|microUsd/, 'no cost reached the webview before the pick');
    assert.doesNotMatch(sent, /"highlight[s]?":\[[^\]]*"cheapest"/, 'no cheapest highlight while blind');

    // after the pick: names, providers and costs, the winner, and the letters kept
    assert.equal(revealed.namesHidden, false);
    const winner = api.compare.models[1]!;
    assert.deepEqual(revealed.columns.map((column) => column.model), [...api.compare.models]);
    assert.deepEqual(revealed.columns.map((column) => column.label), ['A', 'B', 'C']);
    assert.equal(revealed.columns[1]!.winner, true);
    // the replay models priced from the catalog show their cost once revealed
    assert.ok(revealed.columns.some((column) => column.meta && column.meta.cost.kind !== 'unknown'), 'costs are shown after the reveal');
    assert.ok(revealed.columns.some((column) => (column.highlights ?? []).length > 0), 'the run has highlights');

    const saved = await api.conversations.load(revealed.compareId);
    assert.deepEqual([saved.compare?.blind, saved.compare?.revealed, saved.compare?.winnerPickedBlind, saved.compare?.winner], [true, true, true, 1]);
    const recorded = (await api.arena.runs()).find((entry) => entry.id === revealed.compareId);
    assert.deepEqual(recorded?.pick, { column: 1, blind: true });
    assert.equal(recorded?.blind, true);
    assert.match(compareToMarkdown(saved), /\| B ★ \| `[^`]+` \|/);

    const board = await api.leaderboard.refresh();
    const row = board.rows.find((entry) => entry.model === winner);
    assert.ok(row && row.blindWins >= 1 && row.blindRuns >= 1, `the leaderboard counts the blind win of ${winner}: ${JSON.stringify(row)}`);
    assert.ok(board.blindDecidedRuns >= 1);
  });

  it('a Reveal before the pick makes the pick sighted: shown, but not a blind win', async () => {
    const api = await switchboard();
    const { posted, stop } = await run(api, true, 'Say hello.');
    await api.compare.handle({ type: 'compare/reveal' });
    await api.compare.handle({ type: 'compare/setTags', tags: [' Explain ', 'explain', 'Refactor'] });
    await api.compare.handle({ type: 'compare/pickWinner', column: 0 });
    stop();
    const state = lastSnapshot(posted);
    assert.equal(state.namesHidden, false);
    assert.deepEqual(state.tags, ['explain', 'refactor']);
    const recorded = (await api.arena.runs()).find((entry) => entry.id === state.compareId);
    assert.deepEqual(recorded?.pick, { column: 0, blind: false });
    assert.deepEqual(recorded?.tags, ['explain', 'refactor']);
    await api.leaderboard.handle({ type: 'leaderboard/filter', period: 'all', tag: 'explain' });
    const board = await api.leaderboard.refresh();
    assert.equal(board.runs, 1, 'the tag filter keeps only the tagged run');
    assert.equal(board.blindDecidedRuns, 0, 'a pick after the reveal is not a blind decision');
    await api.leaderboard.handle({ type: 'leaderboard/filter', period: 'all' });
  });

  it('offers a failed column only Retry and Pick another model, and refuses it as the winner', async () => {
    const api = await switchboard();
    await api.compare.handle({ type: 'compare/setBlind', blind: false });
    api.compare.setModels(['replay:replay/openai-gpt-4o-mini', 'replay:fault/401']);
    const posted: HostToWebview[] = [];
    const subscription = api.posts!.compare.onDidPost((message) => posted.push(message));
    try {
      await api.compare.handle({ type: 'compare/start', requestId: `f${Date.now()}`, prompt: 'Hi' });
      await api.compare.idle();
      const failed = lastSnapshot(posted).columns[1]!;
      assert.equal(failed.status, 'failed');
      assert.deepEqual(failed.error?.actions.slice(0, 2), ['retry', 'pick-model']);
      await api.compare.handle({ type: 'compare/pickWinner', column: 1 });
      assert.equal(api.compare.current.compare?.winner, undefined, 'a failed column cannot win');
    } finally {
      subscription.dispose();
    }
  });

  it('compares from here: the chat so far goes to every column as history before the last question', async () => {
    const api = await switchboard();
    await api.compare.handle({ type: 'compare/setBlind', blind: false });
    api.compare.setModels(MODELS.slice(0, 2));
    const history = [
      { id: 'h1', role: 'user' as const, text: 'What is a linked list?', status: 'done' as const, createdAt: 1 },
      { id: 'h2', role: 'assistant' as const, text: 'A chain of nodes.', status: 'done' as const, createdAt: 2 },
    ];
    await api.compare.run('Reverse one in Python.', `h${Date.now()}`, history);
    await api.compare.idle();
    const saved = await api.conversations.load(api.compare.current.id);
    assert.deepEqual(saved.compare?.context?.map((message) => [message.role, message.text]), [['user', 'What is a linked list?'], ['assistant', 'A chain of nodes.']]);
    const sent = compareTranscript(saved).filter((message) => message.role !== 'system');
    assert.deepEqual(sent.map((message) => [message.role, message.content]),
      [['user', 'What is a linked list?'], ['assistant', 'A chain of nodes.'], ['user', 'Reverse one in Python.']]);
    assert.ok(api.compare.current.messages.slice(1).every((reply) => reply.status === 'done'), 'both columns answered with the history');
  });
});
