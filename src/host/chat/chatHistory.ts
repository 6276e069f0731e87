/**
 * The chat's history actions: the list the view shows, open (a comparison opens in the compare panel), rename,
 * fork, delete and search. They change the open conversation only through the controller's `ChatSession`.
 */
import * as vscode from 'vscode';
import type { ConversationHit } from '../../shared/chat/historyViews';
import type { ConversationSummary } from '../../shared/viewModels';
import type { StoredConversation } from '../conversations/conversation';
import { forkConversation } from '../conversations/forkConversation';
import { renameConversation, searchHistory } from '../conversations/historyActions';
import type { HostServices } from '../hostServices';
import { newId } from '../replies/replyResult';

/** What the history actions need of the chat controller. */
export interface ChatSession {
  /** the open conversation */
  current(): StoredConversation;
  /** true while a reply streams */
  busy(): boolean;
  /** stops the reply in flight (if any) and waits until it was saved */
  stop(): Promise<void>;
  /** makes `conversation` the open one: `draft` goes to the input, `revealMessageId` is scrolled to after the next snapshot */
  show(conversation: StoredConversation, options?: { draft?: string; revealMessageId?: string }): void;
  /** a new, empty chat with the current model */
  emptyChat(): StoredConversation;
  /** saves `conversation`, reloads the list and remembers it as the open one (if it still is) */
  save(conversation: StoredConversation): Promise<void>;
  /** the open conversation to show again after a window reload (undefined = none) */
  remember(conversationId: string | undefined): Promise<void>;
  postSnapshot(): void;
}

export class ChatHistory {
  /** the saved conversations, newest first, as the view lists them */
  list: ConversationSummary[] = [];

  constructor(private readonly services: HostServices, private readonly session: ChatSession) {}

  /** Re-reads the list from the store. */
  async reload(): Promise<void> {
    this.list = await this.services.conversations.list();
  }

  /** Re-reads the list (a comparison was saved or changed elsewhere) and posts a snapshot. */
  async refresh(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      this.services.logger.warn(`chat view: ${String(error)}`);
    }
    this.session.postSnapshot();
  }

  /** Every saved conversation matching `query`, the open one included. */
  search(query: string): Promise<ConversationHit[]> {
    return searchHistory(this.services.conversations, query, this.session.current());
  }

  /** Opens a saved conversation; a search hit names the message to scroll to. */
  async open(conversationId: string, messageId?: string): Promise<void> {
    try {
      const loaded = await this.services.conversations.load(conversationId);
      if (loaded.kind === 'compare') {
        // a comparison opens in the compare panel; the chat keeps its conversation
        await this.services.views.openComparison(loaded);
        return;
      }
      await this.session.stop();
      this.session.show(loaded, { revealMessageId: messageId });
      await this.session.remember(loaded.id);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Switchboard could not open that conversation: {0}', error instanceof Error ? error.message : String(error)));
    }
    this.session.postSnapshot();
  }

  /** Renames a saved conversation (the open one too, if it is). */
  async rename(conversationId: string): Promise<void> {
    const open = this.session.current();
    const current = open.id === conversationId && open.messages.length > 0;
    const conversation = current ? open : await this.services.conversations.load(conversationId);
    const renamed = await renameConversation(this.services.conversations, conversation);
    if (!renamed) return;
    if (this.session.current().id === conversationId) this.session.current().title = renamed.title;
    await this.refresh();
  }

  /** A new conversation with the messages up to `messageId` (forking at the person's message puts it back in the input). */
  async fork(messageId: string): Promise<void> {
    if (this.session.busy()) return;
    const result = forkConversation(this.session.current(), messageId, { id: newId(), now: Date.now() });
    if ('refused' in result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: {0}', result.refused));
      return;
    }
    this.session.show(result.conversation, { draft: result.draft });
    await this.session.save(result.conversation);
    this.session.postSnapshot();
  }

  async delete(conversationId: string): Promise<void> {
    try {
      await this.services.conversations.delete(conversationId);
    } catch (error) {
      this.services.logger.warn(`Could not delete conversation ${conversationId}: ${String(error)}`);
    }
    await this.reload();
    if (this.session.current().id === conversationId && !this.session.busy()) {
      this.session.show(this.session.emptyChat());
      await this.session.remember(undefined);
    }
    this.session.postSnapshot();
  }
}
