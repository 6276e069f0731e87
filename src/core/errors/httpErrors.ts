import { SwitchboardError, type ErrorCode } from './switchboardError';
import { redactSecrets } from './redact';

/** Who an error came from: the provider id and the label people know it by. */
export interface ErrorSource {
  /** provider id, e.g. `openrouter` */
  id: string;
  /** shown to people, e.g. "OpenRouter" */
  label: string;
}

/** What one HTTP error response said, as the transport delivered it. */
export interface HttpErrorResponse {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  bodyText: string;
  /** the request's max tokens, to say what a 402 needed */
  maxTokens?: number;
}

/** true for transient HTTP statuses: 408, 409, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The fields every provider's error body can carry, normalised. */
interface ParsedErrorBody {
  message?: string;
  /**
   * The typed fields, lower-case: OpenRouter/Gemini numeric code, OpenAI string code and type, Anthropic
   * `error.type`, Gemini `status` and `details[].reason`, OpenRouter `metadata.error_type` and `error.availability`
   */
  codes: string[];
  providerName?: string;
  raw?: string;
  /** epoch ms from X-RateLimit-Reset in OpenRouter metadata.headers */
  rateLimitResetAt?: number;
  moderationReasons?: string[];
}

/** Typed codes (lower-case) that name a failure on their own, whatever the message says. */
const TYPED = {
  authentication: ['invalid_api_key', 'authentication_error', 'api_key_invalid', 'unauthenticated'],
  rateLimited: ['rate_limit_exceeded', 'rate_limit_error', 'rate_limit', 'rate_limited', 'resource_exhausted'],
  contextTooLong: ['context_length_exceeded'],
  noSuchModel: ['model_not_found', 'not_found_error', 'not_found'],
  overloaded: ['overloaded_error', 'overloaded', 'unavailable', 'provider_unavailable'],
} as const;

/**
 * The ONE mapping from an HTTP error response to a SwitchboardError, for all four wire formats
 * (OpenRouter `{error:{code,message,metadata}}`, OpenAI `{error:{message,type,code}}`, Anthropic
 * `{type:'error',error:{type,message}}`, Gemini `{error:{code,message,status,details}}`) and non-JSON bodies.
 * The status and the typed fields decide first; the free text of a 4xx body only when they say nothing (a 5xx is
 * never made non-retryable by its wording). Every message keeps the provider's short reason. `now` is epoch ms.
 */
