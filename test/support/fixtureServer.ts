/**
 * Loopback fixture server: speaks the four wire formats on 127.0.0.1 (port 0 by default), replaying the real
 * recordings in `test/fixtures/recordings/` and injecting faults per request. One server serves a whole test or
 * e2e run; it records every request it receives (`server.requests`).
 *
 * Routes (prefix -> wire format):
 *   /openrouter/api/v1  POST /chat/completions   OpenRouter SSE (`: OPENROUTER PROCESSING`, usage.cost, [DONE])
 *                       GET  /models             the real 321-model catalog (2025-05-23) + the fault/slow models
 *                       GET  /key                `{data:{label,limit,limit_remaining,usage,...}}`; a key containing
 *                                                `invalid` gets 401 with the real recorded body
 *   /openai/v1          POST /chat/completions, GET /models          OpenAI SSE
 *   /anthropic/v1       POST /messages, GET /models                  Anthropic named events
 *   /gemini/v1beta      POST /models/{model}:streamGenerateContent?alt=sse, GET /models   Gemini CRLF SSE
 *   /replay/v1          POST /chat/completions, GET /models          OpenAI-compatible, "Recorded responses":
 *                       each replay model maps to a recording of one provider, transcoded to OpenAI chunks
 *
 * Which recording a chat request replays (by the requested model):
 *   openrouter: openai/gpt-4o -> openrouter-chat-stream-usage.sse (also the default),
 *               anthropic/claude-haiku-4.5 -> openrouter-chat-stream-claude-haiku.sse,
 *               anthropic/claude-sonnet-4.5 (and any model containing "reasoning" or ":thinking") ->
 *               openrouter-chat-stream-reasoning-claude.sse, openai/gpt-4.1-mini -> openrouter-chat-stream-tool-call.sse,
 *               minimax/minimax-m2:free -> openrouter-chat-stream-midstream-error.sse
 *   openai:     qwen3 / ollama models -> ollama-openai-compat-stream-usage.sse, else openai-chat-stream-text-usage.sse
 *   anthropic:  claude-sonnet-4-0 or "thinking" -> anthropic-messages-stream-thinking.sse, claude-sonnet-4-6 ->
 *               anthropic-messages-stream-tool-use.sse, else anthropic-messages-stream.sse
 *   gemini:     gemini-2.5-flash -> gemini-2.5-flash-stream-generate-content.sse, else gemini-stream-generate-content.sse
 *   fault/* models (stream faults): openrouter-chat-stream-usage.sse, openai-chat-stream-text-usage.sse,
 *               anthropic-messages-stream-thinking.sse, gemini-2.5-flash-stream-generate-content.sse
 *   replay:     see REPLAY_MODELS below (`replay/openrouter-gpt-4o`, `replay/anthropic-claude-sonnet-4.5`, ...)
 *
 * Faults, chosen by the requested model name on ANY chat route (each in that provider's wire format):
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
 *   fault/midstream-error  an error inside the 200 stream (OpenRouter: the real recording; others synthetic)
 *   fault/empty-200        200, text/event-stream, empty body
 *   slow/long-reply        a long generated reply streamed slowly (SLOW_CHUNK_DELAY_MS per chunk), to press Stop
 *   big/1mb-line           one chunk whose text delta is 1 MiB on a single line, then a normal end
 *
 * Delivery options per request, through `server.nextFault({...})` (queued, one per chat request) or for every
 * request through `startFixtureServer({ delivery })`: `splitAt` (byte offsets where writes are cut),
 * `writeSize` (e.g. 1 = one byte per write), `delayMs` (between writes), `recording` (replay this file),
 * `fault` (one of the names above, overriding the model name), `body` (exact bytes of a 200 stream),
 * `endDelayMs` (a pause between the last byte and the end of the response).
 *
 * Observing: `server.requests` (method, url, path, lower-case headers, body, parsed json, format),
 * `server.responseOutcome(request)` ('finished' | 'closed-early': did the client leave early?),
 * `server.connectionCount` (keep-alive), `server.abortedResponses` / `waitForAbortedResponses(n)`.
 * CLI: `node_modules/.bin/tsx test/support/fixtureServerCli.ts [--port N]` prints `{"url":...,"port":...}` and
 * stops on SIGTERM/SIGINT (signal the tsx process; it forwards the signal).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { createOpenRouterAuthRoutes, type OpenRouterAuthRoutes } from './openRouterAuthRoutes';

/** Where the recordings live (a copy of the real fixtures, with provenance). */
export const RECORDINGS_DIR = join(__dirname, '..', 'fixtures', 'recordings');

