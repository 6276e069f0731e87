/** One compare column: model, who served it, status, its own Stop, the reply, metrics, error, actions and follow-ups. */
import { HIGHLIGHT_LABELS } from '../../src/shared/compare/highlightKinds';
import type { CompareColumnView, ErrorAction } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { actionButton } from '../common/elements';
import { renderErrorPanel } from '../common/errorPanel';
import { renderMetaLine } from '../common/metaLine';
import { StreamingMarkdown } from '../common/streamingMarkdown';
import { StreamStatusLine } from '../common/streamStatusLine';
import type { StreamStatus } from '../../src/shared/webview/protocol';
import { t } from '../common/l10n';
import { FollowUpThread, type FollowUpHandlers } from './followUpThread';

export interface ColumnHandlers extends FollowUpHandlers {
  stop(column: number): void;
  copy(text: string): void;
  insert(text: string): void;
  continueInChat(column: number): void;
  pickWinner(column: number): void;
  rerun(column: number): void;
  diff(column: number): void;
  errorAction(action: ErrorAction, column: number, provider: string | undefined): void;
}

const STATUS_TEXT: Record<CompareColumnView['status'], string> = {
  idle: '',
  waiting: t('waiting'),
  streaming: t('streaming…'),
  done: t('done'),
  stopped: t('stopped: partial reply kept'),
  failed: t('failed'),
};

export class ColumnElement {
  readonly element: HTMLElement;
  private readonly markdown: StreamingMarkdown;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly streamStatus = new StreamStatusLine();
  private readonly followUps: FollowUpThread;

  /** @param previous the column this one replaces: its rendered reply is kept when the text is the same (a reply that just ended) */
  constructor(readonly column: CompareColumnView, handlers: ColumnHandlers, previous?: ColumnElement) {
    const { index, status } = column;
    let body: HTMLElement;
    if (previous && previous.markdown.text === column.text) {
      body = previous.body;
      this.markdown = previous.markdown;
    } else {
      body = element('div', { class: 'markdown column-body' });
      this.markdown = new StreamingMarkdown(body);
      this.markdown.set(column.text);
    }
    this.body = body;
    this.markdown.flush();
    this.status = element('span', { class: `status-text status-${status}`, 'data-status': status });
    this.setStatus(status);
    const running = status === 'waiting' || status === 'streaming';
    const served = column.meta && (column.meta.servedModel !== column.model || column.meta.upstreamProvider)
      ? element('span', { class: 'column-served' }, column.meta.upstreamProvider
        ? t('served by {0} via {1}', column.meta.servedModelName ?? column.meta.servedModel, column.meta.upstreamProvider)
        : t('served by {0}', column.meta.servedModelName ?? column.meta.servedModel))
      : undefined;
    const hasText = () => this.markdown.text.trim() !== '';
    // a blind column is its letter until the reveal, then "A · name"
    const title = column.label && !column.hidden ? `${column.label} · ${column.modelName}` : column.modelName;
    const settled = status === 'done' || status === 'stopped';
    this.followUps = new FollowUpThread(column, title, handlers, previous?.followUps);
    // a column answering a follow-up keeps its first reply: running it again waits for the follow-up
    const rerunnable = settled && column.followUpRequestId === undefined;
    const hasFollowUps = (column.followUps?.length ?? 0) > 0;
    this.element = element('section', {
      class: `column${column.winner ? ' column-winner' : ''}`,
      'data-column': String(index),
      'data-status': status,
      'aria-label': column.winner ? t('{0} (winner)', title) : title,
      'data-hidden': column.hidden ? 'true' : undefined,
    },
    element('div', { class: 'column-header' },
      column.label ? element('span', { class: 'blind-label', 'aria-hidden': 'true' }, column.label) : undefined,
      element('span', { class: 'column-title', title: column.model }, column.hidden ? column.modelName : title),
      column.winner ? element('vscode-badge', { class: 'winner-badge', 'data-winner': 'true' }, `★ ${t('winner')}`) : undefined,
      this.status,
      running ? iconButton('debug-stop', t('Stop {0}', column.modelName), () => handlers.stop(index), t('Stop'), { 'data-action': 'column-stop' }) : undefined),
    served ?? false,
    column.highlights && column.highlights.length > 0
      ? element('div', { class: 'column-highlights' }, ...column.highlights.map((kind) => element('vscode-badge', { class: 'highlight-badge', 'data-highlight': kind }, HIGHLIGHT_LABELS[kind])))
      : undefined,
    this.streamStatus.element,
    body,
    // the header says who served it ("served by X via Y"): the meta line does not repeat it
    column.meta ? renderMetaLine(column.meta, { showModel: false, showProvider: false, status, showCost: !column.hidden }) : undefined,
    // a failed column's error panel holds its only actions: Retry and Pick another model (and the error's own)
    column.error ? renderErrorPanel(column.error, (action) => handlers.errorAction(action, index, column.error?.provider)) : undefined,
    status === 'failed' ? undefined : element('div', { class: 'column-actions' },
      iconButton('copy', t('Copy the reply of {0}', column.modelName), () => { if (hasText()) handlers.copy(this.markdown.text); }, t('Copy'), { 'data-action': 'column-copy' }),
      iconButton('insert', t('Insert the reply of {0} at the cursor', column.modelName), () => { if (hasText()) handlers.insert(this.markdown.text); }, t('Insert'), { 'data-action': 'column-insert' }),
      column.hidden ? undefined : iconButton('comment-discussion', t('Continue with {0} in chat', column.modelName), () => handlers.continueInChat(index), t('Continue in chat'), { 'data-action': 'column-continue' }),
      settled ? iconButton('diff', t('Compare the answer of {0} with another in the diff editor', column.modelName), () => handlers.diff(index), t('Diff'), { 'data-action': 'column-diff' }) : undefined,
      rerunnable ? iconButton('refresh', hasFollowUps ? t('Run {0} again (its follow-ups are cleared)', column.modelName) : t('Run {0} again', column.modelName),
        () => handlers.rerun(index), t('Run again'), { 'data-action': 'column-rerun' }) : undefined,
      actionButton(column.winner ? t('Winner') : t('Pick as winner'), () => handlers.pickWinner(index), {
        icon: column.winner ? 'star-full' : 'star-empty', secondary: !column.winner, action: 'column-winner',
        ariaLabel: column.winner ? t('{0} is the winner', column.modelName) : t('Pick {0} as winner', column.modelName),
      })),
    this.followUps.element);
  }

