/**
 * What one view asks of another about conversations, without importing it: the chat opens a saved comparison in the
 * compare panel; the compare panel continues a column in the chat and tells the chat's history that a comparison
 * was saved. Activation connects the two once both exist. No vscode import.
 */
import type { StoredConversation, StoredMessage } from './conversation';

export interface ConversationViews {
  /** shows a saved comparison in the compare panel */
  openComparison(comparison: StoredConversation): Promise<void>;
  /**
   * opens a new chat holding `userText` and `reply` (then `later`: a compare column's follow-ups and their replies),
   * with `model` selected, and shows the chat view
   */
  openExchange(model: string, userText: string, reply: StoredMessage, later?: readonly StoredMessage[]): Promise<void>;
  /** a conversation was saved or changed outside the chat: the chat's history list reloads */
  historyChanged(): Promise<void>;
}

/** The views' handlers, set when each view is built; a call before that does nothing. */
export class ConversationViewsHub implements ConversationViews {
  private comparisons: ConversationViews['openComparison'] | undefined;
  private chat: Pick<ConversationViews, 'openExchange' | 'historyChanged'> | undefined;

  connectCompare(openComparison: ConversationViews['openComparison']): void {
    this.comparisons = openComparison;
  }

  connectChat(chat: Pick<ConversationViews, 'openExchange' | 'historyChanged'>): void {
    this.chat = chat;
  }

  async openComparison(comparison: StoredConversation): Promise<void> {
    await this.comparisons?.(comparison);
  }

  async openExchange(model: string, userText: string, reply: StoredMessage, later?: readonly StoredMessage[]): Promise<void> {
    await this.chat?.openExchange(model, userText, reply, later);
  }

  async historyChanged(): Promise<void> {
    await this.chat?.historyChanged();
  }
}
