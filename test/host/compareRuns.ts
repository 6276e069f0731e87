// What the in-host compare tests share: the extension's API, a run as the panel would start it (everything posted
// recorded), a column stopped at its first part, the stream of one column, waiting for a condition, a setting
// changed and applied, and the OpenRouter key of the fixture server set for a describe block.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchboardApi } from '../../src/host/activateHost';
import type { HostToWebview } from '../../src/shared/compare/protocol';
import type { CompareViewState } from '../../src/shared/viewModels';

export { switchboard, until, useOpenRouterKey } from './hostApi';

export type StreamMessage = Extract<HostToWebview, { type: 'stream/part' | 'stream/end' }>;

/** Runs `prompt` on `models` as the panel would and returns everything posted until the run settled. */
export async function compareRun(api: SwitchboardApi, models: string[], prompt: string, during?: (message: HostToWebview, requestId: string) => void): Promise<{ posted: HostToWebview[]; state: CompareViewState; requestId: string }> {
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
export function stopOnFirstPart(api: SwitchboardApi, column: number): { during: (message: HostToWebview, requestId: string) => void; stopped(): boolean } {
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

export function streamOf(posted: HostToWebview[], column: number): StreamMessage[] {
  return posted.filter((message): message is StreamMessage => (message.type === 'stream/part' || message.type === 'stream/end') && message.column === column);
}

export async function setSetting(api: SwitchboardApi, key: string, value: unknown, applied: () => boolean): Promise<void> {
  await vscode.workspace.getConfiguration('switchboard').update(key, value, vscode.ConfigurationTarget.Global);
  for (let attempt = 0; attempt < 100 && !applied(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(applied(), `the setting switchboard.${key} was not applied`);
}
