/**
 * The list of past conversations: search across all of them (titles and text, hits highlighted; a hit opens the
 * conversation at its message), open, rename, export, delete; each row shows its date and cost. The panel closes
 * once a conversation is opened, and on Escape.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ConversationHit, TextRange } from '../../src/shared/chat/historyViews';
import type { ConversationSummary } from '../../src/shared/viewModels';
import { debounce } from '../common/debounce';
import { element, iconButton } from '../common/dom';
import { formatSpend } from '../../src/shared/format';
import { post } from './chatChannel';
import { t } from '../common/l10n';

/** ms between the last keystroke in the search box and the search */
const SEARCH_DELAY_MS = 150;

/** `text` with `ranges` wrapped in <mark> (text nodes only: nothing is parsed as HTML). */
export function highlighted(text: string, ranges: readonly TextRange[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < at) continue;
    fragment.append(text.slice(at, range.start), element('mark', {}, text.slice(range.start, range.end)));
    at = range.end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

/** "3 Dec 2026, 14:05 · $0.0123 + 1 unknown · 6 messages", the cost in its own span */
function rowDetail(conversation: ConversationSummary): HTMLElement {
  const when = new Date(conversation.updatedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // unknown costs are counted next to the known spend, never folded into it as $0
  const cost = conversation.cost && (conversation.cost.microUsd > 0 || conversation.cost.unknownCount > 0)
    ? element('span', { class: 'history-cost' }, `· ${formatSpend(conversation.cost.microUsd, conversation.cost.unknownCount, t)}`)
    : undefined;
  return element('span', { class: 'history-detail' }, `${when} `, cost, `${cost ? ' ' : ''}· ${t('{0} messages', conversation.messageCount)}`);
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly results: HTMLElement;
  private readonly search: HTMLElement & { value: string };
  private query = '';
  /** what had the focus when the panel opened (the History button): dismissing the panel gives the focus back to it */
  private opener: HTMLElement | undefined;
  private readonly requestSearch = debounce((query: string) => post({ type: 'history/search', query }), SEARCH_DELAY_MS);

  /** @param onClose called once the panel closed; `dismissed` = closed without opening a conversation (the focus went back to the opener) */
  constructor(private readonly onClose: (dismissed: boolean) => void) {
    this.list = element('ul', { class: 'history-list', 'aria-label': t('Conversations') });
    this.results = element('ul', { class: 'history-results', 'aria-label': t('Search results'), hidden: true });
    this.search = element('vscode-textfield', {
      type: 'search', class: 'history-search', placeholder: t('Search all conversations'), 'aria-label': t('Search all conversations'), 'data-action': 'history-search',
    }) as HTMLElement & { value: string };
    this.search.addEventListener('input', () => {
      this.query = this.search.value.trim();
      this.results.hidden = this.query === '';
      this.list.hidden = this.query !== '';
      if (this.query) this.requestSearch(this.query);
      else this.results.replaceChildren();
    });
    this.element = element('section', { class: 'history-panel', 'aria-label': t('Chat history'), hidden: true },
      element('div', { class: 'history-title' },
        element('strong', {}, t('History ')),
        iconButton('export', t('Export current conversation'), () => post({ type: 'history/export' }), undefined, { 'data-action': 'export-current' }),
        iconButton('close', t('Close history (Escape)'), () => this.close(), undefined, { 'data-action': 'history-close' })),
      this.search,
      this.results,
      this.list);
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  /** Shows or hides the panel; returns whether it is now shown. Shown: the search box has the focus. */
  toggle(): boolean {
    if (this.shown) this.close();
    else {
      this.opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
      this.element.hidden = false;
      this.search.focus();
    }
    return this.shown;
  }

  /** Hides the panel; dismissed (Escape, Close) = the focus goes back to what opened it. */
  close(dismissed = true): void {
    if (!this.shown) return;
    this.element.hidden = true;
    if (dismissed && this.opener?.isConnected) this.opener.focus();
    this.onClose(dismissed && this.opener?.isConnected === true);
  }

  private open(conversationId: string, messageId?: string): void {
    post(messageId === undefined ? { type: 'history/open', conversationId } : { type: 'history/open', conversationId, messageId });
    this.close(false);
  }

  render(history: ConversationSummary[]): void {
    if (history.length === 0) {
      this.list.replaceChildren(element('li', { class: 'history-detail' }, t('No conversations yet.')));
      return;
    }
    this.list.replaceChildren(...history.map((conversation) => {
      const open = element('button', { type: 'button', class: 'icon-button history-open', 'data-action': 'history-open', title: conversation.title },
        element('span', { class: `codicon codicon-${conversation.kind === 'compare' ? 'split-horizontal' : 'comment'}`, 'aria-hidden': 'true' }),
        element('span', { class: 'history-name' }, conversation.title || t('Untitled')),
        rowDetail(conversation));
      open.addEventListener('click', () => this.open(conversation.id));
      return element('li', { class: 'history-item', 'data-conversation-id': conversation.id },
        open,
        iconButton('edit', t('Rename {0}', conversation.title), () => post({ type: 'history/rename', conversationId: conversation.id }), undefined, { 'data-action': 'history-rename' }),
        iconButton('export', t('Export {0}', conversation.title), () => post({ type: 'history/export', conversationId: conversation.id }), undefined, { 'data-action': 'history-export' }),
        iconButton('trash', t('Delete {0}', conversation.title), () => post({ type: 'history/delete', conversationId: conversation.id }), undefined, { 'data-action': 'history-delete' }));
    }));
  }

  /** The host's answer to a search; an answer to an older query than the box holds is dropped. */
  showResults(query: string, hits: readonly ConversationHit[]): void {
    if (query !== this.query) return;
    if (hits.length === 0) {
      this.results.replaceChildren(element('li', { class: 'history-detail', role: 'status' }, t('No conversation mentions "{0}".', query)));
      return;
    }
    this.results.replaceChildren(...hits.map((hit) => {
      const title = element('button', { type: 'button', class: 'icon-button history-open', 'data-action': 'search-open-title', title: hit.title },
        element('span', { class: 'codicon codicon-comment', 'aria-hidden': 'true' }),
        element('span', { class: 'history-name' }, highlighted(hit.title, hit.titleRanges)));
      title.addEventListener('click', () => this.open(hit.conversationId, hit.openAt));
      const snippets = hit.messages.map((message) => {
        const button = element('button', { type: 'button', class: 'search-snippet', 'data-action': 'search-open', 'data-message-id': message.messageId,
          'aria-label': message.role === 'user' ? t('Open at your message: {0}', message.snippet) : t('Open at the reply: {0}', message.snippet) },
          element('span', { class: 'history-detail' }, message.role === 'user' ? t('You: ') : t('Reply: ')),
          highlighted(message.snippet, message.ranges));
        button.addEventListener('click', () => this.open(hit.conversationId, message.messageId));
        return button;
      });
      return element('li', { class: 'search-hit', 'data-conversation-id': hit.conversationId }, title, ...snippets);
    }));
  }
}
