import type { ChatMessage } from '../providers/chatProvider';
import type { ModelPricing } from '../catalog/modelInfo';
import type { CostEstimate } from './cost';
import { picoToMicro, toPico } from './costOf';
import { isPriced } from './modelPrice';

/** Counts the tokens of a text exactly (a tokenizer). */
export type TokenCountFunction = (text: string) => number;

/** Loads a token counter; called at most once, on the first exact estimate, never at start-up. */
export type TokenCounterLoader = () => Promise<TokenCountFunction>;

/** The instant prompt-size guess: characters / 4, rounded up, over every message. */
export function approximatePromptTokens(messages: readonly ChatMessage[]): number {
  let characters = 0;
  for (const message of messages) characters += message.content.length;
  return Math.ceil(characters / 4);
}

/**
 * The pre-send range: min = prompt tokens x prompt price (+ per-request price),
 * max = min + maxOutputTokens x completion price. Unpriced models give 0 / 0 with `priced: false`.
 */
export function estimateCost(options: { promptTokens: number; promptTokensExact: boolean; maxOutputTokens: number; pricing: ModelPricing | undefined }): CostEstimate {
  const { promptTokens, promptTokensExact, maxOutputTokens, pricing } = options;
  if (!isPriced(pricing)) {
    return { promptTokens, promptTokensExact, minMicroUsd: 0, maxMicroUsd: 0, maxOutputTokens, priced: false };
  }
  const requestPico = pricing.request !== undefined && pricing.request > 0 ? toPico(pricing.request) : 0;
  const minPico = promptTokens * toPico(pricing.prompt) + requestPico;
  const outputPrice = Math.max(pricing.completion, pricing.reasoning ?? 0);
  const maxPico = minPico + maxOutputTokens * toPico(outputPrice);
  return {
    promptTokens,
    promptTokensExact,
    minMicroUsd: picoToMicro(minPico),
    // the max is a cap for budgets: round up so it is never below what the tokens can cost
    maxMicroUsd: Math.ceil(maxPico / 1_000_000),
    maxOutputTokens,
    priced: true,
  };
}

/**
 * Exact prompt counting through an injected loader, loaded lazily once. Without a loader, or when it
 * fails, counts fall back to characters / 4 and say so (`exact: false`).
 */
export class PromptTokenCounter {
  private loading?: Promise<TokenCountFunction | undefined>;

  constructor(private readonly loader: TokenCounterLoader | undefined, private readonly onLoadError?: (error: unknown) => void) {}

  /** true once a load was attempted (for tests: nothing loads at start-up) */
  get loadStarted(): boolean {
    return this.loading !== undefined;
  }

  async count(messages: readonly ChatMessage[]): Promise<{ tokens: number; exact: boolean }> {
    const counter = await this.load();
    if (!counter) return { tokens: approximatePromptTokens(messages), exact: false };
    let tokens = 0;
    for (const message of messages) tokens += counter(message.content);
    return { tokens, exact: true };
  }

  private load(): Promise<TokenCountFunction | undefined> {
    if (!this.loader) return Promise.resolve(undefined);
    this.loading ??= this.loader().catch((error: unknown) => {
      this.onLoadError?.(error);
      return undefined;
    });
    return this.loading;
  }
}
