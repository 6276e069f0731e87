import type { LedgerDirectory } from './ledgerDirectory';
import { SwitchboardError } from '../errors/switchboardError';

/** ms after which a lock file is taken to be left by a crashed window and removed. */
export const STALE_LOCK_MS = 5_000;
/** ms a window waits for the lock before giving up with an error. */
export const LOCK_WAIT_MS = 10_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `work` while holding `name` (a lock file created with O_EXCL) in the directory, so that windows
 * (separate processes) sharing the directory take turns. The sections are a read and an append (well under a
 * millisecond), so the wait is a short synchronous one; a lock older than STALE_LOCK_MS (a window that died
 * inside its section) is removed.
 */
export function withDirectoryLock<T>(directory: LedgerDirectory, name: string, work: () => T, now: () => number = Date.now): T {
  const started = now();
  let pause = 1;
  while (!directory.createExclusive(name, `${process.pid} ${started}\n`)) {
    const modified = directory.modifiedAt(name);
    if (modified !== undefined && now() - modified > STALE_LOCK_MS) {
      directory.remove(name);
      continue;
    }
    if (now() - started > LOCK_WAIT_MS) {
      throw new SwitchboardError({
        code: 'configuration',
        message: `The spend ledger in ${directory.location} stayed locked for ${LOCK_WAIT_MS / 1000} s. If no other window is busy, delete ${name} there.`,
      });
    }
    Atomics.wait(sleeper, 0, 0, pause);
    pause = Math.min(pause * 2, 8);
  }
  try {
    return work();
  } finally {
    directory.remove(name);
  }
}
