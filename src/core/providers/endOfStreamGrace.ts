/**
 * After a stream's end marker (`data: [DONE]`, Anthropic `message_stop`) a provider reads the body to its end, so
 * the socket is reused. A server that keeps the response open after the marker would make a finished reply wait
 * for the idle timeout and end as an error; this bounds that wait: the body gets `graceMs` (and `maxBytes`) to
 * end, then the request is aborted (that socket is not reused) and the reply finishes normally.
 */

import type { ErrorSource } from '../errors/httpErrors';
import type { HttpResponse, Transport } from '../transport/transport';
import { sendRequest } from './providerHttp';

/** ms the body may stay open after the end marker */
export const END_GRACE_MS = 1000;

/** characters of events read after the end marker before giving up on the body's end */
export const END_GRACE_CHARACTERS = 4096;

export class EndOfStreamGrace {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private afterEnd = 0;
  private endSeen = false;
  private cutByGrace = false;
  private readonly onOuterAbort = () => this.controller.abort(this.outer?.reason);

  constructor(private readonly outer: AbortSignal | undefined, private readonly graceMs = END_GRACE_MS, private readonly maxCharacters = END_GRACE_CHARACTERS) {
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  /** the signal to send the request with: the caller's, plus the cut after the end marker */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** the end marker arrived: the body has `graceMs` from now to end */
  ended(): void {
    if (this.endSeen) return;
    this.endSeen = true;
    this.timer = setTimeout(() => this.cut(), this.graceMs);
  }

  /** counts what was read after the end marker; true when it is too much to keep reading (the caller stops) */
  readAfterEnd(characters: number): boolean {
    this.afterEnd += characters;
    if (this.afterEnd <= this.maxCharacters) return false;
    this.cut();
    return true;
  }

  /** true when the request was aborted by this grace (not by the caller): the reply had ended, it is not an error */
  get cutAfterEnd(): boolean {
    return this.cutByGrace;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  private cut(): void {
    if (this.controller.signal.aborted) return;
    this.cutByGrace = true;
    this.controller.abort();
  }
}

/**
 * Sends a streaming request under a new grace for `signal` (the caller's). On success the caller owns the grace and
 * disposes it in the finally of its body loop (no extra generator layer on the hot path); on failure it is disposed here.
 */
export async function sendUnderGrace(
  transport: Transport,
  source: ErrorSource,
  request: Omit<Parameters<typeof sendRequest>[2], 'signal'>,
  signal: AbortSignal | undefined,
): Promise<{ response: HttpResponse; grace: EndOfStreamGrace }> {
  const grace = new EndOfStreamGrace(signal);
  try {
    return { response: await sendRequest(transport, source, { ...request, signal: grace.signal }), grace };
  } catch (error) {
    grace.dispose();
    throw error;
  }
}
