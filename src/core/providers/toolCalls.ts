/**
 * What every provider shares for tool calling: assembling streamed call deltas, the finish reason of a reply
 * that called tools, and reading the arguments text back into an object for the wire formats that want one.
 */
import type { ChatStreamPart } from '../streamParts';
import type { ChatMessage, ToolCall } from './chatProvider';

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Streamed tool calls keyed by the wire format's position (OpenAI `tool_calls[].index`, Anthropic content block
 * index): the first delta names the call, later ones append argument text.
 */
export class ToolCallAssembler {
  private readonly pending = new Map<number, PendingCall>();
  /** calls handed out so far (the reply called tools) */
  completed = 0;

  /** a delta for the call at `key`; `id` and `name` arrive on the first one */
  add(key: number, id: unknown, name: unknown, argumentsText: unknown): void {
    let call = this.pending.get(key);
    if (!call) {
      call = { id: '', name: '', arguments: '' };
      this.pending.set(key, call);
    }
    if (typeof id === 'string' && id !== '' && call.id === '') call.id = id;
    if (typeof name === 'string' && name !== '' && call.name === '') call.name = name;
    if (typeof argumentsText === 'string') call.arguments += argumentsText;
  }

  has(key: number): boolean {
    return this.pending.has(key);
  }

  /** the finished call at `key` (Anthropic `content_block_stop`); undefined = none there */
  take(key: number): ToolCall | undefined {
    const call = this.pending.get(key);
    if (!call) return undefined;
    this.pending.delete(key);
    return this.finished(call, key);
  }

  /** every call still pending, in key order (OpenAI: at the end of the reply) */
  takeAll(): ToolCall[] {
    const keys = [...this.pending.keys()].sort((a, b) => a - b);
    return keys.map((key) => this.take(key)!);
  }

  private finished(call: PendingCall, key: number): ToolCall {
    this.completed++;
    return { id: call.id || `call_${key}`, name: call.name, arguments: call.arguments.trim() === '' ? '{}' : call.arguments };
  }
}

/**
 * A reply that called tools finishes with 'tool-calls' even where the provider says `STOP` (Gemini) or `stop`
 * (some OpenAI-compatible servers): the caller must run the tools and send their results.
 */
export function withToolCallsFinish(part: ChatStreamPart, calledTools: boolean): ChatStreamPart {
  return calledTools && part.type === 'finish' && part.reason === 'stop' ? { ...part, reason: 'tool-calls' } : part;
}

/** The arguments JSON text as an object (Anthropic `input`, Gemini `args`); text that is no JSON object -> `{}`. */
export function argumentsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** JSON schema for a tool without parameters: every wire format wants an object schema. */
export const NO_PARAMETERS: Record<string, unknown> = { type: 'object', properties: {} };

/**
 * The messages with consecutive tool results (the answers to parallel calls) gathered into one array: Anthropic and
 * Gemini want them in one turn.
 */
export function withToolResultsGrouped(messages: readonly ChatMessage[]): (ChatMessage | ChatMessage[])[] {
  const grouped: (ChatMessage | ChatMessage[])[] = [];
  for (const message of messages) {
    const last = grouped[grouped.length - 1];
    if (message.role === 'tool' && Array.isArray(last)) last.push(message);
    else grouped.push(message.role === 'tool' ? [message] : message);
  }
  return grouped;
}