/** ms between chunks of `slow/long-reply`. */
export const SLOW_CHUNK_DELAY_MS = 60;

export type WireFormat = 'openrouter' | 'openai' | 'anthropic' | 'gemini' | 'replay';

export const FAULT_MODELS = [
  'fault/401', 'fault/402', 'fault/403', 'fault/408', 'fault/429', 'fault/500', 'fault/502', 'fault/503',
  'fault/context-length', 'fault/provider-error', 'fault/cut-midstream', 'fault/cut-no-done',
  'fault/reset-before-headers', 'fault/stall', 'fault/malformed-json', 'fault/midstream-error', 'fault/empty-200',
  'slow/long-reply', 'big/1mb-line',
] as const;

export type FaultName = (typeof FAULT_MODELS)[number];

/** How one response is delivered. */
export interface DeliveryOptions {
  fault?: FaultName;
  /** byte offsets at which the body is split into separate writes */
  splitAt?: number[];
  /** bytes per write (1 = byte by byte); default: the whole body (or the pieces from splitAt) */
  writeSize?: number;
  /** ms between writes; default 0 */
  delayMs?: number;
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
  /** OpenRouter's OAuth page `/openrouter/auth` and `POST .../auth/keys` (openRouterAuthRoutes.ts) */
  readonly auth: OpenRouterAuthRoutes;
  close(): Promise<void>;
}

/** The replay endpoint's models: id -> [format of the recording, recording file]. */
export const REPLAY_MODELS: Record<string, { format: Exclude<WireFormat, 'replay'>; recording: string; name: string }> = {
  'replay/openrouter-gpt-4o': { format: 'openrouter', recording: 'openrouter-chat-stream-usage.sse', name: 'Replay: OpenRouter gpt-4o' },
  'replay/openrouter-claude-haiku-4.5': { format: 'openrouter', recording: 'openrouter-chat-stream-claude-haiku.sse', name: 'Replay: OpenRouter Claude Haiku 4.5' },
  'replay/openrouter-claude-sonnet-4.5-reasoning': { format: 'openrouter', recording: 'openrouter-chat-stream-reasoning-claude.sse', name: 'Replay: OpenRouter Claude Sonnet 4.5 (reasoning)' },
  'replay/openai-gpt-4o-mini': { format: 'openai', recording: 'openai-chat-stream-text-usage.sse', name: 'Replay: OpenAI gpt-4o-mini' },
  'replay/ollama-qwen3': { format: 'openai', recording: 'ollama-openai-compat-stream-usage.sse', name: 'Replay: Ollama qwen3' },
  'replay/anthropic-claude-sonnet-4.5': { format: 'anthropic', recording: 'anthropic-messages-stream.sse', name: 'Replay: Anthropic Claude Sonnet 4.5' },
  'replay/anthropic-claude-sonnet-4-thinking': { format: 'anthropic', recording: 'anthropic-messages-stream-thinking.sse', name: 'Replay: Anthropic Claude Sonnet 4 (thinking)' },
  'replay/gemini-2.5-flash': { format: 'gemini', recording: 'gemini-2.5-flash-stream-generate-content.sse', name: 'Replay: Gemini 2.5 Flash' },
  'replay/gemini-2.0-flash': { format: 'gemini', recording: 'gemini-stream-generate-content.sse', name: 'Replay: Gemini 2.0 Flash' },
};

const recordingCache = new Map<string, Buffer>();

