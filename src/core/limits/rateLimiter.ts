import type { Clock } from '../ports';
import { abortedError } from './systemClock';

/** One minute, the window `requestsPerMinute` counts in. */
const WINDOW_MS = 60_000;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Lane {
  /** clock.now() of the starts inside the current window, oldest first */
  starts: number[];
  queue: Waiter[];
  pumping: boolean;
  /** wakes the pump's sleep early (the limit changed) */
  wake?: AbortController;
}

/**
 * Requests per minute per key (provider id), over a sliding one-minute window.
 * Over the limit, callers wait in FIFO order instead of being refused; a waiter whose signal fires
 * leaves the queue and rejects with SwitchboardError('aborted'). Time comes from the injected Clock.
 */
export class RateLimiter {
  private readonly lanes = new Map<string, Lane>();

  /** @param requestsPerMinute undefined or 0 = unlimited */
  constructor(private readonly clock: Clock, private requestsPerMinute?: number) {}

  setLimit(requestsPerMinute: number | undefined): void {
    this.requestsPerMinute = requestsPerMinute;
    for (const [key, lane] of this.lanes) {
      lane.wake?.abort();
      if (lane.queue.length > 0) this.pump(key, lane);
    }
  }

  /** how many callers are waiting for `key` */
  waiting(key: string): number {
    return this.lanes.get(key)?.queue.length ?? 0;
  }

  /** resolves when a request to `key` may start (and counts it as started) */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError());
    const lane = this.lane(key);
    if (lane.queue.length === 0 && this.hasSlot(lane)) {
      this.record(lane);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = lane.queue.indexOf(waiter);
          if (index >= 0) lane.queue.splice(index, 1);
          reject(abortedError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      lane.queue.push(waiter);
      this.pump(key, lane);
    });
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { starts: [], queue: [], pumping: false };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private limit(): number {
    const limit = this.requestsPerMinute;
    return limit && limit > 0 ? Math.floor(limit) || 1 : Infinity;
  }

  private hasSlot(lane: Lane): boolean {
    const now = this.clock.now();
    while (lane.starts.length > 0 && now - lane.starts[0] >= WINDOW_MS) lane.starts.shift();
    return lane.starts.length < this.limit();
  }

  private record(lane: Lane): void {
    if (this.limit() !== Infinity) lane.starts.push(this.clock.now());
  }

  private pump(key: string, lane: Lane): void {
    if (lane.pumping) return;
    lane.pumping = true;
    void (async () => {
      try {
        while (lane.queue.length > 0) {
          if (this.hasSlot(lane)) {
            const waiter = lane.queue.shift()!;
            if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
            this.record(lane);
            waiter.resolve();
            continue;
          }
          const wait = lane.starts[0] + WINDOW_MS - this.clock.now();
          lane.wake = new AbortController();
          await this.clock.sleep(Math.max(1, wait), lane.wake.signal).catch(() => undefined);
          lane.wake = undefined;
        }
      } finally {
        lane.pumping = false;
        if (lane.queue.length === 0 && lane.starts.length === 0) this.lanes.delete(key);
      }
    })();
  }
}
