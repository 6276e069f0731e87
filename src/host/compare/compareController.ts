/**
 * The compare panel's host side: owns the comparison (models, prompt, one reply per column), runs it through
 * `core.compare` (independent requests, budget reserved for every column up front), streams each column's parts to
 * the webview coalesced and numbered per column, saves the comparison (kind 'compare') when every column settled,
 * and runs what the panel asks for (stop a column, pick a winner, continue in chat, export). Everything the webview
 * sends was validated before it reaches `handle`.
 */
import * as vscode from 'vscode';
import { SwitchboardError, type ChatMessage, type ChatResult, type ChatStreamPart, type CompareRun } from '../../core/index';
import type { HostToWebview, WebviewToHost } from '../../shared/protocol';
import type { CompareColumnView, CompareViewState, EstimateView, MessageMeta } from '../../shared/viewModels';
import { applyResult, failedResult, newId, requestLogLine, type ChatController } from '../chat/chatController';
import { StreamCoalescer } from '../chat/streamCoalescer';
import { CONVERSATION_SCHEMA_VERSION, type StoredConversation, type StoredMessage } from '../conversations/conversation';
import { titleFromText } from '../conversations/conversationFormat';
import { errorViewOf } from '../errorView';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../modelOptions';
import { applyStreamPart } from '../streamReply';
import { WebviewConnection, type WebviewTarget } from '../webviewConnection';
import { MAX_COMPARE_MODELS, MIN_COMPARE_MODELS } from './compareLimits';
import type { ModelSets } from './modelSets';

/** Where posts go: the panel's webview (absent while the panel is closed). */
export type CompareWebview = WebviewTarget;

/** What the controller needs besides the shared services. */
export interface CompareDependencies {
  chat: ChatController;
  sets: ModelSets;
  /** shows the compare panel (creates it when closed) */
  showPanel(): void;
  /** asks the person for models (the compare quick pick); undefined = dismissed */
  pickModels(preselected: readonly string[]): Promise<string[] | undefined>;
  /** shows the chat view */
  revealChat(): Promise<void>;
}

interface ActiveRun {
  requestId: string;
  run: CompareRun | undefined;
  /** column index -> its request in the run (a retry runs one column) */
  columns: Map<number, { cancel(): void; coalescer: StreamCoalescer }>;
  /** columns whose first text arrived */
  started: Set<number>;
  done: Promise<void>;
}


export class CompareController implements vscode.Disposable {
  private comparison: StoredConversation;
  private active: ActiveRun | undefined;
  private estimate: EstimateView | undefined;
  private estimateSeq = 0;
  /** the panel's webview: attach, detach, hidden, and what was posted (onDidPost, posted) */
  readonly connection: WebviewConnection;

  constructor(private readonly services: HostServices, private readonly deps: CompareDependencies) {
    this.connection = new WebviewConnection('compare/snapshot', services.logger, 'compare');
    this.comparison = this.emptyComparison([]);
  }

  // ---- panel lifecycle -----------------------------------------------------------------------------------

  /** The comparison shown (saved once it has run). */
  get current(): StoredConversation {
    return this.comparison;
  }