/** The bytes of a recording (cached). */
export function readRecording(name: string): Buffer {
  let bytes = recordingCache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(RECORDINGS_DIR, name));
    recordingCache.set(name, bytes);
  }
  return bytes;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
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
    if (!route) {
      sendJson(response, 404, { error: { message: `fixture server: no route for ${recorded.method} ${url.pathname}`, code: 404 } });
      return;
    }
    recorded.format = route.format;
    if (recorded.method === 'GET' && route.rest === '/models') {
      sendJson(response, 200, modelsBody(route.format));
      return;
    }
    if (recorded.method === 'GET' && route.format === 'openrouter' && route.rest === '/key') {
      const authorization = recorded.headers.authorization ?? '';
      if (authorization === '' || authorization.includes('invalid')) {
        sendBytes(response, 401, { 'content-type': 'application/json' }, readRecording('openrouter-error-401-missing-auth-header.json'));
        return;
      }
      sendJson(response, 200, { data: { label: 'sk-or-v1-fix...ture', limit: 10, limit_remaining: 4.2, limit_reset: null, usage: 5.8, usage_daily: 0.1, usage_weekly: 0.7, usage_monthly: 5.8, is_free_tier: false } });
      return;
    }
    const model = chatModel(route, recorded);
    if (recorded.method !== 'POST' || model === undefined) {
      sendJson(response, 404, { error: { message: `fixture server: no route for ${recorded.method} ${url.pathname}`, code: 404 } });
      return;
    }
    const delivery: DeliveryOptions = { ...(queue.shift() ?? options.delivery ?? {}) };
    const fault = delivery.fault ?? (FAULT_MODELS as readonly string[]).find((name) => name === model) as FaultName | undefined;
    let format: Exclude<WireFormat, 'replay'> = route.format === 'replay' ? 'openai' : route.format;
    let recording = delivery.recording;
    let transcode = false;
    if (recording === undefined) {
      if (route.format === 'replay') {
        const replay = REPLAY_MODELS[model];
        if (!replay && fault === undefined) {
          sendJson(response, 404, { error: { message: `The model \`${model}\` does not exist. Pick one of: ${Object.keys(REPLAY_MODELS).join(', ')}`, type: 'invalid_request_error', code: 'model_not_found' } });
          return;
        }
        if (replay) {
          recording = replay.recording;
          format = replay.format;
          transcode = replay.format === 'anthropic' || replay.format === 'gemini';
        }
      }
      recording ??= pickRecording(format, model);
    }
    await respond({ request, response, format: route.format === 'replay' ? 'openai' : format, fault, delivery, recording, transcodeFrom: transcode ? format : undefined, model, onAborted: noteAborted });
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
  ['/openrouter/api/v1', 'openrouter'],
  ['/openai/v1', 'openai'],
  ['/anthropic/v1', 'anthropic'],
  ['/gemini/v1beta', 'gemini'],
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

/** The model a chat request asks for, or undefined when the path is not a chat route. */
function chatModel(route: Route, recorded: RecordedRequest): string | undefined {
  const json = isRecord(recorded.json) ? recorded.json : {};
  if (route.format === 'gemini') {
    const match = /^\/models\/(.+):streamGenerateContent$/.exec(route.rest);
    return match ? decodeURIComponent(match[1]) : undefined;
  }
  const chatPath = route.format === 'anthropic' ? '/messages' : '/chat/completions';
  if (route.rest !== chatPath) {
    return undefined;
  }
  return typeof json.model === 'string' ? json.model : '';
}

/** The recording a fault variant starts from: one with text (and reasoning where the format has it) to keep. */
const FAULT_BASE_RECORDING: Record<Exclude<WireFormat, 'replay'>, string> = {
  openrouter: 'openrouter-chat-stream-usage.sse',
  openai: 'openai-chat-stream-text-usage.sse',
  anthropic: 'anthropic-messages-stream-thinking.sse',
  gemini: 'gemini-2.5-flash-stream-generate-content.sse',
};

