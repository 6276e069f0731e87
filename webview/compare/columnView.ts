/** One compare column: model, who served it, status, its own Stop, the reply, metrics, error and actions. */
import type { CompareColumnView, ErrorAction } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { actionButton } from '../common/elements';
import { renderErrorPanel } from '../common/errorPanel';
import { renderMetaLine } from '../common/metaLine';
import { StreamingMarkdown } from '../common/streamingMarkdown';
import { StreamStatusLine } from '../common/streamStatusLine';
import type { StreamStatus } from '../../src/shared/webview/protocol';

export interface ColumnHandlers {
  stop(column: number): void;
  copy(text: string): void;
  insert(text: string): void;
  continueInChat(column: number): void;
  pickWinner(column: number): void;
  errorAction(action: ErrorAction, column: number, provider: string | undefined): void;
}

const STATUS_TEXT: Record<CompareColumnView['status'], string> = {
  idle: '',
  waiting: 'waiting',
  streaming: 'streaming…',
  done: 'done',
  stopped: 'stopped: partial reply kept',
  failed: 'failed',
};

export class ColumnElement {
  readonly element: HTMLElement;
  private readonly markdown: StreamingMarkdown;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly streamStatus = new StreamStatusLine();

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
      ? element('span', { class: 'column-served' }, `served by ${[column.meta.servedModelName ?? column.meta.servedModel, column.meta.upstreamProvider].filter(Boolean).join(' via ')}`)
      : undefined;
    const hasText = () => this.markdown.text.trim() !== '';
    this.element = element('section', {
      class: `column${column.winner ? ' column-winner' : ''}`,
      'data-column': String(index),
      'data-status': status,
      'aria-label': `${column.modelName}${column.winner ? ' (winner)' : ''}`,
    },
    element('div', { class: 'column-header' },
      element('span', { class: 'column-title', title: column.model }, column.modelName),
      column.winner ? element('vscode-badge', { class: 'winner-badge', 'data-winner': 'true' }, '★ winner') : undefined,
      this.status,
      running ? iconButton('debug-stop', `Stop ${column.modelName}`, () => handlers.stop(index), 'Stop', { 'data-action': 'column-stop' }) : undefined),
    served ?? false,
    this.streamStatus.element,
    body,
    // the header says who served it ("served by X via Y"): the meta line does not repeat it
    column.meta ? renderMetaLine(column.meta, { showModel: false, showProvider: false, status }) : undefined,
    column.error ? renderErrorPanel(column.error, (action) => handlers.errorAction(action, index, column.error?.provider)) : undefined,
    element('div', { class: 'column-actions' },
      iconButton('copy', `Copy the reply of ${column.modelName}`, () => { if (hasText()) handlers.copy(this.markdown.text); }, 'Copy', { 'data-action': 'column-copy' }),
      iconButton('insert', `Insert the reply of ${column.modelName} at the cursor`, () => { if (hasText()) handlers.insert(this.markdown.text); }, 'Insert', { 'data-action': 'column-insert' }),
      iconButton('comment-discussion', `Continue with ${column.modelName} in chat`, () => handlers.continueInChat(index), 'Continue in chat', { 'data-action': 'column-continue' }),
      actionButton(column.winner ? 'Winner' : 'Pick as winner', () => handlers.pickWinner(index), {
        icon: column.winner ? 'star-full' : 'star-empty', secondary: !column.winner, action: 'column-winner',
        ariaLabel: column.winner ? `${column.modelName} is the winner` : `Pick ${column.modelName} as winner`,
      })));
  }

  /** True while `column` is streaming and only extends the text shown here (see MessageElement.canContinueInto). */
  canContinueInto(column: CompareColumnView): boolean {
    return this.element.dataset.status === 'streaming' && column.status === 'streaming' && column.winner === this.column.winner
      && column.text.startsWith(this.markdown.text);
  }

  appendText(delta: string): void {
    if (delta) this.streamStatus.clear();
    if (this.element.dataset.status === 'waiting') this.setStatus('streaming');
    this.markdown.append(delta);
  }

  setQueued(): void {
    this.status.textContent = 'queued upstream…';
  }

  /** A retry or fallback is under way: shown (with a countdown) until text arrives. */
  setStreamStatus(status: StreamStatus): void {
    this.streamStatus.show(status);
  }

  finish(): void {
    this.streamStatus.clear();
    this.markdown.flush();
  }

  dispose(): void {
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