export function errorFromHttpResponse(response: HttpErrorResponse, source: ErrorSource, now: number = Date.now()): SwitchboardError {
  const { status, headers } = response;
  const parsed = parseErrorBody(response.bodyText);
  const resetAt = parseEpochMs(headers['x-ratelimit-reset']) ?? parsed.rateLimitResetAt;
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now) ?? (resetAt !== undefined ? Math.max(0, resetAt - now) : undefined);
  const upstream = parsed.providerName ? ` (upstream: ${parsed.providerName})` : '';
  const said = describeUpstream(parsed, response.bodyText);
  const detail = buildDetail(status, parsed, response.bodyText);
  const typed = (kind: keyof typeof TYPED): boolean => parsed.codes.some((code) => (TYPED[kind] as readonly string[]).includes(code));
  // free text is the last resort, and only for a 4xx: "context window" in a 502 page is still a retryable 502
  const text = status < 500 ? `${parsed.message ?? ''} ${parsed.raw ?? ''} ${parsed.codes.join(' ')}`.toLowerCase() : '';
  const make = (code: ErrorCode, message: string, isRetryable = isRetryableStatus(status), retryAfter = retryAfterMs): SwitchboardError =>
    new SwitchboardError({ code, message, provider: source.id, status, isRetryable, retryAfterMs: retryAfter, detail });

  if (status === 401 || typed('authentication') || isInvalidKey(text)) {
    return make('authentication', `${source.label} rejected the API key${said}. Run 'Switchboard: Set API Key'.`, false);
  }
  if (status === 402) {
    if (/fewer max_tokens|can only afford|more credits, or fewer/.test(text)) {
      const afford = /can only afford (\d+)/.exec(text);
      const need = response.maxTokens !== undefined ? ` (asked for up to ${response.maxTokens} tokens${afford ? `, the balance covers ${afford[1]}` : ''})` : '';
      return make('payment-required', `${source.label}: the balance does not cover max tokens${need}${said}. Add credits or lower max tokens.`, false);
    }
    return make('payment-required', `${source.label}: out of credits${said}. Add credits or lower max tokens.`, false);
  }
  if (status === 403) {
    if (parsed.moderationReasons || /moderation|flagged/.test(text)) {
      const reasons = parsed.moderationReasons?.length ? ` (${parsed.moderationReasons.join(', ')})` : '';
      return make('moderation', `${source.label}: the message was flagged by moderation${reasons}${said}. Rephrase it or pick another model.`, false);
    }
    return make('authentication', `${source.label} refused this key access${said}. Check the key's permissions or run 'Switchboard: Set API Key'.`, false);
  }
  if (status === 429 || typed('rateLimited')) {
    if (isDailyQuota(parsed)) {
      const resets = resetAt !== undefined ? `; it resets at ${localTime(resetAt)} (your local time)` : '';
      // a daily quota does not come back in seconds: retried only when its reset is known and near (the policy's ceiling)
      return make('rate-limited', `${source.label}: the per-day quota of free-model requests is used up${said}${resets}. Credits lift ${source.label}'s free-model limits; or pick a paid model.`, resetAt !== undefined, resetAt !== undefined ? retryAfterMs : undefined);
    }
    const wait = retryAfterMs !== undefined ? `retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s` : 'wait a moment and retry, or pick another model';
    return make('rate-limited', `${source.label}: rate limited${upstream}${said}; ${wait}.`, true);
  }
  if (status === 408) {
    return make('timeout', `${source.label}: the request timed out upstream${said}. Retry, or lower max tokens.`, true);
  }
  if (typed('contextTooLong') || isContextTooLong(text)) {
    return make('context-too-long', `${source.label}: the conversation is too long for this model${said}. Shorten it, start a new chat, or pick a model with a longer context.`, false);
  }
  if (status === 404 || typed('noSuchModel') || /model.{0,40}not (?:found|exist)|not a valid model|no endpoints found|unknown model|invalid model/.test(text)) {
    return make('no-such-model', `${source.label}: no such model${said}. Pick another model or refresh the model list.`, false);
  }
  if (status === 529 || typed('overloaded') || /overloaded/.test(text)) {
    return make('provider-error', `${source.label} is overloaded (${status})${said}. Retry in a moment, or pick another model.`, true);
  }
  if (parsed.message === 'Provider returned error' || parsed.providerName) {
    const verdict = isRetryableStatus(status) ? 'Retry, or pick another model.' : 'Check the request or pick another model.';
    return make('provider-error', `${source.label}: the upstream provider${parsed.providerName ? ` ${parsed.providerName}` : ''} returned an error${parsed.raw ? `: ${shorten(redactSecrets(parsed.raw), 200)}` : ''}. ${verdict}`);
  }
  if (status === 502) {
    return make('provider-error', `${source.label}: the upstream provider is down or returned an invalid response (502)${said}. Retry, or pick another model.`);
  }
  if (status === 503) {
    return make('provider-error', `${source.label}: no provider can serve this model right now (503)${said}. Retry later, or pick another model.`);
  }
  if (status >= 500) {
    return make('provider-error', `${source.label}: server error (${status})${said}. Retry, or pick another model.`);
  }
  if (status === 409) {
    return make('provider-error', `${source.label}: the request conflicted with another (409)${said}. Retry.`);
  }
  if (status === 400 || status === 422) {
    return make('bad-request', `${source.label} rejected the request (${status})${said}. Check the model's settings (max tokens, temperature) and retry.`, false);
  }
  return make('provider-error', `${source.label}: unexpected HTTP ${status}${said}.`);
}

