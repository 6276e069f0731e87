/**
 * Follow-ups per compare column: a finished column asks its own model again, with its own history (columnTranscript),
 * through the chat's single-model path (streamChatReply: budget caps, the ledger with source 'compare' and the
 * comparison's id). Each column has at most one follow-up in flight; several columns may stream at once, each under
 * its own request id, coalesced and numbered like a column's first reply. The thread is saved with the comparison
 * (`StoredCompare.followUps`). The leaderboard and highlights read only the first turn: the blind pick is about the
 * shared prompt, so nothing here touches the arena record.
 */
import * as vscode from 'vscode';
import type { HostToWebview } from '../../shared/compare/protocol';
import { pendingReply, userMessage, type StoredConversation, type StoredMessage } from '../conversations/conversation';
import { streamChatReply } from '../chat/chatReply';
import type { HostServices } from '../hostServices';
import { newId } from '../replies/replyResult';
import { StreamCoalescer } from '../replies/streamCoalescer';
import type { CompareArena } from './compareArena';
import { columnTranscript } from './compareTranscript';

/** What the follow-ups read and call on the controller. */
export interface FollowUpHost {
  /** the comparison shown */
  readonly comparison: StoredConversation;
  readonly models: readonly string[];
  readonly arena: CompareArena;
  post(message: HostToWebview): void;
  postSnapshot(): void;
  /** saves the comparison */
  save(comparison: StoredConversation): Promise<void>;
}

interface RunningFollowUp {
  requestId: string;
  abort: AbortController;
  coalescer: StreamCoalescer;
  /** resolves when the reply ended and the comparison was saved */
  done: Promise<void>;
}

/** A column's follow-up thread (created empty when the comparison has none yet). */
export function followUpThread(comparison: StoredConversation, column: number): StoredMessage[] {
  const compare = comparison.compare!;
  const threads = compare.followUps ??= [];
  while (threads.length <= column) threads.push([]);
  return threads[column]!;
}

export class CompareFollowUps {
  /** the follow-up streaming in each column of the comparison shown */
  private readonly running = new Map<number, RunningFollowUp>();

  constructor(private readonly services: HostServices, private readonly host: FollowUpHost) {}

  /** true while any column's follow-up streams */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** column -> the request id of its follow-up streaming (the panel's Stop names it) */
  get requests(): ReadonlyMap<number, string> {
    return new Map([...this.running].map(([column, entry]) => [column, entry.requestId]));
  }

  /** true while `column`'s follow-up streams */
  streaming(column: number): boolean {
    return this.running.has(column);
  }

  /** resolves when every follow-up in flight ended and was saved */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  /** posts the parts pending, so a snapshot does not arrive before them */
  flush(): void {
    for (const entry of this.running.values()) entry.coalescer.flush();
  }

  /** Stops `column`'s follow-up when it is `requestId`; false when that is not a follow-up in flight. */
  cancel(requestId: string, column: number): boolean {
    const entry = this.running.get(column);
    if (!entry || entry.requestId !== requestId) return false;
    entry.abort.abort();
    return true;
  }

  cancelAll(): void {
    for (const entry of this.running.values()) entry.abort.abort();
  }

  /**
   * Asks `column`'s model `text`, with that column's history, and resolves when the reply ended and was saved. Only a
   * finished column (done or stopped) takes a follow-up, one at a time.
   */
  async send(column: number, text: string, requestId: string): Promise<void> {
    const comparison = this.host.comparison;
    if (!text.trim() || this.refused(comparison, column)) {
      this.host.postSnapshot();
      return;
    }
    followUpThread(comparison, column).push(userMessage(newId(), text));
    await this.stream(comparison, column, requestId);
  }

  /** Asks a failed or stopped last follow-up of `column` again (its Retry): the partial reply is replaced. */
  async retry(column: number): Promise<void> {
    const comparison = this.host.comparison;
    const thread = comparison.compare?.followUps?.[column];
    const last = thread?.[thread.length - 1];
    if (!thread || last?.role !== 'assistant' || (last.status !== 'failed' && last.status !== 'stopped') || this.refused(comparison, column)) return;
    thread.pop();
    await this.stream(comparison, column, newId());
  }

  /** Says why `column` cannot take a follow-up now; false when it can. */
  private refused(comparison: StoredConversation, column: number): boolean {
    const reply = comparison.messages[column + 1];
    if (!comparison.compare || this.host.models[column] === undefined || !reply) return true;
    if (this.running.has(column)) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: this column is still answering a follow-up; stop it or wait'), 4000);
      return true;
    }
    if (reply.status !== 'done' && reply.status !== 'stopped') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: a column takes a follow-up once its reply has finished'), 4000);
      return true;
    }
    return false;
  }

  /** Streams the reply to the last question of `column`'s thread, then saves the comparison. */
  private async stream(comparison: StoredConversation, column: number, requestId: string): Promise<void> {
    const model = this.host.models[column]!;
    const messages = columnTranscript(comparison, column);
    const assistant = pendingReply(newId(), model);
    followUpThread(comparison, column).push(assistant);
    // the same path as a column's first reply: coalesced, numbered per column, nothing named while blind
    const coalescer = new StreamCoalescer(requestId, assistant.id, (message) => this.host.post(this.host.arena.streamMessage(comparison, message)), undefined, column);
    const abort = new AbortController();
    let finish: () => void = () => undefined;
    const entry: RunningFollowUp = { requestId, abort, coalescer, done: new Promise<void>((resolve) => { finish = resolve; }) };
    this.running.set(column, entry);
    this.host.postSnapshot();
    try {
      await streamChatReply(this.services, {
        conversation: comparison, assistant, model, messages, coalescer, signal: abort.signal, source: 'compare', fallback: [],
      }, () => undefined);
      if (this.running.get(column) === entry) this.running.delete(column);
      await this.host.save(comparison);
      await this.services.recent.use(model);
      this.services.spendChanged();
    } finally {
      coalescer.end();
      if (this.running.get(column) === entry) this.running.delete(column);
      finish();
      if (this.host.comparison === comparison) this.host.postSnapshot();
      await this.services.views.historyChanged();
    }
  }
}
