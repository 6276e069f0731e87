/** One chat message: a user or assistant bubble with reasoning, markdown, meta line, status and error. */
import type { ErrorAction, MessageView } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { renderChips } from './attachmentChips';
import { actionButton, collapsible } from '../common/elements';
import { renderErrorPanel } from '../common/errorPanel';
import { renderMetaLine } from '../common/metaLine';
import { StreamingMarkdown } from '../common/streamingMarkdown';
import { StreamStatusLine } from '../common/streamStatusLine';
import type { StreamStatus } from '../../src/shared/webview/protocol';
import { t } from '../common/l10n';

/** What a message can ask its owner to do. */
export interface MessageHandlers {
  retry(messageId: string): void;
  edit(messageId: string, text: string): void;
  stop(): void;
  errorAction(action: ErrorAction, messageId: string, provider: string | undefined): void;
  /** a new conversation from here (issue 13) */
  fork(messageId: string): void;
}

/**
 * Where the message sits, which decides the buttons it offers. Whether a request is running is not part of it:
 * the list hides Edit and Retry meanwhile with one attribute, so starting a send rebuilds no message.
 */
export interface MessagePlace {
  /** the last assistant reply (offers Retry) */
  isLastAssistant: boolean;
}

const STATUS_TEXT: Record<MessageView['status'], string> = {
  streaming: t('streaming…'),
  done: '',
  stopped: t('stopped: partial reply kept'),
  failed: t('failed'),
};

