import type { ChatStreamPart, Usage } from '../streamParts';
import type { ModelInfo } from '../catalog/modelInfo';
import { parseOpenRouterPricing } from '../catalog/openRouterModels';
import { EndOfStreamGrace } from './endOfStreamGrace';
import type { HttpResponse } from '../transport/transport';
import { decodeServerSentEventBatches } from '../sse/serverSentEvents';
import {
  errorFromFinishReason, errorFromStreamPayload, malformedChunkError,
  type ErrorSource,
} from '../errors/httpErrors';
import type { ChatProvider, ChatRequest, KeyCheck } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { mapFinishReason } from './finishReason';
import { closingPart } from './closingPart';
import { openAiMessage, openAiToolFields } from './openAiRequest';
import { ToolCallAssembler, withToolCallsFinish } from './toolCalls';
import { count, getJson, guardStream, isRecord, joinUrl, parseJson, PartBuffer, requireApiKey, sendRequest } from './providerHttp';

/**
 * What the OpenRouter provider changes in the OpenAI-compatible one (OpenRouter is a thin variant of it).
 * Internal to providers/: the OpenAI-compatible factory passes the plain variant.
 */
export interface OpenAiDialect {
  /** headers added to chat requests (OpenRouter attribution) */
  chatHeaders(): Record<string, string>;
  /** fields added to the chat body (OpenRouter-only fields) */
  chatBody(request: ChatRequest): Record<string, unknown>;
  /** a comment line while queued upstream (`: OPENROUTER PROCESSING`) */
  isQueuedComment?(text: string): boolean;
  listModels(context: DialectContext, signal?: AbortSignal): Promise<ModelInfo[]>;
  checkKey(context: DialectContext, apiKey: string, signal?: AbortSignal): Promise<KeyCheck>;
}

/** What a dialect's list/check calls get. */
export interface DialectContext {
  options: ProviderFactoryOptions;
  source: ErrorSource;
  authHeaders(apiKey: string | undefined): Record<string, string>;
}

/** A provider for any OpenAI-compatible `/chat/completions` server (OpenAI, Groq, DeepSeek, Ollama, LM Studio, gateways). */
export function createOpenAiCompatibleProvider(options: ProviderFactoryOptions): ChatProvider {
  return createOpenAiStyleProvider(options, plainDialect);
}

const plainDialect: OpenAiDialect = {
  chatHeaders: () => ({}),
  chatBody: () => ({}),
  async listModels(context, signal) {
    const { options, source } = context;
    const apiKey = await requireApiKey(options.descriptor, options.getApiKey);
    const body = await getJson(options.transport, source, joinUrl(options.descriptor.baseUrl, 'models'), context.authHeaders(apiKey), signal);
    return parseOpenAiModels(body, options.descriptor.id, options.descriptor.local === true);
  },
  async checkKey(context, apiKey, signal) {
    const { options, source } = context;
    const body = await getJson(options.transport, source, joinUrl(options.descriptor.baseUrl, 'models'), context.authHeaders(apiKey), signal);
    const models = isRecord(body) && Array.isArray(body.data) ? body.data.length : undefined;
    return { ok: true, summary: `${source.label} accepted the key${models !== undefined ? `; ${models} models available` : ''}.` };
  },
};

