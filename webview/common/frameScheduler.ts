/**
 * One animation-frame loop for every view that renders streamed text (the chat reply, all compare columns), so
 * six columns share one frame instead of six callbacks each doing its own layout-invalidating work. A frame runs
 * tasks until its budget is spent; the rest run first in the next frame, so no column waits forever.
 */

/** ms of script one frame may spend on scheduled renders before the rest wait for the next frame */
const FRAME_BUDGET_MS = 8;

const pending = new Set<() => void>();
let frame: number | undefined;

function runFrame(): void {
  frame = undefined;
  const started = performance.now();
  for (const task of [...pending]) {
    if (performance.now() - started > FRAME_BUDGET_MS) break;
    pending.delete(task);
    task();
  }
  if (pending.size > 0) frame = requestAnimationFrame(runFrame);
}

/** Runs `task` in the next animation frame (once, however often it is scheduled before then). */
export function scheduleFrame(task: () => void): void {
  pending.add(task);
  frame ??= requestAnimationFrame(runFrame);
}

/** Drops `task` if it has not run yet. */
export function cancelFrame(task: () => void): void {
  pending.delete(task);
}
