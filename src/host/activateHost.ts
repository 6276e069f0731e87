/**
 * Builds the host: adapters for the core's ports, settings, commands, the chat view, the status bar.
 * Activation does only cheap work; the core is created on first use and the catalog refresh, the local
 * server probe and the environment-key offer run in the background afterwards.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import { createCore, type Core } from '../core/index';
import type { HostToWebview as ChatHostToWebview } from '../shared/chat/protocol';
import type { HostToWebview as CompareHostToWebview } from '../shared/compare/protocol';
import { createChatFeature } from './chat/chatFeature';
import type { ChatController } from './chat/chatController';
import { createCompareFeature } from './compare/compareFeature';
import type { CompareController } from './compare/compareController';
import { ConversationStore } from './conversations/conversationStore';
import { ConversationViewsHub } from './conversations/conversationViews';
import { createWorkspaceFiles } from './conversations/workspaceFiles';
import type { HostServices } from './hostServices';
import { ApiKeyStore } from './keys/apiKeys';
import { clearApiKeyCommand, offerEnvironmentKeys, saveCheckedApiKey, setApiKeyCommand, type KeySaveOutcome } from './keys/keyCommands';
import { OpenRouterSignIn } from './keys/openRouterSignIn';
import { CurrentModel } from './models/currentModel';
import { probeLocalServers } from './models/localServers';
import { pickModel } from './models/modelPicker';
import { RecentModels } from './models/recentModels';
import { WinTally } from './models/winTally';
import { registerCommands } from './platform/commands';
import { createGlobalStateStore } from './platform/globalStateStore';
import { createOutputLogger } from './platform/outputLogger';
import { settingsFrom, type HostSettings } from './platform/settings';
import { SpendStatusBar } from './spend/statusBar';
import { PostObservers } from './webviews/postObservers';

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
  /** Sign in with OpenRouter: the authorization URL a sign-in opens, and the callback the URI handler receives */
  readonly signIn: Pick<OpenRouterSignIn, 'authorizationUrl' | 'callback'>;
  /** every message each controller posts, delivered or not; outside production only (the webview connections' test seam) */
  readonly posts?: { readonly chat: PostObservers<ChatHostToWebview>; readonly compare: PostObservers<CompareHostToWebview> };
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
  const views = new ConversationViewsHub();
  const services: HostServices = {
    core: getCore,
    keys,
    conversations,
    views,
    recent,
    winTally,
    model: currentModel,
    logger,
    settings: () => settings,
    localServer: () => localServer,
    spendChanged: refreshStatus,
  };
  // the test seam: production builds no observer, so nothing is recorded and no snapshot is built for a closed view
  const posts = context.extensionMode === vscode.ExtensionMode.Production
    ? undefined
    : { chat: new PostObservers<ChatHostToWebview>(), compare: new PostObservers<CompareHostToWebview>() };
  const chatFeature = createChatFeature({
    services, extensionUri: context.extensionUri, windowState: createGlobalStateStore(context.workspaceState), observer: posts?.chat.notify,
  });
  const chat = chatFeature.controller;
  const compare = createCompareFeature({ services, extensionUri: context.extensionUri, store, observer: posts?.compare.notify });
  views.connectCompare((comparison) => compare.controller.openSaved(comparison));
  views.connectChat({
    openExchange: async (model, userText, reply) => {
      await chat.openExchange(model, userText, reply);
      await chatFeature.reveal();
    },
    historyChanged: () => chat.refreshHistory(),
  });
  refreshStatus();

  const chooseModel = async (): Promise<void> => {
    const picked = await pickModel(getCore(), recent, winTally, { current: currentModel.get() });
    if (!picked) return;
    await currentModel.set(picked);
    await recent.use(picked);
  };

  const signIn = new OpenRouterSignIn(services, context.extension.id);
  context.subscriptions.push(vscode.window.registerUriHandler(signIn));

  registerCommands(context.subscriptions, logger, {
    ...chatFeature.commands,
    'switchboard.signInWithOpenRouter': () => signIn.start(),
    'switchboard.selectModel': chooseModel,
    'switchboard.setApiKey': (provider) => setApiKeyCommand(services, typeof provider === 'string' ? provider : undefined),
    'switchboard.clearApiKey': (provider) => clearApiKeyCommand(services, typeof provider === 'string' ? provider : undefined),
    'switchboard.showLog': () => channel.show(),
    'switchboard.compareModels': () => compare.command(),
  });

  context.subscriptions.push(
    compare,
    channel,
    keys,
    statusBar,
    chatFeature,
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
    signIn,
    posts,
  };
}
