/**
 * Functions the webview bench runs inside the page (via `page.evaluate`): they deliver host messages the way
 * VS Code does (a `message` event on the window) and time the script each animation frame costs.
 */
import type { TimedPost } from './timelines';

/** Wall time of every frame that had work: message handlers since the previous frame plus its rAF callbacks. */
export interface FrameTimes {
  /** wall ms per frame (includes time other processes took the CPU away) */
  frames: number[];
  /** wall ms the whole stream took */
  wallMs: number;
}

/**
 * Plays `posts` in real time scaled by `speed` (virtual ms = real ms x speed). Each frame's script time is the
 * time its message handlers took (between frames) plus the span from a rAF callback registered before any of the
 * app's to one registered after them. Runs in the page.
 */
export function playPosts(input: { posts: TimedPost[]; speed: number }): Promise<FrameTimes> {
  const deliver = (message: unknown) => window.dispatchEvent(new MessageEvent('message', { data: message }));
  return new Promise((resolve) => {
    const frames: number[] = [];
    const started = performance.now();
    let next = 0;
    let handlersMs = 0;
    let delivered = false;
    let frameStartedAt = 0;
    let idleFrames = 0;
    const onFrameStart = () => { frameStartedAt = performance.now(); };
    const onFrameEnd = () => {
      // the trace's frame boundary (frameTrace.ts FRAME_END_MARK; a literal: this function runs in the page)
      console.timeStamp('frame-end');
      const callbacksMs = performance.now() - frameStartedAt;
      if (delivered || callbacksMs > 0.2) frames.push(handlersMs + callbacksMs);
      handlersMs = 0;
      delivered = false;
      if (next >= input.posts.length && ++idleFrames > 3) {
        resolve({ frames, wallMs: performance.now() - started });
        return;
      }
      requestAnimationFrame(onFrameStart);
      setTimeout(pump, 0);
    };
    const pump = () => {
      const virtualNow = (performance.now() - started) * input.speed;
      while (next < input.posts.length && input.posts[next]!.atMs <= virtualNow) {
        const begin = performance.now();
        deliver(input.posts[next]!.message);
        handlersMs += performance.now() - begin;
        delivered = true;
        next++;
      }
      requestAnimationFrame(onFrameEnd);
    };
    requestAnimationFrame(onFrameStart);
    pump();
  });
}

/**
 * Posts one snapshot to the window (so the page pays for deserialising it, as it does in VS Code) and returns
 * ms until the frame after its handler was laid out and painted (a task queued from that frame's rAF runs after
 * its paint), plus whether the last message is on screen by then. Runs in the page.
 */
export async function openSnapshot(input: { message: unknown; lastSelector: string }): Promise<{ ms: number; lastVisible: boolean }> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  // frameTrace.ts OPEN_START_MARK and OPEN_END_MARK (literals: this function runs in the page)
  console.timeStamp('open-start');
  const started = performance.now();
  await new Promise<void>((resolve) => {
    // added after the app's listener, so it runs once the app handled the snapshot
    const handled = () => {
      window.removeEventListener('message', handled);
      requestAnimationFrame(() => setTimeout(resolve, 0));
    };
    window.addEventListener('message', handled);
    window.postMessage(input.message, '*');
  });
  const ms = performance.now() - started;
  console.timeStamp('open-end');
  const last = document.querySelector(input.lastSelector);
  const list = document.querySelector('.message-list');
  let lastVisible = false;
  if (last && list) {
    const box = last.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    lastVisible = box.bottom > view.top && box.top < view.bottom;
  }
  return { ms, lastVisible };
}

/**
 * One step in the chat's model picker (`open`: focus and click its input; `filter`: the input now holds `text`, as
 * after a keystroke), timed like `openSnapshot` until the frame after it was painted, between the same trace marks.
 * Returns wall ms and how many options are listed. Runs in the page.
 */
export async function pickerStep(input: { action: 'open' | 'filter'; text?: string }): Promise<{ ms: number; listed: number }> {
  const select = document.querySelector('vscode-single-select.model-picker');
  const field = select?.shadowRoot?.querySelector('input.combobox-input') as HTMLInputElement | null | undefined;
  if (!select || !field) throw new Error('no model picker on the page');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  console.timeStamp('open-start');
  const started = performance.now();
  if (input.action === 'open') {
    field.focus();
    field.click();
  } else {
    field.value = input.text ?? '';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const ms = performance.now() - started;
  console.timeStamp('open-end');
  return { ms, listed: select.shadowRoot!.querySelectorAll('li.option').length };
}
