/**
 * Builds the host: adapters for the core's ports, settings, commands, the chat view, the status bar.
 * Activation does only cheap work; the core is created on first use and the catalog refresh, the local
 * server probe and the environment-key offer run in the background afterwards.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import { createCore, type Core } from '../core/index';
import { ApiKeyStore } from './apiKeys';
import { ChatController } from './chat/chatController';
import { CHAT_VIEW_ID, ChatViewProvider } from './chat/chatViewProvider';
import { createCompareFeature } from './compare/compareFeature';
import type { CompareController } from './compare/compareController';
import type { StoredConversation } from './conversations/conversation';
import { ConversationStore } from './conversations/conversationStore';
import { createWorkspaceFiles } from './conversations/workspaceFiles';
import { CurrentModel } from './currentModel';
import { exportConversationInteractive } from './exportConversation';
import { createGlobalStateStore } from './globalStateStore';
import type { HostServices } from './hostServices';
import { clearApiKeyCommand, offerEnvironmentKeys, saveCheckedApiKey, setApiKeyCommand, type KeySaveOutcome } from './keyCommands';
import { probeLocalServers } from './localServers';
import { pickModel } from './modelPicker';
import { createOutputLogger } from './outputLogger';
import { RecentModels } from './recentModels';
import { editorSelectionBlock } from './editorSelection';
import { settingsFrom, type HostSettings } from './settings';
import { SpendStatusBar } from './statusBar';
import { WinTally } from './winTally';
import { registerLanguageModels } from './languageModels/registerLanguageModels';
import { registerParticipant } from './participant/registerParticipant';

/** What activate() returns: for in-host tests only (reach internals without the UI). */
export interface SwitchboardApi {
  /** the core (created on first call) */
  core(): Core;
  readonly keys: ApiKeyStore;
  readonly conversations: ConversationStore;
  readonly chat: ChatController;
  /** the compare panel's controller (run, cancel, pick a winner without the UI) */
  readonly compare: CompareController;
  readonly currentModel: CurrentModel;
  readonly winTally: WinTally;
  settings(): HostSettings;
  /** ms activate() took (measured inside the extension host) */
  readonly activationMs: number;
  /** the key check + store that `Switchboard: Set API Key` runs after the input box */
  saveCheckedApiKey(providerId: string, apiKey: string): Promise<KeySaveOutcome>;
}

function readSettings(logger: { warn(message: string): void }): HostSettings {
  const problems: string[] = [];
  const settings = settingsFrom((name) => {
    const dot = name.indexOf('.');
    return vscode.workspace.getConfiguration(name.slice(0, dot)).get(name.slice(dot + 1));
  }, process.env, problems);
  for (const problem of problems) logger.warn(problem);
  return settings;
}

