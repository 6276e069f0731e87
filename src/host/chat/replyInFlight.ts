/**
 * The one reply a chat streams at a time: its request id, Stop by request id, and a promise that resolves once it
 * was saved (New chat, opening another conversation and the tests wait for it). No vscode import.
 */
export class ReplyInFlight {
  private active: { requestId: string; abort: AbortController; done: Promise<void> } | undefined;

  /** the request id of the reply streaming now; undefined = none */
  get requestId(): string | undefined {
    return this.active?.requestId;
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /**
   * Runs `work` as the reply in flight for `requestId`. `work` gets the signal Stop aborts and `settled`, which
   * ends the busy state as soon as the stream has ended (before saving); it ends when `work` does at the latest.
   */
  async run(requestId: string, work: (signal: AbortSignal, settled: () => void) => Promise<void>): Promise<void> {
    const abort = new AbortController();
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => { finish = resolve; });
    this.active = { requestId, abort, done };
    const settled = (): void => {
      if (this.active?.requestId === requestId) this.active = undefined;
    };
    try {
      await work(abort.signal, settled);
    } finally {
      // whatever happened, the chat must not stay busy
      settled();
      finish();
    }
  }

  /** Stop: aborts the reply if it is the one `requestId` names. */
  cancel(requestId: string): void {
    if (this.active?.requestId === requestId) this.active.abort.abort();
  }

  /** resolves when the reply in flight (if any) has been saved */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  /** stops the reply in flight (if any) and waits until it was saved */
  async stop(): Promise<void> {
    this.active?.abort.abort();
    await this.idle();
  }
}
