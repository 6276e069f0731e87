/** The list of past conversations: open, delete, export. */
import type { ConversationSummary } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { post } from './chatChannel';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    this.list = element('ul', { class: 'history-list' });
    this.element = element('section', { class: 'history-panel', 'aria-label': 'Chat history', hidden: true },
      element('div', { class: 'history-title' },
        element('strong', {}, 'History '),
        iconButton('export', 'Export current conversation', () => post({ type: 'history/export' }), undefined, { 'data-action': 'export-current' })),
      this.list);
  }

  /** Shows or hides the panel; returns whether it is now shown. */
  toggle(): boolean {
    this.element.hidden = !this.element.hidden;
    return !this.element.hidden;
  }

  render(history: ConversationSummary[]): void {
    if (history.length === 0) {
      this.list.replaceChildren(element('li', { class: 'history-detail' }, 'No conversations yet.'));
      return;
    }
    this.list.replaceChildren(...history.map((conversation) => {
      const when = new Date(conversation.updatedAt).toLocaleString();
      const open = element('button', { type: 'button', class: 'icon-button history-open', 'data-action': 'history-open',
        title: `${conversation.title} (${when})` },
        element('span', { class: `codicon codicon-${conversation.kind === 'compare' ? 'split-horizontal' : 'comment'}`, 'aria-hidden': 'true' }),
        element('span', {}, conversation.title || 'Untitled'),
        element('span', { class: 'history-detail' }, ` ${conversation.messageCount} messages`));
      open.addEventListener('click', () => post({ type: 'history/open', conversationId: conversation.id }));
      return element('li', { class: 'history-item', 'data-conversation-id': conversation.id },
        open,
        iconButton('export', `Export ${conversation.title}`, () => post({ type: 'history/export', conversationId: conversation.id }), undefined, { 'data-action': 'history-export' }),
        iconButton('trash', `Delete ${conversation.title}`, () => post({ type: 'history/delete', conversationId: conversation.id }), undefined, { 'data-action': 'history-delete' }));
    }));
  }
}