/** The shared implementation behind the OpenAI-compatible and OpenRouter factories. */
export function createOpenAiStyleProvider(options: ProviderFactoryOptions, dialect: OpenAiDialect): ChatProvider {
  const descriptor = options.descriptor;
  const source: ErrorSource = { id: descriptor.id, label: descriptor.label };
  const authHeaders = (apiKey: string | undefined): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});
  const context: DialectContext = { options, source, authHeaders };

  function buildBody(request: ChatRequest): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: request.model,
      messages: request.messages.map(openAiMessage),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (request.maxTokens !== undefined) {
      body[descriptor.maxTokensField ?? 'max_tokens'] = request.maxTokens;
    }
    if (request.temperature !== undefined) {
      body.temperature = request.temperature;
    }
    return { ...body, ...openAiToolFields(request), ...dialect.chatBody(request) };
  }

  async function* run(request: ChatRequest): AsyncGenerator<ChatStreamPart, void, undefined> {
    const apiKey = await requireApiKey(descriptor, options.getApiKey);
    // disposed in the finally of the body loop below (no extra generator layer on the hot path)
    const grace = new EndOfStreamGrace(request.signal);
    let response: HttpResponse;
    try {
      response = await sendRequest(options.transport, source, {
        url: joinUrl(descriptor.baseUrl, 'chat/completions'),
        method: 'POST',
        headers: { accept: 'text/event-stream', ...authHeaders(apiKey), ...dialect.chatHeaders() },
        body: buildBody(request),
        signal: grace.signal,
        maxTokens: request.maxTokens,
      });
    } catch (error) {
      grace.dispose();
      throw error;
    }
    const metadata: { id?: string; model?: string; upstreamProvider?: string; sent: boolean } = { id: response.headers['x-generation-id'], sent: false };
    let finishRaw: string | undefined;
    let done = false;
    let sawChunk = false;
    let queuedSent = false;
    const parts = new PartBuffer();
    const toolCalls = new ToolCallAssembler();
    let stopped = false;
    try {
      batches: for await (const batch of decodeServerSentEventBatches(response.body)) {
        for (const item of batch) {
          if (done) {
            // Read to the end of the body instead of breaking: a fully read body keeps its socket for the next request.
            // A body that goes on after [DONE] is cut (grace): the reply is complete either way.
            if (grace.readAfterEnd(item.type === 'comment' ? item.text.length : item.data.length)) break batches;
            continue;
          }
          if (item.type === 'comment') {
            if (!queuedSent && !sawChunk && dialect.isQueuedComment?.(item.text)) {
              queuedSent = true;
              parts.push({ type: 'queued' });
            }
            continue;
          }
          const data = item.data.trim();
          if (data === '') {
            continue;
          }
          if (data === '[DONE]') {
            done = true;
            grace.ended();
            continue;
          }
          const chunk = parseJson(data);
          if (!isRecord(chunk)) {
            parts.push({ type: 'error', error: malformedChunkError(source, data) });
            stopped = true;
            break;
          }
          sawChunk = true;
          if (!metadata.sent && (typeof chunk.id === 'string' || typeof chunk.model === 'string')) {
            metadata.sent = true;
            parts.push({
              type: 'response-metadata',
              id: typeof chunk.id === 'string' && chunk.id !== '' ? chunk.id : metadata.id,
              model: typeof chunk.model === 'string' ? chunk.model : undefined,
              upstreamProvider: typeof chunk.provider === 'string' ? chunk.provider : undefined,
            });
          }
          const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : undefined;
          const delta = choice && isRecord(choice.delta) ? choice.delta : undefined;
          if (delta) {
            const reasoning = readReasoning(delta);
            if (reasoning) {
              parts.pushDelta('reasoning-delta', reasoning);
            }
            const content = delta.content;
            if (typeof content === 'string') {
              parts.pushDelta('text-delta', content);
            }
            if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) {
              parts.markToolCall();
              readToolCallDeltas(delta.tool_calls, toolCalls);
            }
          }
          if (isRecord(chunk.usage)) {
            parts.push({ type: 'usage', usage: readUsage(chunk.usage) });
          }
          if (chunk.error !== undefined && chunk.error !== null) {
            parts.push({ type: 'error', error: errorFromStreamPayload(chunk, source) });
            stopped = true;
            break;
          }
          if (choice && typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
            finishRaw = choice.finish_reason;
            if (mapFinishReason(finishRaw) === 'error') {
              parts.push({ type: 'error', error: errorFromFinishReason(finishRaw, source) });
              stopped = true;
              break;
            }
          }
        }
        // One read's parts leave together, consecutive deltas merged: one async step per read, not per token.
        for (const part of parts.drain()) {
          yield part;
        }
        if (stopped) {
          return;
        }
      }
    } catch (error) {
      // aborted by the grace after [DONE]: the reply had ended; anything else is a real failure
      if (!grace.cutAfterEnd) throw error;
    } finally {
      grace.dispose();
    }
    for (const call of toolCalls.takeAll()) yield { type: 'tool-call', call };
    yield withToolCallsFinish(closingPart(source, { sawContent: parts.sawContent, sawEndMarker: done, rawReason: finishRaw }), toolCalls.completed > 0);
  }

  return {
    descriptor,
    stream: (request) => guardStream(source, () => run(request)),
    listModels: (signal) => dialect.listModels(context, signal),
    checkKey: (apiKey, signal) => dialect.checkKey(context, apiKey.trim(), signal),
  };
}