export function activateHost(context: vscode.ExtensionContext): SwitchboardApi {
  const activationStarted = performance.now();
  const channel = vscode.window.createOutputChannel('Switchboard', { log: true });
  const logger = createOutputLogger(channel);
  const store = createGlobalStateStore(context.globalState);
  const keys = new ApiKeyStore(context.secrets);
  let settings = readSettings(logger);
  const currentModel = new CurrentModel(store, () => settings);
  const conversations = new ConversationStore(
    createWorkspaceFiles(vscode.Uri.joinPath(context.globalStorageUri, 'conversations')),
    (problem) => logger.warn(problem),
  );
  const recent = new RecentModels(store);
  const winTally = new WinTally(store);
  const statusBar = new SpendStatusBar();
  let core: Core | undefined;
  let localServer: string | undefined;

  const getCore = (): Core => {
    if (!core) {
      const started = performance.now();
      core = createCore({
        secrets: keys,
        store,
        settings: settings.core,
        logger,
        // the tokenizer is a separate bundle, required on the first exact estimate only
        loadTokenCounter: async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a separately built bundle, not inlined
          const tokenizer = require(path.join(context.extensionPath, 'dist', 'tokenizer.js')) as { countTokens(text: string): number };
          return (text: string) => tokenizer.countTokens(text);
        },
      });
      logger.debug(`core created in ${(performance.now() - started).toFixed(1)} ms`);
    }
    return core;
  };

  const refreshStatus = (): void => statusBar.update(currentModel.get(), core?.budgetStatus());
  const services: HostServices = {
    core: getCore,
    keys,
    conversations,
    recent,
    winTally,
    model: currentModel,
    logger,
    settings: () => settings,
    localServer: () => localServer,
    spendChanged: refreshStatus,
  };
  const chat = new ChatController(services, createGlobalStateStore(context.workspaceState));
  const viewProvider = new ChatViewProvider(context.extensionUri, chat, logger);
  refreshStatus();

  const revealChat = async (): Promise<void> => {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  };

  const chooseModel = async (): Promise<void> => {
    const picked = await pickModel(getCore(), recent, winTally, { current: currentModel.get() });
    if (!picked) return;
    await currentModel.set(picked);
    await recent.use(picked);
  };

  const selectionFromEditor = (): string | undefined => {
    const block = editorSelectionBlock();
    if (block === undefined) void vscode.window.showInformationMessage('Switchboard: select some code in an editor first.');
    return block;
  };

  const exportConversation = async (conversationId?: unknown): Promise<void> => {
    let conversation: StoredConversation = chat.current;
    if (typeof conversationId === 'string' && conversationId !== chat.current.id) {
      conversation = await conversations.load(conversationId);
    }
    if (conversation.messages.length === 0) {
      void vscode.window.showInformationMessage('Switchboard: this conversation is empty; there is nothing to export yet.');
      return;
    }
    await exportConversationInteractive(conversation);
  };

  const register = (command: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => {
      try {
        await handler(...args);
      } catch (error) {
        logger.error(`${command} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Switchboard: ${error instanceof Error ? error.message : String(error)}`);
      }
    }));
  };

  register('switchboard.openChat', revealChat);
  register('switchboard.newChat', async () => {
    await chat.newChat();
    await revealChat();
  });
  register('switchboard.selectModel', chooseModel);
  register('switchboard.setApiKey', (provider) => setApiKeyCommand(services, typeof provider === 'string' ? provider : undefined));
  register('switchboard.clearApiKey', (provider) => clearApiKeyCommand(services, typeof provider === 'string' ? provider : undefined));
  register('switchboard.sendSelectionToChat', async () => {
    const block = selectionFromEditor();
    if (!block) return;
    chat.setDraft(block);
    await revealChat();
  });
  register('switchboard.sendSelectionToModel', async () => {
    const block = selectionFromEditor();
    if (!block) return;
    const model = await pickModel(getCore(), recent, winTally, { current: currentModel.get(), title: 'Switchboard: Send Selection to Model' });
    if (!model) return;
    const instruction = await vscode.window.showInputBox({
      title: `Switchboard: send the selection to ${model}`,
      prompt: 'What should the model do with it? (optional: Enter sends the code alone)',
      placeHolder: 'e.g. Explain this code, or find the bug',
    });
    if (instruction === undefined) return;
    await currentModel.set(model);
    await recent.use(model);
    await revealChat();
    await chat.send(instruction.trim() ? `${instruction.trim()}\n\n${block}` : block);
  });
  register('switchboard.exportConversation', exportConversation);
  register('switchboard.showLog', () => channel.show());
  const compare = createCompareFeature({ services, chat, extensionUri: context.extensionUri, store, revealChat });
  context.subscriptions.push(compare);
  register('switchboard.compareModels', () => compare.command());
  // VS Code's own chat: Switchboard's models in its model picker (>= 1.104) and @switchboard
  registerLanguageModels(context, services);
  registerParticipant(context, {
    services,
    compare: { controller: compare.controller, sets: compare.sets, showPanel: () => compare.panel.show() },
    pickModel: () => pickModel(getCore(), recent, winTally, { current: currentModel.get() }),
  });

  context.subscriptions.push(
    channel,
    keys,
    statusBar,
    chat,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, viewProvider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('switchboard') && !event.affectsConfiguration('http.proxy')) return;
      settings = readSettings(logger);
      core?.updateSettings(settings.core);
      logger.info('settings applied');
      if (event.affectsConfiguration('switchboard.model')) await currentModel.settingChanged();
      refreshStatus();
      chat.postSnapshot();
    }),
    currentModel.onDidChange(() => {
      refreshStatus();
      chat.postSnapshot();
    }),
    keys.onDidChange(() => chat.postSnapshot()),
    { dispose: () => core?.dispose() },
  );

  // Background work after activation returns: never blocks start-up.
  const background = setTimeout(() => {
    void (async () => {
      try {
        const created = getCore();
        refreshStatus();
        context.subscriptions.push(created.catalog.onDidChange(() => chat.postSnapshot()));
        await keys.refresh(created.providers().map((provider) => provider.id));
        const [server] = await Promise.all([
          probeLocalServers(created.providers()),
          created.catalog.refresh().catch((error: unknown) => logger.warn(`catalog refresh: ${error instanceof Error ? error.message : String(error)}`)),
        ]);
        localServer = server;
        if (server) logger.info(`local server detected: ${server}`);
        chat.postSnapshot();
        await offerEnvironmentKeys(services, context.globalState, process.env);
      } catch (error) {
        logger.error(`start-up: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    })();
  }, 250);
  context.subscriptions.push({ dispose: () => clearTimeout(background) });

  const activationMs = performance.now() - activationStarted;
  logger.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    core: getCore,
    keys,
    conversations,
    chat,
    compare: compare.controller,
    currentModel,
    winTally,
    settings: () => settings,
    saveCheckedApiKey: (providerId, apiKey) => saveCheckedApiKey(services, providerId, apiKey),
  };
}
