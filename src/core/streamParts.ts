import type { SwitchboardError } from './errors/switchboardError';
import type { ToolCall } from './providers/chatProvider';

/** Why a model stopped, normalised across providers. The provider's own word is kept in `rawReason`. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/**
 * Token counts as the provider reported them. `undefined` means "not reported", never 0.
 * A provider that reports a charge (OpenRouter) fills `billedMicroUsd`; the core never computes cost here.
 */
export interface Usage {
  /** tokens in the prompt, including cached ones; undefined = not reported */
  inputTokens?: number;
  /** tokens generated, including reasoning; undefined = not reported */
  outputTokens?: number;
  /** of outputTokens, how many were reasoning; undefined = not reported */
  reasoningTokens?: number;
  /** of inputTokens, how many were read from a prompt cache; undefined = not reported */
  cachedInputTokens?: number;
  /** tokens written to a prompt cache (Anthropic cache_creation_input_tokens); undefined = not reported */
  cacheWriteTokens?: number;
  /** micro-USD the provider says it charged (OpenRouter usage.cost + BYOK upstream cost); undefined = not reported */
  billedMicroUsd?: number;
}

/**
 * The one closed union every provider's stream is turned into (noun-verb names, as in the Vercel AI SDK).
 * A stream ends with exactly one `finish` or one `error` part. `retrying` and `fallback` come from the engine only.
 */
export type ChatStreamPart =
  /** The request is queued upstream (OpenRouter's `: OPENROUTER PROCESSING` comments). Not a first token. */
  | { type: 'queued' }
  /** Identity of the response: generation id and the model/provider that actually serves it. */
  | { type: 'response-metadata'; id?: string; model?: string; upstreamProvider?: string }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** One complete tool call (the provider assembles streamed argument deltas before sending it). */
  | { type: 'tool-call'; call: ToolCall }
  /** Usage so far; a later usage part replaces an earlier one field by field. */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; rawReason?: string }
  | { type: 'error'; error: SwitchboardError }
  /**
   * Emitted by the engine (send), never by a provider: attempt `attempt` of the same model failed before its first
   * token and the next one starts after `delayMs`. Not an end of stream.
   */
  | { type: 'retrying'; attempt: number; maxAttempts: number; delayMs: number; error: SwitchboardError }
  /**
   * Emitted by the engine (send), never by a provider: model `from` failed before its first token with `error`
   * and the request goes on with model `to` (the next of the fallback chain). Not an end of stream.
   */
  | { type: 'fallback'; from: string; to: string; error: SwitchboardError };
