/**
 * Builds the host: adapters for the core's ports, settings, commands, the chat view, the status bar.
 * Activation does only cheap work; the core is created on first use and the catalog refresh, the local
 * server probe and the environment-key offer run in the background afterwards.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import { ArenaStore, createCore, createNodeLedgerDirectory, type Core } from '../core/index';
import type { HostToWebview as ChatHostToWebview } from '../shared/chat/protocol';
import type { HostToWebview as CompareHostToWebview } from '../shared/compare/protocol';
import type { HostToWebview as LeaderboardHostToWebview } from '../shared/leaderboard/protocol';
import type { HostToUsage } from '../shared/usage/protocol';
import { createChatFeature } from './chat/chatFeature';
import type { ChatController } from './chat/chatController';
import { createCompareFeature } from './compare/compareFeature';
import type { CompareController } from './compare/compareController';
import { ConversationStore } from './conversations/conversationStore';
import { createArenaFiles } from './leaderboard/arenaFiles';
import type { LeaderboardController } from './leaderboard/leaderboardController';
import { createLeaderboardFeature } from './leaderboard/leaderboardFeature';
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
import { settingsFrom, settingValue, type HostSettings } from './platform/settings';
import { WorkspaceSettingsNotice } from './platform/workspaceSettingsNotice';
import { SpendStatusBar } from './spend/statusBar';
import { createSpendFeature, type SpendFeature } from './spend/spendFeature';
import { reconciledCostHandler } from './spend/reconciledReplies';
import { registerWalkthrough } from './walkthrough/walkthrough';
import { PostObservers } from './webviews/postObservers';
import { registerLanguageModels } from './languageModels/registerLanguageModels';
import { registerParticipant } from './participant/registerParticipant';

/** The host's internals, returned by activate() only in the test host (ExtensionMode.Test; see extension.ts). */
export interface SwitchboardApi {
  /** the core (created on first call) */
  core(): Core;
  readonly keys: ApiKeyStore;
  readonly conversations: ConversationStore;
  readonly chat: ChatController;
  /** the compare panel's controller (run, cancel, pick a winner without the UI) */
  readonly compare: CompareController;
  /** the arena's runs (arena.json) the leaderboard reads */
  readonly arena: ArenaStore;
  /** the model leaderboard's controller (rows, filters, CSV) */
  readonly leaderboard: LeaderboardController;
  /** the spend feature: usage panel and controller, cap warnings, the OpenRouter account */
  readonly spend: SpendFeature;
  readonly currentModel: CurrentModel;
  readonly winTally: WinTally;
  settings(): HostSettings;
  /** user-only settings whose workspace value was ignored in this window (each noticed once per workspace) */
  ignoredWorkspaceSettings(): readonly string[];
  /** ms activate() took (measured inside the extension host) */
  readonly activationMs: number;
  /** the key check + store that `Switchboard: Set API Key` runs after the input box */
  saveCheckedApiKey(providerId: string, apiKey: string): Promise<KeySaveOutcome>;
  /** Sign in with OpenRouter: the authorization URL a sign-in opens, and the callback the URI handler receives */
  readonly signIn: Pick<OpenRouterSignIn, 'authorizationUrl' | 'callback'>;
  /** every message each controller posts, delivered or not; in the test host only (the webview connections' test seam) */
  readonly posts?: {
    readonly chat: PostObservers<ChatHostToWebview>;
    readonly compare: PostObservers<CompareHostToWebview>;
    readonly leaderboard: PostObservers<LeaderboardHostToWebview>;
    readonly usage: PostObservers<HostToUsage>;
  };
}

