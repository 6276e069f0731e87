import type { Clock } from '../ports';
import { SwitchboardError } from '../errors/switchboardError';

/** The real clock: wall time, performance.now() for durations, setTimeout for sleeps. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
};

/** The error every cancelled wait in the core rejects with. */
export function abortedError(message = 'Cancelled.'): SwitchboardError {
  return new SwitchboardError({ code: 'aborted', message });
}
