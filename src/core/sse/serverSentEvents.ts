/**
 * A Server-Sent Events decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
 * as its own unit: a line splitter and the spec's field rules, nothing more. `bench/sseDecoder.mjs` compares it
 * with `eventsource-parser`.
 */

/** One dispatched event: the `data:` lines joined with "\n". */
export interface ServerSentEvent {
  type: 'event';
  /** the `event:` field; undefined = the default ("message") */
  event?: string;
  data: string;
  /** the `id:` field when sent */
  id?: string;
}

/** A comment line (`: OPENROUTER PROCESSING`), text without the colon and one leading space. */
export interface ServerSentComment {
  type: 'comment';
  text: string;
}

export type ServerSentItem = ServerSentEvent | ServerSentComment;

const LF = 10;

/**
 * Decodes a byte stream into events and comments. Lines end with LF, CRLF or CR (also when a CRLF is split
 * across reads); UTF-8 characters split across reads are joined; an event still pending when the body ends is
 * dispatched (Gemini ends its last event with the body). `[DONE]` is plain data: providers decide what it means.
 */
export async function* decodeServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentItem, void, undefined> {
  const decoder = new ServerSentEventDecoder();
  const out: ServerSentItem[] = [];
  for await (const chunk of body) {
    decoder.push(chunk, out);
    for (let index = 0; index < out.length; index += 1) {
      yield out[index];
    }
    out.length = 0;
  }
  decoder.end(out);
  yield* out;
}

/**
 * The same decoder, yielding the items completed by one read as one array (never empty). Providers use this:
 * one async step per network read instead of one per event.
 */
export async function* decodeServerSentEventBatches(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentItem[], void, undefined> {
  const decoder = new ServerSentEventDecoder();
  let out: ServerSentItem[] = [];
  for await (const chunk of body) {
    decoder.push(chunk, out);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  decoder.end(out);
  if (out.length > 0) {
    yield out;
  }
}

/** The synchronous core: bytes in, completed events and comments appended to `out`. */
export class ServerSentEventDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly state = new EventState();
  /** the text after the last line end */
  private buffer = '';
  /** the previous read ended in CR: a LF starting the next read belongs to it (a CRLF split across reads) */
  private skipLeadingLf = false;

  push(chunk: Uint8Array, out: ServerSentItem[]): void {
    let text = this.decoder.decode(chunk, { stream: true });
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === LF) text = text.slice(1);
      this.skipLeadingLf = false;
    }
    const buffer = this.buffer + text;
    // The kept buffer holds no line end, so the search starts after it (a 1 MB line read in pieces stays linear);
    // the next CR is remembered, so a body without CRs is not searched to its end once per line.
    let start = 0;
    let nextCr = buffer.indexOf('\r', this.buffer.length);
    let nextLf = buffer.indexOf('\n', this.buffer.length);
    while (nextCr !== -1 || nextLf !== -1) {
      const end = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf) ? nextCr : nextLf;
      this.state.line(buffer.slice(start, end), out);
      start = end + 1;
      if (end === nextCr) {
        if (start === buffer.length) this.skipLeadingLf = true;
        else if (buffer.charCodeAt(start) === LF) start += 1;
        nextCr = buffer.indexOf('\r', start);
      }
      if (nextLf !== -1 && nextLf < start) nextLf = buffer.indexOf('\n', start);
    }
    this.buffer = buffer.slice(start);
  }

  /** The body ended: the last unterminated line and a pending event are dispatched. */
  end(out: ServerSentItem[]): void {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = '';
    for (const line of rest === '' ? [] : rest.split(/\r\n|\r|\n/)) {
      this.state.line(line, out);
    }
    this.state.flush(out);
  }
}

class EventState {
  private dataValue: string | undefined;
  private event: string | undefined;
  private id: string | undefined;

  line(line: string, out: ServerSentItem[]): void {
    if (line === '') {
      this.flush(out);
      return;
    }
    if (line.startsWith(':')) {
      out.push({ type: 'comment', text: withoutLeadingSpace(line.slice(1)) });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : withoutLeadingSpace(line.slice(colon + 1));
    switch (field) {
      case 'data':
        this.dataValue = this.dataValue === undefined ? value : `${this.dataValue}\n${value}`;
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      default:
        // `retry` and unknown fields are ignored, as the spec says.
        break;
    }
  }

  flush(out: ServerSentItem[]): void {
    if (this.dataValue !== undefined) {
      const item: ServerSentEvent = { type: 'event', data: this.dataValue };
      if (this.event !== undefined && this.event !== '') item.event = this.event;
      if (this.id !== undefined) item.id = this.id;
      out.push(item);
    }
    this.dataValue = undefined;
    this.event = undefined;
  }
}

function withoutLeadingSpace(value: string): string {
  return value.startsWith(' ') ? value.slice(1) : value;
}
