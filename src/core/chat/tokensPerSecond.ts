/** ms; a generation window shorter than this (a replayed or cached reply) gives no meaningful speed */
export const MIN_GENERATION_MS = 50;

/** output tokens; below this there is no window between two tokens to measure */
export const MIN_OUTPUT_TOKENS = 2;

/**
 * Output tokens per second over the generation window (first token to end), or undefined when it would mean
 * nothing: tokens not reported, fewer than 2 of them, or a window under 50 ms (a replay shows "90131.6 tok/s").
 */
export function tokensPerSecond(outputTokens: number | undefined, generationMs: number | undefined): number | undefined {
  if (outputTokens === undefined || generationMs === undefined) return undefined;
  if (!(outputTokens >= MIN_OUTPUT_TOKENS) || !(generationMs >= MIN_GENERATION_MS)) return undefined;
  return outputTokens / (generationMs / 1000);
}