/** An error carried inside a 200 stream: a top-level `error` chunk or an Anthropic `event: error`. */
export function errorFromStreamPayload(payload: unknown, source: ErrorSource): SwitchboardError {
  const parsed = parseErrorObject(payload);
  const numeric = parsed.codes.map(Number).find((code) => Number.isInteger(code) && code >= 400);
  const transient = (numeric !== undefined && isRetryableStatus(numeric)) || parsed.codes.some((code) => /overloaded|rate_limit|api_error|server_error|timeout|unavailable/i.test(code));
  const said = parsed.message ? `: ${shorten(redactSecrets(parsed.message), 200)}` : '';
  const upstream = parsed.providerName ? ` (upstream: ${parsed.providerName})` : '';
  return new SwitchboardError({
    code: 'mid-stream',
    message: `${source.label}: the reply failed mid-stream${upstream}${said}. The text so far is kept; retry for a full reply.`,
    provider: source.id,
    status: numeric,
    isRetryable: transient,
    detail: redactSecrets(safeStringify(payload)),
  });
}

/** `finish_reason: "error"` without an error object. */
export function errorFromFinishReason(rawReason: string, source: ErrorSource): SwitchboardError {
  return new SwitchboardError({
    code: 'mid-stream',
    message: `${source.label}: the model stopped with an error (finish reason "${rawReason}"). The text so far is kept; retry for a full reply.`,
    provider: source.id,
    isRetryable: true,
  });
}

/**
 * A 200 reply with no text, no reasoning and no tool call (a role-only chunk then a finish, `content: ""` deltas,
 * usage alone, or no body at all). Retryable by the person; the engine does not retry it by itself, because the
 * provider may have billed it.
 */
export function emptyReplyError(source: ErrorSource): SwitchboardError {
  return new SwitchboardError({
    code: 'empty-reply',
    message: `${source.label}: the model returned an empty reply. Retry, or pick another model.`,
    provider: source.id,
    isRetryable: true,
  });
}

/** A 200 stream that ended before its end marker (no finish reason, no `[DONE]`, no `message_stop`). */
export function streamEndedEarlyError(source: ErrorSource): SwitchboardError {
  return new SwitchboardError({
    code: 'mid-stream',
    message: `${source.label}: the reply stopped before it was complete. The text so far is kept; retry for a full reply.`,
    provider: source.id,
    isRetryable: true,
  });
}

/** A chunk that is not valid JSON. */
export function malformedChunkError(source: ErrorSource, chunk: string): SwitchboardError {
  return new SwitchboardError({
    code: 'mid-stream',
    message: `${source.label}: sent a malformed chunk the reply cannot be read past. The text so far is kept; retry.`,
    provider: source.id,
    isRetryable: true,
    detail: shorten(redactSecrets(chunk), 300),
  });
}

/**
 * Turns a network failure (or a transport SwitchboardError without a provider) into one that names the provider.
 * `stage` says whether text had already arrived, so the message can say the partial text is kept.
 */
