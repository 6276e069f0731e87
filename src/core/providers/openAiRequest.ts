/** ChatMessage and tools -> the OpenAI `/chat/completions` body fields (also OpenRouter and every compatible server). */
import type { ChatMessage, ChatRequest } from './chatProvider';
import { NO_PARAMETERS } from './toolCalls';

/** One message; a plain text message stays `{ role, content }` exactly. */
export function openAiMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: message.content === '' ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    };
  }
  if (message.role === 'user' && message.images !== undefined && message.images.length > 0) {
    return {
      role: 'user',
      content: [
        ...(message.content !== '' ? [{ type: 'text', text: message.content }] : []),
        ...message.images.map((image) => ({ type: 'image_url', image_url: { url: `data:${image.mimeType};base64,${image.data}` } })),
      ],
    };
  }
  return { role: message.role, content: message.content };
}

/** `tools` and `tool_choice` when the request has tools; nothing otherwise. */
export function openAiToolFields(request: ChatRequest): Record<string, unknown> {
  if (request.tools === undefined || request.tools.length === 0) return {};
  return {
    tools: request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.parameters ?? NO_PARAMETERS },
    })),
    ...(request.toolChoice === 'required' ? { tool_choice: 'required' } : {}),
  };
}
