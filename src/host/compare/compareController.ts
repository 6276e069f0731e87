/**
 * The compare panel's host side: owns the comparison (models, prompt, one reply per column), decides what runs (a
 * whole run, one column again, Compare from here; the run itself is compareExecution.ts), and runs what the panel
 * asks for (stop a column, pick a winner, continue in chat, export). Everything the webview sends was validated
 * before it reaches `handle`.
 */
import * as vscode from 'vscode';
import type { HostToWebview, WebviewToHost } from '../../shared/compare/protocol';
import { MAX_COMPARE_COLUMNS, MIN_COMPARE_COLUMNS } from '../../shared/compare/limits';
import type { CompareViewState, EstimateView } from '../../shared/viewModels';
import { emptyConversation, pendingReply, userMessage, type StoredConversation, type StoredMessage } from '../conversations/conversation';
import { conversationTitle } from '../conversations/conversationTitle';
import { isEditorAction, runEditorAction } from '../editor/editorActions';
import { warnUnhandled } from '../webviews/validateMessage';
import { runCommonErrorAction } from '../editor/errorActions';
import type { HostServices } from '../hostServices';
import { newId } from '../replies/replyResult';
import { WebviewConnection } from '../webviews/webviewConnection';
import type { AnswerDocuments } from './answerDiff';
import { CompareDecisions } from './compareDecisions';
import type { CompareArena } from './compareArena';
import { CompareEstimates } from './compareEstimate';
import type { ActiveRun } from './compareRun';
import { executeRun, type RunHost } from './compareExecution';
import { CompareFollowUps } from './compareFollowUps';
import { compareViewState } from './compareViewState';
import type { ModelSets } from './modelSets';

/** What the controller needs besides the shared services. */
export interface CompareDependencies {
  sets: ModelSets;
  /** shows the compare panel (creates it when closed) */
  showPanel(): void;
  /** asks the person for models (the compare quick pick); undefined = dismissed */
  pickModels(preselected: readonly string[]): Promise<string[] | undefined>;
  /** asks the person for one model (the model picker; `current` undefined = not to be named); undefined = dismissed */
  pickOneModel(current: string | undefined, title: string): Promise<string | undefined>;
  /** blind mode, reveal, pick, tags and the leaderboard's record */
  arena: CompareArena;
  /** the virtual documents of the answers diff */
  answers: AnswerDocuments;
  /** the test seam that sees every post (activation passes it outside production only) */
  observer?: (message: HostToWebview) => void;
}


