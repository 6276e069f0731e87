/**
 * The test seam of the webview connections: activation creates one per view outside production
 * (`ExtensionMode.Development` or `Test`) and hands its `notify` to the connection, so in-host tests see every
 * message a controller posts. Production builds no observer: nothing is recorded and snapshots are built only for
 * an open webview. No vscode import.
 */
export class PostObservers<M> {
  private readonly listeners = new Set<(message: M) => void>();

  /** what the connection calls for every post */
  readonly notify = (message: M): void => {
    for (const listener of this.listeners) listener(message);
  };

  /** Calls `listener` for every message posted from now on, until the returned handle is disposed. */
  onDidPost(listener: (message: M) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
