/**
 * The link between a controller and its webview (the chat view or the compare panel): which webview is attached,
 * whether its page said `webview/ready`, and posting to it. Until ready only snapshots are posted (a page that is
 * loading or hidden misses messages; the snapshot on ready brings it up to date). Every post is also kept (bounded)
 * and handed to listeners, for in-host tests.
 */
import * as vscode from 'vscode';
import type { HostToWebview } from '../shared/protocol';
import type { Logger } from '../core/index';

/** Where posts go: a webview (absent while the view or panel is closed). */
export interface WebviewTarget {
  postMessage(message: HostToWebview): Thenable<boolean>;
}

/** posted messages kept for in-host tests */
export const POSTED_LIMIT = 2000;

export class WebviewConnection {
  private webview: WebviewTarget | undefined;
  private isReady = false;
  private readonly postedMessages: HostToWebview[] = [];
  private readonly postListeners = new Set<(message: HostToWebview) => void>();

  /** `snapshotType` is posted even before ready; `label` names the view in the log */
  constructor(private readonly snapshotType: HostToWebview['type'], private readonly logger: Logger, private readonly label: string) {}

  attach(webview: WebviewTarget): void {
    this.webview = webview;
    this.isReady = false;
  }

  detach(webview: WebviewTarget): void {
    if (this.webview === webview) {
      this.webview = undefined;
      this.isReady = false;
    }
  }

  /** The view was hidden: its page is gone (nothing is retained) until it sends webview/ready again. */
  hidden(webview: WebviewTarget): void {
    if (this.webview === webview) this.isReady = false;
  }

  /** the page said webview/ready: every message is posted from now on */
  markReady(): void {
    this.isReady = true;
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** true when a post would reach someone (a webview or a listener) */
  get listened(): boolean {
    return this.webview !== undefined || this.postListeners.size > 0;
  }

  /** Messages posted so far (bounded), for in-host tests. */
  get posted(): readonly HostToWebview[] {
    return this.postedMessages;
  }

  onDidPost(listener: (message: HostToWebview) => void): vscode.Disposable {
    this.postListeners.add(listener);
    return new vscode.Disposable(() => this.postListeners.delete(listener));
  }

  /** forgets the listeners (the controller is disposed) */
  dispose(): void {
    this.postListeners.clear();
  }

  post(message: HostToWebview): void {
    this.postedMessages.push(message);
    if (this.postedMessages.length > POSTED_LIMIT) this.postedMessages.splice(0, this.postedMessages.length - POSTED_LIMIT);
    for (const listener of this.postListeners) listener(message);
    if (this.webview && (this.isReady || message.type === this.snapshotType)) {
      this.webview.postMessage(message).then(undefined, (error: unknown) => this.logger.debug(`${this.label} post failed: ${String(error)}`));
    }
  }
}
