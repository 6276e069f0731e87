/**
 * Loopback fixture server: speaks the four wire formats on 127.0.0.1 (port 0 by default), replaying the real
 * recordings in `test/fixtures/recordings/` and injecting faults per request. One server serves a whole test or
 * e2e run; it records every request it receives (`server.requests`). One module per wire:
 *   openRouter.ts        /openrouter/api/v1  POST /chat/completions, GET /models (the real 2025-05-23 catalog), GET /key and /generation (openRouterAccount.ts)
 *   openRouterAuth.ts    /openrouter/auth (the sign-in page) and POST /openrouter/api/v1/auth/keys (OAuth PKCE)
 *   openAiCompatible.ts  /openai/v1          POST /chat/completions, GET /models
 *   anthropic.ts         /anthropic/v1       POST /messages, GET /models (named events)
 *   gemini.ts            /gemini/v1beta      POST /models/{model}:streamGenerateContent?alt=sse, GET /models (CRLF)
 *   replay.ts            /replay/v1          the demo's "Recorded responses (replay)" OpenAI-compatible endpoint,
 *                                            priced from the bundled catalog
 *   faults.ts            the faults and how a request asks for one
 *
 * A chat request replays the recording made with the model it names (each wire's `recordingFor`), else that
 * provider's plain text reply. A real model name never means a fault.
 *
 * Faults are explicit, on ANY chat route, in that provider's wire format: a model id that says what it does, or the
 * request header `x-fixture-fault: <name>` (e.g. `cut-midstream`), or `server.nextFault(...)`:
 *   fault/401 fault/402 fault/403 fault/408 fault/429 fault/500 fault/502 fault/503   HTTP errors with the real
 *       recorded bodies where one exists (OpenRouter 401/429, OpenAI 401, Anthropic 401, Gemini 400 bad key for
 *       401); the rest are SYNTHETIC bodies in the provider's documented shape. 429 carries `Retry-After: 12`.
 *   fault/context-length   400 with the real OpenRouter context-length body (other formats: synthetic)
 *   fault/provider-error   400 "Provider returned error" (real OpenRouter body with metadata.raw)
 *   fault/cut-midstream    half the recording, then the socket is destroyed (no terminating chunk)
 *   fault/cut-no-done      the first half of the recording's events, then the response ends cleanly (no finish, no [DONE])
 *   fault/reset-before-headers   the socket is destroyed before any byte is written
 *   fault/stall            headers and the first events, then nothing (until the client gives up or close())
 *   fault/malformed-json   a few events, then a `data:` line that is not JSON
 *   fault/midstream-error  an error inside the 200 stream (OpenRouter: the real minimax-m2 recording; others synthetic)
 *   fault/empty-200        200, text/event-stream, empty body
 *   slow/long-reply        a long generated reply streamed slowly (SLOW_CHUNK_DELAY_MS per chunk), to press Stop
 *   big/1mb-line           one chunk whose text delta is 1 MiB on a single line, then a normal end
 *
 * Delivery options per request, through `server.nextFault({...})` (queued, one per chat request) or for every
 * request through `startFixtureServer({ delivery })`: `splitAt` (byte offsets where writes are cut),
 * `writeSize` (e.g. 1 = one byte per write), `delayMs` (between writes), `eventDelayMs` (one write per event, this
 * far apart: the demo's pacing), `recording` (replay this file), `fault` (one of the names above), `body` (exact
 * bytes of a 200 stream), `endDelayMs` (a pause between the last byte and the end of the response).
 *
 * Observing: `server.requests` (method, url, path, lower-case headers, body, parsed json, format),
 * `server.responseOutcome(request)` ('finished' | 'closed-early': did the client leave early?),
 * `server.connectionCount` (keep-alive), `server.abortedResponses` / `waitForAbortedResponses(n)`.
 * CLI: `node_modules/.bin/tsx test/support/fixtureServerCli.ts [--port N]` prints `{"url":...,"port":...}` and
 * stops on SIGTERM/SIGINT (signal the tsx process; it forwards the signal).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { anthropicWire } from './anthropic';
import { FAULT_MODELS, HTTP_FAULTS, SLOW_CHUNK_DELAY_MS, longReplyWords, requestedFault, type FaultName } from './faults';
import { geminiWire } from './gemini';
import { openAiCompatibleWire } from './openAiCompatible';
import { openRouterWire } from './openRouter';
import { createOpenRouterAccountRoutes, type OpenRouterAccountRoutes } from './openRouterAccount';
import { createOpenRouterAuthRoutes, type OpenRouterAuthRoutes } from './openRouterAuth';
import { REPLAY_MODELS, replayChatModel, replayModelsBody } from './replay';
import { isRecord, readRecording, type ProviderFormat, type ProviderWire, type WireFormat } from './wire';

export { FAULT_HEADER, FAULT_MODELS, SLOW_CHUNK_DELAY_MS, type FaultName } from './faults';
export { REPLAY_MODELS } from './replay';
export { RECORDINGS_DIR, readRecording, type WireFormat } from './wire';

const WIRES: Record<ProviderFormat, ProviderWire> = {
  openrouter: openRouterWire,
  openai: openAiCompatibleWire,
  anthropic: anthropicWire,
  gemini: geminiWire,
};

/** A SYNTHETIC stream of `texts` as text deltas in `format`, with usage and a normal end (unless `complete` is false). */
export function generatedStream(format: ProviderFormat, texts: string[], model: string, complete = true): Buffer {
  return WIRES[format].generatedStream(texts, model, complete);
}

