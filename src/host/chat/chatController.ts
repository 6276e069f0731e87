/**
 * The sidebar chat's host side: owns the conversation, streams replies from the core to the webview
 * (coalesced, numbered, one `stream/end` each, then a full snapshot), saves after every reply, and runs what
 * the webview asks for. The webview only renders; everything it sends was validated before it reaches here.
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { SwitchboardError, type ChatMessage, type ChatResult, type CostEstimate, type KeyValueStore } from '../../core/index';
import type { HostToWebview, WebviewToHost } from '../../shared/protocol';
import type {
  ChatViewState, ConversationSummary, EstimateView, MessageMeta, MessageView, ModelOption, ProviderStatus,
} from '../../shared/viewModels';
import { formatCost, formatDuration, formatTokens } from '../../shared/format';
import { CONVERSATION_SCHEMA_VERSION, type StoredConversation, type StoredMessage } from '../conversations/conversation';
import { titleFromText } from '../conversations/conversationFormat';
import { CREDITS_PAGES, errorViewOf } from '../errorView';
import type { HostServices } from '../hostServices';
import { modelOptionOf } from '../modelOptions';
import { StreamCoalescer } from './streamCoalescer';
import { applyStreamPart } from '../streamReply';
import { WebviewConnection, type WebviewTarget } from '../webviewConnection';

/** Where posts go: the webview of the resolved view (absent while the view is closed). */
export type ChatWebview = WebviewTarget;

interface ActiveReply {
  requestId: string;
  messageId: string;
  abort: AbortController;
  coalescer: StreamCoalescer;
  done: Promise<void>;
}

/** at most this many models in the view's own picker (the quick pick shows all) */
const VIEW_MODEL_LIMIT = 200;
/** at most this many conversations in the view's history list */
const VIEW_HISTORY_LIMIT = 100;
/** key (in the window's state) of the conversation the chat shows, so a reloaded window shows it again */
export const OPEN_CONVERSATION_KEY = 'switchboard.openConversation';

export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 20);
}

/** VS Code language ids for the short names models put after a code fence. */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript',
  shell: 'shellscript', yml: 'yaml', md: 'markdown', 'c++': 'cpp', cs: 'csharp', 'c#': 'csharp', rb: 'ruby',
  rs: 'rust', golang: 'go', kt: 'kotlin', tsx: 'typescriptreact', jsx: 'javascriptreact', ps1: 'powershell',
};

export class ChatController implements vscode.Disposable {
  private conversation: StoredConversation;
  private active: ActiveReply | undefined;
  private pendingDraft: string | undefined;
  private history: ConversationSummary[] = [];
  private compareOpener: ((conversation: StoredConversation) => Promise<void>) | undefined;
  private estimateSeq = 0;
  private restored = false;
  /** the view's webview: attach, detach, hidden, and what was posted (onDidPost, posted) */
  readonly connection: WebviewConnection;

  /** `windowState` (the workspace's state) remembers the open conversation across window reloads. */
  constructor(private readonly services: HostServices, private readonly windowState?: KeyValueStore) {
    this.connection = new WebviewConnection('state/snapshot', services.logger, 'chat');
    this.conversation = this.emptyConversation();
  }

  // ---- view lifecycle ------------------------------------------------------------------------------------

  get current(): StoredConversation {
    return this.conversation;
  }

  get activeRequestId(): string | undefined {
    return this.active?.requestId;
  }

  /** resolves when the reply in flight (if any) has been saved */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  private post(message: HostToWebview): void {
    this.connection.post(message);
  }

