import type { SwitchboardError, ErrorCode } from '../errors/switchboardError';

/** How often and how long to retry one model before the first token. */
export interface RetryPolicy {
  /** attempts per model, the first included */
  maxAttempts: number;
  /** ms; the first backoff, doubled per attempt */
  baseDelayMs: number;
  /** ms; a longer wait (e.g. a Retry-After of minutes) is not waited for: the chain moves on instead */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * The ms to wait before attempt `attempt + 1` of the same model, or undefined when it must not be retried.
 * Only retryable errors (408, 409, 429, 5xx, timeouts, connection) are retried, and the caller retries only
 * while no text or reasoning has arrived. The wait is exponential with jitter (half fixed, half random) and
 * never shorter than the server's Retry-After; a Retry-After longer than `maxDelayMs` is not waited for.
 */
export function retryDelayMs(error: SwitchboardError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  // An empty reply reached the model and may be billed: the person retries it (Retry), never the engine silently.
  if (!error.isRetryable || error.code === 'empty-reply' || attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(backoff / 2 + random() * (backoff / 2));
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxDelayMs) return undefined;
    return Math.max(error.retryAfterMs, jittered);
  }
  return jittered;
}

/**
 * Errors after which the next model of the fallback chain is tried (only before the first token):
 * the model or its provider is unavailable right now, or this provider cannot pay for it, and another model may
 * well answer. Never after: the person cancelled (aborted), a budget cap (another model must not route around
 * it), a bad or missing key (authentication, configuration: fix the key rather than silently pay someone else),
 * or a request that is itself wrong (bad-request, context-too-long, moderation).
 */
const FALLBACK_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'rate-limited', 'provider-error', 'timeout', 'connection', 'no-such-model', 'payment-required', 'mid-stream',
]);

export function isFallbackError(error: SwitchboardError): boolean {
  return FALLBACK_CODES.has(error.code);
}
