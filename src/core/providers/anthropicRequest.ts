/** ChatMessage and tools -> the Anthropic Messages body fields. */
import type { ChatMessage, ChatRequest } from './chatProvider';
import { argumentsObject, NO_PARAMETERS, withToolResultsGrouped } from './toolCalls';

/**
 * The non-system messages. A plain text message stays `{ role, content }` exactly; tool results become
 * `tool_result` blocks of a user message, consecutive ones (parallel calls) in one message as Anthropic wants.
 */
export function anthropicMessages(messages: readonly ChatMessage[]): Record<string, unknown>[] {
  const result: Record<string, unknown>[] = [];
  for (const message of withToolResultsGrouped(messages)) {
    if (Array.isArray(message)) {
      result.push({ role: 'user', content: message.map((tool) => ({ type: 'tool_result', tool_use_id: tool.toolCallId ?? '', content: tool.content })) });
      continue;
    }
    if (message.role === 'system') continue;
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
      result.push({
        role: 'assistant',
        content: [
          ...(message.content !== '' ? [{ type: 'text', text: message.content }] : []),
          ...message.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: argumentsObject(call.arguments) })),
        ],
      });
    } else if (message.role === 'user' && message.images !== undefined && message.images.length > 0) {
      result.push({
        role: 'user',
        content: [
          ...message.images.map((image) => ({ type: 'image', source: { type: 'base64', media_type: image.mimeType, data: image.data } })),
          ...(message.content !== '' ? [{ type: 'text', text: message.content }] : []),
        ],
      });
    } else {
      result.push({ role: message.role, content: message.content });
    }
  }
  return result;
}

/** `tools` and `tool_choice` when the request has tools; nothing otherwise. */
export function anthropicToolFields(request: ChatRequest): Record<string, unknown> {
  if (request.tools === undefined || request.tools.length === 0) return {};
  return {
    tools: request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      input_schema: tool.parameters ?? NO_PARAMETERS,
    })),
    ...(request.toolChoice === 'required' ? { tool_choice: { type: 'any' } } : {}),
  };
}
