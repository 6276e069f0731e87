/**
 * One idle-time queue for every view's deferred work (highlighting code that was rendered plain while streaming),
 * so six compare columns share one idle period and one deadline instead of six callbacks that each believe they
 * have the time. A task does one small unit of work per call and says whether it has more; tasks take turns.
 */

/** ms of idle time that must remain before another unit starts (a unit, one frozen run highlighted, costs ~1-4 ms) */
const IDLE_MARGIN_MS = 6;
/** ms a unit may wait for idle time before one runs anyway (a page that is never idle still gets its work done) */
const IDLE_WAIT_MS = 1000;

/** A unit of idle work; returns true when it has more to do. */
export type IdleTask = () => boolean;

const queue = new Set<IdleTask>();
let handle: number | undefined;

function runIdle(deadline: IdleDeadline): void {
  handle = undefined;
  // on timeout exactly one unit runs, whichever view it belongs to, so overdue work never stacks up in one frame
  let allowed = deadline.didTimeout ? 1 : Infinity;
  for (const task of queue) {
    if (allowed-- <= 0 || (!deadline.didTimeout && deadline.timeRemaining() < IDLE_MARGIN_MS)) break;
    queue.delete(task);
    if (task()) queue.add(task);
  }
  if (queue.size > 0) handle = requestIdleCallback(runIdle, { timeout: IDLE_WAIT_MS });
}

/** Runs `task` in idle time until it returns false (once, however often it is scheduled before then). */
export function scheduleIdle(task: IdleTask): void {
  queue.add(task);
  handle ??= requestIdleCallback(runIdle, { timeout: IDLE_WAIT_MS });
}

/** Drops `task` if it is waiting. */
export function cancelIdle(task: IdleTask): void {
  queue.delete(task);
}
