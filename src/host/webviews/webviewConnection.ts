/**
 * The link between a controller and its webview (the chat view or the compare panel): which webview is attached,
 * whether its page said `webview/ready`, and posting to it. Until ready only snapshots are posted (a page that is
 * loading or hidden misses messages; the snapshot on ready brings it up to date). No vscode import.
 */
import type { Logger } from '../../core/index';

/** Where posts go: a webview (absent while the view or panel is closed). */
export interface WebviewTarget<M> {
  postMessage(message: M): PromiseLike<boolean>;
}

export interface WebviewConnectionOptions<M extends { type: string }> {
  /** posted even before ready */
  snapshotType: M['type'];
  logger: Logger;
  /** names the view in the log */
  label: string;
  /**
   * Test seam (injected by activation outside production only): sees every post, delivered or not. While it is
   * set, posts count as listened to, so snapshots are built with no webview open.
   */
  observer?: (message: M) => void;
}

export class WebviewConnection<M extends { type: string }> {
  private webview: WebviewTarget<M> | undefined;
  private isReady = false;

  constructor(private readonly options: WebviewConnectionOptions<M>) {}

  attach(webview: WebviewTarget<M>): void {
    this.webview = webview;
    this.isReady = false;
  }

  detach(webview: WebviewTarget<M>): void {
    if (this.webview === webview) {
      this.webview = undefined;
      this.isReady = false;
    }
  }

  /** The view was hidden: its page is gone (nothing is retained) until it sends webview/ready again. */
  hidden(webview: WebviewTarget<M>): void {
    if (this.webview === webview) this.isReady = false;
  }

  /** the page said webview/ready: every message is posted from now on */
  markReady(): void {
    this.isReady = true;
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** true when a post would reach someone (a webview, or the test observer); else building a snapshot is wasted */
  get listened(): boolean {
    return this.webview !== undefined || this.options.observer !== undefined;
  }

  post(message: M): void {
    this.options.observer?.(message);
    if (this.webview && (this.isReady || message.type === this.options.snapshotType)) {
      this.webview.postMessage(message).then(undefined, (error: unknown) => this.options.logger.debug(`${this.options.label} post failed: ${String(error)}`));
    }
  }
}
