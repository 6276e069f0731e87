/**
 * The sidebar chat's host side: owns the conversation, streams replies from the core to the webview
 * (coalesced, numbered, one `stream/end` each, then a full snapshot), saves after every reply, and runs what
 * the webview asks for. The webview only renders; everything it sends was validated before it reaches here.
 * The jobs live beside it: the transcript (chatTranscript), one reply (chatReply), the view state (chatViewState),
 * the open conversation across reloads (openConversation), estimates (chatEstimates).
 */
import * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/index';
import type { HostToWebview, WebviewToHost } from '../../shared/chat/protocol';
import type { ChatViewState } from '../../shared/viewModels';
import { emptyConversation, pendingReply, userMessage, type StoredConversation, type StoredMessage } from '../conversations/conversation';
import { conversationTitle } from '../conversations/conversationTitle';
import { isEditorAction, runEditorAction } from '../editor/editorActions';
import { warnUnhandled } from '../webviews/validateMessage';
import { runCommonErrorAction } from '../editor/errorActions';
import type { HostServices } from '../hostServices';
import { newId } from '../replies/replyResult';
import { StreamCoalescer } from '../replies/streamCoalescer';
import { WebviewConnection } from '../webviews/webviewConnection';
import { ChatContext, displayLanguage } from './chatContext';
import { ChatEstimates } from './chatEstimates';
import { ChatHistory } from './chatHistory';
import { streamChatReply } from './chatReply';
import { chatTranscript } from './chatTranscript';
import { chatViewState } from './chatViewState';
import { OpenConversation } from './openConversation';
import { ReplyInFlight } from './replyInFlight';
import { StatePosts } from './statePosts';

export class ChatController implements vscode.Disposable {
  private conversation: StoredConversation;
  /** the reply streaming now, if any */
  private readonly replies = new ReplyInFlight();
  private pendingDraft: string | undefined;
  /** the saved conversations and what the history panel does with them */
  private readonly history: ChatHistory;
  private readonly openConversation: OpenConversation;
  private readonly estimates: ChatEstimates;
  /** the attachments of the message being written */
  private readonly context: ChatContext;
  /** the message a search hit opened at, revealed after the next snapshot */
  private revealMessageId: string | undefined;
  /** snapshot or update: what the page is sent when the state changes */
  private readonly statePosts = new StatePosts();
  /** the view's webview: attach, detach, hidden */
  readonly connection: WebviewConnection<HostToWebview>;

  /**
   * `windowState` (the workspace's state) remembers the open conversation across window reloads; `observer` is the
   * test seam that sees every post (activation passes it outside production only).
   */
  constructor(private readonly services: HostServices, windowState?: KeyValueStore, observer?: (message: HostToWebview) => void) {
    this.connection = new WebviewConnection<HostToWebview>({ snapshotType: 'state/snapshot', logger: services.logger, label: 'chat', observer });
    this.openConversation = new OpenConversation(windowState);
    this.estimates = new ChatEstimates(services, (message) => this.post(message));
    this.context = new ChatContext(services, () => this.postSnapshot());
    this.conversation = this.emptyChat();
    this.history = new ChatHistory(services, {
      current: () => this.conversation,
      busy: () => this.replies.busy,
      stop: () => this.stop(),
      show: (conversation, options) => {
        this.conversation = conversation;
        if (options?.draft !== undefined) this.pendingDraft = options.draft;
        if (options && 'revealMessageId' in options) this.revealMessageId = options.revealMessageId;
      },
      emptyChat: () => this.emptyChat(),
      save: (conversation) => this.save(conversation),
      remember: (conversationId) => this.openConversation.remember(conversationId),
      postSnapshot: () => this.postSnapshot(),
    });
  }

  // ---- view lifecycle ------------------------------------------------------------------------------------

  get current(): StoredConversation {
    return this.conversation;
  }

  get activeRequestId(): string | undefined {
    return this.replies.requestId;
  }

  /** resolves when the reply in flight (if any) has been saved */
  async idle(): Promise<void> {
    await this.replies.idle();
  }

  private post(message: HostToWebview): void {
    this.connection.post(message);
  }