/** `delta.tool_calls[]`: each item is one call's piece, keyed by `index` (parallel calls interleave). */
function readToolCallDeltas(deltas: unknown[], toolCalls: ToolCallAssembler): void {
  for (const [position, item] of deltas.entries()) {
    if (!isRecord(item)) continue;
    const fn = isRecord(item.function) ? item.function : {};
    toolCalls.add(typeof item.index === 'number' ? item.index : position, item.id, fn.name, fn.arguments);
  }
}

/** OpenRouter `reasoning`, DeepSeek/Ollama/vLLM `reasoning_content`, else the text of `reasoning_details`. */
function readReasoning(delta: Record<string, unknown>): string | undefined {
  for (const key of ['reasoning', 'reasoning_content']) {
    const value = delta[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  if (Array.isArray(delta.reasoning_details)) {
    // Only when `reasoning` is absent: OpenRouter sends the same text in both.
    let text = '';
    for (const detail of delta.reasoning_details) {
      if (isRecord(detail) && (detail.type === 'reasoning.text' || detail.type === 'reasoning.summary')) {
        const value = detail.type === 'reasoning.text' ? detail.text : detail.summary;
        if (typeof value === 'string') {
          text += value;
        }
      }
    }
    return text === '' ? undefined : text;
  }
  return undefined;
}

/**
 * OpenAI `usage` -> Usage (undefined = not reported). A `cost` in USD (OpenRouter, and gateways or replays that
 * pass OpenRouter's usage through) is the billed charge; with the user's own upstream key (`is_byok`) the
 * upstream's `cost_details.upstream_inference_cost` is added to it. OpenAI itself sends no cost.
 */
function readUsage(raw: Record<string, unknown>): Usage {
  const usage: Usage = {};
  const input = count(raw.prompt_tokens);
  const output = count(raw.completion_tokens);
  if (input !== undefined) {
    usage.inputTokens = input;
  }
  if (output !== undefined) {
    usage.outputTokens = output;
  }
  const promptDetails = isRecord(raw.prompt_tokens_details) ? raw.prompt_tokens_details : undefined;
  const cached = promptDetails ? count(promptDetails.cached_tokens) : undefined;
  if (cached !== undefined) {
    usage.cachedInputTokens = cached;
  }
  const cacheWrite = promptDetails ? count(promptDetails.cache_write_tokens) : undefined;
  if (cacheWrite !== undefined) {
    usage.cacheWriteTokens = cacheWrite;
  }
  const completionDetails = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : undefined;
  const reasoning = completionDetails ? count(completionDetails.reasoning_tokens) : undefined;
  if (reasoning !== undefined) {
    usage.reasoningTokens = reasoning;
  }
  const cost = count(raw.cost);
  if (cost !== undefined) {
    let usd = cost;
    if (raw.is_byok === true && isRecord(raw.cost_details)) {
      usd += count(raw.cost_details.upstream_inference_cost) ?? 0;
    }
    // toPrecision first: 0.0001025 * 1e6 is 102.49999999999999 in floating point, and the charge is 102.5 micro-USD.
    usage.billedMicroUsd = Math.round(Number((usd * 1_000_000).toPrecision(12)));
  }
  return usage;
}

/** `GET {base}/models` of an OpenAI-compatible server -> ModelInfo (no prices: unknown, or 0 for local servers). */
export function parseOpenAiModels(body: unknown, providerId: string, local: boolean): ModelInfo[] {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : Array.isArray(body) ? body : [];
  const models: ModelInfo[] = [];
  for (const entry of data) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') {
      continue;
    }
    const contextLength = count(entry.context_length) ?? count(entry.max_model_len) ?? count(entry.context_window);
    // A gateway that publishes OpenRouter-style prices is priced by them; a local server is free; else unpriced.
    const pricing = local ? { prompt: 0, completion: 0 } : parseOpenRouterPricing(entry.pricing);
    models.push({
      id: `${providerId}:${entry.id}`,
      provider: providerId,
      modelId: entry.id,
      name: entry.id,
      contextLength: contextLength && contextLength > 0 ? contextLength : undefined,
      inputModalities: ['text'],
      outputModalities: ['text'],
      capabilities: { tools: false, reasoning: false },
      pricing,
      isFree: pricing.prompt === 0 && pricing.completion === 0,
      created: count(entry.created) || undefined,
    });
  }
  return models;
}
