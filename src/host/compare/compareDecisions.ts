/**
 * What the compare panel does once a run has answered: pick the winner (blind or sighted), run a column again or
 * with another model, reveal, tag, diff two answers, continue one in the chat, export. Split from the controller, which owns the comparison and the run.
 */
import * as vscode from 'vscode';
import { blindLabel } from '../../core/index';
import type { StoredConversation } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { diffAnswers, type AnswerDocuments, type DiffCandidate } from './answerDiff';
import type { CompareArena } from './compareArena';

/** What these actions read and call on the controller. */
export interface ComparisonHost {
  /** the comparison shown */
  readonly comparison: StoredConversation;
  readonly models: readonly string[];
  /** the run in flight, if any */
  readonly active: { done: Promise<void> } | undefined;
  /** true while `column`'s follow-up streams */
  followUpStreaming(column: number): boolean;
  /** runs one column again (its follow-ups are cleared) */
  retryColumn(column: number): Promise<void>;
  /** saves the comparison (and its arena record) */
  save(comparison: StoredConversation): Promise<void>;
  postSnapshot(): void;
}

export class CompareDecisions {
  constructor(
    private readonly services: HostServices,
    private readonly deps: { arena: CompareArena; answers: AnswerDocuments; pickOneModel(current: string | undefined, title: string): Promise<string | undefined> },
    private readonly host: ComparisonHost,
  ) {}


  /**
   * Marks `column` as the winner and counts the comparison in the win tally of every model in it. The winner is
   * final: a comparison counts once.
   */
  async pickWinner(column: number): Promise<void> {
    const comparison = this.host.comparison;
    const compare = comparison.compare;
    const reply = comparison.messages[column + 1];
    if (!compare || !reply || column >= compare.models.length) return;
    if (reply.status === 'failed') {
      void vscode.window.showInformationMessage('Switchboard: a failed column cannot win; retry it or pick another model.');
      return;
    }
    if (this.host.active) {
      // a pick while other columns still stream is kept and counted once the run ends (and was saved)
      vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: the winner is recorded when every column has finished'), 4000);
      await this.host.active.done;
      if (this.host.comparison !== comparison) return;
    }
    if (compare.winner !== undefined) {
      if (compare.winner !== column) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: {0} is already the winner of this comparison; a comparison counts once.', compare.models[compare.winner] ?? ''));
      }
      return;
    }
    this.deps.arena.pick(comparison, column);
    comparison.updatedAt = Date.now();
    await this.services.winTally.record(compare.models, compare.models[column]!);
    await this.host.save(comparison);
    this.host.postSnapshot();
    // the chat's model list shows "won n of m comparisons"
    await this.services.views.historyChanged();
  }

  /** Runs one finished column again (its Run again button). A decided comparison stays as it was decided. */
  async rerunColumn(column: number): Promise<void> {
    if (this.refusedAfterPick('run a column again')) return;
    await this.host.retryColumn(column);
  }

  /** Replaces one column's model with one the person picks (a failed column's Pick another model), then runs it. */
  async replaceModel(column: number): Promise<void> {
    const compare = this.host.comparison.compare;
    const current = compare?.models[column];
    if (!compare || current === undefined || this.host.active || this.host.followUpStreaming(column) || this.refusedAfterPick('change a model')) return;
    const hidden = this.deps.arena.namesHidden(this.host.comparison);
    const picked = await this.deps.pickOneModel(hidden ? undefined : current, `Switchboard: another model for column ${hidden ? blindLabel(column) : column + 1}`);
    if (!picked || picked === current || this.host.active || this.host.comparison.compare !== compare) return;
    if (compare.models.includes(picked)) {
      void vscode.window.showInformationMessage(`Switchboard: ${picked} is already in this comparison.`);
      return;
    }
    compare.models[column] = picked;
    if (this.host.comparison.messages.length < 2) {
      this.host.postSnapshot();
      return;
    }
    await this.host.retryColumn(column);
  }

  private refusedAfterPick(what: string): boolean {
    if (this.host.comparison.compare?.winner === undefined) return false;
    void vscode.window.showInformationMessage(`Switchboard: this comparison has its winner; start a new run to ${what}.`);
    return true;
  }

  /** Opens the chat with this column's model and its whole thread (prompt, reply, follow-ups) as the conversation. */
  async continueInChat(column: number): Promise<void> {
    const prompt = this.host.comparison.messages[0];
    const reply = this.host.comparison.messages[column + 1];
    const model = this.host.models[column];
    if (!prompt || !reply || !model || reply.status === 'streaming' || this.refusedWhileHidden()) return;
    await this.services.views.openExchange(model, prompt.text, reply, this.host.comparison.compare?.followUps?.[column] ?? []);
  }

  /** A blind run's names are hidden: what would name a model waits for a pick or Reveal. */
  private refusedWhileHidden(): boolean {
    if (!this.deps.arena.namesHidden(this.host.comparison)) return false;
    void vscode.window.showInformationMessage('Switchboard: the names are hidden in this blind run; pick a winner or Reveal first.');
    return true;
  }

  /** Shows the names of the blind run shown (no winner counted). */
  async reveal(): Promise<void> {
    const comparison = this.host.comparison;
    if (!this.deps.arena.reveal(comparison)) return;
    if (comparison.messages.length > 1 && !this.host.active) await this.host.save(comparison);
    this.host.postSnapshot();
  }

  /** Tags the comparison shown (the leaderboard filters by them); saved with it once it has run. */
  async setTags(tags: readonly string[]): Promise<void> {
    const comparison = this.host.comparison;
    this.deps.arena.setTags(comparison, tags);
    comparison.updatedAt = Date.now();
    if (comparison.messages.length > 1 && !this.host.active) await this.host.save(comparison);
    this.host.postSnapshot();
  }

  /** Opens `column`'s answer in the diff editor against another finished column's. */
  async diff(column: number): Promise<void> {
    const comparison = this.host.comparison;
    const hidden = this.deps.arena.namesHidden(comparison);
    const candidates: DiffCandidate[] = this.host.models.flatMap((model, index) => {
      const reply = comparison.messages[index + 1];
      if (!reply || reply.status === 'streaming' || reply.status === 'failed') return [];
      const name = hidden ? `Model ${blindLabel(index)}` : this.services.core().catalog.get(model)?.name ?? shortModelName(model);
      return [{ column: index, name, text: reply.text }];
    });
    const left = candidates.find((candidate) => candidate.column === column);
    if (!left) return;
    await diffAnswers(this.deps.answers, comparison.id, left, candidates.filter((candidate) => candidate !== left));
  }

  /** Markdown (or JSON) through the export command's save dialog. */
  async exportMarkdown(): Promise<void> {
    if (this.refusedWhileHidden()) return;
    if (this.host.comparison.messages.length < 2 || this.host.active) {
      void vscode.window.showInformationMessage(this.host.active
        ? vscode.l10n.t('Switchboard: the comparison is still running; export it when every column has finished.')
        : vscode.l10n.t('Switchboard: run the comparison first; there is nothing to export yet.'));
      return;
    }
    await vscode.commands.executeCommand('switchboard.exportConversation', this.host.comparison.id);
  }
}
