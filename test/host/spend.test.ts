// In-host tests of the spend feature: a chat reply lands in the ledger (tagged) and in the usage view's snapshot,
// `Switchboard: Show Usage` opens the panel whose page asks for and gets a snapshot, and each cap warning fires
// once per period.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyStateUpdate } from '../../src/shared/chat/stateUpdate';
import { CAP_WARNINGS_KEY } from '../../src/host/spend/capWarnings';
import type { HostToUsage } from '../../src/shared/usage/protocol';
import type { ChatViewState } from '../../src/shared/viewModels';
import { switchboard, until, useOpenRouterKey } from './hostApi';

describe('extension host: spend (ledger, usage view, cap warnings)', function () {
  this.timeout(60_000);

  useOpenRouterKey('sk-or-v1-test-host-spend');

  after(async () => {
    await vscode.workspace.getConfiguration('switchboard.budget').update('dailyUsd', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a stopped OpenRouter reply becomes "billed (reconciled)" in the chat: the stored reply, its file and a fresh snapshot', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await api.currentModel.set('openrouter:slow/long-reply');
    // the page's state as it would see it: snapshots, with the host's per-message updates applied on top
    const snapshots: ChatViewState[] = [api.chat.snapshot()];
    let parts = 0;
    const subscription = api.posts!.chat.onDidPost((message) => {
      if (message.type === 'state/snapshot') snapshots.push(message.state);
      if (message.type === 'state/update') snapshots.push(applyStateUpdate(snapshots.at(-1)!, message));
      if (message.type === 'stream/part' && ++parts === 3) void api.chat.handle({ type: 'chat/cancel', requestId: message.requestId });
    });
    try {
      await api.chat.handle({ type: 'chat/send', requestId: `r${Date.now()}`, text: 'Write a lot' });
      await api.chat.idle();
      const reply = api.chat.current.messages.at(-1)!;
      assert.equal(reply.status, 'stopped');
      assert.equal(reply.meta?.cost.kind, 'unknown', 'no usage arrived before Stop');
      // OpenRouter's /generation (the fixture server) is asked after the reconciler's first back-off (2 s)
      await until(() => reply.meta?.cost.kind === 'reconciled', 'the reconciled cost on the reply', 30_000);
      await until(() => snapshots.some((state) => state.messages.at(-1)?.meta?.cost.kind === 'reconciled'), 'a snapshot or update with the reconciled cost');
      const saved = await api.conversations.load(api.chat.current.id);
      assert.equal(saved.messages.at(-1)?.meta?.cost.kind, 'reconciled');
      assert.equal(snapshots.at(-1)?.conversationCost.unknownCount, 0, 'the header no longer counts it as unknown');
    } finally {
      subscription.dispose();
    }
  });

  it('records a chat reply in the ledger, tagged with its conversation, and the usage panel opened from the palette gets a snapshot with it', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    await api.chat.handle({ type: 'chat/send', requestId: `s${Date.now()}`, text: 'Say hello' });
    await api.chat.idle();
    const ledger = api.core().ledger;
    assert.ok(ledger, 'the ledger is on');
    const record = ledger.records('today').at(-1);
    assert.equal(record?.source, 'chat');
    assert.equal(record?.conversationId, api.chat.current.id);
    assert.equal(record?.cost.kind, 'billed');

    const snapshots: Extract<HostToUsage, { type: 'usage/snapshot' }>[] = [];
    const subscription = api.posts!.usage.onDidPost((message) => {
      if (message.type === 'usage/snapshot') snapshots.push(message);
    });
    try {
      await vscode.commands.executeCommand('switchboard.showUsage');
      assert.equal(api.spend.panel.isOpen, true);
      // the page loads, says webview/ready, and the controller answers with a snapshot
      await until(() => api.spend.controller.connection.ready && snapshots.length > 0, 'the usage snapshot');
      const state = snapshots.at(-1)!.state;
      assert.ok(state.totals.requests >= 1);
      assert.ok(state.byModel.some((row) => row.key === 'openrouter:openai/gpt-4o'));
      assert.ok(state.chart.series.some((series) => (series.microUsd.at(-1) ?? 0) > 0), "today's bar has the reply's cost");
      await vscode.commands.executeCommand('switchboard.showUsage');
      assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Switchboard Usage').length, 1, 'one usage panel, revealed again');
    } finally {
      subscription.dispose();
    }
  });

  it('warns once per period when a cap is reached, and again in the next period', async () => {
    const api = await switchboard();
    const shown = (): string[] => api.spend.warner['store'].get<string[]>(CAP_WARNINGS_KEY) ?? [];
    assert.ok(api.core().budgetStatus().day.spentMicroUsd > 0, 'the previous test spent something today');
    // a cap below today's spend: the settings change checks the caps and shows the 100% warning
    await vscode.workspace.getConfiguration('switchboard.budget').update('dailyUsd', 0.000001, vscode.ConfigurationTarget.Global);
    await until(() => shown().some((id) => id.startsWith('dailyUsd:') && id.endsWith(':100')), 'the daily 100% warning');
    assert.ok(shown().some((id) => id.startsWith('dailyUsd:') && id.endsWith(':80')), 'crossing 100% counts the 80% warning as shown');
    assert.deepEqual(api.spend.warner.check(api.spend.capUses()), [], 'not again in the same day');
    const tomorrow = api.spend.capUses().map((use) => (use.cap === 'dailyUsd' ? { ...use, period: '2999-01-01' } : use));
    assert.deepEqual(api.spend.warner.check(tomorrow).map((warning) => [warning.cap, warning.percent]), [['dailyUsd', 100]], 'a new day warns again');
  });
});
