// In-host tests of the extension's commands, keys and settings, through the API activate() returns.
// The run seeds settings that point every provider at the loopback fixture server (scripts/rig/codeServer.ts).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { switchboard, until } from './hostApi';

const COMMANDS = [
  'switchboard.openChat', 'switchboard.newChat', 'switchboard.selectModel', 'switchboard.setApiKey',
  'switchboard.clearApiKey', 'switchboard.sendSelectionToChat', 'switchboard.sendSelectionToModel',
  'switchboard.exportConversation', 'switchboard.showLog', 'switchboard.compareModels', 'switchboard.openWalkthrough',
  'switchboard.showUsage', 'switchboard.signInWithOpenRouter', 'switchboard.chooseVsCodeChatModels', 'switchboard.showComparison',
  'switchboard.compareFromHere', 'switchboard.showLeaderboard',
];

describe('extension host: commands', () => {
  it('registers every command the manifest contributes', async () => {
    await switchboard();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (vscode.extensions.getExtension('switchboard-dev.switchboard')!.packageJSON.contributes.commands as { command: string }[])
      .map((entry) => entry.command);
    assert.deepEqual([...contributed].sort(), [...COMMANDS].sort());
    for (const command of COMMANDS) assert.ok(registered.has(command), `${command} is not registered`);
  });

  it('describes every setting it contributes', async () => {
    await switchboard();
    const properties = vscode.extensions.getExtension('switchboard-dev.switchboard')!.packageJSON.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    assert.deepEqual(Object.keys(properties).sort(), [
      'switchboard.budget.allowUnpricedUnderCaps', 'switchboard.budget.dailyUsd', 'switchboard.budget.monthlyUsd', 'switchboard.budget.perRequestUsd', 'switchboard.budget.workspaceMonthlyUsd',
      'switchboard.endpoints', 'switchboard.fallbackChain', 'switchboard.maxTokens', 'switchboard.model',
      'switchboard.openRouter.lowCreditWarningUsd', 'switchboard.openRouter.routing', 'switchboard.providerBaseUrls', 'switchboard.requestsPerMinute',
      'switchboard.systemPrompt', 'switchboard.temperature', 'switchboard.vscodeChat.models',
    ]);
    for (const [name, property] of Object.entries(properties)) {
      assert.ok((property.description ?? property.markdownDescription ?? '').length > 20, `${name} has no description`);
    }
  });
});

describe('extension host: API keys in SecretStorage', () => {
  afterEach(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
  });

  it('stores a key the provider accepts, trimmed, reports hasKey, and clears it', async () => {
    const api = await switchboard();
    const outcome = await api.saveCheckedApiKey('openrouter', '  sk-or-v1-test-host-trimmed  ');
    assert.equal(outcome.saved, true, JSON.stringify(outcome));
    assert.equal(await api.keys.getApiKey('openrouter'), 'sk-or-v1-test-host-trimmed');
    assert.equal(await api.keys.hasApiKey('openrouter'), true);
    await api.keys.clearApiKey('openrouter');
    assert.equal(await api.keys.hasApiKey('openrouter'), false);
    assert.equal(await api.keys.getApiKey('openrouter'), undefined);
  });

  it('keeps nothing when the provider rejects the key with 401', async () => {
    const api = await switchboard();
    const outcome = await api.saveCheckedApiKey('openrouter', 'sk-or-v1-invalid-test-key');
    assert.equal(outcome.saved, false);
    assert.equal(!outcome.saved && outcome.reason, 'rejected');
    assert.equal(await api.keys.hasApiKey('openrouter'), false);
  });

  it('tells the chat view only whether a key exists, never the key', async () => {
    const api = await switchboard();
    const key = 'sk-or-v1-test-never-in-the-webview';
    await api.keys.setApiKey('openrouter', key);
    await api.keys.refresh(['openrouter']);
    const state = api.chat.snapshot();
    assert.equal(state.providers.find((provider) => provider.id === 'openrouter')?.hasKey, true);
    assert.equal(state.needsSetup, false);
    assert.ok(!JSON.stringify(state).includes(key), 'the snapshot contains the key');
  });
});

describe('extension host: settings reach the core without a reload', () => {
  const configuration = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('switchboard');

  afterEach(async () => {
    await configuration().update('budget.dailyUsd', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('model', undefined, vscode.ConfigurationTarget.Global);
  });

  it('applies a new daily budget to budgetStatus()', async () => {
    const api = await switchboard();
    await configuration().update('budget.dailyUsd', 2.5, vscode.ConfigurationTarget.Global);
    await until(() => api.core().budgetStatus().day.capMicroUsd === 2_500_000, `daily cap is ${api.core().budgetStatus().day.capMicroUsd}, expected 2500000`);
    await configuration().update('budget.dailyUsd', 0, vscode.ConfigurationTarget.Global);
    await until(() => api.core().budgetStatus().day.capMicroUsd === undefined, 'a daily budget of 0 should mean no cap');
  });

  it('makes a changed switchboard.model the current model', async () => {
    const api = await switchboard();
    assert.equal(api.settings().modelFromEnvironment, false, 'SWITCHBOARD_MODEL is set in the test host; it would win over the setting');
    await api.currentModel.set('openrouter:openai/gpt-4o');
    await configuration().update('model', 'anthropic:claude-sonnet-4-5', vscode.ConfigurationTarget.Global);
    await until(() => api.currentModel.get() === 'anthropic:claude-sonnet-4-5', `current model is ${api.currentModel.get()}`);
  });

  it('reads the fixture server base URLs from switchboard.providerBaseUrls', async () => {
    const api = await switchboard();
    const fixture = process.env.SWITCHBOARD_FIXTURE_URL;
    assert.ok(fixture, 'SWITCHBOARD_FIXTURE_URL is not set by the runner');
    const openRouter = api.core().providers().find((provider) => provider.id === 'openrouter');
    assert.equal(openRouter?.baseUrl, `${fixture}/openrouter/api/v1`);
  });
});