/** Reads the settings; user-only settings set by the workspace are reported through `ignored` and not used. */
function readSettings(logger: { warn(message: string): void }, ignored: (name: string) => void): HostSettings {
  const problems: string[] = [];
  const settings = settingsFrom((name) => {
    const dot = name.indexOf('.');
    const configuration = vscode.workspace.getConfiguration(name.slice(0, dot));
    const key = name.slice(dot + 1);
    return settingValue(name, configuration.inspect(key), configuration.get(key), ignored);
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
  const workspaceNotice = new WorkspaceSettingsNotice(context.workspaceState, logger);
  const ignoreWorkspaceValue = (name: string): void => workspaceNotice.ignored(name);
  let settings = readSettings(logger, ignoreWorkspaceValue);
  const currentModel = new CurrentModel(store, () => settings);
  const conversations = new ConversationStore(
    createWorkspaceFiles(vscode.Uri.joinPath(context.globalStorageUri, 'conversations')),
    (problem) => logger.warn(problem),
  );
  const arena = new ArenaStore(createArenaFiles(context.globalStorageUri), (problem) => logger.warn(problem));
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
        // one append-only ledger per profile, shared by every window (budgets read it, the usage view draws it)
        ledger: createNodeLedgerDirectory(path.join(context.globalStorageUri.fsPath, 'ledger')),
        // the tokenizer is a separate bundle, required on the first exact estimate only
        loadTokenCounter: async () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a separately built bundle, not inlined
          const tokenizer = require(path.join(context.extensionPath, 'dist', 'tokenizer.js')) as { countTokens(text: string): number };
          return (text: string) => tokenizer.countTokens(text);
        },
      });
      // a stopped or cut OpenRouter reply whose cost OpenRouter reports later shows it where the reply is
      core.ledger?.onDidReconcile((event) => late.reconciled?.handle(event));
      logger.debug(`core created in ${(performance.now() - started).toFixed(1)} ms`);
    }
    return core;
  };

  // the spend feature is built after the services it uses; until then spend changes only refresh the status bar
  const late: { spend?: SpendFeature; reconciled?: ReturnType<typeof reconciledCostHandler> } = {};
  const refreshStatus = (): void => statusBar.update(currentModel.get(), core?.budgetStatus(), late.spend?.account.tooltipLine());
  const views = new ConversationViewsHub();
  const services: HostServices = {
    core: getCore,
    keys,
    conversations,
    arena,
    views,
    recent,
    winTally,
    model: currentModel,
    logger,
    settings: () => settings,
    localServer: () => localServer,
    spendChanged: () => {
      refreshStatus();
      late.spend?.changed();
    },
    workspaceName: () => vscode.workspace.name,
  };
  // the test seam: only the test host builds an observer, so nothing is recorded and no snapshot is built for a closed view
  const posts = context.extensionMode !== vscode.ExtensionMode.Test
    ? undefined
    : {
      chat: new PostObservers<ChatHostToWebview>(), compare: new PostObservers<CompareHostToWebview>(),
      leaderboard: new PostObservers<LeaderboardHostToWebview>(), usage: new PostObservers<HostToUsage>(),
    };
  const chatFeature = createChatFeature({
    services, extensionUri: context.extensionUri, windowState: createGlobalStateStore(context.workspaceState), observer: posts?.chat.notify,
  });
  const chat = chatFeature.controller;
  const compare = createCompareFeature({ services, extensionUri: context.extensionUri, store, observer: posts?.compare.notify });
  const leaderboard = createLeaderboardFeature({ services, extensionUri: context.extensionUri, observer: posts?.leaderboard.notify });
  views.connectCompare((comparison) => compare.controller.openSaved(comparison));
  views.connectChat({
    openExchange: async (model, userText, reply, later) => {
      await chat.openExchange(model, userText, reply, later);
      await chatFeature.reveal();
    },
    historyChanged: () => chat.refreshHistory(),
  });
  const spendFeature = createSpendFeature({
    services, extensionUri: context.extensionUri, store, accountChanged: refreshStatus, observer: posts?.usage.notify,
    openConversation: async (conversationId) => {
      const conversation = await conversations.load(conversationId);
      if (conversation.kind === 'compare') {
        await views.openComparison(conversation);
        return;
      }
      await chat.open(conversationId);
      await chatFeature.reveal();
    },
  });
  late.spend = spendFeature;
  late.reconciled = reconciledCostHandler({
    conversations,
    views: () => [chat, compare.controller],
    changed: async () => {
      services.spendChanged();
      await views.historyChanged();
    },
    logger,
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
    'switchboard.showLeaderboard': () => leaderboard.show(),
    'switchboard.compareFromHere': () => compare.controller.compareFromHere(chat.current.messages),
    ...spendFeature.commands,
  });
  // VS Code's own chat: Switchboard's models in its model picker (>= 1.104) and @switchboard
  registerLanguageModels(context, services);
  registerParticipant(context, {
    services,
    compare: { controller: compare.controller, sets: compare.sets, showPanel: () => compare.panel.show() },
    pickModel: () => pickModel(getCore(), recent, winTally, { current: currentModel.get() }),
  });

  context.subscriptions.push(
    compare,
    leaderboard,
    spendFeature,
    channel,
    keys,
    statusBar,
    chatFeature,
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('switchboard') && !event.affectsConfiguration('http.proxy')) return;
      settings = readSettings(logger, ignoreWorkspaceValue);
      core?.updateSettings(settings.core);
      logger.info('settings applied');
      if (event.affectsConfiguration('switchboard.model')) await currentModel.settingChanged();
      refreshStatus();
      spendFeature.changed();
      chat.postSnapshot();
    }),
    currentModel.onDidChange(() => {
      refreshStatus();
      chat.postSnapshot();
    }),
    keys.onDidChange(() => chat.postSnapshot()),
    { dispose: () => core?.dispose() },
  );

  registerWalkthrough(context, logger);

  // Background work after activation returns: never blocks start-up.
  const background = setTimeout(() => {
    void (async () => {
      try {
        await workspaceNotice.scanWorkspace();
        const created = getCore();
        refreshStatus();
        context.subscriptions.push(created.catalog.onDidChange(() => chat.postSnapshot()));
        if (created.ledger) context.subscriptions.push(created.ledger.onDidChange(() => spendFeature.controller.postSnapshot()));
        for (const problem of created.ledger?.problems() ?? []) logger.warn(`spend ledger ${problem.file} line ${problem.line}: ${problem.kind} line skipped (${problem.reason}); nothing else was lost`);
        void spendFeature.account.refresh();
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
    leaderboard: leaderboard.controller,
    arena,
    spend: spendFeature,
    currentModel,
    winTally,
    settings: () => settings,
    ignoredWorkspaceSettings: () => workspaceNotice.names(),
    saveCheckedApiKey: (providerId, apiKey) => saveCheckedApiKey(services, providerId, apiKey),
    signIn,
    posts,
  };
}