  get models(): readonly string[] {
    return this.comparison.compare?.models ?? [];
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  /** resolves when the run in flight (if any) has settled and been saved */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  private post(message: HostToWebview): void {
    this.connection.post(message);
  }

  postSnapshot(): void {
    if (!this.connection.listened) return;
    // what the snapshot holds must not arrive again as a delta: send pending parts first
    if (this.active) for (const entry of this.active.columns.values()) entry.coalescer.flush();
    this.post({ type: 'compare/snapshot', state: this.snapshot() });
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  /** Runs one validated message from the compare panel. */
  async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        this.connection.markReady();
        this.postSnapshot();
        return;
      case 'compare/start':
        return this.run(message.prompt, message.requestId);
      case 'compare/cancel':
        this.cancel(message.requestId, message.column);
        return;
      case 'compare/pickWinner':
        return this.pickWinner(message.column);
      case 'compare/continueInChat':
        return this.continueInChat(message.column);
      case 'compare/pickModels':
        return this.chooseModels();
      case 'compare/export':
        return this.exportMarkdown();
      case 'compare/estimate':
        await this.updateEstimate(message.text);
        return;
      case 'compare/open':
        this.deps.showPanel();
        return;
      case 'error/action':
        return this.runErrorAction(message.action, message.provider, message.column);
      case 'code/copy':
      case 'code/insert':
      case 'code/open':
      case 'link/open':
        // the same editor actions as the chat's code blocks; they do not touch the chat's conversation
        return this.deps.chat.handle(message);
      case 'chat/send':
      case 'chat/cancel':
      case 'chat/retry':
      case 'chat/edit':
      case 'chat/new':
      case 'chat/estimate':
      case 'model/select':
      case 'model/pick':
      case 'key/set':
      case 'history/open':
      case 'history/delete':
      case 'history/export':
        this.services.logger.warn(`compare panel: ignored ${message.type} (a chat view message)`);
        return;
      default: {
        const unreachable: never = message;
        this.services.logger.warn(`compare panel: unhandled message ${JSON.stringify(unreachable).slice(0, 100)}`);
      }
    }
  }

  // ---- models and runs ----------------------------------------------------------------------------------

  /** Sets the models of the next run (a new, empty comparison keeping the prompt). Refused while a run streams. */
  setModels(models: readonly string[]): void {
    if (this.active) {
      vscode.window.setStatusBarMessage('Switchboard: a comparison is still running; stop it before changing models', 4000);
      return;
    }
    const unique = [...new Set(models)];
    const prompt = this.comparison.messages[0]?.text ?? '';
    this.comparison = this.emptyComparison(unique);
    if (prompt) this.comparison.messages.push(this.userMessage(prompt));
    this.postSnapshot();
  }

  /** Asks for models with the quick pick, preselecting the current ones. */
  async chooseModels(): Promise<void> {
    const picked = await this.deps.pickModels(this.models);
    if (picked) this.setModels(picked);
  }

  /**
   * Sends `prompt` to every model of the comparison at once and resolves when every column settled and the
   * comparison was saved. A run the budget refuses sends nothing: each column shows the error.
   */
  async run(prompt: string, requestId: string = newId()): Promise<void> {
    const models = [...this.models];
    if (this.active || !prompt.trim()) {
      if (this.active) vscode.window.setStatusBarMessage('Switchboard: a comparison is still running; stop it or wait', 4000);
      this.postSnapshot();
      return;
    }
    if (models.length < MIN_COMPARE_MODELS || models.length > MAX_COMPARE_MODELS) {
      void vscode.window.showWarningMessage(`Switchboard: pick ${MIN_COMPARE_MODELS} to ${MAX_COMPARE_MODELS} models to compare (${models.length} picked).`, 'Pick Models')
        .then((choice) => (choice ? this.chooseModels() : undefined));
      this.postSnapshot();
      return;
    }
    const comparison = this.emptyComparison(models);
    comparison.title = titleFromText(prompt);
    comparison.messages.push(this.userMessage(prompt));
    for (const model of models) comparison.messages.push(this.pendingReply(model));
    this.comparison = comparison;
    await this.execute(comparison, models.map((_model, column) => column), requestId);
  }

  /** Runs one column again (the error panel's Retry); the other columns keep their replies. */
  async retryColumn(column: number): Promise<void> {
    const comparison = this.comparison;
    const model = this.models[column];
    if (this.active || model === undefined || comparison.messages.length < 2) return;
    comparison.messages[column + 1] = this.pendingReply(model);
    await this.execute(comparison, [column], newId());
  }

  /** Stops one column, or every column when `column` is undefined. */
  cancel(requestId: string, column?: number): void {
    const active = this.active;
    if (!active || active.requestId !== requestId) return;
    if (column === undefined) {
      for (const entry of active.columns.values()) entry.cancel();
    } else {
      active.columns.get(column)?.cancel();
    }
  }

