import type { Agent, Dispatcher, ProxyAgent } from 'undici';
import { SwitchboardError } from '../errors/switchboardError';
import { redactSecrets } from '../errors/redact';
import type { HttpRequest, HttpResponse, Transport } from './transport';

/** Options of the undici transport; every duration is in ms. */
export interface UndiciTransportOptions {
  /** explicit proxy URL (VS Code's `http.proxy`); without it HTTPS_PROXY/HTTP_PROXY/NO_PROXY are honoured */
  proxy?: string;
  /** ms to open the TCP/TLS connection; default 10 000 */
  connectTimeoutMs?: number;
  /** ms from sending the request to the response headers; default 120 000 */
  firstByteTimeoutMs?: number;
  /** ms allowed between two body reads; default 120 000 */
  idleTimeoutMs?: number;
  /** environment to read proxy variables from; default process.env (injectable for tests) */
  environment?: Record<string, string | undefined>;
}

/**
 * undici, loaded on the first request rather than at start-up: it is most of the core bundle, and evaluating it
 * at `require()` time slowed the extension's activation (bench/README.md, cold load).
 */
function loadUndici(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici') as typeof import('undici');
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 120_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/**
 * The one Transport backed by undici: one dispatcher (a keep-alive pool per origin) for all requests,
 * proxies from settings or the environment, connect/first-byte/idle timeouts, AbortSignal end to end.
 * Failures are SwitchboardErrors: 'timeout' and 'connection' (retryable), 'aborted'.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const environment = options.environment ?? process.env;
  let dispatchers: Dispatchers | undefined;
  let closed = false;

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      if (closed) {
        throw new SwitchboardError({ code: 'configuration', message: 'The HTTP transport was closed; reload the window.' });
      }
      const signal = request.signal;
      if (signal?.aborted) {
        throw abortedError();
      }
      let response: Dispatcher.ResponseData;
      try {
        const url = new URL(request.url);
        dispatchers ??= new Dispatchers(options.proxy, environment, connectTimeoutMs);
        response = await dispatchers.pick(url).request({
          origin: url.origin,
          path: pathOf(request.url),
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal,
          headersTimeout: firstByteTimeoutMs,
          bodyTimeout: idleTimeoutMs,
        });
      } catch (error) {
        throw mapNetworkError(error, request, signal, 'before-headers');
      }
      return toHttpResponse(response, request, signal);
    },
    async close(): Promise<void> {
      if (closed) {
        return;
      }
      closed = true;
      await dispatchers?.close();
    },
  };
}

/**
 * One keep-alive Agent for direct connections and one ProxyAgent per proxy URL, chosen per request: an explicit
 * proxy (settings) or HTTP_PROXY/HTTPS_PROXY, except for hosts matching NO_PROXY. (undici 6's EnvHttpProxyAgent
 * does the same but prints an "experimental" warning into the extension host log.)
 */
class Dispatchers {
  private readonly undici: typeof import('undici');
  private readonly direct: Agent;
  private readonly proxies = new Map<string, ProxyAgent>();
  private readonly httpProxy: string | undefined;
  private readonly httpsProxy: string | undefined;
  private readonly noProxy: NoProxyRule[];

  constructor(proxy: string | undefined, environment: Record<string, string | undefined>, private readonly connectTimeoutMs: number) {
    this.undici = loadUndici();
    this.direct = new this.undici.Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 30_000 });
    const explicit = proxy?.trim() || undefined;
    const httpProxy = explicit ?? (environment.HTTP_PROXY || environment.http_proxy || undefined);
    this.httpProxy = httpProxy;
    this.httpsProxy = explicit ?? (environment.HTTPS_PROXY || environment.https_proxy || httpProxy);
    this.noProxy = parseNoProxy(environment.NO_PROXY ?? environment.no_proxy ?? '');
  }

  pick(url: URL): Dispatcher {
    const proxy = url.protocol === 'https:' ? this.httpsProxy : this.httpProxy;
    if (proxy === undefined || matchesNoProxy(url, this.noProxy)) {
      return this.direct;
    }
    let agent = this.proxies.get(proxy);
    if (!agent) {
      const tls = { timeout: this.connectTimeoutMs };
      agent = new this.undici.ProxyAgent({ uri: proxy, proxyTls: tls, requestTls: tls, keepAliveTimeout: 30_000 });
      this.proxies.set(proxy, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    await Promise.all([this.direct.close(), ...[...this.proxies.values()].map((agent) => agent.close())]);
  }
}

interface NoProxyRule {
  /** lower-case host suffix; '*' = every host */
  host: string;
  /** only this port when given */
  port?: string;
}

function parseNoProxy(value: string): NoProxyRule[] {
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .map((entry) => {
      if (entry === '*') {
        return { host: '*' };
      }
      const match = /^(?:\*?\.)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
      return match ? { host: match[1], port: match[2] } : { host: entry };
    });
}

function matchesNoProxy(url: URL, rules: NoProxyRule[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return rules.some((rule) => {
    if (rule.host === '*') {
      return true;
    }
    if (rule.port !== undefined && rule.port !== port) {
      return false;
    }
    return host === rule.host || host.endsWith(`.${rule.host}`);
  });
}

function toHttpResponse(response: Dispatcher.ResponseData, request: HttpRequest, signal: AbortSignal | undefined): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  const body = response.body;
  let consumed = false;

  async function* iterate(): AsyncGenerator<Uint8Array, void, undefined> {
    if (consumed) {
      throw new SwitchboardError({ code: 'configuration', message: 'A response body was read twice (a bug in Switchboard).' });
    }
    consumed = true;
    let finished = false;
    try {
      for await (const chunk of body) {
        yield chunk as Uint8Array;
      }
      finished = true;
    } catch (error) {
      throw mapNetworkError(error, request, signal, 'body');
    } finally {
      if (!finished && !body.destroyed) {
        // Leaving the loop early (break, return, throw): stop reading and free the socket.
        body.destroy();
      }
    }
  }

  return {
    status: response.statusCode,
    headers,
    body: { [Symbol.asyncIterator]: () => iterate() },
    async text(): Promise<string> {
      const decoder = new TextDecoder('utf-8');
      let text = '';
      for await (const chunk of iterate()) {
        text += decoder.decode(chunk, { stream: true });
      }
      return text + decoder.decode();
    },
  };
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function abortedError(cause?: unknown): SwitchboardError {
  return new SwitchboardError({ code: 'aborted', message: 'Stopped.', cause });
}

/** undici/Node errors -> SwitchboardError('timeout' | 'connection' | 'aborted'); messages name the host, never a key. */
function mapNetworkError(error: unknown, request: HttpRequest, signal: AbortSignal | undefined, stage: 'before-headers' | 'body'): SwitchboardError {
  if (error instanceof SwitchboardError) {
    return error;
  }
  const code = errorCode(error);
  if (signal?.aborted || code === 'UND_ERR_ABORTED' || (error instanceof Error && error.name === 'AbortError')) {
    return abortedError(error);
  }
  const host = hostOf(request.url);
  const reason = error instanceof Error ? redactSecrets(error.message) : String(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new SwitchboardError({ code: 'timeout', message: `Could not connect to ${host} in time. Check the network, proxy or base URL and retry.`, isRetryable: true, detail: reason, cause: error });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new SwitchboardError({ code: 'timeout', message: `${host} did not start answering in time. Retry, or pick another model.`, isRetryable: true, detail: reason, cause: error });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new SwitchboardError({ code: 'timeout', message: `${host} stopped sending mid-reply. Retry, or pick another model.`, isRetryable: true, detail: reason, cause: error });
  }
  const what = stage === 'body' ? `The connection to ${host} dropped mid-reply` : `Could not reach ${host}`;
  return new SwitchboardError({ code: 'connection', message: `${what}${code ? ` (${code})` : ''}. Check the network, proxy or base URL and retry.`, isRetryable: true, detail: reason, cause: error });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