function pickRecording(format: Exclude<WireFormat, 'replay'>, model: string): string {
  if (model.startsWith('fault/')) {
    return FAULT_BASE_RECORDING[format];
  }
  switch (format) {
    case 'openrouter':
      if (model === 'anthropic/claude-haiku-4.5') {
        return 'openrouter-chat-stream-claude-haiku.sse';
      }
      if (model === 'anthropic/claude-sonnet-4.5' || model.includes('reasoning') || model.includes(':thinking')) {
        return 'openrouter-chat-stream-reasoning-claude.sse';
      }
      if (model === 'openai/gpt-4.1-mini') {
        return 'openrouter-chat-stream-tool-call.sse';
      }
      if (model === 'minimax/minimax-m2:free') {
        return 'openrouter-chat-stream-midstream-error.sse';
      }
      return 'openrouter-chat-stream-usage.sse';
    case 'openai':
      return model.startsWith('qwen') || model.includes('ollama') ? 'ollama-openai-compat-stream-usage.sse' : 'openai-chat-stream-text-usage.sse';
    case 'anthropic':
      if (model === 'claude-sonnet-4-0' || model.includes('thinking')) {
        return 'anthropic-messages-stream-thinking.sse';
      }
      return model === 'claude-sonnet-4-6' ? 'anthropic-messages-stream-tool-use.sse' : 'anthropic-messages-stream.sse';
    case 'gemini':
      return model === 'gemini-2.5-flash' ? 'gemini-2.5-flash-stream-generate-content.sse' : 'gemini-stream-generate-content.sse';
  }
}

interface RespondContext {
  request: IncomingMessage;
  response: ServerResponse;
  /** the wire format of the reply */
  format: Exclude<WireFormat, 'replay'>;
  fault: FaultName | undefined;
  delivery: DeliveryOptions;
  recording: string;
  /** the recording is in this format and must be transcoded to OpenAI chunks (replay endpoint) */
  transcodeFrom?: 'anthropic' | 'gemini' | 'openai' | 'openrouter';
  model: string;
  onAborted: () => void;
}

