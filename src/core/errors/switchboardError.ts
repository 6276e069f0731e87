/**
 * Every failure the core reports is a SwitchboardError with one of these codes.
 * `isRetryable` is true for transient conditions (408, 409, 429, >= 500, connection and timeouts).
 */
export type ErrorCode =
  | 'authentication'      // 401/403 bad or missing key
  | 'payment-required'    // 402 out of credits, or balance does not cover max_tokens
  | 'rate-limited'        // 429, with retryAfterMs when known
  | 'context-too-long'    // prompt + max tokens exceed the model's context
  | 'moderation'          // 403 flagged input
  | 'bad-request'         // other 400/422
  | 'no-such-model'       // 404 or "model not found"
  | 'provider-error'      // upstream failed (5xx, "Provider returned error")
  | 'empty-reply'         // a 200 reply with no text, no reasoning and no tool call (the person may retry it)
  | 'mid-stream'          // an error arrived after the first byte of a 200 stream
  | 'timeout'             // connect, first-byte or idle timeout
  | 'connection'          // DNS, refused, reset
  | 'aborted'             // cancelled by the user
  | 'budget-exceeded'     // a budget cap would be passed
  | 'configuration';      // missing key, unknown provider, bad setting

export interface SwitchboardErrorOptions {
  code: ErrorCode;
  /** What happened and what to do, for a person. Never contains a key. */
  message: string;
  /** The provider id (`openrouter`, `anthropic`, ...) when the error came from one. */
  provider?: string;
  /** HTTP status when there was one. */
  status?: number;
  isRetryable?: boolean;
  /** ms to wait before retrying, from Retry-After / X-RateLimit-Reset; undefined = not said */
  retryAfterMs?: number;
  /** Upstream detail (OpenRouter metadata.raw, provider_name) for logs; redacted. */
  detail?: string;
  cause?: unknown;
}

export class SwitchboardError extends Error {
  readonly code: ErrorCode;
  readonly provider?: string;
  readonly status?: number;
  readonly isRetryable: boolean;
  readonly retryAfterMs?: number;
  readonly detail?: string;

  constructor(options: SwitchboardErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = options.code;
    this.provider = options.provider;
    this.status = options.status;
    this.isRetryable = options.isRetryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
  }

  /** Plain data for logs, the webview and exports (no cause chain, nothing secret). */
  toJSON(): { code: ErrorCode; message: string; provider?: string; status?: number; isRetryable: boolean; retryAfterMs?: number } {
    return { code: this.code, message: this.message, provider: this.provider, status: this.status, isRetryable: this.isRetryable, retryAfterMs: this.retryAfterMs };
  }
}
