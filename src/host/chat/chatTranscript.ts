/** What the model sees of a chat. No vscode import: unit-tested in plain Node. */
import type { ChatMessage } from '../../core/index';
import type { StoredConversation } from '../conversations/conversation';

/** The transcript the model sees: system prompt, then alternating turns (empty failed replies left out). */
export function chatTranscript(conversation: StoredConversation): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (conversation.systemPrompt) messages.push({ role: 'system', content: conversation.systemPrompt });
  for (const message of conversation.messages) {
    if (message.role === 'assistant' && message.text.trim() === '') continue;
    const last = messages[messages.length - 1];
    // providers such as Anthropic refuse two turns of the same role in a row
    if (last && last.role === message.role) last.content += `\n\n${message.text}`;
    else messages.push({ role: message.role, content: message.text });
  }
  return messages;
}