async function respond(context: RespondContext): Promise<void> {
  const { response, format, fault } = context;
  const status = fault ? HTTP_FAULTS[fault] : undefined;
  if (status !== undefined && fault) {
    const error = errorBody(format, fault);
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
  if (format === 'openrouter') {
    headers['x-generation-id'] = 'gen-fixture-0001';
  }
  response.writeHead(200, headers);
  response.flushHeaders();
  const cutAt = fault === 'fault/cut-midstream' ? Math.floor(body.length / 2) : fault === 'fault/stall' ? firstEventsLength(body, headEventCount(body)) : body.length;
  const delayMs = fault === 'slow/long-reply' ? SLOW_CHUNK_DELAY_MS : context.delivery.delayMs ?? 0;
  const pieces = fault === 'slow/long-reply' ? splitEvents(body) : splitBody(body.subarray(0, cutAt), context.delivery);
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
  const { format, fault } = context;
  if (fault === 'fault/empty-200') {
    return Buffer.alloc(0);
  }
  if (fault === 'slow/long-reply') {
    return generatedStream(format, longReplyWords(), 'slow/long-reply');
  }
  if (fault === 'big/1mb-line') {
    return generatedStream(format, ['x'.repeat(1024 * 1024), ' done'], 'big/1mb-line');
  }
  if (fault === 'fault/midstream-error') {
    return midstreamErrorBody(format);
  }
  if (context.delivery.body !== undefined) {
    return Buffer.from(context.delivery.body);
  }
  let body = readRecording(context.recording);
  if (context.transcodeFrom === 'anthropic' || context.transcodeFrom === 'gemini') {
    body = transcodeToOpenAi(body, context.transcodeFrom, context.model);
  }
  if (fault === 'fault/cut-no-done') {
    return body.subarray(0, firstEventsLength(body, Math.max(1, Math.floor(countDataEvents(body) / 2))));
  }
  if (fault === 'fault/malformed-json') {
    const head = body.subarray(0, firstEventsLength(body, headEventCount(body)));
    const separator = format === 'gemini' ? '\r\n\r\n' : '\n\n';
    const malformed = format === 'anthropic' ? `event: content_block_delta${separator === '\n\n' ? '\n' : '\r\n'}data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"br` : 'data: {"id":"gen-broken","choices":[{"delta":{"content":"br';
    return Buffer.concat([head, Buffer.from(`${malformed}${separator}`), body.subarray(head.length)]);
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
  return text.split(/(?<=\n\n)/).map((piece) => Buffer.from(piece));
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

const HTTP_FAULTS: Partial<Record<FaultName, number>> = {
  'fault/401': 401, 'fault/402': 402, 'fault/403': 403, 'fault/408': 408, 'fault/429': 429,
  'fault/500': 500, 'fault/502': 502, 'fault/503': 503, 'fault/context-length': 400, 'fault/provider-error': 400,
};

/** Error bodies: the real recordings where they exist, else SYNTHETIC ones in the provider's documented shape. */
function errorBody(format: Exclude<WireFormat, 'replay'>, fault: FaultName): { status: number; body: Buffer } {
  const status = HTTP_FAULTS[fault] ?? 500;
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  if (format === 'openrouter') {
    switch (fault) {
      case 'fault/401': return { status, body: readRecording('openrouter-error-401-missing-auth-header.json') };
      case 'fault/429': return { status, body: readRecording('openrouter-error-429-provider-rate-limited.json') };
      case 'fault/context-length': return { status, body: readRecording('openrouter-error-400-context-length.json') };
      case 'fault/provider-error': return { status, body: readRecording('openrouter-error-400-provider-returned-error.json') };
      // SYNTHETIC (wording from OpenRouter's docs; no recording exists)
      case 'fault/402': return { status, body: json({ error: { message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', code: 402 } }) };
      case 'fault/403': return { status, body: json({ error: { code: 403, message: 'Input was flagged by moderation', metadata: { reasons: ['harassment'], flagged_input: 'an example...', provider_name: 'OpenAI', model_slug: 'openai/gpt-4o' } } }) };
      case 'fault/408': return { status, body: json({ error: { code: 408, message: 'Request timed out' } }) };
      case 'fault/500': return { status, body: json({ error: { code: 500, message: 'Internal Server Error' } }) };
      case 'fault/502': return { status, body: json({ error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Fireworks', raw: 'upstream connect error' } } }) };
      default: return { status, body: json({ error: { code: 503, message: 'No available model provider that meets your routing requirements' } }) };
    }
  }
  if (format === 'openai') {
    if (fault === 'fault/401') {
      return { status, body: readRecording('openai-error-401.json') };
    }
    // SYNTHETIC, OpenAI's documented `{error:{message,type,param,code}}`
    const table: Record<number, [string, string, string | null]> = {
      400: fault === 'fault/context-length'
        ? ["This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", 'invalid_request_error', 'context_length_exceeded']
        : ['Provider returned error', 'invalid_request_error', null],
      402: ['You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota'],
      403: ['Your request was flagged by moderation.', 'invalid_request_error', 'moderation_blocked'],
      408: ['Request timed out.', 'timeout', null],
      429: ['Rate limit reached for requests. Please try again in 12s.', 'requests', 'rate_limit_exceeded'],
      500: ['The server had an error while processing your request.', 'server_error', null],
      502: ['Bad gateway.', 'server_error', null],
      503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
    };
    const [message, type, code] = table[status] ?? table[500];
    return { status, body: json({ error: { message, type, param: null, code } }) };
  }
  if (format === 'anthropic') {
    if (fault === 'fault/401') {
      return { status, body: readRecording('anthropic-error-401.json') };
    }
    // SYNTHETIC, Anthropic's documented `{type:'error',error:{type,message}}`
    const table: Record<number, [string, string]> = {
      400: fault === 'fault/context-length' ? ['invalid_request_error', 'prompt is too long: 250000 tokens > 200000 maximum'] : ['invalid_request_error', 'messages: roles must alternate'],
      402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
      403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
      408: ['timeout_error', 'Request timed out.'],
      429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
      500: ['api_error', 'Internal server error'],
      502: ['api_error', 'Bad gateway'],
      503: ['overloaded_error', 'Overloaded'],
    };
    const [type, message] = table[status] ?? table[500];
    return { status, body: json({ type: 'error', error: { type, message }, request_id: 'req_fixture' }) };
  }
  if (fault === 'fault/401') {
    // Gemini answers a bad key with 400 API_KEY_INVALID (real recording).
    return { status: 400, body: readRecording('gemini-error-400-invalid-api-key.json') };
  }
  // SYNTHETIC, Google's documented `{error:{code,message,status}}`
  const table: Record<number, [string, string]> = {
    400: fault === 'fault/context-length' ? ['The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', 'INVALID_ARGUMENT'] : ['Request contains an invalid argument.', 'INVALID_ARGUMENT'],
    402: ['Billing is not enabled for this project.', 'FAILED_PRECONDITION'],
    403: ['Permission denied on resource project.', 'PERMISSION_DENIED'],
    408: ['Request timed out.', 'DEADLINE_EXCEEDED'],
    429: ['Resource has been exhausted (e.g. check quota).', 'RESOURCE_EXHAUSTED'],
    500: ['An internal error has occurred.', 'INTERNAL'],
    502: ['Bad gateway.', 'UNAVAILABLE'],
    503: ['The model is overloaded. Please try again later.', 'UNAVAILABLE'],
  };
  const [message, statusText] = table[status] ?? table[500];
  return { status, body: json({ error: { code: status, message, status: statusText } }) };
}

function midstreamErrorBody(format: Exclude<WireFormat, 'replay'>): Buffer {
  if (format === 'openrouter') {
    return readRecording('openrouter-chat-stream-midstream-error.sse');
  }
  const words = ['The', ' reply', ' starts'];
  const head = generatedStream(format, words, 'fault/midstream-error', false);
  // SYNTHETIC mid-stream errors in each provider's documented shape.
  if (format === 'anthropic') {
    return Buffer.concat([head, Buffer.from('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n')]);
  }
  if (format === 'gemini') {
    return Buffer.concat([head, Buffer.from('data: {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}\r\n\r\n')]);
  }
  return Buffer.concat([head, Buffer.from('data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n')]);
}

function longReplyWords(): string[] {
  const words: string[] = [];
  const sentence = 'This is a long generated reply from the fixture server, streamed slowly so a person can press Stop before it ends.'.split(' ');
  for (let index = 0; index < 400; index += 1) {
    words.push(`${index === 0 ? '' : ' '}${sentence[index % sentence.length]}`);
  }
  return words;
}

/** A SYNTHETIC stream of `texts` as text deltas in `format`, with usage and a normal end (unless `complete` is false). */
export function generatedStream(format: Exclude<WireFormat, 'replay'>, texts: string[], model: string, complete = true): Buffer {
  const lines: string[] = [];
  const outputTokens = texts.length;
  if (format === 'anthropic') {
    lines.push(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_fixture', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } } })}\n\n`);
    lines.push(`event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`);
    for (const text of texts) {
      lines.push(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`);
    }
    if (complete) {
      lines.push(`event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`);
      lines.push(`event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } })}\n\n`);
      lines.push('event: message_stop\ndata: {"type":"message_stop"}\n\n');
    }
    return Buffer.from(lines.join(''));
  }
  if (format === 'gemini') {
    texts.forEach((text, index) => {
      const last = complete && index === texts.length - 1;
      const candidate: Record<string, unknown> = { content: { parts: [{ text }], role: 'model' }, index: 0 };
      if (last) {
        candidate.finishReason = 'STOP';
      }
      lines.push(`data: ${JSON.stringify({ candidates: [candidate], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: index + 1, totalTokenCount: 13 + index }, modelVersion: model, responseId: 'fixture-response' })}\r\n\r\n`);
    });
    return Buffer.from(lines.join(''));
  }
  const base = { id: format === 'openrouter' ? 'gen-fixture-0001' : 'chatcmpl-fixture', object: 'chat.completion.chunk', created: 1754441342, model, ...(format === 'openrouter' ? { provider: 'Fixture' } : {}) };
  for (const text of texts) {
    lines.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: null }] })}\n\n`);
  }
  if (complete) {
    lines.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }] })}\n\n`);
    const usage: Record<string, unknown> = { prompt_tokens: 12, completion_tokens: outputTokens, total_tokens: 12 + outputTokens };
    if (format === 'openrouter') {
      Object.assign(usage, { cost: 0.000123, is_byok: false, prompt_tokens_details: { cached_tokens: 0 }, cost_details: { upstream_inference_cost: null }, completion_tokens_details: { reasoning_tokens: 0 } });
    }
    lines.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
    lines.push('data: [DONE]\n\n');
  }
  return Buffer.from(lines.join(''));
}

/** Re-emits an Anthropic or Gemini recording as OpenAI chunks (text, reasoning, finish, usage, [DONE]). */
function transcodeToOpenAi(body: Buffer, from: 'anthropic' | 'gemini', model: string): Buffer {
  const events = body.toString('utf8').split(/\r\n\r\n|\n\n/).map((block) => block.split(/\r\n|\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n')).filter((data) => data !== '');
  const base = { id: `chatcmpl-replay-${from}`, object: 'chat.completion.chunk', created: 1754441342, model };
  const out: string[] = [];
  const emit = (delta: Record<string, unknown>, finish: string | null = null): void => {
    out.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  };
  let inputTokens = 0;
  let outputTokens = 0;
  let finish = 'stop';
  for (const data of events) {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(data) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (from === 'anthropic') {
      const delta = isRecord(payload.delta) ? payload.delta : {};
      if (payload.type === 'content_block_delta' && delta.type === 'text_delta') {
        emit({ content: delta.text });
      } else if (payload.type === 'content_block_delta' && delta.type === 'thinking_delta') {
        emit({ reasoning: delta.thinking });
      } else if (payload.type === 'message_start' && isRecord(payload.message) && isRecord(payload.message.usage)) {
        inputTokens = Number(payload.message.usage.input_tokens ?? 0);
      } else if (payload.type === 'message_delta') {
        outputTokens = isRecord(payload.usage) ? Number(payload.usage.output_tokens ?? 0) : outputTokens;
        finish = delta.stop_reason === 'max_tokens' ? 'length' : delta.stop_reason === 'tool_use' ? 'tool_calls' : 'stop';
      }
    } else {
      const candidate = Array.isArray(payload.candidates) && isRecord(payload.candidates[0]) ? payload.candidates[0] : {};
      const content = isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
      for (const part of content) {
        if (isRecord(part) && typeof part.text === 'string') {
          emit(part.thought === true ? { reasoning: part.text } : { content: part.text });
        }
      }
      if (isRecord(payload.usageMetadata)) {
        inputTokens = Number(payload.usageMetadata.promptTokenCount ?? 0);
        outputTokens = Number(payload.usageMetadata.candidatesTokenCount ?? 0) + Number(payload.usageMetadata.thoughtsTokenCount ?? 0);
      }
      if (candidate.finishReason === 'MAX_TOKENS') {
        finish = 'length';
      }
    }
  }
  emit({}, finish);
  out.push(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens } })}\n\n`);
  out.push('data: [DONE]\n\n');
  return Buffer.from(out.join(''));
}

let openRouterModelsCache: unknown;

/** GET /models per format. */
function modelsBody(format: WireFormat): unknown {
  const faultIds = FAULT_MODELS as readonly string[];
  if (format === 'openrouter') {
    if (!openRouterModelsCache) {
      const catalog = JSON.parse(readRecording('openrouter-models-2025-05-23.json').toString('utf8')) as { data: unknown[] };
      const extra = faultIds.map((id) => ({
        id,
        name: `Fixture: ${id}`,
        created: 1754441342,
        description: `Fixture server model: ${id} (see test/support/fixtureServer.ts).`,
        context_length: 128000,
        architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
        pricing: { prompt: '0.0000025', completion: '0.00001', request: '0', image: '0', web_search: '0', internal_reasoning: '0' },
        top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: false },
        per_request_limits: null,
        supported_parameters: ['max_tokens', 'temperature'],
      }));
      openRouterModelsCache = { data: [...catalog.data, ...extra] };
    }
    return openRouterModelsCache;
  }
  if (format === 'replay') {
    return { object: 'list', data: [...Object.keys(REPLAY_MODELS), ...faultIds].map((id) => ({ id, object: 'model', created: 1754441342, owned_by: 'fixture' })) };
  }
  if (format === 'openai') {
    return { object: 'list', data: ['gpt-4o-mini', 'gpt-4o', 'qwen3', ...faultIds].map((id) => ({ id, object: 'model', created: 1754441342, owned_by: 'fixture' })) };
  }
  if (format === 'anthropic') {
    return { data: ['claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-haiku-4-5', ...faultIds].map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' })), has_more: false, first_id: null, last_id: null };
  }
  return {
    models: ['gemini-2.5-flash', 'gemini-2.0-flash-exp', ...faultIds].map((id) => ({
      name: `models/${id}`, displayName: id, inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'],
    })),
  };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