  postSnapshot(): void {
    // nobody to tell: building the state would create the core for nothing
    if (!this.connection.listened) return;
    const state = this.snapshot();
    // a page that is not ready gets snapshots only (the connection drops anything else), so it may miss updates
    if (!this.connection.ready) this.statePosts.reset();
    this.post(this.statePosts.next(state));
    if (this.revealMessageId !== undefined && this.connection.ready) {
      this.post({ type: 'chat/reveal', messageId: this.revealMessageId });
      this.revealMessageId = undefined;
    }
    if (state.draft !== undefined && this.connection.ready) {
      this.pendingDraft = undefined;
      this.post({ type: 'chat/focusInput' });
    }
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  /** Runs one validated message from the webview. */
  async handle(message: WebviewToHost): Promise<void> {
    if (isEditorAction(message)) return runEditorAction(message, this.services.logger);
    switch (message.type) {
      case 'webview/ready':
        this.connection.markReady();
        this.statePosts.reset();
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
      case 'chat/estimate': {
        const input = this.context.estimateInput(message.text);
        return this.estimates.estimate(input.text, chatTranscript(this.conversation), input.images);
      }
      case 'chat/attach':
        return this.context.attach();
      case 'chat/attachImage':
        this.context.attachImage(message.name, message.data);
        return;
      case 'chat/detach':
        this.context.detach(message.attachmentId);
        return;
      case 'chat/fork':
        return this.history.fork(message.messageId);
      case 'key/signIn':
        await vscode.commands.executeCommand('switchboard.signInWithOpenRouter');
        return;
      case 'history/search':
        this.post({ type: 'history/results', query: message.query, hits: await this.history.search(message.query) });
        return;
      case 'history/rename':
        return this.history.rename(message.conversationId);
      case 'model/select':
        // the model's change listener posts the snapshot
        return this.choose(message.model);
      case 'model/pick':
        await vscode.commands.executeCommand('switchboard.selectModel');
        return;
      case 'key/set':
        await vscode.commands.executeCommand('switchboard.setApiKey', message.provider);
        return;
      case 'history/open':
        return this.history.open(message.conversationId, message.messageId);
      case 'history/delete':
        return this.history.delete(message.conversationId);
      case 'history/export':
        await vscode.commands.executeCommand('switchboard.exportConversation', message.conversationId);
        return;
      case 'error/action':
        if (message.action !== 'retry') return runCommonErrorAction(message.action, message.provider);
        return this.retry(message.messageId ?? [...this.conversation.messages].reverse().find((candidate) => candidate.role === 'assistant')?.id);
      case 'compare/open':
        await vscode.commands.executeCommand('switchboard.compareModels');
        return;
      default:
        return warnUnhandled(this.services.logger, 'chat view', message);
    }
  }

  // ---- chat ---------------------------------------------------------------------------------------------

  /** Sends `text` as a user message to the current model and streams the reply; `source` tags its ledger record. */
  async send(text: string, requestId: string = newId(), source: 'chat' | 'selection' = 'chat'): Promise<void> {
    if (this.replies.busy || !text.trim()) {
      if (this.replies.busy) {
        // keep the text: it goes back to the input box
        this.pendingDraft = text;
        vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: a reply is still streaming; stop it or wait before sending'), 4000);
      }
      // the view thinks a request started: the snapshot tells it what is really running
      this.postSnapshot();
      return;
    }
    const attachments = this.context.takeForSend();
    if (!attachments) {
      // the model cannot read the attached images: the text goes back to the input, nothing is sent
      this.pendingDraft = text;
      this.postSnapshot();
      return;
    }
    const conversation = this.conversation;
    // a conversation takes the system prompt in force when its first message is sent
    if (conversation.messages.length === 0) conversation.systemPrompt = this.services.settings().systemPrompt;
    conversation.messages.push(attachments.length > 0 ? { ...userMessage(newId(), text), attachments } : userMessage(newId(), text));
    if (conversation.messages.filter((message) => message.role === 'user').length === 1) conversation.title = conversationTitle(text);
    await this.reply(conversation, requestId, source);
  }

  cancel(requestId: string): void {
    this.replies.cancel(requestId);
  }

  /** Retries the assistant reply `messageId`: drops it (and anything after) and asks again. */
  async retry(messageId: string | undefined): Promise<void> {
    if (this.replies.busy) return;
    const index = this.conversation.messages.findIndex((message) => message.id === messageId && message.role === 'assistant');
    if (index < 0) return;
    this.conversation.messages.splice(index);
    await this.reply(this.conversation, newId());
  }

  /** Replaces the user message `messageId` with `text` and resends from there. */
  async edit(messageId: string, text: string): Promise<void> {
    if (this.replies.busy || !text.trim()) return;
    const index = this.conversation.messages.findIndex((message) => message.id === messageId && message.role === 'user');
    if (index < 0) return;
    this.conversation.messages.splice(index);
    if (index === 0) this.conversation.title = conversationTitle(text);
    this.conversation.messages.push(userMessage(newId(), text));
    await this.reply(this.conversation, newId());
  }

  async newChat(): Promise<void> {
    await this.stop();
    this.conversation = this.emptyChat();
    await this.openConversation.remember(undefined);
    this.postSnapshot();
  }

  /**
   * Once per window, when the view first asks for its state: shows the conversation that was open before the
   * window was reloaded (unless something was started meanwhile). A conversation that is gone is forgotten.
   */
  async restoreOpenConversation(): Promise<void> {
    const id = this.openConversation.takeRestore();
    if (id === undefined || this.conversation.messages.length > 0 || this.replies.busy) return;
    const before = this.conversation;
    try {
      const loaded = await this.services.conversations.load(id);
      // a send (e.g. Send Selection to Model) may have started while the file was read: it wins
      if (loaded.kind === 'chat' && this.conversation === before && before.messages.length === 0 && !this.replies.busy) this.conversation = loaded;
    } catch (error) {
      this.services.logger.warn(`chat view: could not reopen conversation ${id}: ${error instanceof Error ? error.message : String(error)}`);
      await this.openConversation.remember(undefined);
    }
  }

  /**
   * Opens a new chat holding one exchange, `userText` and `reply`, with `model` selected: "Continue in chat" from a
   * compare column. The conversation is saved at once so it is in the history even if nothing more is sent.
   */
  async openExchange(model: string, userText: string, reply: StoredMessage, later: readonly StoredMessage[] = []): Promise<void> {
    await this.stop();
    const conversation = this.emptyChat();
    conversation.title = conversationTitle(userText);
    conversation.model = model;
    conversation.messages.push(userMessage(newId(), userText), ...[reply, ...later].map((message) => ({ ...message, id: newId(), status: message.status === 'streaming' ? 'stopped' as const : message.status })));
    conversation.updatedAt = Date.now();
    this.conversation = conversation;
    await this.choose(model);
    await this.save(conversation);
    this.postSnapshot();
  }

  /**
   * Send Selection to Model: `model` becomes the chat's model (as picking it in the view does) and `text` goes to it
   * in a new chat, or in the open one while it is empty; the conversation that was open stays in the history. While
   * a reply streams nothing is stopped: `send` puts the text back in the input and says why.
   */
  async sendInNewChat(model: string, text: string): Promise<void> {
    await this.choose(model);
    if (!this.replies.busy && this.conversation.messages.length > 0) await this.newChat();
    const name = this.services.core().catalog.get(model)?.name ?? model;
    if (!this.replies.busy) vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: chatting with {0}', name), 5000);
    await this.send(text, undefined, 'selection');
  }

  /** Puts text in the input box (send selection to chat); delivered with the next snapshot the view sees. */
  setDraft(text: string): void {
    this.pendingDraft = text;
    if (this.connection.ready) this.postSnapshot();
  }

  private async reply(conversation: StoredConversation, requestId: string, source: 'chat' | 'selection' = 'chat'): Promise<void> {
    const model = this.services.model.get();
    const messages = chatTranscript(conversation);
    const assistant = pendingReply(newId(), model);
    conversation.messages.push(assistant);
    conversation.model = model;
    const coalescer = new StreamCoalescer(requestId, assistant.id, (message) => this.post(message));
    await this.replies.run(requestId, async (signal, settled) => {
      try {
        this.postSnapshot();
        await streamChatReply(this.services, { conversation, assistant, model, messages, coalescer, signal, source }, settled);
        await this.save(conversation, true);
        await this.services.recent.use(model);
        this.services.spendChanged();
        this.postSnapshot();
      } catch (error) {
        this.services.logger.error(`chat: the reply failed in the host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        if (assistant.status === 'streaming') {
          assistant.status = 'failed';
          assistant.error = { code: 'configuration', message: vscode.l10n.t('The reply could not be completed: {0}. Details are in Switchboard: Show Log.', error instanceof Error ? error.message : String(error)) };
        }
      } finally {
        coalescer.end();
      }
    });
  }

  /** Saves `conversation`, reloads the history and remembers it as the open one (if it still is). */
  private async save(conversation: StoredConversation, warn = false): Promise<void> {
    try {
      await this.services.conversations.save(conversation);
      await this.history.reload();
      if (this.conversation === conversation) await this.openConversation.remember(conversation.id);
    } catch (error) {
      this.services.logger.error(`Could not save conversation ${conversation.id}: ${String(error)}`);
      if (warn) void vscode.window.showWarningMessage(vscode.l10n.t('Switchboard could not save this conversation: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  /** `model` becomes the chat's model and the most recent one (its change listener posts the snapshot) */
  private async choose(model: string): Promise<void> {
    await this.services.recent.use(model);
    await this.services.model.set(model);
  }

  /** stops the reply in flight (if any) and waits until it was saved */
  private stop(): Promise<void> {
    return this.replies.stop();
  }

  // ---- history (chatHistory.ts) ---------------------------------------------------------------------------

  /** Re-reads the history list (a comparison was saved or changed elsewhere) and posts a snapshot. */
  refreshHistory(): Promise<void> {
    return this.history.refresh();
  }

  /** Opens a saved conversation; a search hit names the message to scroll to. */
  open(conversationId: string, messageId?: string): Promise<void> {
    return this.history.open(conversationId, messageId);
  }

  private async refreshKeysAndHistory(): Promise<void> {
    try {
      await this.services.keys.refresh(this.services.core().providers().map((provider) => provider.id));
      await this.history.reload();
    } catch (error) {
      this.services.logger.warn(`chat view: ${String(error)}`);
    }
    this.postSnapshot();
  }

  // ---- state --------------------------------------------------------------------------------------------

  private emptyChat(): StoredConversation {
    return emptyConversation({
      id: newId(), kind: 'chat', title: vscode.l10n.t('New chat'), model: this.services.model.get(), systemPrompt: this.services.settings().systemPrompt,
    });
  }

  /** The full state the view renders. */
  snapshot(): ChatViewState {
    return chatViewState(this.services, {
      conversation: this.conversation, history: this.history.list, activeRequestId: this.replies.requestId, draft: this.pendingDraft, context: this.context.view(),
      translate: displayLanguage,
    });
  }

  dispose(): void {
    void this.replies.stop();
  }
}