  postSnapshot(): void {
    // nobody to tell: building the state would create the core for nothing
    if (!this.connection.listened) return;
    const state = this.snapshot();
    this.post({ type: 'state/snapshot', state });
    if (state.draft !== undefined && this.connection.ready) {
      this.pendingDraft = undefined;
      this.post({ type: 'chat/focusInput' });
    }
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  /** Runs one validated message from the webview. */
  async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        this.connection.markReady();
        await this.restoreOpenConversation();
        // one snapshot, after the keys are known, so the getting-started panel does not flash for people with a key
        await this.refreshKeysAndHistory();
        return;
      case 'chat/send':
        return this.send(message.text, message.requestId);
      case 'chat/cancel':
        this.cancel(message.requestId);
        return;
      case 'chat/retry':
        return this.retry(message.messageId);
      case 'chat/edit':
        return this.edit(message.messageId, message.text);
      case 'chat/new':
        return this.newChat();
      case 'chat/estimate':
        return this.estimate(message.text);
      case 'model/select':
        // the model's change listener posts the snapshot
        await this.services.recent.use(message.model);
        await this.services.model.set(message.model);
        return;
      case 'model/pick':
        await vscode.commands.executeCommand('switchboard.selectModel');
        return;
      case 'key/set':
        await vscode.commands.executeCommand('switchboard.setApiKey', message.provider);
        return;
      case 'history/open':
        return this.open(message.conversationId);
      case 'history/delete':
        return this.delete(message.conversationId);
      case 'history/export':
        await vscode.commands.executeCommand('switchboard.exportConversation', message.conversationId);
        return;
      case 'code/copy':
        await vscode.env.clipboard.writeText(message.code);
        vscode.window.setStatusBarMessage('Switchboard: code copied', 2000);
        return;
      case 'code/insert':
        return this.insertCode(message.code);
      case 'code/open':
        return this.openCode(message.code, message.language);
      case 'link/open':
        return this.openLink(message.href);
      case 'error/action':
        return this.runErrorAction(message.action, message.provider, message.messageId);
      case 'compare/open':
        await vscode.commands.executeCommand('switchboard.compareModels');
        return;
      case 'compare/start':
      case 'compare/cancel':
      case 'compare/pickWinner':
      case 'compare/continueInChat':
      case 'compare/pickModels':
      case 'compare/export':
      case 'compare/estimate':
        this.services.logger.warn(`chat view: ignored ${message.type} (a compare panel message)`);
        return;
      default: {
        const unreachable: never = message;
        this.services.logger.warn(`chat view: unhandled message ${JSON.stringify(unreachable).slice(0, 100)}`);
      }
    }
  }

  // ---- chat ---------------------------------------------------------------------------------------------

  /** Sends `text` as a user message to the current model and streams the reply. */
  async send(text: string, requestId: string = newId()): Promise<void> {
    if (this.active || !text.trim()) {
      if (this.active) {
        // keep the text: it goes back to the input box
        this.pendingDraft = text;
        vscode.window.setStatusBarMessage('Switchboard: a reply is still streaming; stop it or wait before sending', 4000);
      }
      // the view thinks a request started: the snapshot tells it what is really running
      this.postSnapshot();
      return;
    }
    const conversation = this.conversation;
    // a conversation takes the system prompt in force when its first message is sent
    if (conversation.messages.length === 0) conversation.systemPrompt = this.services.settings().systemPrompt;
    conversation.messages.push({ id: newId(), role: 'user', text, status: 'done', createdAt: Date.now() });
    if (conversation.messages.filter((message) => message.role === 'user').length === 1) conversation.title = titleFromText(text);
    await this.reply(conversation, requestId);
  }

  cancel(requestId: string): void {
    if (this.active?.requestId === requestId) this.active.abort.abort();
  }

  /** Retries the assistant reply `messageId`: drops it (and anything after) and asks again. */
  async retry(messageId: string): Promise<void> {
    if (this.active) return;
    const index = this.conversation.messages.findIndex((message) => message.id === messageId && message.role === 'assistant');
    if (index < 0) return;
    this.conversation.messages.splice(index);
    await this.reply(this.conversation, newId());
  }

  /** Replaces the user message `messageId` with `text` and resends from there. */
  async edit(messageId: string, text: string): Promise<void> {
    if (this.active || !text.trim()) return;
    const index = this.conversation.messages.findIndex((message) => message.id === messageId && message.role === 'user');
    if (index < 0) return;
    this.conversation.messages.splice(index);
    if (index === 0) this.conversation.title = titleFromText(text);
    this.conversation.messages.push({ id: newId(), role: 'user', text, status: 'done', createdAt: Date.now() });
    await this.reply(this.conversation, newId());
  }

  async newChat(): Promise<void> {
    this.active?.abort.abort();
    await this.active?.done;
    this.conversation = this.emptyConversation();
    await this.remember(undefined);
    this.postSnapshot();
  }

  /**
   * Once per window, when the view first asks for its state: shows the conversation that was open before the
   * window was reloaded (unless something was started meanwhile). A conversation that is gone is forgotten.
   */
  async restoreOpenConversation(): Promise<void> {
    if (this.restored) return;
    this.restored = true;
    const id = this.windowState?.get<string>(OPEN_CONVERSATION_KEY);
    if (typeof id !== 'string' || this.conversation.messages.length > 0 || this.active) return;
    const before = this.conversation;
    try {
      const loaded = await this.services.conversations.load(id);
      // a send (e.g. Send Selection to Model) may have started while the file was read: it wins
      if (loaded.kind === 'chat' && this.conversation === before && before.messages.length === 0 && !this.active) this.conversation = loaded;
    } catch (error) {
      this.services.logger.warn(`chat view: could not reopen conversation ${id}: ${error instanceof Error ? error.message : String(error)}`);
      await this.remember(undefined);
    }
  }

  private async remember(conversationId: string | undefined): Promise<void> {
    await this.windowState?.set(OPEN_CONVERSATION_KEY, conversationId);
  }

  /**
   * Opens a new chat holding one exchange, `userText` and `reply`, with `model` selected: "Continue in chat" from a
   * compare column. The conversation is saved at once so it is in the history even if nothing more is sent.
   */
  async openExchange(model: string, userText: string, reply: StoredMessage): Promise<void> {
    this.active?.abort.abort();
    await this.active?.done;
    const conversation = this.emptyConversation();
    const now = Date.now();
    conversation.title = titleFromText(userText);
    conversation.model = model;
    conversation.messages.push(
      { id: newId(), role: 'user', text: userText, status: 'done', createdAt: now },
      { ...reply, id: newId(), status: reply.status === 'streaming' ? 'stopped' : reply.status },
    );
    conversation.updatedAt = now;
    this.conversation = conversation;
    await this.services.recent.use(model);
    await this.services.model.set(model);
    try {
      await this.services.conversations.save(conversation);
      this.history = await this.services.conversations.list();
      await this.remember(conversation.id);
    } catch (error) {
      this.services.logger.error(`Could not save conversation ${conversation.id}: ${String(error)}`);
    }
    this.postSnapshot();
  }

  /** Puts text in the input box (send selection to chat); delivered with the next snapshot the view sees. */
  setDraft(text: string): void {
    this.pendingDraft = text;
    if (this.connection.ready) this.postSnapshot();
  }

  /** The transcript the model sees: system prompt, then alternating turns (empty failed replies left out). */
  private chatMessages(conversation: StoredConversation): ChatMessage[] {
    const messages: ChatMessage[] = [];
    if (conversation.systemPrompt) messages.push({ role: 'system', content: conversation.systemPrompt });
    for (const message of conversation.messages) {
      if (message.role === 'assistant' && message.text.trim() === '') continue;
      const last = messages[messages.length - 1];
      // providers such as Anthropic refuse two turns of the same role in a row
      if (last && last.role === message.role) last.content += `\n\n${message.text}`;
      else messages.push({ role: message.role, content: message.text });
    }
    return messages;
  }

  private async reply(conversation: StoredConversation, requestId: string): Promise<void> {
    const model = this.services.model.get();
    const messages = this.chatMessages(conversation);
    const assistant: StoredMessage = {
      id: newId(), role: 'assistant', text: '', status: 'streaming', createdAt: Date.now(),
      meta: { requestedModel: model, servedModel: model, cost: { kind: 'unknown' } },
    };
    conversation.messages.push(assistant);
    conversation.model = model;
    const abort = new AbortController();
    const coalescer = new StreamCoalescer(requestId, assistant.id, (message) => this.post(message));
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => { finish = resolve; });
    this.active = { requestId, messageId: assistant.id, abort, coalescer, done };
    try {
      await this.streamReply({ conversation, assistant, requestId, model, messages, coalescer, signal: abort.signal });
    } catch (error) {
      this.services.logger.error(`chat: the reply failed in the host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (assistant.status === 'streaming') {
        assistant.status = 'failed';
        assistant.error = { code: 'configuration', message: `The reply could not be completed: ${error instanceof Error ? error.message : String(error)}. Details are in Switchboard: Show Log.` };
      }
    } finally {
      coalescer.end();
      // whatever happened, the chat must not stay busy
      if (this.active?.requestId === requestId) this.active = undefined;
      finish();
    }
  }

  /** Streams one reply into `assistant`, then saves the conversation and posts the final snapshot. */
  private async streamReply(reply: {
    conversation: StoredConversation; assistant: StoredMessage; requestId: string; model: string;
    messages: ChatMessage[]; coalescer: StreamCoalescer; signal: AbortSignal;
  }): Promise<void> {
    const { conversation, assistant, requestId, model, messages, coalescer, signal } = reply;
    const { logger } = this.services;
    const settings = this.services.settings();
    this.postSnapshot();
    let result: ChatResult;
    try {
      result = await this.services.core().send({
        model,
        messages,
        maxTokens: settings.core.maxTokens,
        temperature: settings.temperature,
        signal,
        onPart: (part, servedModel) => {
          if (assistant.meta) assistant.meta.servedModel = servedModel;
          applyStreamPart(assistant, part, coalescer, (id) => this.modelName(id));
        },
      });
    } catch (error) {
      // send() resolves for provider failures; a throw is a setup problem (bad setting, core not created)
      result = failedResult(model, assistant.text, error);
    }
    coalescer.end();
    applyResult(assistant, result);
    conversation.updatedAt = Date.now();
    if (this.active?.requestId === requestId) this.active = undefined;
    logger.info(requestLogLine(result));
    try {
      await this.services.conversations.save(conversation);
      this.history = await this.services.conversations.list();
      if (this.conversation === conversation) await this.remember(conversation.id);
    } catch (error) {
      logger.error(`Could not save conversation ${conversation.id}: ${String(error)}`);
      void vscode.window.showWarningMessage(`Switchboard could not save this conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.services.recent.use(model);
    this.services.spendChanged();
    this.postSnapshot();
  }

  /** A model's catalog name, else its id. */
  private modelName(model: string): string {
    try {
      return this.services.core().catalog.get(model)?.name ?? model;
    } catch {
      return model;
    }
  }

  // ---- history ------------------------------------------------------------------------------------------

  /** Re-reads the history list (a comparison was saved or changed elsewhere) and posts a snapshot. */
  async refreshHistory(): Promise<void> {
    try {
      this.history = await this.services.conversations.list();
    } catch (error) {
      this.services.logger.warn(`chat view: ${String(error)}`);
    }
    this.postSnapshot();
  }

  /** Who opens a saved comparison picked in the history (the compare panel). */
  setCompareOpener(opener: (conversation: StoredConversation) => Promise<void>): void {
    this.compareOpener = opener;
  }

  async open(conversationId: string): Promise<void> {
    try {
      const loaded = await this.services.conversations.load(conversationId);
      if (loaded.kind === 'compare' && this.compareOpener) {
        // a comparison opens in the compare panel; the chat keeps its conversation
        await this.compareOpener(loaded);
        return;
      }
      this.active?.abort.abort();
      await this.active?.done;
      this.conversation = loaded;
      await this.remember(loaded.id);
    } catch (error) {
      void vscode.window.showErrorMessage(`Switchboard could not open that conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.postSnapshot();
  }

  async delete(conversationId: string): Promise<void> {
    try {
      await this.services.conversations.delete(conversationId);
    } catch (error) {
      this.services.logger.warn(`Could not delete conversation ${conversationId}: ${String(error)}`);
    }
    this.history = await this.services.conversations.list();
    if (this.conversation.id === conversationId && !this.active) {
      this.conversation = this.emptyConversation();
      await this.remember(undefined);
    }
    this.postSnapshot();
  }

  private async refreshKeysAndHistory(): Promise<void> {
    try {
      await this.services.keys.refresh(this.services.core().providers().map((provider) => provider.id));
      this.history = await this.services.conversations.list();
    } catch (error) {
      this.services.logger.warn(`chat view: ${String(error)}`);
    }
    this.postSnapshot();
  }

  // ---- estimate -----------------------------------------------------------------------------------------

  async estimate(text: string): Promise<void> {
    const seq = ++this.estimateSeq;
    if (!text.trim()) {
      this.post({ type: 'estimate/update', estimate: undefined });
      return;
    }
    const options = {
      model: this.services.model.get(),
      messages: [...this.chatMessages(this.conversation), { role: 'user' as const, content: text }],
      maxTokens: this.services.settings().core.maxTokens,
    };
    try {
      const core = this.services.core();
      const quick = await core.estimate(options, false);
      if (seq !== this.estimateSeq) return;
      this.post({ type: 'estimate/update', estimate: estimateView(quick) });
      const exact = await core.estimate(options, true);
      if (seq === this.estimateSeq && exact.promptTokensExact) this.post({ type: 'estimate/update', estimate: estimateView(exact) });
    } catch (error) {
      this.services.logger.debug(`estimate: ${String(error)}`);
    }
  }

  // ---- webview requests ---------------------------------------------------------------------------------

  private async insertCode(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      const choice = await vscode.window.showInformationMessage('Switchboard: there is no open editor to insert the code into.', 'Open in New Editor');
      if (choice) await this.openCode(code, undefined);
      return;
    }
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
  }

  private async openCode(code: string, language: string | undefined): Promise<void> {
    const wanted = language ? LANGUAGE_ALIASES[language.toLowerCase()] ?? language.toLowerCase() : undefined;
    const known = wanted ? (await vscode.languages.getLanguages()).includes(wanted) : false;
    const document = await vscode.workspace.openTextDocument({ content: code, language: known ? wanted : undefined });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  private async openLink(href: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      this.services.logger.warn('link/open: refused a link that is not a URL');
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      this.services.logger.warn(`link/open: refused a ${url.protocol} link (only http and https open)`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url.toString(), true));
  }

  private async runErrorAction(action: string, provider: string | undefined, messageId: string | undefined): Promise<void> {
    switch (action) {
      case 'set-key':
        await vscode.commands.executeCommand('switchboard.setApiKey', provider);
        return;
      case 'pick-model':
        await vscode.commands.executeCommand('switchboard.selectModel');
        return;
      case 'open-settings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard');
        return;
      case 'lower-max-tokens':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.maxTokens');
        return;
      case 'add-credits': {
        const page = CREDITS_PAGES[provider ?? 'openrouter'];
        if (page) await vscode.env.openExternal(vscode.Uri.parse(page));
        return;
      }
      case 'retry': {
        const failed = messageId ?? [...this.conversation.messages].reverse().find((message) => message.role === 'assistant')?.id;
        if (failed) await this.retry(failed);
        return;
      }
      default:
        this.services.logger.warn(`error/action: unknown action ${action}`);
    }
  }

  // ---- state --------------------------------------------------------------------------------------------

  private emptyConversation(): StoredConversation {
    const now = Date.now();
    return {
      schemaVersion: CONVERSATION_SCHEMA_VERSION,
      id: newId(),
      kind: 'chat',
      title: 'New chat',
      model: this.services.model.get(),
      systemPrompt: this.services.settings().systemPrompt,
      createdAt: now,
      updatedAt: now,
      messages: [],
    };
  }

  /** The full state the view renders. */
  snapshot(): ChatViewState {
    const core = this.services.core();
    const providers = core.providers();
    const { keys, winTally, recent } = this.services;
    const current = this.services.model.get();
    const option = (id: string): ModelOption => modelOptionOf(id, core.catalog.get(id), providers, winTally.label(id));
    const seen = new Set<string>();
    const models: ModelOption[] = [];
    for (const id of [current, ...recent.list()]) {
      if (!seen.has(id)) { seen.add(id); models.push(option(id)); }
    }
    for (const info of core.catalog.list()) {
      if (models.length >= VIEW_MODEL_LIMIT) break;
      if (!seen.has(info.id)) { seen.add(info.id); models.push(modelOptionOf(info.id, info, providers, winTally.label(info.id))); }
    }
    const providerStatus: ProviderStatus[] = providers.map((provider) => ({
      id: provider.id, label: provider.label, requiresKey: provider.requiresKey, hasKey: keys.knownHasKey(provider.id) ?? false,
    }));
    const customIds = new Set((this.services.settings().core.customEndpoints ?? []).map((endpoint) => endpoint.id));
    const localServer = this.services.localServer();
    const usable = providerStatus.some((provider) => (provider.requiresKey ? provider.hasKey : customIds.has(provider.id)));
    const keyMissing = (provider: string | undefined): boolean => {
      const status = providerStatus.find((candidate) => candidate.id === provider);
      return status !== undefined && status.requiresKey && !status.hasKey;
    };
    const messages = this.conversation.messages.map((message) => messageView(message, (id) => core.catalog.get(id)?.name, keyMissing));
    const budget = core.budgetStatus();
    return {
      conversationId: this.conversation.id,
      title: this.conversation.title,
      messages,
      model: option(current),
      models,
      providers: providerStatus,
      history: this.history.slice(0, VIEW_HISTORY_LIMIT),
      sessionSpendMicroUsd: budget.sessionMicroUsd,
      sessionUnknownCount: budget.sessionUnknownCount > 0 ? budget.sessionUnknownCount : undefined,
      activeRequestId: this.active?.requestId,
      needsSetup: !usable && localServer === undefined,
      localServerDetected: localServer,
      draft: this.pendingDraft,
    };
  }

  dispose(): void {
    this.active?.abort.abort();
    this.connection.dispose();
  }
}

function estimateView(estimate: CostEstimate): EstimateView {
  return {
    minMicroUsd: estimate.minMicroUsd,
    maxMicroUsd: estimate.maxMicroUsd,
    promptTokens: estimate.promptTokens,
    exact: estimate.promptTokensExact,
    priced: estimate.priced,
  };
}

function messageView(
  message: StoredMessage,
  nameOf: (model: string) => string | undefined,
  keyMissing: (provider: string | undefined) => boolean,
): MessageView {
  const meta = message.meta;
  const metaView: MessageMeta | undefined = meta && {
    servedModel: meta.servedModel,
    servedModelName: nameOf(meta.servedModel),
    fallbackFrom: meta.fallbackFrom,
    upstreamProvider: meta.upstreamProvider,
    inputTokens: meta.inputTokens,
    outputTokens: meta.outputTokens,
    ttftMs: meta.ttftMs,
    totalMs: meta.totalMs,
    tokensPerSecond: meta.tokensPerSecond,
    finishReason: meta.finishReason,
    cost: meta.cost,
  };
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    reasoning: message.reasoning,
    status: message.status,
    meta: message.role === 'assistant' ? metaView : undefined,
    error: message.error ? errorViewOf(message.error, keyMissing(message.error.provider)) : undefined,
  };
}

/** Copies what a finished request produced onto the stored reply (the compare panel uses it too). */
export function applyResult(message: StoredMessage, result: ChatResult): void {
  message.text = result.text;
  message.reasoning = result.reasoning ? result.reasoning : undefined;
  message.status = result.status === 'ok' ? 'done' : result.status === 'aborted' ? 'stopped' : 'failed';
  message.meta = {
    requestedModel: result.requestedModel,
    servedModel: result.servedModel,
    upstreamModel: result.upstreamModel,
    upstreamProvider: result.upstreamProvider,
    fallbackFrom: result.fallbackFrom.length > 0 ? result.fallbackFrom.map((attempt) => attempt.model) : undefined,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    reasoningTokens: result.usage.reasoningTokens,
    cost: result.cost,
    startedAt: result.timings.startedAt,
    ttftMs: result.timings.ttftMs,
    totalMs: result.timings.totalMs,
    tokensPerSecond: result.timings.tokensPerSecond,
    finishReason: result.rawFinishReason ?? result.finishReason,
    generationId: result.generationId,
  };
  message.error = result.status === 'error' && result.error
    ? { code: result.error.code, message: result.error.message, provider: result.error.provider, retryAfterMs: result.error.retryAfterMs }
    : undefined;
}

/** A ChatResult for a request that threw before it could resolve (a setup problem, not a provider failure). */
export function failedResult(model: string, text: string, error: unknown): ChatResult {
  const switchboardError = error instanceof SwitchboardError
    ? error
    : new SwitchboardError({ code: 'configuration', message: error instanceof Error ? error.message : String(error), cause: error });
  return {
    status: 'error', text, reasoning: '', requestedModel: model, servedModel: model, fallbackFrom: [],
    usage: {}, cost: { kind: 'unknown' }, error: switchboardError,
    timings: { startedAt: Date.now(), totalMs: 0 },
  };
}

/** One log line per request: model, status, timings, tokens, cost (the logger redacts). */
export function requestLogLine(result: ChatResult): string {
  const served = result.servedModel === result.requestedModel ? result.servedModel : `${result.requestedModel} -> ${result.servedModel}`;
  const parts = [
    `chat ${served}`,
    result.status === 'error' ? `error ${result.error?.code ?? ''}${result.error?.status ? ` (HTTP ${result.error.status})` : ''}` : result.status,
    `in ${formatTokens(result.usage.inputTokens)} out ${formatTokens(result.usage.outputTokens)} tokens`,
    formatCost(result.cost),
    `ttft ${formatDuration(result.timings.ttftMs)}`,
    `total ${formatDuration(result.timings.totalMs)}`,
  ];
  if ((result.timings.queuedMs ?? 0) >= 1) parts.push(`queued ${formatDuration(result.timings.queuedMs)}`);
  if (result.timings.tokensPerSecond !== undefined) parts.push(`${result.timings.tokensPerSecond.toFixed(1)} tok/s`);
  if (result.upstreamProvider) parts.push(`via ${result.upstreamProvider}`);
  if (result.fallbackFrom.length > 0) parts.push(`after ${result.fallbackFrom.map((attempt) => `${attempt.model} (${attempt.error.code})`).join(', ')}`);
  if (result.error) parts.push(`: ${result.error.message}`);
  return parts.join(' | ');
}
