/**
 * Prices as catalog data, in micro-USD per token (or per request/image). `undefined` = unknown
 * (OpenRouter's "-1" or an absent field); 0 = free. Per-token micro-USD are fractional (e.g. 2.5 for $2.50/M),
 * so these are numbers; amounts that are summed (costs, budgets) are integer micro-USD.
 */
export interface ModelPricing {
  /** micro-USD per prompt token */
  prompt?: number;
  /** micro-USD per completion token */
  completion?: number;
  /** micro-USD per cached prompt token read */
  cacheRead?: number;
  /** micro-USD per prompt token written to cache */
  cacheWrite?: number;
  /** micro-USD per reasoning token, when priced apart from completion */
  reasoning?: number;
  /** micro-USD per request */
  request?: number;
  /** micro-USD per input image */
  image?: number;
}

export interface ModelInfo {
  /** namespaced id: `openrouter:anthropic/claude-sonnet-4.5`, `ollama:qwen3` */
  id: string;
  /** provider id (the part before the first colon) */
  provider: string;
  /** the provider's own model id (after the first colon) */
  modelId: string;
  name: string;
  description?: string;
  /** tokens; undefined = not published */
  contextLength?: number;
  /** tokens; undefined = not published */
  maxOutputTokens?: number;
  inputModalities: string[];
  outputModalities: string[];
  capabilities: { tools: boolean; reasoning: boolean };
  pricing: ModelPricing;
  /** true when both prompt and completion cost 0 */
  isFree: boolean;
  /** unix seconds when the model was published; undefined = not said */
  created?: number;
}