export class MessageElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly markdown: StreamingMarkdown;
  private readonly status: HTMLElement;
  private reasoningText: HTMLElement | undefined;
  private readonly reasoningSlot: HTMLElement;
  private readonly streamStatus = new StreamStatusLine();
  /** a user message's Edit button: the focus goes back to it when the edit is left */
  private editButton: HTMLElement | undefined;

  /**
   * @param previous the element this one replaces: when it shows the same text (a reply that just ended), its
   *   article and rendered body are kept and only the parts around the body are replaced, so the reply is neither
   *   rendered nor laid out again
   */
  constructor(readonly message: MessageView, place: MessagePlace, private readonly handlers: MessageHandlers, previous?: MessageElement) {
    const { id, role, status } = message;
    const keep = previous && previous.markdown.text === message.text && previous.body.isConnected ? previous : undefined;
    if (keep) {
      this.body = keep.body;
      this.markdown = keep.markdown;
    } else {
      this.body = element('div', { class: 'markdown message-body' });
      this.markdown = new StreamingMarkdown(this.body);
      this.markdown.set(message.text);
    }
    this.markdown.flush();
    this.status = element('span', { class: `status-text status-${status}`, 'data-status': status });
    this.setStatus(status);
    this.reasoningSlot = element('div', { class: 'reasoning-slot' });
    if (message.reasoning) this.appendReasoning(message.reasoning);

    const tools = element('span', { class: 'message-tools' });
    if (role === 'user') {
      this.editButton = iconButton('edit', t('Edit and resend'), () => this.startEditing(), undefined, { 'data-action': 'edit', class: 'icon-button idle-only' });
      tools.append(this.editButton);
    }
    if (role === 'assistant' && place.isLastAssistant && status !== 'streaming') {
      tools.append(iconButton('refresh', t('Retry this reply'), () => handlers.retry(id), undefined, { 'data-action': 'retry', class: 'icon-button idle-only' }));
    }
    if (status === 'streaming') {
      tools.append(iconButton('debug-stop', t('Stop generating'), () => handlers.stop(), undefined, { 'data-action': 'stop-message' }));
    }
    if (status !== 'streaming') {
      const label = role === 'user' ? t('Fork: a new chat from before this message, with it in the input') : t('Fork: a new chat up to this reply');
      tools.append(iconButton('repo-forked', label, () => handlers.fork(id), undefined, { 'data-action': 'fork', class: 'icon-button idle-only' }));
    }

    const attributes = {
      class: `message message-${role}`,
      'data-message-id': id,
      'data-status': status,
      'aria-label': role === 'user' ? t('You said') : t('Assistant replied'),
      // focusable for Ctrl/Cmd+Up and Down and the arrow keys (keyboard navigation between messages)
      tabindex: '-1',
    };
    const before = [element('div', { class: 'message-role' }, element('span', {}, role === 'user' ? t('You') : t('Assistant')), this.status, tools),
      this.streamStatus.element, this.reasoningSlot, ...(message.attachments?.length ? [renderChips(message.attachments)] : [])];
    const after = [message.meta ? renderMetaLine(message.meta, { status, compact: true }) : undefined,
      message.error ? renderErrorPanel(message.error, (action) => handlers.errorAction(action, id, message.error?.provider)) : undefined]
      .filter((node): node is HTMLElement => node !== undefined);
    if (keep) {
      this.element = keep.element;
      for (const [name, value] of Object.entries(attributes)) this.element.setAttribute(name, value);
      for (const node of [...this.element.childNodes]) if (node !== this.body) node.remove();
      this.body.before(...before);
      this.body.after(...after);
    } else {
      this.element = element('article', attributes, ...before, this.body, ...after);
    }
  }

  /**
   * True while both this element and `message` are streaming and `message` only extends the text shown here:
   * a snapshot taken mid-stream may include deltas the host has not posted yet, which then arrive as parts,
   * so keeping the streamed element (and its seq) avoids showing them twice.
   */
  canContinueInto(message: MessageView): boolean {
    return this.message.status === 'streaming' && message.status === 'streaming'
      && message.text.startsWith(this.markdown.text)
      && (message.reasoning ?? '').startsWith(this.reasoningText?.textContent ?? '');
  }

  /** Appends a streamed delta of the reply (rendered on the next animation frame). */
  appendText(delta: string): void {
    if (delta) this.streamStatus.clear();
    this.markdown.append(delta);
  }

  /** A retry or fallback is under way: shown (with a countdown) until text arrives. */
  setStreamStatus(status: StreamStatus): void {
    this.streamStatus.show(status);
  }

  appendReasoning(delta: string): void {
    if (delta) this.streamStatus.clear();
    if (!this.reasoningText) {
      this.reasoningText = element('div', { class: 'reasoning-text' });
      this.reasoningSlot.append(collapsible(t('Reasoning'), this.reasoningText, { class: 'reasoning' }));
    }
    this.reasoningText.textContent = (this.reasoningText.textContent ?? '') + delta;
  }

  setQueued(): void {
    this.status.textContent = t('queued upstream…');
  }

  /** The stream ended: render what arrived now; the snapshot that follows has the final message. */
  finish(): void {
    this.streamStatus.clear();
    this.markdown.flush();
    if (this.element.dataset.status === 'streaming') this.setStatus('done');
  }

  dispose(): void {
    this.streamStatus.clear();
    this.markdown.dispose();
  }

  private setStatus(status: MessageView['status']): void {
    this.status.className = `status-text status-${status}`;
    this.status.dataset.status = status;
    this.status.replaceChildren();
    if (status === 'streaming') this.status.append(element('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' }));
    if (status === 'failed') this.status.append(element('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }));
    if (status === 'stopped') this.status.append(element('span', { class: 'codicon codicon-debug-stop', 'aria-hidden': 'true' }));
    this.status.append(STATUS_TEXT[status]);
  }

  private startEditing(): void {
    const input = element('textarea', { class: 'edit-input', 'aria-label': t('Edit message') });
    input.value = this.message.text;
    // leaving the edit gives the focus back to Edit, not to the page
    const leave = (): void => {
      box.replaceWith(this.body);
      this.editButton?.focus();
    };
    const box = element('div', { class: 'edit-box' }, input, element('div', { class: 'edit-actions' },
      actionButton(t('Save and resend'), () => {
        const text = input.value.trim();
        if (text) this.handlers.edit(this.message.id, text);
      }, { icon: 'send', action: 'edit-save' }),
      actionButton(t('Cancel'), leave, { secondary: true, action: 'edit-cancel' })));
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      // the Escape that leaves the edit does not also stop a reply
      event.preventDefault();
      leave();
    });
    this.body.replaceWith(box);
    input.focus();
  }
}