  private async execute(comparison: StoredConversation, columns: number[], requestId: string): Promise<void> {
    const models = columns.map((column) => this.models[column]!);
    const messages = this.chatMessages(comparison);
    const settings = this.services.settings();
    const active: ActiveRun = { requestId, run: undefined, columns: new Map(), started: new Set(), done: Promise.resolve() };
    let finish: () => void = () => undefined;
    active.done = new Promise<void>((resolve) => { finish = resolve; });
    this.active = active;
    for (const column of columns) {
      const reply = comparison.messages[column + 1]!;
      active.columns.set(column, {
        cancel: () => undefined,
        coalescer: new StreamCoalescer(requestId, reply.id, (message) => this.post(message), undefined, column),
      });
    }
    try {
      let run: CompareRun;
      try {
        run = this.services.core().compare({
          models,
          messages,
          maxTokens: settings.core.maxTokens,
          temperature: settings.temperature,
          onPart: (index, part) => this.onPart(comparison, active, columns[index]!, part),
        });
      } catch (error) {
        this.refuse(comparison, active, columns, error);
        return;
      }
      active.run = run;
      run.columns.forEach((entry, index) => {
        active.columns.get(columns[index]!)!.cancel = () => entry.cancel();
      });
      this.postSnapshot();
      await Promise.all(run.columns.map(async (entry, index) => {
        const column = columns[index]!;
        let result: ChatResult;
        try {
          result = await entry.result;
        } catch (error) {
          result = failedResult(entry.model, comparison.messages[column + 1]!.text, error);
        }
        active.columns.get(column)!.coalescer.end();
        applyResult(comparison.messages[column + 1]!, result);
        this.services.logger.info(`compare column ${column + 1}: ${requestLogLine(result)}`);
        // this column's metrics show as soon as it ends; the others keep streaming
        if (this.comparison === comparison) this.postSnapshot();
      }));
      comparison.updatedAt = Date.now();
      await this.save(comparison);
      for (const model of models) await this.services.recent.use(model);
      await this.deps.sets.use(this.models);
      this.services.spendChanged();
    } catch (error) {
      this.services.logger.error(`compare: the run failed in the host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      for (const column of columns) {
        const reply = comparison.messages[column + 1]!;
        if (reply.status === 'streaming') applyResult(reply, failedResult(this.models[column]!, reply.text, error));
      }
    } finally {
      for (const entry of active.columns.values()) entry.coalescer.end();
      if (this.active === active) this.active = undefined;
      finish();
      this.postSnapshot();
      // the chat's history lists the comparison just saved
      await this.deps.chat.refreshHistory();
    }
  }

  private onPart(comparison: StoredConversation, active: ActiveRun, column: number, part: ChatStreamPart): void {
    const reply = comparison.messages[column + 1];
    const coalescer = active.columns.get(column)?.coalescer;
    if (!reply || !coalescer) return;
    // the webview turns a waiting column into a streaming one on its first part; no snapshot needed
    if (part.type === 'text-delta') active.started.add(column);
    applyStreamPart(reply, part, coalescer, (model) => this.services.core().catalog.get(model)?.name ?? shortModelName(model));
  }

  /** core.compare refused before sending (a budget cap, a bad model id): every column shows why. */
  private refuse(comparison: StoredConversation, active: ActiveRun, columns: number[], error: unknown): void {
    const switchboardError = error instanceof SwitchboardError
      ? error
      : new SwitchboardError({ code: 'configuration', message: error instanceof Error ? error.message : String(error), cause: error });
    for (const column of columns) {
      applyResult(comparison.messages[column + 1]!, failedResult(this.models[column]!, '', switchboardError));
      active.columns.get(column)?.coalescer.end();
    }
    this.services.logger.warn(`compare refused: ${switchboardError.message}`);
    const action = switchboardError.code === 'budget-exceeded' ? 'Open Settings' : undefined;
    void (action
      ? vscode.window.showErrorMessage(`Switchboard: the comparison was not sent. ${switchboardError.message}`, action)
      : vscode.window.showErrorMessage(`Switchboard: the comparison was not sent. ${switchboardError.message}`)
    ).then((choice) => (choice ? vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget') : undefined));
  }

  private async save(comparison: StoredConversation): Promise<void> {
    try {
      await this.services.conversations.save(comparison);
    } catch (error) {
      this.services.logger.error(`Could not save comparison ${comparison.id}: ${String(error)}`);
      void vscode.window.showWarningMessage(`Switchboard could not save this comparison: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- after a run --------------------------------------------------------------------------------------

  /**
   * Marks `column` as the winner and counts the comparison in the win tally of every model in it. The winner is
   * final: a comparison counts once.
   */
  async pickWinner(column: number): Promise<void> {
    const comparison = this.comparison;
    const compare = comparison.compare;
    const reply = comparison.messages[column + 1];
    if (!compare || !reply || column >= compare.models.length) return;
    if (this.active) {
      // a pick while other columns still stream is kept and counted once the run ends (and was saved)
      vscode.window.setStatusBarMessage('Switchboard: the winner is recorded when every column has finished', 4000);
      await this.active.done;
      if (this.comparison !== comparison) return;
    }
    if (compare.winner !== undefined) {
      if (compare.winner !== column) {
        void vscode.window.showInformationMessage(`Switchboard: ${compare.models[compare.winner]} is already the winner of this comparison; a comparison counts once.`);
      }
      return;
    }
    compare.winner = column;
    comparison.updatedAt = Date.now();
    await this.services.winTally.record(compare.models, compare.models[column]!);
    await this.save(comparison);
    this.postSnapshot();
    // the chat's model list shows "won n of m comparisons"
    await this.deps.chat.refreshHistory();
  }

  /** Opens the chat with this column's model and the prompt and reply as the conversation. */
  async continueInChat(column: number): Promise<void> {
    const prompt = this.comparison.messages[0];
    const reply = this.comparison.messages[column + 1];
    const model = this.models[column];
    if (!prompt || !reply || !model || reply.status === 'streaming') return;
    await this.deps.chat.openExchange(model, prompt.text, reply);
    await this.deps.revealChat();
  }

  /** Markdown (or JSON) through the export command's save dialog. */
  async exportMarkdown(): Promise<void> {
    if (this.comparison.messages.length < 2 || this.active) {
      void vscode.window.showInformationMessage(this.active
        ? 'Switchboard: the comparison is still running; export it when every column has finished.'
        : 'Switchboard: run the comparison first; there is nothing to export yet.');
      return;
    }
    await vscode.commands.executeCommand('switchboard.exportConversation', this.comparison.id);
  }

  /** Shows a saved comparison in the panel. */
  async openSaved(comparison: StoredConversation): Promise<void> {
    if (this.active) {
      this.cancel(this.active.requestId);
      await this.active?.done;
    }
    this.comparison = comparison.compare ? comparison : { ...comparison, compare: { models: comparison.messages.slice(1).map((message) => message.meta?.requestedModel ?? 'unknown:model') } };
    this.estimate = undefined;
    this.deps.showPanel();
    this.postSnapshot();
  }

  private async runErrorAction(action: string, provider: string | undefined, column: number | undefined): Promise<void> {
    switch (action) {
      case 'retry':
        if (column !== undefined) await this.retryColumn(column);
        return;
      case 'pick-model':
        return this.chooseModels();
      default:
        // set-key, open-settings, add-credits: the same as in the chat
        return this.deps.chat.handle({ type: 'error/action', action, provider });
    }
  }

  // ---- estimate -----------------------------------------------------------------------------------------

  /** The estimate for every column together: posted as `estimate/update` and kept for the next snapshot. */
  async updateEstimate(text: string): Promise<EstimateView | undefined> {
    const seq = ++this.estimateSeq;
    const models = this.models;
    if (!text.trim() || models.length === 0) {
      this.estimate = undefined;
      this.post({ type: 'estimate/update', estimate: undefined });
      return undefined;
    }
    const messages = this.chatMessages({ ...this.comparison, messages: [this.userMessage(text)] });
    const maxTokens = this.services.settings().core.maxTokens;
    try {
      const core = this.services.core();
      const estimates = await Promise.all(models.map((model) => core.estimate({ model, messages, maxTokens }, false)));
      if (seq !== this.estimateSeq) return this.estimate;
      this.estimate = {
        minMicroUsd: estimates.reduce((sum, estimate) => sum + estimate.minMicroUsd, 0),
        maxMicroUsd: estimates.reduce((sum, estimate) => sum + estimate.maxMicroUsd, 0),
        promptTokens: Math.max(...estimates.map((estimate) => estimate.promptTokens)),
        exact: estimates.every((estimate) => estimate.promptTokensExact),
        // one model without a price makes the total unknown: a partial sum would look like the whole cost
        priced: estimates.every((estimate) => estimate.priced),
      };
      this.post({ type: 'estimate/update', estimate: this.estimate });
    } catch (error) {
      this.services.logger.debug(`compare estimate: ${String(error)}`);
    }
    return this.estimate;
  }

  // ---- state --------------------------------------------------------------------------------------------

  private chatMessages(comparison: StoredConversation): ChatMessage[] {
    const messages: ChatMessage[] = [];
    if (comparison.systemPrompt) messages.push({ role: 'system', content: comparison.systemPrompt });
    const prompt = comparison.messages[0];
    if (prompt) messages.push({ role: 'user', content: prompt.text });
    return messages;
  }

  private userMessage(text: string): StoredMessage {
    return { id: newId(), role: 'user', text, status: 'done', createdAt: Date.now() };
  }

  private pendingReply(model: string): StoredMessage {
    return {
      id: newId(), role: 'assistant', text: '', status: 'streaming', createdAt: Date.now(),
      meta: { requestedModel: model, servedModel: model, cost: { kind: 'unknown' } },
    };
  }

  private emptyComparison(models: string[]): StoredConversation {
    const now = Date.now();
    const systemPrompt = this.services.settings().systemPrompt;
    return {
      schemaVersion: CONVERSATION_SCHEMA_VERSION,
      id: newId(),
      kind: 'compare',
      compare: { models },
      title: 'New comparison',
      model: models[0] ?? '',
      ...(systemPrompt ? { systemPrompt } : {}),
      createdAt: now,
      updatedAt: now,
      messages: [],
    };
  }

  /** The full state the panel renders. */
  snapshot(): CompareViewState {
    const comparison = this.comparison;
    const core = this.services.core();
    const providers = core.providers();
    const keyMissing = (provider: string | undefined): boolean => {
      const descriptor = providers.find((candidate) => candidate.id === provider);
      return descriptor !== undefined && descriptor.requiresKey && this.services.keys.knownHasKey(descriptor.id) === false;
    };
    const active = this.active;
    const columns: CompareColumnView[] = this.models.map((model, index) => {
      const reply = comparison.messages[index + 1];
      const running = reply?.status === 'streaming';
      const status: CompareColumnView['status'] = !reply ? (running ? 'waiting' : 'idle') : (running && !active?.started.has(index)) ? 'waiting' : running ? 'streaming' : reply.status as CompareColumnView['status'];
      const meta = reply?.meta;
      const metaView: MessageMeta | undefined = meta && !running ? {
        servedModel: meta.servedModel,
        servedModelName: core.catalog.get(meta.servedModel)?.name,
        upstreamProvider: meta.upstreamProvider,
        inputTokens: meta.inputTokens,
        outputTokens: meta.outputTokens,
        ttftMs: meta.ttftMs,
        totalMs: meta.totalMs,
        tokensPerSecond: meta.tokensPerSecond,
        finishReason: meta.finishReason,
        cost: meta.cost,
      } : undefined;
      return {
        index,
        model,
        modelName: core.catalog.get(model)?.name ?? shortModelName(model),
        status,
        text: reply?.text ?? '',
        meta: metaView,
        error: reply?.error ? errorViewOf(reply.error, keyMissing(reply.error.provider)) : undefined,
        winner: comparison.compare?.winner === index,
      };
    });
    return {
      compareId: comparison.id,
      prompt: comparison.messages[0]?.text ?? '',
      columns,
      estimate: this.estimate,
      running: active !== undefined,
      requestId: active?.requestId,
    };
  }

  dispose(): void {
    if (this.active) for (const entry of this.active.columns.values()) entry.cancel();
    this.connection.dispose();
  }
}
