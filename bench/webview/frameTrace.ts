/**
 * Per-frame script time (and the CPU of opening a history) from a Chromium trace, in thread CPU time (`tdur`),
 * so other processes on a busy machine do not count against the webview. The page's driver (pageProbes.ts `playPosts`) marks each frame's end with
 * `console.timeStamp('frame-end')`; a frame's script is every top-level script task on the page's main thread
 * since the previous mark: message handlers (inside the driver's timer), rAF callbacks, microtasks, idle work.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  /** µs of wall time */
  dur?: number;
  /** µs of thread CPU time */
  tdur?: number;
  args?: { data?: { message?: string } };
}

/** the trace events that hold script (nested ones are inside these and not counted twice) */
const SCRIPT_EVENTS = new Set(['TimerFire', 'FireAnimationFrame', 'FunctionCall', 'EventDispatch', 'RunMicrotasks', 'FireIdleCallback', 'V8.Execute']);
export const FRAME_END_MARK = 'frame-end';

/** Starts tracing; the returned function stops it and gives each frame's script CPU ms. */
export async function traceFrames(cdp: CDPSession): Promise<() => Promise<number[]>> {
  const stop = await startTrace(cdp, ['devtools.timeline']);
  return async () => framesFrom(await stop());
}

export const OPEN_START_MARK = 'open-start';
export const OPEN_END_MARK = 'open-end';

/**
 * Starts tracing; the returned function stops it and gives the main thread's CPU ms (all work: script, style,
 * layout, paint) between the page's `open-start` and `open-end` marks (pageProbes.ts `openSnapshot`).
 */
export async function traceOpen(cdp: CDPSession): Promise<() => Promise<number>> {
  const stop = await startTrace(cdp, ['devtools.timeline', 'toplevel']);
  return async () => openCpuFrom(await stop());
}

async function startTrace(cdp: CDPSession, categories: string[]): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => { for (const event of data.value) events.push(event as unknown as TraceEvent); });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

function openCpuFrom(events: TraceEvent[]): number {
  const mark = (message: string) => events.find((event) => event.name === 'TimeStamp' && event.args?.data?.message === message);
  const start = mark(OPEN_START_MARK);
  const end = mark(OPEN_END_MARK);
  if (!start || !end) throw new Error('the trace has no open marks');
  let cpuMs = 0;
  let coveredUntil = -Infinity;
  const tasks = events.filter((event) => event.pid === start.pid && event.tid === start.tid && event.ph === 'X' && event.dur).sort((x, y) => x.ts - y.ts);
  for (const task of tasks) {
    const taskEnd = task.ts + task.dur!;
    if (taskEnd <= coveredUntil) continue; // nested in a counted task
    coveredUntil = taskEnd;
    const from = Math.max(task.ts, start.ts);
    const to = Math.min(taskEnd, end.ts);
    // a task cut by a mark counts for the share of its wall time inside the window
    if (to > from) cpuMs += ((task.tdur ?? task.dur!) / 1000) * ((to - from) / task.dur!);
  }
  return cpuMs;
}

function framesFrom(events: TraceEvent[]): number[] {
  const marks = events.filter((event) => event.name === 'TimeStamp' && event.args?.data?.message === FRAME_END_MARK);
  if (marks.length === 0) throw new Error('the trace has no frame marks');
  const { pid, tid } = marks[0]!;
  const scripts = events
    .filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && SCRIPT_EVENTS.has(event.name))
    .sort((a, b) => a.ts - b.ts);
  const boundaries = marks.map((mark) => mark.ts).sort((a, b) => a - b);
  const frames = new Array<number>(boundaries.length).fill(0);
  const debugEvents: string[][] = [];
  let frame = 0;
  let coveredUntil = -Infinity;
  for (const event of scripts) {
    const end = event.ts + (event.dur ?? 0);
    if (end <= coveredUntil) continue; // nested in a counted event
    coveredUntil = end;
    while (frame < boundaries.length && boundaries[frame]! < event.ts) frame++;
    if (frame >= boundaries.length) break;
    frames[frame]! += (event.tdur ?? event.dur ?? 0) / 1000;
    if (process.env.BENCH_DEBUG) (debugEvents[frame] ??= []).push(`${event.name} ${((event.tdur ?? 0) / 1000).toFixed(1)}`);
  }
  if (process.env.BENCH_DEBUG) {
    const worst = frames.map((ms, index) => [index, ms] as const).sort((a, b) => b[1] - a[1]).slice(0, 4);
    for (const [index, ms] of worst) console.error(`frame ${index}: ${ms.toFixed(1)} ms: ${debugEvents[index]?.join(', ')}`);
  }
  return frames;
}
