/** The list of past conversations: open, delete, export. */
import type { ConversationSummary } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { formatSpend } from '../../src/shared/format';
import { post } from './chatChannel';
import { t } from '../common/l10n';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    this.list = element('ul', { class: 'history-list' });
    this.element = element('section', { class: 'history-panel', 'aria-label': t('Chat history'), hidden: true },
      element('div', { class: 'history-title' },
        element('strong', {}, t('History ')),
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
      this.list.replaceChildren(element('li', { class: 'history-detail' }, t('No conversations yet.')));
      return;
    }
    this.list.replaceChildren(...history.map((conversation) => {
      const when = new Date(conversation.updatedAt).toLocaleString();
      const open = element('button', { type: 'button', class: 'icon-button history-open', 'data-action': 'history-open',
        title: `${conversation.title} (${when})` },
        element('span', { class: `codicon codicon-${conversation.kind === 'compare' ? 'split-horizontal' : 'comment'}`, 'aria-hidden': 'true' }),
        element('span', {}, conversation.title || t('Untitled')),
        element('span', { class: 'history-detail' }, t(' {0} messages', conversation.messageCount)),
        conversation.cost ? element('span', { class: 'history-cost' }, ` · ${formatSpend(conversation.cost.microUsd, conversation.cost.unknownCount, t)}`) : undefined);
      open.addEventListener('click', () => post({ type: 'history/open', conversationId: conversation.id }));
      return element('li', { class: 'history-item', 'data-conversation-id': conversation.id },
        open,
        iconButton('export', t('Export {0}', conversation.title), () => post({ type: 'history/export', conversationId: conversation.id }), undefined, { 'data-action': 'history-export' }),
        iconButton('trash', t('Delete {0}', conversation.title), () => post({ type: 'history/delete', conversationId: conversation.id }), undefined, { 'data-action': 'history-delete' }));
    }));
  }
}
