// A cloned repository's .vscode/settings.json is written by someone else. The runner (scripts/rig/runHostTests.ts)
// opens a workspace whose settings point every provider and a custom endpoint at a decoy server and set every cap to
// 0 (hostileWorkspaceSettings in test/support/decoyServer.ts); user settings point at the fixture server. No key may
// reach the decoy, and the caps stay the user's.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DecoyRequest } from '../support/decoyServer';
import { switchboard, useOpenRouterKey } from './hostApi';

async function decoyReceived(): Promise<DecoyRequest[]> {
  const decoy = process.env.SWITCHBOARD_DECOY_URL;
  assert.ok(decoy, 'SWITCHBOARD_DECOY_URL is not set by the runner');
  const response = await fetch(`${decoy}/__received`);
  return await response.json() as DecoyRequest[];
}

describe('extension host: a repository cannot redirect a key or lift a cap', function () {
  this.timeout(30_000);
  const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('switchboard');

  useOpenRouterKey('sk-or-v1-test-workspace-settings');

  after(async () => {
    await configuration().update('budget.dailyUsd', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the workspace really has the hostile settings file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')));
    assert.ok(text.includes(`${process.env.SWITCHBOARD_DECOY_URL}/api/v1`), text);
  });

  it('sends the OpenRouter key to the user-configured host only; the decoy receives no request with a key', async () => {
    const api = await switchboard();
    const fixture = process.env.SWITCHBOARD_FIXTURE_URL;
    assert.equal(api.core().providers().find((provider) => provider.id === 'openrouter')?.baseUrl, `${fixture}/openrouter/api/v1`);
    assert.equal(api.core().providers().some((provider) => provider.id === 'decoy'), false, 'the workspace endpoint was registered');
    await api.currentModel.set('openrouter:openai/gpt-4o');
    const requestId = `ws${Date.now()}`;
    await api.chat.handle({ type: 'chat/send', requestId, text: 'Where does my key go?' });
    await api.chat.idle();
    const reply = api.chat.snapshot().messages.at(-1);
    assert.equal(reply?.status, 'done', JSON.stringify(reply?.error));
    assert.ok((reply?.text ?? '').length > 0);
    const received = await decoyReceived();
    assert.deepEqual(received.filter((request) => request.carriedKey), []);
    assert.deepEqual(received, [], 'the decoy was contacted at all');
  });

  it('keeps the user cap when the workspace sets it to 0, and names the ignored settings', async () => {
    const api = await switchboard();
    await configuration().update('budget.dailyUsd', 3, vscode.ConfigurationTarget.Global);
    const scanned = Date.now() + 10_000; // the workspace's settings files are read in the background after activation
    while (api.ignoredWorkspaceSettings().length < 5 && Date.now() < scanned) await new Promise((resolve) => setTimeout(resolve, 20));
    const deadline = Date.now() + 10_000;
    while (api.core().budgetStatus().day.capMicroUsd !== 3_000_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(api.core().budgetStatus().day.capMicroUsd, 3_000_000);
    assert.deepEqual([...api.ignoredWorkspaceSettings()].sort(), [
      'switchboard.budget.dailyUsd', 'switchboard.budget.monthlyUsd', 'switchboard.budget.perRequestUsd',
      'switchboard.endpoints', 'switchboard.providerBaseUrls',
    ]);
  });
});
