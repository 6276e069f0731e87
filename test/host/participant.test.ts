// In-host tests of @switchboard: the participant's handler with the real core, host state and compare controller,
// answering into a recorder with the shape of VS Code's ChatResponseStream (the chat API offers no way to send a
// request to a participant from an extension; the e2e test types into the real Chat view).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchboardApi } from '../../src/host/activateHost';
import type { HostServices } from '../../src/host/hostServices';
import { ConversationViewsHub } from '../../src/host/conversations/conversationViews';
import { RecentModels } from '../../src/host/models/recentModels';
import { createParticipantHandler, SHOW_COMPARISON_COMMAND, type ParticipantStream } from '../../src/host/participant/participantHandler';
import { hostSpendSource } from '../../src/host/participant/spendSummary';
import { MemoryLogger, MemoryStore } from '../support/memoryPorts';
import { switchboard, useOpenRouterKey } from './hostApi';

/** Records what the participant wrote, as VS Code's chat would show it. */
class ResponseRecorder implements ParticipantStream {
  markdownText = '';
  readonly buttons: vscode.Command[] = [];
  readonly progressMessages: string[] = [];
  markdown(value: string | vscode.MarkdownString): void {
    this.markdownText += typeof value === 'string' ? value : value.value;
  }
  button(command: vscode.Command): void {
    this.buttons.push(command);
  }
  progress(value: string): void {
    this.progressMessages.push(value);
  }
}

function services(api: SwitchboardApi): HostServices {
  return {
    core: () => api.core(),
    keys: api.keys,
    conversations: api.conversations,
    arena: api.arena,
    views: new ConversationViewsHub(),
    recent: new RecentModels(new MemoryStore()),
    winTally: api.winTally,
    model: api.currentModel,
    logger: new MemoryLogger(),
    settings: () => api.settings(),
    localServer: () => undefined,
    spendChanged: () => undefined,
    workspaceName: () => undefined,
  };
}

const COMPARED = ['openrouter:openai/gpt-4o', 'openrouter:anthropic/claude-haiku-4.5'];

function handlerFor(api: SwitchboardApi, picked?: string) {
  return createParticipantHandler({
    services: services(api),
    spend: hostSpendSource(services(api)),
    compareModels: () => COMPARED,
    runComparison: async (models, prompt) => {
      api.compare.setModels(models);
      await api.compare.run(prompt);
      return api.compare.current;
    },
    pickModel: async () => picked,
  });
}

const token = new vscode.CancellationTokenSource().token;

describe('extension host: @switchboard', function () {
  this.timeout(30_000);

  useOpenRouterKey('sk-or-v1-test-host-participant');

  it('answers a plain question with the current model, streamed, with its cost under the answer', async () => {
    const api = await switchboard();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    const stream = new ResponseRecorder();
    const result = await handlerFor(api)({ prompt: 'Name two dogs', command: undefined }, [], stream, token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    assert.match(stream.markdownText, /Pebbles and Skipper\./);
    assert.match(stream.markdownText, /\*openrouter:openai\/gpt-4o · 17 in \/ 6 out · \$0\.0001 billed\*/);
    assert.equal(result.metadata?.costMicroUsd, 103);
  });

  it('/cost shows today, this month and the OpenRouter balance from the key check', async () => {
    const api = await switchboard();
    const stream = new ResponseRecorder();
    const result = await handlerFor(api)({ prompt: '', command: 'cost' }, [], stream, token);
    assert.equal(result.errorDetails, undefined);
    assert.match(stream.markdownText, /\| Today \| \$[\d.,<]+/);
    assert.match(stream.markdownText, /\| This month \| \$[\d.,<]+/);
    assert.match(stream.markdownText, /OpenRouter balance: /);
    assert.doesNotMatch(stream.markdownText, /no OpenRouter key set/);
  });

  it('/model provider:id switches the model; a bad id gets a clear message; /model alone uses the picker', async () => {
    const api = await switchboard();
    const stream = new ResponseRecorder();
    await handlerFor(api)({ prompt: 'openrouter:anthropic/claude-haiku-4.5', command: 'model' }, [], stream, token);
    assert.equal(api.currentModel.get(), 'openrouter:anthropic/claude-haiku-4.5');
    assert.match(stream.markdownText, /now answers with `openrouter:anthropic\/claude-haiku-4\.5`/);
    const bad = await handlerFor(api)({ prompt: 'gpt 4', command: 'model' }, [], new ResponseRecorder(), token);
    assert.match(bad.errorDetails?.message ?? '', /not a model id/);
    await handlerFor(api, 'openrouter:openai/gpt-4o')({ prompt: '', command: 'model' }, [], new ResponseRecorder(), token);
    assert.equal(api.currentModel.get(), 'openrouter:openai/gpt-4o');
  });

  it('/compare runs the models and answers with the metrics table and a button to the compare panel', async () => {
    const api = await switchboard();
    const stream = new ResponseRecorder();
    const result = await handlerFor(api)({ prompt: 'Name two dogs', command: 'compare' }, [], stream, token);
    assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
    assert.match(stream.markdownText, /\| Model \| First token \| Total \| Tokens \| Cost \| Status \|/);
    for (const model of COMPARED) assert.match(stream.markdownText, new RegExp(`\`${model.replace(/[./]/g, '\\$&')}\` \\|.*\\| ok \\|`));
    assert.deepEqual(stream.buttons.map((button) => button.command), [SHOW_COMPARISON_COMMAND]);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(SHOW_COMPARISON_COMMAND), 'the button command is registered');
  });
});