export function networkError(error: unknown, source: ErrorSource, stage: 'before-reply' | 'mid-reply' = 'before-reply'): SwitchboardError {
  const kept = stage === 'mid-reply' ? ' The text so far is kept.' : '';
  if (error instanceof SwitchboardError) {
    if (error.provider !== undefined) {
      return error;
    }
    if (error.code === 'aborted') {
      return new SwitchboardError({ code: 'aborted', message: `${source.label}: stopped.${kept}`, provider: source.id, cause: error });
    }
    if (error.code === 'timeout' || error.code === 'connection') {
      return new SwitchboardError({
        code: error.code,
        message: `${source.label}: ${lowerFirst(error.message)}${kept}`,
        provider: source.id,
        isRetryable: true,
        detail: error.detail,
        cause: error,
      });
    }
    return new SwitchboardError({ ...error.toJSON(), detail: error.detail, provider: source.id, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchboardError({
    code: 'connection',
    message: `${source.label}: the connection failed (${shorten(redactSecrets(message), 120)}).${kept} Check the network, proxy or base URL and retry.`,
    provider: source.id,
    isRetryable: true,
    cause: error,
  });
}

/** `Retry-After` as delta-seconds or an HTTP date -> ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseErrorBody(bodyText: string): ParsedErrorBody {
  const trimmed = bodyText.trim();
  if (trimmed === '') {
    return { codes: [] };
  }
  try {
    return parseErrorObject(JSON.parse(trimmed));
  } catch {
    // Not JSON (an HTML page from a proxy, plain text): keep a short, redacted first line as the message.
    const firstLine = trimmed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return { codes: [], message: firstLine ? shorten(redactSecrets(firstLine), 160) : undefined };
  }
}

function parseErrorObject(payload: unknown): ParsedErrorBody {
  const result: ParsedErrorBody = { codes: [] };
  if (!isRecord(payload)) {
    if (typeof payload === 'string') {
      result.message = payload;
    }
    return result;
  }
  const error = isRecord(payload.error) ? payload.error : typeof payload.error === 'string' ? { message: payload.error } : payload;
  if (typeof error.message === 'string') {
    result.message = error.message;
  }
  const metadata = isRecord(error.metadata) ? error.metadata : undefined;
  const typedValues = [error.code, error.type, error.status, error.availability, metadata?.error_type];
  if (Array.isArray(error.details)) {
    for (const item of error.details) {
      if (isRecord(item)) typedValues.push(item.reason);
    }
  }
  for (const value of typedValues) {
    if ((typeof value === 'string' && value !== '' && value !== 'error') || typeof value === 'number') {
      result.codes.push(String(value).toLowerCase());
    }
  }
  if (metadata) {
    if (typeof metadata.provider_name === 'string') {
      result.providerName = metadata.provider_name;
    }
    if (typeof metadata.raw === 'string') {
      result.raw = metadata.raw;
    } else if (metadata.raw !== undefined && metadata.raw !== null) {
      result.raw = safeStringify(metadata.raw);
    }
    if (Array.isArray(metadata.reasons)) {
      result.moderationReasons = metadata.reasons.filter((reason): reason is string => typeof reason === 'string');
    }
    const headers = isRecord(metadata.headers) ? metadata.headers : undefined;
    result.rateLimitResetAt = headers ? parseEpochMs(headers['X-RateLimit-Reset'] ?? headers['x-ratelimit-reset']) : undefined;
  }
  return result;
}

function describeUpstream(parsed: ParsedErrorBody, bodyText: string): string {
  const message = parsed.message && parsed.message !== 'Provider returned error' ? parsed.message : parsed.raw ?? (parsed.message ? undefined : bodyText.trim() || undefined);
  return message ? `: "${shorten(redactSecrets(message), 200)}"` : '';
}

function buildDetail(status: number, parsed: ParsedErrorBody, bodyText: string): string {
  const parts = [`HTTP ${status}`];
  if (parsed.providerName) {
    parts.push(`provider ${parsed.providerName}`);
  }
  if (parsed.raw) {
    parts.push(`raw ${parsed.raw}`);
  }
  parts.push(`body ${shorten(bodyText, 2000)}`);
  return redactSecrets(parts.join('; '));
}

/** `X-RateLimit-Reset` -> epoch ms; OpenRouter sends epoch milliseconds, epoch seconds are tolerated. */
function parseEpochMs(value: unknown): number | undefined {
  const number = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
  if (!Number.isFinite(number) || number <= 0) return undefined;
  return Math.round(number < 1e12 ? number * 1000 : number);
}

/** OpenRouter's daily quota of free-model requests (`Rate limit exceeded: free-models-per-day`). */
function isDailyQuota(parsed: ParsedErrorBody): boolean {
  return /free-models-per-day/i.test(`${parsed.message ?? ''} ${parsed.raw ?? ''} ${parsed.codes.join(' ')}`);
}

/** epoch ms -> `YYYY-MM-DD HH:MM` in the local time zone (the person's clock, not UTC). */
export function localTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function isInvalidKey(text: string): boolean {
  return /api_key_invalid|invalid_api_key|api key not valid|invalid x-api-key|authentication_error|incorrect api key/.test(text);
}

function isContextTooLong(text: string): boolean {
  return /context length|context window|maximum context|prompt is too long|too many tokens|context_length_exceeded|reduce the length|input token count.*exceeds/.test(text);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
