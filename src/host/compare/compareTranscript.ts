/**
 * What the models of a comparison are sent: every column the same first turn, and a column's follow-up that column's
 * own history. No vscode import: unit-tested in plain Node.
 */
import type { ChatMessage } from '../../core/index';
// the chat's rules for what a model sees of a conversation: one definition for both views
import { chatTranscript } from '../chat/chatTranscript';
import type { StoredConversation } from '../conversations/conversation';

/** What every column is sent: the system prompt, the chat's history (Compare from here), then the prompt. */
export function compareTranscript(comparison: StoredConversation): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (comparison.systemPrompt) messages.push({ role: 'system', content: comparison.systemPrompt });
  for (const message of comparison.compare?.context ?? []) messages.push({ role: message.role, content: message.text });
  const prompt = comparison.messages[0];
  if (prompt) messages.push({ role: 'user', content: prompt.text });
  return messages;
}

/**
 * What one column's follow-up is sent: the same start as every column (system prompt, the chat's history, the
 * prompt), then that column's first reply and its own follow-ups so far, the new question last. No other column's
 * turns. An empty failed reply is left out and turns of one role in a row are joined, as in the chat.
 */
export function columnTranscript(comparison: StoredConversation, column: number): ChatMessage[] {
  const reply = comparison.messages[column + 1];
  const thread = comparison.compare?.followUps?.[column] ?? [];
  return chatTranscript({
    ...comparison,
    messages: [...comparison.compare?.context ?? [], ...comparison.messages.slice(0, 1), ...reply ? [reply] : [], ...thread],
  });
}
