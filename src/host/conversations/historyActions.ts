/**
 * What the history panel asks of saved conversations beyond open/delete/export: search across all of them and
 * rename one. The search itself is plain (conversationSearch.ts); this reads the files and asks for a title.
 */
import * as vscode from 'vscode';
import type { ConversationHit } from '../../shared/chat/historyViews';
import type { StoredConversation } from './conversation';
import { searchConversations } from './conversationSearch';
import type { ConversationStore } from './conversationStore';

/** Conversations searched at most (the newest); the panel's list shows 100. */
const SEARCH_LIMIT = 1000;

/**
 * Every saved conversation matching `query` (plus `open`, the one on screen, which may be newer than its file).
 * A file that cannot be read is skipped.
 */
export async function searchHistory(store: ConversationStore, query: string, open: StoredConversation): Promise<ConversationHit[]> {
  const summaries = (await store.list()).slice(0, SEARCH_LIMIT);
  const conversations: StoredConversation[] = open.messages.length > 0 ? [open] : [];
  for (const summary of summaries) {
    if (summary.id === open.id) continue;
    try {
      conversations.push(await store.load(summary.id));
    } catch {
      // a file that cannot be read is already reported by list()
    }
  }
  return searchConversations(conversations, query);
}

/** Asks for a new title and saves it; resolves with the conversation renamed, or undefined when cancelled. */
export async function renameConversation(store: ConversationStore, conversation: StoredConversation): Promise<StoredConversation | undefined> {
  const title = await vscode.window.showInputBox({
    title: vscode.l10n.t('Switchboard: Rename Conversation'),
    prompt: vscode.l10n.t('The new title, as the history list shows it'),
    value: conversation.title,
    valueSelection: [0, conversation.title.length],
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A title cannot be empty.') : value.length > 200 ? vscode.l10n.t('At most {0} characters.', 200) : undefined),
  });
  if (title === undefined || title.trim() === '' || title.trim() === conversation.title) return undefined;
  const renamed = { ...conversation, title: title.trim().replace(/\s+/g, ' ') };
  await store.save(renamed);
  return renamed;
}
