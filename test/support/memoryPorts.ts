/**
 * In-memory versions of the core's ports (src/core/ports.ts) for tests: fakes at the seams only.
 * The things under test (budget, limiter, send, catalog) stay real.
 */
import type { Clock, KeyValueStore, Logger, SecretSource } from '../../src/core/ports';
import { SwitchboardError } from '../../src/core/errors/switchboardError';

/** A KeyValueStore backed by a Map; values are deep-copied through JSON as globalState would. */
export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  /** how many set() calls happened */
  writes = 0;

  get<T>(key: string): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
  }
}

/** Keys per provider id, trimmed like the host's SecretStorage adapter. */
export class MemorySecrets implements SecretSource {
  constructor(private readonly keys: Record<string, string> = {}) {}

  async getApiKey(providerId: string): Promise<string | undefined> {
    const key = this.keys[providerId]?.trim();
    return key ? key : undefined;
  }

  setKey(providerId: string, key: string | undefined): void {
    if (key === undefined) delete this.keys[providerId];
    else this.keys[providerId] = key;
  }
}

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told. `sleep` waits until `advance` passes its deadline;
 * an aborted sleep rejects with SwitchboardError('aborted') and leaves the timer list.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private counter = 0;
  /** every sleep requested, in ms, in order */
  readonly sleeps: number[] = [];

  constructor(startEpochMs = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.current = startEpochMs;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(abortedError());
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.current + Math.max(0, ms), order: this.counter++, resolve: () => { cleanup(); resolve(); } };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        cleanup();
        reject(abortedError());
      };
      const cleanup = (): void => signal?.removeEventListener('abort', onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** pending sleeps */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** moves time forward, firing due sleeps in deadline order and letting their continuations run */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.resolve();
    }
    this.current = target;
    await flushMicrotasks();
  }

  /** jumps the wall clock (day/month boundaries) without firing timers differently from advance */
  async setNow(epochMs: number): Promise<void> {
    await this.advance(Math.max(0, epochMs - this.current));
  }
}

/**
 * Real time for timestamps, but sleeps return at once and are recorded:
 * lets tests against the real fixture server check backoff delays without waiting for them.
 */
export class InstantSleepClock implements Clock {
  readonly sleeps: number[] = [];

  now(): number {
    return Date.now();
  }

  monotonic(): number {
    return performance.now();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) throw abortedError();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Collects log lines so tests can check nothing secret was logged. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
  debug(message: string): void { this.lines.push(`debug ${message}`); }
}

/** Lets every queued promise continuation run (a few macrotask turns). */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

function abortedError(): SwitchboardError {
  return new SwitchboardError({ code: 'aborted', message: 'Cancelled.' });
}