  /** True when `messageId` is one of this column's follow-up replies. */
  hasFollowUp(messageId: string): boolean {
    return this.followUps.owns(messageId);
  }

  /** the follow-up input, when the column takes follow-ups */
  get followUpInput(): HTMLTextAreaElement | undefined {
    return this.followUps.input;
  }

  /** True while `column` is streaming and only extends the text shown here (see MessageElement.canContinueInto). */
  canContinueInto(column: CompareColumnView): boolean {
    return this.element.dataset.status === 'streaming' && column.status === 'streaming' && column.winner === this.column.winner
      && column.text.startsWith(this.markdown.text);
  }

  /** Appends a delta to the reply `messageId` names: a follow-up's, else the column's first reply. */
  appendText(messageId: string, delta: string): void {
    if (this.followUps.owns(messageId)) {
      this.followUps.append(messageId, delta);
      return;
    }
    if (delta) this.streamStatus.clear();
    if (this.element.dataset.status === 'waiting') this.setStatus('streaming');
    this.markdown.append(delta);
  }

  setQueued(): void {
    this.status.textContent = t('queued upstream…');
  }

  /** A retry or fallback is under way: shown (with a countdown) until text arrives. */
  setStreamStatus(messageId: string, status: StreamStatus): void {
    if (this.followUps.owns(messageId)) this.followUps.setStreamStatus(messageId, status);
    else this.streamStatus.show(status);
  }

  finish(messageId: string): void {
    if (this.followUps.owns(messageId)) {
      this.followUps.finish(messageId);
      return;
    }
    this.streamStatus.clear();
    this.markdown.flush();
  }

  dispose(): void {
    this.followUps.dispose();
    this.streamStatus.clear();
    this.markdown.dispose();
  }

  private setStatus(status: CompareColumnView['status']): void {
    this.element?.setAttribute('data-status', status);
    this.status.className = `status-text status-${status}`;
    this.status.dataset.status = status;
    this.status.replaceChildren();
    if (status === 'streaming' || status === 'waiting') this.status.append(element('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' }));
    if (status === 'failed') this.status.append(element('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }));
    this.status.append(STATUS_TEXT[status]);
  }
}
