/**
 * Fork a chat from any message: a new conversation with the messages up to that point. Forking at a reply keeps
 * the reply; forking at one of the person's messages keeps what came before it and hands its text back as the
 * draft to edit and send. The original is not touched. No vscode import.
 */
import type { StoredConversation, StoredMessage } from './conversation';

/** Where a fork came from. */
export interface ForkOrigin {
  conversationId: string;
  messageId: string;
}

export interface ForkResult {
  conversation: StoredConversation & { forkedFrom: ForkOrigin };
  /** the person's message forked at, to put in the input; undefined when forked at a reply */
  draft?: string;
}

/** A new conversation from `source` up to `messageId`, or a reason it cannot be forked there. */
export function forkConversation(source: StoredConversation, messageId: string, fork: { id: string; now: number }): ForkResult | { refused: string } {
  if (source.kind !== 'chat') return { refused: 'A comparison cannot be forked; use Continue in chat on the reply you want to keep.' };
  const index = source.messages.findIndex((message) => message.id === messageId);
  if (index < 0) return { refused: 'That message is no longer in the conversation.' };
  const at = source.messages[index];
  if (at.status === 'streaming') return { refused: 'Wait for the reply to finish (or stop it) before forking from it.' };
  const kept = source.messages.slice(0, at.role === 'user' ? index : index + 1);
  const messages: StoredMessage[] = structuredClone(kept);
  return {
    conversation: {
      ...structuredClone(source),
      id: fork.id,
      title: `${source.title} (fork)`,
      createdAt: fork.now,
      updatedAt: fork.now,
      messages,
      forkedFrom: { conversationId: source.id, messageId },
    },
    draft: at.role === 'user' ? at.text : undefined,
  };
}
