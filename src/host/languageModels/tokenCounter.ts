/**
 * `provideTokenCount` for thousands of calls per turn (Copilot's agent counts every message and tool again and
 * again): characters / 4 at once; the exact tokenizer once it has loaded (loaded in the background on first use,
 * never waited for), with a small cache of recent texts. No vscode import.
 */

/** Texts kept in the cache (most recently used). */
const CACHE_SIZE = 256;
/** Texts longer than this are counted but not cached (they would push out many small ones). */
const CACHE_MAX_LENGTH = 64_000;

export class TokenCounter {
  private exact: ((text: string) => number) | undefined;
  private loading = false;
  private readonly cache = new Map<string, number>();

  /** `load` returns the exact counter (dist/tokenizer.js); a failure leaves chars/4 in place for good. */
  constructor(private readonly load: () => Promise<(text: string) => number>, private readonly onLoadFailed?: (error: unknown) => void) {}

  /** true once the exact counter is in use */
  get isExact(): boolean {
    return this.exact !== undefined;
  }

  count(text: string): number {
    const exact = this.exact;
    if (!exact) {
      this.startLoading();
      return Math.ceil(text.length / 4);
    }
    const cached = this.cache.get(text);
    if (cached !== undefined) {
      // refresh its place: a Map iterates in insertion order, so the first key is the least recently used
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    const tokens = exact(text);
    if (text.length <= CACHE_MAX_LENGTH) {
      this.cache.set(text, tokens);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return tokens;
  }

  /** resolves when the exact counter is loaded (or failed); for tests */
  async ready(): Promise<void> {
    this.startLoading();
    while (this.loading) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private startLoading(): void {
    if (this.loading || this.failed) return;
    this.loading = true;
    // after the current call returns: requiring the tokenizer bundle takes a while
    setTimeout(() => {
      this.load().then(
        (counter) => { this.exact = counter; },
        (error: unknown) => { this.failed = true; this.onLoadFailed?.(error); },
      ).finally(() => { this.loading = false; });
    }, 0);
  }

  private failed = false;
}
