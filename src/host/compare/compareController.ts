/**
 * The compare panel's host side: owns the comparison (models, prompt, one reply per column), runs it through
 * `core.compare` (independent requests, budget reserved for every column up front), streams each column's parts to
 * the webview coalesced and numbered per column, saves the comparison (kind 'compare') when every column settled,
 * and runs what the panel asks for (stop a column, pick a winner, continue in chat, export). Everything the webview
 * sends was validated before it reaches `handle`.
 */
import * as vscode from 'vscode';
import type { ChatResult, ChatStreamPart, CompareRun } from '../../core/index';
import type { HostToWebview, WebviewToHost } from '../../shared/compare/protocol';
import { MAX_COMPARE_COLUMNS, MIN_COMPARE_COLUMNS } from '../../shared/compare/limits';
import type { CompareViewState, EstimateView } from '../../shared/viewModels';
import { emptyConversation, pendingReply, userMessage, type StoredConversation } from '../conversations/conversation';
import { conversationTitle } from '../conversations/conversationTitle';
import { runEditorAction } from '../editor/editorActions';
import { runCommonErrorAction } from '../editor/errorActions';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { applyResult, failedResult, newId, requestLogLine } from '../replies/replyResult';
import { applyStreamPart } from '../replies/streamReply';
import { WebviewConnection } from '../webviews/webviewConnection';
import { compareEstimate } from './compareEstimate';
import { compareTranscript, refuseRun, startRun, type ActiveRun } from './compareRun';
import { compareViewState } from './compareViewState';
import type { ModelSets } from './modelSets';

/** What the controller needs besides the shared services. */
export interface CompareDependencies {
  sets: ModelSets;
  /** shows the compare panel (creates it when closed) */
  showPanel(): void;
  /** asks the person for models (the compare quick pick); undefined = dismissed */
  pickModels(preselected: readonly string[]): Promise<string[] | undefined>;
  /** the test seam that sees every post (activation passes it outside production only) */
  observer?: (message: HostToWebview) => void;
}



export class CompareController implements vscode.Disposable {
  private comparison: StoredConversation;
  private active: ActiveRun | undefined;
  private estimate: EstimateView | undefined;
  private estimateSeq = 0;
  /** the panel's webview: attach, detach, hidden */
  readonly connection: WebviewConnection<HostToWebview>;

  constructor(private readonly services: HostServices, private readonly deps: CompareDependencies) {
    this.connection = new WebviewConnection<HostToWebview>({ snapshotType: 'compare/snapshot', logger: services.logger, label: 'compare', observer: deps.observer });
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
      case 'error/action':
        if (message.action === 'retry') return message.column === undefined ? undefined : this.retryColumn(message.column);
        // the compare quick pick, not the chat's model pick
        if (message.action === 'pick-model') return this.chooseModels();
        return runCommonErrorAction(message.action, message.provider);
      case 'code/copy':
      case 'code/insert':
      case 'code/open':
      case 'link/open':
        return runEditorAction(message, this.services.logger);
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
    if (prompt) this.comparison.messages.push(userMessage(newId(), prompt));
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
    if (models.length < MIN_COMPARE_COLUMNS || models.length > MAX_COMPARE_COLUMNS) {
      void vscode.window.showWarningMessage(`Switchboard: pick ${MIN_COMPARE_COLUMNS} to ${MAX_COMPARE_COLUMNS} models to compare (${models.length} picked).`, 'Pick Models')
        .then((choice) => (choice ? this.chooseModels() : undefined));
      this.postSnapshot();
      return;
    }
    const comparison = this.emptyComparison(models);
    comparison.title = conversationTitle(prompt);
    comparison.messages.push(userMessage(newId(), prompt));
    for (const model of models) comparison.messages.push(pendingReply(newId(), model));
    this.comparison = comparison;
    await this.execute(comparison, models.map((_model, column) => column), requestId);
  }

  /** Runs one column again (the error panel's Retry); the other columns keep their replies. */
  async retryColumn(column: number): Promise<void> {
    const comparison = this.comparison;
    const model = this.models[column];
    if (this.active || model === undefined || comparison.messages.length < 2) return;
    comparison.messages[column + 1] = pendingReply(newId(), model);
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
    const messages = compareTranscript(comparison);
    const settings = this.services.settings();
    const { active, finish } = startRun(requestId, comparison, columns, (message) => this.post(message));
    this.active = active;
    try {
      let run: CompareRun;
      try {
        run = this.services.core().compare({
          models,
          messages,
          maxTokens: settings.core.maxTokens,
          temperature: settings.temperature,
          ledger: { source: 'compare', workspace: this.services.workspaceName(), conversationId: comparison.id, messageId: requestId },
          onPart: (index, part) => this.onPart(comparison, active, columns[index]!, part),
        });
      } catch (error) {
        refuseRun(this.services, comparison, active, models, columns, error);
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
      await this.services.views.historyChanged();
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
    await this.services.views.historyChanged();
  }

  /** Opens the chat with this column's model and the prompt and reply as the conversation. */
  async continueInChat(column: number): Promise<void> {
    const prompt = this.comparison.messages[0];
    const reply = this.comparison.messages[column + 1];
    const model = this.models[column];
    if (!prompt || !reply || !model || reply.status === 'streaming') return;
    await this.services.views.openExchange(model, prompt.text, reply);
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
    const messages = compareTranscript({ ...this.comparison, messages: [userMessage(newId(), text)] });
    try {
      const estimate = await compareEstimate(this.services, models, messages);
      if (seq !== this.estimateSeq) return this.estimate;
      this.estimate = estimate;
      this.post({ type: 'estimate/update', estimate });
    } catch (error) {
      this.services.logger.debug(`compare estimate: ${String(error)}`);
    }
    return this.estimate;
  }

  // ---- state --------------------------------------------------------------------------------------------

  private emptyComparison(models: string[]): StoredConversation {
    return emptyConversation({
      id: newId(), kind: 'compare', title: 'New comparison', model: models[0] ?? '', systemPrompt: this.services.settings().systemPrompt, compareModels: models,
    });
  }

  /** The full state the panel renders. */
  snapshot(): CompareViewState {
    return compareViewState(this.services, this.comparison, this.models, this.active, this.estimate);
  }

  dispose(): void {
    if (this.active) for (const entry of this.active.columns.values()) entry.cancel();
  }
}
