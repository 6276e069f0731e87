/** Calls `action` once `delayMs` after the last call (ms). */
export function debounce<T extends unknown[]>(action: (...args: T) => void, delayMs: number): (...args: T) => void {
  let timer: number | undefined;
  return (...args: T) => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      timer = undefined;
      action(...args);
    }, delayMs);
  };
}
