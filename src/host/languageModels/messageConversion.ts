/**
 * VS Code's `LanguageModelChatRequestMessage`s -> the core's ChatMessages. Parts are recognised by shape, not by
 * class, so nothing here touches `vscode.LanguageModel*Part` (absent before 1.104/1.106, and read at call time
 * only). No vscode import.
 *
 * Roles: 1 = User, 2 = Assistant, 3 = System (Copilot's agent sends it; not in the stable enum).
 */
import type { ChatMessage, ImagePart, ToolCall } from '../../core/index';

/** The stable message shape (`content` holds parts of any kind, `unknown` included). */
export interface RequestMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name?: string | undefined;
}

const SYSTEM_ROLE = 3;
const ASSISTANT_ROLE = 2;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'tool-call'; call: ToolCall }
  | { kind: 'tool-result'; callId: string; text: string }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  | { kind: 'other' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What one content part is (TextPart, ToolCallPart, ToolResultPart, DataPart), by shape. */
function classify(part: unknown): Part {
  if (typeof part === 'string') return { kind: 'text', text: part };
  if (!isRecord(part)) return { kind: 'other' };
  if (typeof part.callId === 'string' && typeof part.name === 'string' && 'input' in part) {
    return { kind: 'tool-call', call: { id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) } };
  }
  if (typeof part.callId === 'string' && Array.isArray(part.content)) {
    return { kind: 'tool-result', callId: part.callId, text: resultText(part.content) };
  }
  if (typeof part.mimeType === 'string' && part.data instanceof Uint8Array) {
    return { kind: 'data', mimeType: part.mimeType, data: part.data };
  }
  if (typeof part.value === 'string') return { kind: 'text', text: part.value };
  return { kind: 'other' };
}

/** A tool result's content (text parts, prompt-tsx parts, data parts) as the text the model reads. */
function resultText(content: readonly unknown[]): string {
  const pieces: string[] = [];
  for (const item of content) {
    const part = classify(item);
    if (part.kind === 'text') pieces.push(part.text);
    else if (part.kind === 'data' && (part.mimeType.startsWith('text/') || part.mimeType.includes('json'))) pieces.push(new TextDecoder().decode(part.data));
    else if (isRecord(item) && item.value !== undefined) pieces.push(JSON.stringify(item.value));
  }
  return pieces.join('');
}

/**
 * `vision`: the model takes images; without it an image becomes a short note, so the model knows one was there.
 * Tool results of a user message come first, as `tool` messages (with the called function's name, which Gemini
 * needs), then the user's text and images.
 */
export function toChatMessages(messages: readonly RequestMessageLike[], options: { vision: boolean }): ChatMessage[] {
  const result: ChatMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    const parts = message.content.map(classify);
    const text = parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
    if (message.role === SYSTEM_ROLE) {
      if (text !== '') result.push({ role: 'system', content: text });
      continue;
    }
    if (message.role === ASSISTANT_ROLE) {
      const toolCalls = parts.flatMap((part) => (part.kind === 'tool-call' ? [part.call] : []));
      for (const call of toolCalls) toolNames.set(call.id, call.name);
      if (text === '' && toolCalls.length === 0) continue;
      result.push(toolCalls.length > 0 ? { role: 'assistant', content: text, toolCalls } : { role: 'assistant', content: text });
      continue;
    }
    for (const part of parts) {
      if (part.kind === 'tool-result') result.push({ role: 'tool', content: part.text, toolCallId: part.callId, toolName: toolNames.get(part.callId) });
    }
    const images: ImagePart[] = [];
    let notes = '';
    for (const part of parts) {
      if (part.kind !== 'data' || !part.mimeType.startsWith('image/')) continue;
      if (options.vision) images.push({ type: 'image', mimeType: part.mimeType, data: Buffer.from(part.data).toString('base64') });
      else notes += '\n[An image was attached, but this model does not take images.]';
    }
    const content = text + notes;
    if (content === '' && images.length === 0) continue;
    result.push(images.length > 0 ? { role: 'user', content, images } : { role: 'user', content });
  }
  return result;
}

/** The text of a message for counting tokens: text, tool calls' arguments and tool results. */
export function messageText(message: RequestMessageLike): string {
  let text = '';
  for (const item of message.content) {
    const part = classify(item);
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'tool-call') text += part.call.name + part.call.arguments;
    else if (part.kind === 'tool-result') text += part.text;
  }
  return text;
}