export class CompareController implements vscode.Disposable {
  private comparison: StoredConversation;
  private active: ActiveRun | undefined;
  private readonly estimates: CompareEstimates;
  /** what the panel does once a run answered (pick, reveal, tags, diff, continue in chat, export) */
  readonly decisions: CompareDecisions;
  /** the panel's webview: attach, detach, hidden */
  readonly connection: WebviewConnection<HostToWebview>;
  /** what a run reads and sets on this controller */
  private readonly runHost: RunHost;
  /** each column's own follow-ups */
  readonly followUps: CompareFollowUps;
  /** saves in order: a follow-up and a run may end together */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly services: HostServices, private readonly deps: CompareDependencies) {
    this.connection = new WebviewConnection<HostToWebview>({ snapshotType: 'compare/snapshot', logger: services.logger, label: 'compare', observer: deps.observer });
    this.comparison = this.emptyComparison([]);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the decisions read the controller's private state through this view
    const controller = this;
    this.decisions = new CompareDecisions(services, deps, {
      get comparison() { return controller.comparison; },
      get models() { return controller.models; },
      get active() { return controller.active; },
      save: (comparison) => controller.save(comparison),
      postSnapshot: () => controller.postSnapshot(),
      followUpStreaming: (column) => controller.followUps.streaming(column),
      retryColumn: (column) => controller.retryColumn(column),
    });
    this.runHost = {
      get comparison() { return controller.comparison; },
      get models() { return controller.models; },
      get active() { return controller.active; },
      set active(active) { controller.active = active; },
      arena: deps.arena,
      sets: deps.sets,
      post: (message) => controller.post(message),
      postSnapshot: () => controller.postSnapshot(),
      save: (comparison) => controller.save(comparison),
    };
    this.followUps = new CompareFollowUps(services, this.runHost);
    this.estimates = new CompareEstimates(services, (message) => this.post(message));
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

  /** a run or a follow-up streams: the comparison shown may not be replaced */
  private get busy(): boolean {
    return this.active !== undefined || this.followUps.busy;
  }

  /** resolves when the run and the follow-ups in flight (if any) have settled and been saved */
  async idle(): Promise<void> {
    await this.active?.done;
    await this.followUps.idle();
  }

  private post(message: HostToWebview): void {
    this.connection.post(message);
  }

  postSnapshot(): void {
    if (!this.connection.listened) return;
    // what the snapshot holds must not arrive again as a delta: send pending parts first
    if (this.active) for (const entry of this.active.columns.values()) entry.coalescer.flush();
    this.followUps.flush();
    this.post({ type: 'compare/snapshot', state: this.snapshot() });
  }

  // ---- dispatch -----------------------------------------------------------------------------------------

  /** Runs one validated message from the compare panel. */
  async handle(message: WebviewToHost): Promise<void> {
    if (isEditorAction(message)) return runEditorAction(message, this.services.logger);
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
      case 'compare/followUp':
        return this.followUps.send(message.column, message.text, message.requestId);
      case 'compare/retryFollowUp':
        return this.followUps.retry(message.column);
      case 'compare/pickWinner':
        return this.decisions.pickWinner(message.column);
      case 'compare/continueInChat':
        return this.decisions.continueInChat(message.column);
      case 'compare/pickModels':
        return this.chooseModels();
      case 'compare/export':
        return this.decisions.exportMarkdown();
      case 'compare/estimate':
        await this.updateEstimate(message.text);
        return;
      case 'compare/setBlind':
        await this.deps.arena.setBlindMode(message.blind);
        this.postSnapshot();
        return;
      case 'compare/reveal':
        return this.decisions.reveal();
      case 'compare/setTags':
        return this.decisions.setTags(message.tags);
      case 'compare/rerun':
        return this.decisions.rerunColumn(message.column);
      case 'compare/replaceModel':
        return this.decisions.replaceModel(message.column);
      case 'compare/diff':
        return this.decisions.diff(message.column);
      case 'error/action':
        if (message.action === 'retry') return message.column === undefined ? undefined : this.retryColumn(message.column);
        // a failed column's Pick another model replaces that column's model; without a column, the compare quick pick
        if (message.action === 'pick-model') return message.column === undefined ? this.chooseModels() : this.decisions.replaceModel(message.column);
        return runCommonErrorAction(message.action, message.provider);
      default:
        return warnUnhandled(this.services.logger, 'compare panel', message);
    }
  }

  // ---- models and runs ----------------------------------------------------------------------------------

  /** Sets the models of the next run (a new, empty comparison keeping the prompt). Refused while a run streams. */
  setModels(models: readonly string[]): void {
    if (this.busy) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: a comparison is still running; stop it before changing models'), 4000);
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
  async run(prompt: string, requestId: string = newId(), context: readonly StoredMessage[] = []): Promise<void> {
    const models = [...this.models];
    if (this.busy || !prompt.trim()) {
      if (this.busy) vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: a comparison is still running; stop it or wait'), 4000);
      this.postSnapshot();
      return;
    }
    if (models.length < MIN_COMPARE_COLUMNS || models.length > MAX_COMPARE_COLUMNS) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Switchboard: pick {0} to {1} models to compare ({2} picked).', MIN_COMPARE_COLUMNS, MAX_COMPARE_COLUMNS, models.length),
        vscode.l10n.t('Pick Models'))
        .then((choice) => (choice ? this.chooseModels() : undefined));
      this.postSnapshot();
      return;
    }
    const comparison = this.emptyComparison(models);
    comparison.title = conversationTitle(prompt);
    if (context.length > 0) comparison.compare!.context = context.map((message) => ({ ...message }));
    comparison.messages.push(userMessage(newId(), prompt));
    // a blind run shows its models in a random order, labelled A, B, C
    const ordered = this.deps.arena.arrange(comparison, models);
    for (const model of ordered) comparison.messages.push(pendingReply(newId(), model));
    this.comparison = comparison;
    await executeRun(this.services, this.runHost, comparison, ordered.map((_model, column) => column), requestId);
  }

  /** Runs one column again (the error panel's Retry); the other columns keep their replies. */
  async retryColumn(column: number): Promise<void> {
    const comparison = this.comparison;
    const model = this.models[column];
    if (this.active || this.followUps.streaming(column) || model === undefined || comparison.messages.length < 2) return;
    comparison.messages[column + 1] = pendingReply(newId(), model);
    // the follow-ups answered the reply being replaced: the column starts its thread again
    const followUps = comparison.compare?.followUps;
    if (followUps?.[column]) followUps[column] = [];
    await executeRun(this.services, this.runHost, comparison, [column], newId());
  }

  /**
   * "Compare from here" in the chat: the chat's last question goes to models the person picks, with the conversation
   * before it as each column's history.
   */
  async compareFromHere(chat: readonly StoredMessage[]): Promise<void> {
    const last = chat.map((message) => message.role).lastIndexOf('user');
    if (last < 0) {
      void vscode.window.showInformationMessage('Switchboard: the chat has no question yet; ask one, then compare it from here.');
      return;
    }
    if (this.busy) {
      vscode.window.setStatusBarMessage('Switchboard: a comparison is still running; stop it or wait', 4000);
      return;
    }
    const picked = await this.deps.pickModels(this.models);
    if (!picked) return;
    this.setModels(picked);
    this.deps.showPanel();
    // only finished turns are history: a failed or empty reply would teach the models nothing
    const history = chat.slice(0, last).filter((message) => message.text.trim() !== '' && (message.role === 'user' || message.status === 'done' || message.status === 'stopped'));
    await this.run(chat[last]!.text, newId(), history);
  }

  /** Stops one column (its run or its follow-up, whichever `requestId` names), or every column of the run when `column` is undefined. */
  cancel(requestId: string, column?: number): void {
    if (column !== undefined && this.followUps.cancel(requestId, column)) return;
    const active = this.active;
    if (!active || active.requestId !== requestId) return;
    if (column === undefined) {
      for (const entry of active.columns.values()) entry.cancel();
    } else {
      active.columns.get(column)?.cancel();
    }
  }

  private async save(comparison: StoredConversation): Promise<void> {
    const saved = this.saving.then(() => this.saveNow(comparison));
    this.saving = saved;
    await saved;
  }

  private async saveNow(comparison: StoredConversation): Promise<void> {
    try {
      await this.services.conversations.save(comparison);
      await this.deps.arena.record(comparison);
    } catch (error) {
      this.services.logger.error(`Could not save comparison ${comparison.id}: ${String(error)}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Switchboard could not save this comparison: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  // ---- after a run --------------------------------------------------------------------------------------

  /** Shows a saved comparison in the panel. */
  async openSaved(comparison: StoredConversation): Promise<void> {
    if (this.active) {
      this.cancel(this.active.requestId);
      await this.active?.done;
    }
    this.followUps.cancelAll();
    await this.followUps.idle();
    this.comparison = comparison.compare ? comparison : { ...comparison, compare: { models: comparison.messages.slice(1).map((message) => message.meta?.requestedModel ?? 'unknown:model') } };
    this.estimates.current = undefined;
    this.deps.showPanel();
    this.postSnapshot();
  }

  /** The estimate for every column together: posted as `estimate/update` and kept for the next snapshot. */
  async updateEstimate(text: string): Promise<EstimateView | undefined> {
    return this.estimates.update(text, this.comparison);
  }

  // ---- state --------------------------------------------------------------------------------------------

  private emptyComparison(models: string[]): StoredConversation {
    return emptyConversation({
      id: newId(), kind: 'compare', title: 'New comparison', model: models[0] ?? '', systemPrompt: this.services.settings().systemPrompt, compareModels: models,
    });
  }

  /** The full state the panel renders. */
  snapshot(): CompareViewState {
    return compareViewState(this.services, this.comparison, this.models, this.active, this.estimates.current, this.deps.arena.blindMode, this.followUps.requests);
  }

  dispose(): void {
    if (this.active) for (const entry of this.active.columns.values()) entry.cancel();
    this.followUps.cancelAll();
  }
}
