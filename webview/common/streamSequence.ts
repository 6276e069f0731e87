/** Accepts each stream part once and in order: a part whose seq is not above the last one seen is stale. */
export class StreamSequence {
  private readonly last = new Map<string, number>();

  /** True when `seq` is new for this request and message (and records it). */
  accept(requestId: string, messageId: string, seq: number): boolean {
    const key = `${requestId}\u0000${messageId}`;
    const last = this.last.get(key);
    if (last !== undefined && seq <= last) return false;
    this.last.set(key, seq);
    return true;
  }
}
