/**
 * Coalesces a reply's stream parts into one `stream/part` post per interval (not one per token), numbers them,
 * and ends with exactly one `stream/end`. No vscode import.
 */
import type { StreamDelta, StreamMessage } from '../../shared/webview/protocol';

/** ms between posts: about two animation frames */
export const STREAM_POST_INTERVAL_MS = 24;

export class StreamCoalescer {
  private seq = 0;
  private pending: StreamDelta | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    private readonly requestId: string,
    private readonly messageId: string,
    private readonly post: (message: StreamMessage) => void,
    private readonly intervalMs = STREAM_POST_INTERVAL_MS,
    private readonly column?: number,
  ) {}

  push(delta: StreamDelta): void {
    if (this.ended) return;
    const pending = this.pending ?? {};
    if (delta.text) pending.text = (pending.text ?? '') + delta.text;
    if (delta.reasoning) pending.reasoning = (pending.reasoning ?? '') + delta.reasoning;
    if (delta.queued) pending.queued = true;
    if (delta.status) pending.status = delta.status; // the latest status wins
    this.pending = pending;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const delta = this.pending;
    this.pending = undefined;
    if (!delta || this.ended) return;
    this.post({ type: 'stream/part', requestId: this.requestId, seq: this.seq++, messageId: this.messageId, ...(this.column === undefined ? {} : { column: this.column }), delta });
  }

  /** posts what is pending, then the one `stream/end`; later calls do nothing */
  end(): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    this.post({ type: 'stream/end', requestId: this.requestId, seq: this.seq++, messageId: this.messageId, ...(this.column === undefined ? {} : { column: this.column }) });
  }

  /** how many messages were posted */
  get posted(): number {
    return this.seq;
  }
}
