import { SwitchboardError } from '../errors/switchboardError';
import { errorFromHttpResponse, networkError, type ErrorSource } from '../errors/httpErrors';
import type { HttpResponse, Transport } from '../transport/transport';
import type { ChatStreamPart } from '../streamParts';
import type { ProviderDescriptor } from './chatProvider';

/** Joins a base URL and a path with exactly one slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The key, or a 'configuration' error with the fix when the provider needs one and none is set. */
export async function requireApiKey(descriptor: ProviderDescriptor, getApiKey: () => Promise<string | undefined>): Promise<string | undefined> {
  const key = (await getApiKey())?.trim();
  if ((key === undefined || key === '') && descriptor.requiresKey) {
    throw new SwitchboardError({
      code: 'configuration',
      message: `${descriptor.label}: no API key is set. Run 'Switchboard: Set API Key' and choose ${descriptor.label}.`,
      provider: descriptor.id,
    });
  }
  return key === '' ? undefined : key;
}

/**
 * Sends one request; resolves with the response when its status is 2xx, else rejects with the mapped
 * SwitchboardError (network failures too, relabelled with the provider's name).
 */
export async function sendRequest(
  transport: Transport,
  source: ErrorSource,
  request: { url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: unknown; signal?: AbortSignal; maxTokens?: number },
): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await transport.request({
      url: request.url,
      method: request.method,
      headers: request.body === undefined ? request.headers : { 'content-type': 'application/json', ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (error) {
    throw networkError(error, source);
  }
  if (response.status >= 200 && response.status < 300) {
    return response;
  }
  let bodyText = '';
  try {
    bodyText = await response.text();
  } catch (error) {
    throw networkError(error, source);
  }
  throw errorFromHttpResponse({ status: response.status, headers: response.headers, bodyText, maxTokens: request.maxTokens }, source);
}

/** GET a JSON document (model lists, key checks). */
export async function getJson(transport: Transport, source: ErrorSource, url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
  const response = await sendRequest(transport, source, { url, method: 'GET', headers: { accept: 'application/json', ...headers }, signal });
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(error, source);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SwitchboardError({
      code: 'provider-error',
      message: `${source.label}: the server answered with something that is not JSON. Check the base URL.`,
      provider: source.id,
      isRetryable: true,
      cause: error,
    });
  }
}

/**
 * Runs a provider's streaming body and guarantees the ChatProvider contract: exactly one final `finish` or
 * `error` part, every failure a part (never a throw), and a network error says whether text was already kept.
 * Leaving the loop early (here after the final part, or by the caller) returns the provider's generator, which
 * leaves its body iteration and frees the socket.
 */
export async function* guardStream(source: ErrorSource, run: () => AsyncIterable<ChatStreamPart>): AsyncGenerator<ChatStreamPart, void, undefined> {
  let sawOutput = false;
  try {
    for await (const part of run()) {
      if (part.type === 'text-delta' || part.type === 'reasoning-delta') sawOutput = true;
      yield part;
      if (part.type === 'finish' || part.type === 'error') return;
    }
  } catch (error) {
    yield { type: 'error', error: networkError(error, source, sawOutput ? 'mid-reply' : 'before-reply') };
  }
}

/**
 * Parts decoded from one network read, in order, with consecutive text (or reasoning) deltas merged into one:
 * a read that carries 100 tokens becomes one `text-delta`, so the per-part async cost is paid per read. The
 * merged text is kept as a string until another part or `drain()` closes it (no object per token).
 */
export class PartBuffer {
  private parts: ChatStreamPart[] = [];
  /** the type of the delta being merged; undefined = none pending */
  private pendingType: 'text-delta' | 'reasoning-delta' | undefined;
  private pendingText = '';
  private content = false;

  /** true once text, reasoning or a tool call went through (usage, metadata and empty deltas are not content) */
  get sawContent(): boolean {
    return this.content;
  }

  /** a tool call arrived on the wire: the reply is not empty even with no text */
  markToolCall(): void {
    this.content = true;
  }

  push(part: ChatStreamPart): void {
    if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
      this.pushDelta(part.type, part.text);
      return;
    }
    this.closeDelta();
    this.parts.push(part);
  }

  /** the same as `push({ type, text })`, without making the part object */
  pushDelta(type: 'text-delta' | 'reasoning-delta', text: string): void {
    if (text === '') return;
    this.content = true;
    if (this.pendingType === type) {
      this.pendingText += text;
      return;
    }
    this.closeDelta();
    this.pendingType = type;
    this.pendingText = text;
  }

  /** the buffered parts, emptying the buffer */
  drain(): ChatStreamPart[] {
    this.closeDelta();
    const parts = this.parts;
    this.parts = [];
    return parts;
  }

  private closeDelta(): void {
    if (this.pendingType !== undefined) {
      this.parts.push({ type: this.pendingType, text: this.pendingText });
      this.pendingType = undefined;
      this.pendingText = '';
    }
  }
}

/** Safe JSON.parse: undefined on failure. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite non-negative number, else undefined ("not reported"). */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
