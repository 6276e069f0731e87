/**
 * Ports the core declares and the host adapts VS Code to (STYLE.md "Layers").
 * Tests use in-memory versions; nothing here knows about VS Code.
 */

/** Durable string storage (the host backs it with globalState). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): Promise<void>;
}

/** Where API keys come from (the host backs it with SecretStorage). Keys are trimmed by the implementation. */
export interface SecretSource {
  getApiKey(providerId: string): Promise<string | undefined>;
}

/** Time, injectable so budgets' day/month boundaries and backoff are testable. */
export interface Clock {
  /** ms since the epoch */
  now(): number;
  /** a monotonic ms counter for measuring durations */
  monotonic(): number;
  /** resolves after ms, or rejects with an aborted error when signal fires */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}
