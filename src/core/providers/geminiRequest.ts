/** ChatMessage and tools -> the Gemini `generateContent` body fields. */
import type { ChatMessage, ChatRequest } from './chatProvider';
import { argumentsObject, NO_PARAMETERS, withToolResultsGrouped } from './toolCalls';

/**
 * The non-system messages as `contents`. A plain text message stays `{ role, parts: [{ text }] }` exactly; tool
 * results become `functionResponse` parts (matched by name), consecutive ones (parallel calls) in one turn.
 */
export function geminiContents(messages: readonly ChatMessage[]): Record<string, unknown>[] {
  const contents: Record<string, unknown>[] = [];
  for (const message of withToolResultsGrouped(messages)) {
    if (Array.isArray(message)) {
      contents.push({ role: 'user', parts: message.map((tool) => ({ functionResponse: { name: tool.toolName ?? '', response: { content: tool.content } } })) });
      continue;
    }
    if (message.role === 'system') continue;
    const parts: Record<string, unknown>[] = message.content !== '' || (!message.toolCalls?.length && !message.images?.length) ? [{ text: message.content }] : [];
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) {
        // Gemini 3 requires the call's thought signature back with it
        parts.push({ functionCall: { name: call.name, args: argumentsObject(call.arguments) }, ...(call.signature ? { thoughtSignature: call.signature } : {}) });
      }
    } else {
      for (const image of message.images ?? []) parts.push({ inlineData: { mimeType: image.mimeType, data: image.data } });
    }
    contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  }
  return contents;
}

/** `tools` and `toolConfig` when the request has tools; nothing otherwise. The schema goes as full JSON schema. */
export function geminiToolFields(request: ChatRequest): Record<string, unknown> {
  if (request.tools === undefined || request.tools.length === 0) return {};
  return {
    tools: [{
      functionDeclarations: request.tools.map((tool) => ({
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parametersJsonSchema: tool.parameters ?? NO_PARAMETERS,
      })),
    }],
    ...(request.toolChoice === 'required' ? { toolConfig: { functionCallingConfig: { mode: 'ANY' } } } : {}),
  };
}