/** How one response is delivered. */
export interface DeliveryOptions {
  fault?: FaultName;
  /** byte offsets at which the body is split into separate writes */
  splitAt?: number[];
  /** bytes per write (1 = byte by byte); default: the whole body (or the pieces from splitAt) */
  writeSize?: number;
  /** ms between writes; default 0 */
  delayMs?: number;
  /** one write per event, this many ms apart (streaming paced like a model, e.g. the demo); default: not paced */
  eventDelayMs?: number;
  /** replay this recording file (name inside RECORDINGS_DIR) instead of the one picked by model */
  recording?: string;
  /** send these exact body bytes (a 200 event stream) instead of a recording */
  body?: string | Buffer;
  /** ms to wait after the last byte before ending the response (the end marker arrives before the body ends) */
  endDelayMs?: number;
}

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** path and query, e.g. `/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse` */
  url: string;
  /** path without the query, e.g. `/openrouter/api/v1/chat/completions` */
  path: string;
  /** lower-case header names */
  headers: Record<string, string>;
  body: string;
  /** the parsed JSON body, when it was JSON */
  json?: unknown;
  /** which wire format answered; undefined = no route */
  format?: WireFormat;
}

export interface FixtureServerOptions {
  /** default 0 (any free port) */
  port?: number;
  /** applied to every chat response that has no queued nextFault */
  delivery?: DeliveryOptions;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** every request received, in order */
  readonly requests: RecordedRequest[];
  /** base URLs per wire format: `{ openrouter: url + '/openrouter/api/v1', ... }` */
  readonly baseUrls: Record<WireFormat, string>;
  /** queues delivery options for the next chat request (FIFO) */
  nextFault(delivery: DeliveryOptions | FaultName): void;
  /** TCP connections accepted so far (keep-alive reuses one) */
  readonly connectionCount: number;
  /** number of chat responses whose connection closed before the server finished writing (client went away) */
  readonly abortedResponses: number;
  /** resolves when the count of aborted responses reaches n */
  waitForAbortedResponses(n: number): Promise<void>;
  /** how the response to this recorded request ended: fully written, or closed early by the client */
  responseOutcome(request: RecordedRequest): Promise<'finished' | 'closed-early'>;
  /** OpenRouter's `/key` and `/generation` routes (what they answer; see openRouterAccount.ts) */
  readonly account: OpenRouterAccountRoutes;
  /** OpenRouter's OAuth page `/openrouter/auth` and `POST .../auth/keys` (openRouterAuth.ts) */
  readonly auth: OpenRouterAuthRoutes;
  close(): Promise<void>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const account = createOpenRouterAccountRoutes();
  const auth = createOpenRouterAuthRoutes();
  const outcomes = new WeakMap<RecordedRequest, Promise<'finished' | 'closed-early'>>();
  const queue: DeliveryOptions[] = [];
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  let abortedResponses = 0;
  const abortWaiters: { n: number; resolve: () => void }[] = [];
  const noteAborted = (): void => {
    abortedResponses += 1;
    for (const waiter of abortWaiters.filter((item) => abortedResponses >= item.n)) {
      abortWaiters.splice(abortWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = request.url ?? '/';
      const recorded: RecordedRequest = { method: request.method ?? 'GET', url, path: url.split('?')[0], headers: flattenHeaders(request), body };
      try {
        recorded.json = body === '' ? undefined : JSON.parse(body);
      } catch {
        recorded.json = undefined;
      }
      requests.push(recorded);
      outcomes.set(recorded, new Promise((resolve) => response.on('close', () => resolve(response.writableFinished ? 'finished' : 'closed-early'))));
      handle(recorded, request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'text/plain' });
        }
        response.end(`fixture server error: ${String(error)}`);
      });
    });
  });
  server.on('connection', (socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(recorded: RecordedRequest, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (auth.handle(recorded, response)) return;
    const url = new URL(recorded.url, 'http://127.0.0.1');
    const route = matchRoute(url.pathname);
    const noRoute = (): void => sendJson(response, 404, { error: { message: `fixture server: no route for ${recorded.method} ${url.pathname}`, code: 404 } });
    if (!route) {
      noRoute();
      return;
    }
    recorded.format = route.format;
    if (recorded.method === 'GET' && route.rest === '/models') {
      sendJson(response, 200, route.format === 'replay' ? replayModelsBody() : WIRES[route.format].modelsBody(FAULT_MODELS));
      return;
    }
    if (route.format === 'openrouter' && account.handle(recorded, route.rest, response)) return;
    const json = isRecord(recorded.json) ? recorded.json : {};
    const model = route.format === 'replay' ? replayChatModel(route.rest, json) : WIRES[route.format].chatModel(route.rest, json);
    if (recorded.method !== 'POST' || model === undefined) {
      noRoute();
      return;
    }
    const delivery: DeliveryOptions = { ...(queue.shift() ?? options.delivery ?? {}) };
    const fault = delivery.fault ?? requestedFault(recorded, model);
    // The replay route speaks OpenAI's wire; its recordings are OpenAI-format ones.
    const wire = WIRES[route.format === 'replay' ? 'openai' : route.format];
    let recording = delivery.recording;
    if (recording === undefined && route.format === 'replay' && fault === undefined) {
      recording = REPLAY_MODELS[model]?.recording;
      if (recording === undefined) {
        sendJson(response, 404, { error: { message: `The model \`${model}\` does not exist. Pick one of: ${Object.keys(REPLAY_MODELS).join(', ')}`, type: 'invalid_request_error', code: 'model_not_found' } });
        return;
      }
    }
    recording ??= fault ? wire.faultBaseRecording : wire.recordingFor(model);
    await respond({ request, response, wire, fault, delivery, recording, onAborted: noteAborted });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    requests,
    baseUrls: {
      openrouter: `${url}/openrouter/api/v1`,
      openai: `${url}/openai/v1`,
      anthropic: `${url}/anthropic/v1`,
      gemini: `${url}/gemini/v1beta`,
      replay: `${url}/replay/v1`,
    },
    nextFault(delivery) {
      queue.push(typeof delivery === 'string' ? { fault: delivery } : delivery);
    },
    get connectionCount() {
      return connectionCount;
    },
    get abortedResponses() {
      return abortedResponses;
    },
    waitForAbortedResponses(n) {
      if (abortedResponses >= n) {
        return Promise.resolve();
      }
      return new Promise((resolve) => abortWaiters.push({ n, resolve }));
    },
    account,
    auth,
    responseOutcome(request) {
      return outcomes.get(request) ?? Promise.reject(new Error('fixture server: not a request it received'));
    },
    close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Route {
  format: WireFormat;
  /** the path after the prefix, e.g. `/chat/completions` */
  rest: string;
}

const PREFIXES: [string, WireFormat][] = [
  ...Object.values(WIRES).map((wire): [string, WireFormat] => [wire.prefix, wire.format]),
  ['/replay/v1', 'replay'],
];

function matchRoute(pathname: string): Route | undefined {
  for (const [prefix, format] of PREFIXES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
      return { format, rest: pathname.slice(prefix.length) || '/' };
    }
  }
  return undefined;
}

interface RespondContext {
  request: IncomingMessage;
  response: ServerResponse;
  /** the wire of the reply */
  wire: ProviderWire;
  fault: FaultName | undefined;
  delivery: DeliveryOptions;
  recording: string;
  onAborted: () => void;
}

async function respond(context: RespondContext): Promise<void> {
  const { response, wire, fault } = context;
  const status = fault ? HTTP_FAULTS[fault] : undefined;
  if (status !== undefined && fault) {
    const error = wire.errorResponse(fault, status);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault === 'fault/429') {
      headers['retry-after'] = '12';
    }
    sendBytes(response, error.status, headers, error.body);
    return;
  }
  if (fault === 'fault/reset-before-headers') {
    context.request.socket.destroy();
    return;
  }
  const body = streamBody(context);
  const headers: Record<string, string> = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
  if (wire.format === 'openrouter') {
    headers['x-generation-id'] = 'gen-fixture-0001';
  }
  response.writeHead(200, headers);
  response.flushHeaders();
  const cutAt = fault === 'fault/cut-midstream' ? Math.floor(body.length / 2) : fault === 'fault/stall' ? firstEventsLength(body, headEventCount(body)) : body.length;
  const eventDelayMs = fault === 'slow/long-reply' ? SLOW_CHUNK_DELAY_MS : context.delivery.eventDelayMs;
  const delayMs = eventDelayMs ?? context.delivery.delayMs ?? 0;
  const pieces = eventDelayMs !== undefined ? splitEvents(body.subarray(0, cutAt)) : splitBody(body.subarray(0, cutAt), context.delivery);
  let closed = false;
  response.on('close', () => {
    if (!response.writableFinished) {
      closed = true;
      context.onAborted();
    }
  });
  for (const piece of pieces) {
    if (closed) {
      return;
    }
    response.write(piece);
    if (delayMs > 0) {
      await sleep(delayMs);
    } else {
      // Let each write leave as its own TCP segment when split (so split-frame tests split on the wire).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (closed) {
    return;
  }
  if (fault === 'fault/cut-midstream') {
    context.request.socket.destroy();
    return;
  }
  if (fault === 'fault/stall') {
    return; // never ends; the client's idle timeout or close() ends it
  }
  if (context.delivery.endDelayMs !== undefined) {
    await sleep(context.delivery.endDelayMs);
    if (closed) {
      return;
    }
  }
  response.end();
}

/** The body bytes of a 200 stream for this request (recording, fault variant, or generated). */
function streamBody(context: RespondContext): Buffer {
  const { wire, fault } = context;
  if (fault === 'fault/empty-200') {
    return Buffer.alloc(0);
  }
  if (fault === 'slow/long-reply') {
    return wire.generatedStream(longReplyWords(), 'slow/long-reply');
  }
  if (fault === 'big/1mb-line') {
    return wire.generatedStream(['x'.repeat(1024 * 1024), ' done'], 'big/1mb-line');
  }
  if (fault === 'fault/midstream-error') {
    return wire.midstreamErrorBody();
  }
  if (context.delivery.body !== undefined) {
    return Buffer.from(context.delivery.body);
  }
  const body = readRecording(context.recording);
  if (fault === 'fault/cut-no-done') {
    return body.subarray(0, firstEventsLength(body, Math.max(1, Math.floor(countDataEvents(body) / 2))));
  }
  if (fault === 'fault/malformed-json') {
    const head = body.subarray(0, firstEventsLength(body, headEventCount(body)));
    return Buffer.concat([head, Buffer.from(`${wire.malformedEvent}${wire.separator}`), body.subarray(head.length)]);
  }
  return body;
}

/** Length of the first n events (up to and including their blank-line separators). */
function firstEventsLength(body: Buffer, n: number): number {
  const text = body.toString('latin1');
  let position = 0;
  let found = 0;
  const pattern = /(\r\n\r\n|\n\n|\r\r)/g;
  let match: RegExpExecArray | null;
  while (found < n && (match = pattern.exec(text)) !== null) {
    // Skip comment-only blocks (`: OPENROUTER PROCESSING`) so n counts data events.
    const block = text.slice(position, match.index);
    position = match.index + match[0].length;
    if (/(^|\n)data:/.test(block)) {
      found += 1;
    }
  }
  return position;
}

/** How many events a stall or malformed-line fault lets through first: up to 5, at most half the stream. */
function headEventCount(body: Buffer): number {
  return Math.min(5, Math.max(1, Math.ceil(countDataEvents(body) / 2)));
}

function countDataEvents(body: Buffer): number {
  return body.toString('latin1').split(/\r\n\r\n|\n\n|\r\r/).filter((block) => /(^|\n)data:/.test(block)).length;
}

function splitEvents(body: Buffer): Buffer[] {
  const text = body.toString('utf8');
  return text.split(/(?<=\r\n\r\n|\n\n)/).map((piece) => Buffer.from(piece));
}

function splitBody(body: Buffer, delivery: DeliveryOptions): Buffer[] {
  const offsets = [...new Set((delivery.splitAt ?? []).filter((offset) => offset > 0 && offset < body.length))].sort((a, b) => a - b);
  let pieces: Buffer[] = [];
  let start = 0;
  for (const offset of offsets) {
    pieces.push(body.subarray(start, offset));
    start = offset;
  }
  pieces.push(body.subarray(start));
  if (delivery.writeSize !== undefined && delivery.writeSize > 0) {
    const size = delivery.writeSize;
    pieces = pieces.flatMap((piece) => {
      const out: Buffer[] = [];
      for (let index = 0; index < piece.length; index += size) {
        out.push(piece.subarray(index, index + size));
      }
      return out;
    });
  }
  return pieces.filter((piece) => piece.length > 0);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBytes(response, status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(value)));
}

function sendBytes(response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
