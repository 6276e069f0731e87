/**
 * Reconciled costs reach the replies people look at: when OpenRouter's `/generation` says what a stopped or cut
 * stream was billed (Core.ledger.onDidReconcile), the stored chat reply or compare column gets that cost as
 * `reconciled`, the conversation is saved and the open views get a fresh snapshot. No vscode import.
 */
import type { Logger, ReconcileEvent } from '../../core/index';
import type { StoredConversation } from '../conversations/conversation';
import type { ConversationStore } from '../conversations/conversationStore';

/**
 * Gives the reply `event` is about its billed cost; true when the conversation changed. A chat reply is found by its
 * message id, a compare column (ledger message id `<run>:<column>`) by its generation id. A reply whose cost is
 * already known is left alone.
 */
export function applyReconciledCost(conversation: StoredConversation, event: ReconcileEvent): boolean {
  const reply = conversation.messages.find((message) => message.role === 'assistant'
    && (message.id === event.messageId || (message.meta?.generationId !== undefined && message.meta.generationId === event.generationId)));
  const meta = reply?.meta;
  if (!meta || meta.cost.kind !== 'unknown') return false;
  meta.cost = { kind: 'reconciled', microUsd: event.microUsd };
  // the tokens OpenRouter counted, where the stream stopped before reporting them
  meta.inputTokens ??= event.record.tokens.input;
  meta.outputTokens ??= event.record.tokens.output;
  meta.reasoningTokens ??= event.record.tokens.reasoning;
  return true;
}

/** A view holding a conversation in memory (the chat, the compare panel). */
export interface LiveConversationView {
  readonly current: StoredConversation;
  /** resolves when its request in flight has settled and been saved (its result is on the reply) */
  idle(): Promise<void>;
  postSnapshot(): void;
}

/**
 * The onDidReconcile listener: updates the open view's conversation in place (or the saved file), saves it, posts
 * snapshots and calls `changed` (history list, status bar). Events are handled one at a time, so two reconciled
 * columns of one comparison never overwrite each other's save.
 */
export function reconciledCostHandler(options: {
  conversations: ConversationStore;
  views: () => readonly LiveConversationView[];
  changed: () => Promise<void> | void;
  logger: Logger;
}): { handle(event: ReconcileEvent): void; whenIdle(): Promise<void> } {
  let queue: Promise<void> = Promise.resolve();
  const apply = async (event: ReconcileEvent): Promise<void> => {
    const conversationId = event.conversationId;
    if (conversationId === undefined) return;
    const views = options.views();
    await Promise.all(views.map((view) => view.idle()));
    const view = views.find((candidate) => candidate.current.id === conversationId);
    const conversation = view?.current ?? await options.conversations.load(conversationId);
    if (!applyReconciledCost(conversation, event)) return;
    await options.conversations.save(conversation);
    view?.postSnapshot();
    await options.changed();
  };
  return {
    handle: (event) => {
      queue = queue.then(() => apply(event)).catch((error: unknown) => {
        options.logger.warn(`reconciled cost of ${event.conversationId ?? 'a request'} not shown: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    whenIdle: () => queue,
  };
}
