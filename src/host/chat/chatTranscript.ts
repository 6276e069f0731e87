/** What the model sees of a chat. No vscode import: unit-tested in plain Node. */
import { messageContent, type ChatMessage } from '../../core/index';
import type { StoredConversation } from '../conversations/conversation';

/** A transcript message; user messages carry their attached images in `images` (the providers' vision input). */
export type TranscriptMessage = ChatMessage;

/**
 * The transcript the model sees: system prompt, then alternating turns (empty failed replies left out). A user
 * message's attachments go before its text (fenced files, trees, problems) and as images: only what was attached.
 */
export function chatTranscript(conversation: StoredConversation): TranscriptMessage[] {
  const messages: TranscriptMessage[] = [];
  if (conversation.systemPrompt) messages.push({ role: 'system', content: conversation.systemPrompt });
  for (const message of conversation.messages) {
    if (message.role === 'assistant' && message.text.trim() === '') continue;
    const { content, images } = message.attachments?.length ? messageContent(message.text, message.attachments) : { content: message.text, images: [] };
    const last = messages[messages.length - 1];
    // providers such as Anthropic refuse two turns of the same role in a row
    if (last && last.role === message.role) {
      last.content += `\n\n${content}`;
      if (images.length > 0) last.images = [...(last.images ?? []), ...images];
    } else {
      messages.push(images.length > 0 ? { role: message.role, content, images } : { role: message.role, content });
    }
  }
  return messages;
}
