import type { Usage } from '../streamParts';
import type { ModelPricing } from '../catalog/modelInfo';
import type { Cost } from './cost';

/**
 * The cost of one finished (or cut) request.
 *
 * - billed: the provider reported its charge (`usage.billedMicroUsd`), which always wins over prices.
 * - estimated: tokens x catalog prices: uncached prompt x prompt, cached x cacheRead, cache writes x
 *   cacheWrite, completion x completion (reasoning tokens apart only when the model has a non-zero
 *   reasoning price; otherwise they are completion tokens), plus the per-request price.
 *   Cache reads and writes are counted inside `inputTokens` (the Usage contract), so they are taken out of it.
 * - unknown: no token counts arrived (a stream cut before its usage), or a price needed for the tokens
 *   that did arrive is not published. Never 0.
 *
 * Prices are fractional micro-USD per token; the sum is kept in integer pico-USD and rounded to
 * micro-USD once at the end (half up), so it does not drift.
 */
export function costOf(usage: Usage | undefined, pricing: ModelPricing | undefined): Cost {
  if (usage?.billedMicroUsd !== undefined && Number.isFinite(usage.billedMicroUsd)) {
    return { kind: 'billed', microUsd: Math.max(0, Math.round(usage.billedMicroUsd)) };
  }
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return { kind: 'unknown' };
  if (!pricing) return { kind: 'unknown' };

  const input = count(usage.inputTokens);
  const output = count(usage.outputTokens);
  const cached = Math.min(count(usage.cachedInputTokens), input);
  const writes = Math.min(count(usage.cacheWriteTokens), input - cached);
  const uncached = input - cached - writes;
  const reasoningApart = pricing.reasoning !== undefined && pricing.reasoning > 0;
  const reasoning = reasoningApart ? Math.min(count(usage.reasoningTokens), output) : 0;
  const completion = output - reasoning;

  const terms: [tokens: number, price: number | undefined][] = [
    [uncached, pricing.prompt],
    [cached, pricing.cacheRead ?? pricing.prompt],
    [writes, pricing.cacheWrite ?? pricing.prompt],
    [completion, pricing.completion],
    [reasoning, pricing.reasoning],
  ];
  let pico = 0;
  for (const [tokens, price] of terms) {
    if (tokens === 0) continue;
    if (price === undefined || !Number.isFinite(price) || price < 0) return { kind: 'unknown' };
    pico += tokens * toPico(price);
  }
  if (pricing.request !== undefined && pricing.request > 0) pico += toPico(pricing.request);
  return { kind: 'estimated', microUsd: picoToMicro(pico) };
}

/** micro-USD (fractional) to integer pico-USD */
export function toPico(microUsd: number): number {
  return Math.round(microUsd * 1_000_000);
}

/** integer pico-USD to integer micro-USD, rounding half up */
export function picoToMicro(pico: number): number {
  return Math.floor((pico + 500_000) / 1_000_000);
}

function count(tokens: number | undefined): number {
  return tokens !== undefined && Number.isFinite(tokens) && tokens > 0 ? Math.floor(tokens) : 0;
}
