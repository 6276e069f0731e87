/**
 * Usage as VS Code's chat reads it from a `LanguageModelDataPart` with mime type `usage` (Copilot's context meter;
 * the OpenAI field names, PLATFORM-FACTS §1.4). No vscode import.
 */
import type { Usage } from '../../core/index';

/** The mime type Copilot looks for. */
export const USAGE_MIME_TYPE = 'usage';

export interface UsagePayload {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number; cache_creation_input_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** The payload, or undefined when the provider reported no token counts (nothing is better than zeros). */
export function usagePayload(usage: Usage): UsagePayload | undefined {
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  const payload: UsagePayload = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage.cachedInputTokens !== undefined || usage.cacheWriteTokens !== undefined) {
    payload.prompt_tokens_details = {
      cached_tokens: usage.cachedInputTokens ?? 0,
      ...(usage.cacheWriteTokens !== undefined ? { cache_creation_input_tokens: usage.cacheWriteTokens } : {}),
    };
  }
  if (usage.reasoningTokens !== undefined) payload.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return payload;
}
