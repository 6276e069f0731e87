/**
 * Re-renders a streaming reply at most once per animation frame: deltas arriving in between are coalesced,
 * so a fast model does not re-parse the whole markdown per token.
 */
import { renderMarkdown } from './markdown';

export class StreamingMarkdown {
  private source = '';
  private frame: number | undefined;

  /** @param onRendered called after each render, e.g. to keep the list scrolled to the bottom */
  constructor(private readonly target: HTMLElement, private readonly onRendered: () => void = () => undefined) {}

  /** The full text received so far. */
  get text(): string {
    return this.source;
  }

  /** Replaces the text (a snapshot) and renders on the next frame. */
  set(text: string): void {
    this.source = text;
    this.schedule();
  }

  /** Appends a delta and renders on the next frame. */
  append(delta: string): void {
    this.source += delta;
    this.schedule();
  }

  /** Renders now (stream end, or before the element is replaced). */
  flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.target.innerHTML = renderMarkdown(this.source);
    this.onRendered();
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.flush();
    });
  }
}
