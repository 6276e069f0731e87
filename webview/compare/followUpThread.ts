/**
 * A compare column's follow-ups: its thread after the first reply (each question, then the column model's reply,
 * streaming in place like the first one, with its meta line, Stop, and Retry when it failed or was stopped) and the
 * follow-up input under it (Enter sends, Shift+Enter is a new line). Only this column's model is asked.
 */
import type { CompareColumnView, CompareTurnView, ErrorAction } from '../../src/shared/viewModels';
import type { StreamStatus } from '../../src/shared/webview/protocol';
import { element, iconButton } from '../common/dom';
import { actionButton } from '../common/elements';
import { renderErrorPanel } from '../common/errorPanel';
import { t } from '../common/l10n';
import { renderMetaLine } from '../common/metaLine';
import { StreamingMarkdown } from '../common/streamingMarkdown';
import { StreamStatusLine } from '../common/streamStatusLine';

export interface FollowUpHandlers {
  /** ask `column`'s model `text` */
  sendFollowUp(column: number, text: string): void;
  /** stop `column`'s follow-up streaming under `requestId` */
  stopFollowUp(column: number, requestId: string): void;
  /** ask `column`'s failed or stopped last follow-up again */
  retryFollowUp(column: number): void;
  /** an error panel's other actions (set a key, add credits) */
  errorAction(action: ErrorAction, column: number, provider: string | undefined): void;
}

/** one reply of the thread as rendered: kept by a rebuilt column while its text is the same */
interface RenderedReply {
  body: HTMLElement;
  markdown: StreamingMarkdown;
  status: StreamStatusLine;
}

export class FollowUpThread {
  /** the thread and the input; empty when the column takes no follow-up and has none */
  readonly element: HTMLElement;
  /** absent while the column's first reply has not finished */
  readonly input: HTMLTextAreaElement | undefined;
  private readonly replies = new Map<string, RenderedReply>();
  private readonly turnCount: number;

  /** @param previous the thread of the column this one replaces: its draft and its rendered replies are kept */
  constructor(column: CompareColumnView, title: string, handlers: FollowUpHandlers, previous?: FollowUpThread) {
    const turns = column.followUps ?? [];
    this.turnCount = turns.length;
    const thread = turns.map((turn) => (turn.role === 'user'
      ? element('div', { class: 'follow-up-question', 'data-turn': turn.id },
        element('span', { class: 'follow-up-you' }, t('You')), element('div', { class: 'follow-up-text' }, turn.text))
      : this.reply(column, turn, handlers, previous)));
    const settled = column.status === 'done' || column.status === 'stopped';
    let form: HTMLElement | undefined;
    if (settled) {
      const input = element('textarea', {
        class: 'follow-up-input', rows: '2', 'data-action': 'follow-up-input', 'aria-label': t('Follow-up to {0}', title),
        placeholder: t('Ask {0} a follow-up (Enter to send, Shift+Enter for a new line)', title),
      });
      // a rebuilt column keeps what was being typed, unless that was just sent (the thread grew)
      if (previous?.input && previous.turnCount === turns.length) input.value = previous.input.value;
      const send = (): void => {
        const text = input.value.trim();
        if (text && !column.followUpRequestId) handlers.sendFollowUp(column.index, text);
      };
      input.addEventListener('keydown', (event) => {
        if (event.isComposing || event.key !== 'Enter' || event.shiftKey || event.altKey) return;
        event.preventDefault();
        send();
      });
      const sendButton = actionButton(t('Send'), send, { icon: 'send', secondary: true, action: 'follow-up-send', ariaLabel: t('Send the follow-up to {0}', title) });
      (sendButton as HTMLElement & { disabled: boolean }).disabled = column.followUpRequestId !== undefined;
      form = element('div', { class: 'follow-up-form' }, input, sendButton);
      this.input = input;
    }
    this.element = element('div', { class: 'follow-ups', role: 'group', 'aria-label': t('Follow-ups of {0}', title), hidden: thread.length === 0 && !form }, ...thread, form);
  }

  /** True when `messageId` is one of this thread's replies. */
  owns(messageId: string): boolean {
    return this.replies.has(messageId);
  }

  append(messageId: string, delta: string): void {
    const reply = this.replies.get(messageId);
    if (!reply || !delta) return;
    reply.status.clear();
    reply.markdown.append(delta);
  }

  setStreamStatus(messageId: string, status: StreamStatus): void {
    this.replies.get(messageId)?.status.show(status);
  }

  finish(messageId: string): void {
    const reply = this.replies.get(messageId);
    reply?.status.clear();
    reply?.markdown.flush();
  }

  dispose(): void {
    for (const reply of this.replies.values()) {
      reply.status.clear();
      reply.markdown.dispose();
    }
  }

  private reply(column: CompareColumnView, turn: CompareTurnView, handlers: FollowUpHandlers, previous: FollowUpThread | undefined): HTMLElement {
    const kept = previous?.replies.get(turn.id);
    let rendered: RenderedReply;
    if (kept && kept.markdown.text === turn.text) {
      rendered = kept;
      previous!.replies.delete(turn.id);
    } else {
      const body = element('div', { class: 'markdown follow-up-body' });
      rendered = { body, markdown: new StreamingMarkdown(body), status: new StreamStatusLine() };
      rendered.markdown.set(turn.text);
    }
    if (turn.status !== 'streaming') rendered.markdown.flush();
    this.replies.set(turn.id, rendered);
    const requestId = column.followUpRequestId;
    const streaming = turn.status === 'streaming';
    return element('div', { class: 'follow-up-reply', 'data-turn': turn.id, 'data-status': turn.status },
      streaming
        ? element('div', { class: 'follow-up-status' },
          element('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' }), t('streaming…'),
          requestId ? iconButton('debug-stop', t('Stop the follow-up of {0}', column.modelName), () => handlers.stopFollowUp(column.index, requestId), t('Stop'), { 'data-action': 'follow-up-stop' }) : undefined)
        : undefined,
      rendered.status.element,
      rendered.body,
      turn.meta ? renderMetaLine(turn.meta, { showModel: false, showProvider: false, status: turn.status, showCost: !column.hidden }) : undefined,
      turn.error
        ? renderErrorPanel(turn.error, (action) => (action === 'retry' ? handlers.retryFollowUp(column.index) : handlers.errorAction(action, column.index, turn.error?.provider)))
        : undefined,
      turn.status === 'stopped'
        ? element('div', { class: 'follow-up-stopped' }, t('stopped: partial reply kept'),
          iconButton('refresh', t('Ask {0} this follow-up again', column.modelName), () => handlers.retryFollowUp(column.index), t('Retry'), { 'data-action': 'follow-up-retry' }))
        : undefined);
  }
}
