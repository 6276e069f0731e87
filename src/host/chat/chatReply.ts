/**
 * One chat reply: sends the transcript to the core, applies every stream part to the stored reply (coalesced to
 * the view), then copies the result onto it and logs one line. No vscode import.
 */
import type { ChatMessage, ChatResult } from '../../core/index';
import type { StoredConversation, StoredMessage } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { applyResult, failedResult, requestLogLine } from '../replies/replyResult';
import type { StreamCoalescer } from '../replies/streamCoalescer';
import { applyStreamPart } from '../replies/streamReply';

export interface ChatReplyRequest {
  conversation: StoredConversation;
  /** the pending reply, last in the conversation */
  assistant: StoredMessage;
  model: string;
  messages: ChatMessage[];
  coalescer: StreamCoalescer;
  signal: AbortSignal;
  /** what the ledger record says the request came from (default chat; a compare column's follow-up: compare) */
  source?: 'chat' | 'selection' | 'compare';
  /** overrides the fallback chain in settings; [] = none (a compare column is the model asked for) */
  fallback?: string[];
}

/** Streams one reply into `assistant` and copies the result onto it; `settled` runs as soon as it has ended. */
export async function streamChatReply(services: HostServices, request: ChatReplyRequest, settled: () => void): Promise<void> {
  const { conversation, assistant, model, messages, coalescer, signal } = request;
  const settings = services.settings();
  let result: ChatResult;
  try {
    result = await services.core().send({
      model,
      messages,
      maxTokens: settings.core.maxTokens,
      temperature: settings.temperature,
      fallback: request.fallback,
      signal,
      ledger: { source: request.source ?? 'chat', workspace: services.workspaceName(), conversationId: conversation.id, messageId: assistant.id },
      onPart: (part, servedModel) => {
        if (assistant.meta) assistant.meta.servedModel = servedModel;
        applyStreamPart(assistant, part, coalescer, (id) => modelName(services, id));
      },
    });
  } catch (error) {
    // send() resolves for provider failures; a throw is a setup problem (bad setting, core not created)
    result = failedResult(model, assistant.text, error);
  }
  coalescer.end();
  applyResult(assistant, result);
  conversation.updatedAt = Date.now();
  settled();
  services.logger.info(requestLogLine(result));
}

/** A model's catalog name, else its id. */
function modelName(services: HostServices, model: string): string {
  try {
    return services.core().catalog.get(model)?.name ?? model;
  } catch {
    return model;
  }
}
