import type { ChatStreamPart, Usage } from '../streamParts';
import type { ModelInfo } from '../catalog/modelInfo';
import { decodeServerSentEventBatches } from '../sse/serverSentEvents';
import { errorFromStreamPayload, malformedChunkError, type ErrorSource } from '../errors/httpErrors';
import type { ChatProvider, ChatRequest } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { closingPart } from './closingPart';
import { anthropicMessages, anthropicToolFields } from './anthropicRequest';
import { ToolCallAssembler, withToolCallsFinish } from './toolCalls';
import { EndOfStreamGrace } from './endOfStreamGrace';
import type { HttpResponse } from '../transport/transport';
import { count, getJson, guardStream, isRecord, joinUrl, parseJson, PartBuffer, requireApiKey, sendRequest } from './providerHttp';

/** Anthropic requires max_tokens; used when the request names none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic Messages API (`POST {base}/messages`, named SSE events). */
export function createAnthropicProvider(options: ProviderFactoryOptions): ChatProvider {
  const descriptor = options.descriptor;
  const source: ErrorSource = { id: descriptor.id, label: descriptor.label };
  const headersFor = (apiKey: string | undefined): Record<string, string> => ({
    ...(apiKey ? { 'x-api-key': apiKey } : {}),
    'anthropic-version': ANTHROPIC_VERSION,
  });

  function buildBody(request: ChatRequest): Record<string, unknown> {
    const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n\n');
    const body: Record<string, unknown> = {
      model: request.model,
      max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
      messages: anthropicMessages(request.messages),
      stream: true,
      ...anthropicToolFields(request),
    };
    if (system !== '') {
      body.system = system;
    }
    if (request.temperature !== undefined) {
      body.temperature = request.temperature;
    }
    return body;
  }

  async function* run(request: ChatRequest): AsyncGenerator<ChatStreamPart, void, undefined> {
    const apiKey = await requireApiKey(descriptor, options.getApiKey);
    // disposed in the finally of the body loop below (no extra generator layer on the hot path)
    const grace = new EndOfStreamGrace(request.signal);
    let response: HttpResponse;
    try {
      response = await sendRequest(options.transport, source, {
        url: joinUrl(descriptor.baseUrl, 'messages'),
        method: 'POST',
        headers: { accept: 'text/event-stream', ...headersFor(apiKey) },
        body: buildBody(request),
        signal: grace.signal,
        maxTokens: request.maxTokens,
      });
    } catch (error) {
      grace.dispose();
      throw error;
    }
    const usage: Usage = {};
    let stopReason: string | undefined;
    let stopped = false;
    const parts = new PartBuffer();
    const toolCalls = new ToolCallAssembler();
    /** an error part is in `parts` */
    let failed = false;
    try {
      batches: for await (const batch of decodeServerSentEventBatches(response.body)) {
        items: for (const item of batch) {
          if (item.type === 'comment' || stopped) {
            // After message_stop, read to the end of the body instead of breaking: it keeps the socket alive.
            // A body that goes on after message_stop is cut (grace): the reply is complete either way.
            if (stopped && grace.readAfterEnd(item.type === 'comment' ? item.text.length : item.data.length)) break batches;
            continue;
          }
          const payload = parseJson(item.data);
          if (!isRecord(payload)) {
            if (item.data.trim() === '') {
              continue;
            }
            parts.push({ type: 'error', error: malformedChunkError(source, item.data) });
            failed = true;
            break items;
          }
          const type = typeof payload.type === 'string' ? payload.type : item.event;
          switch (type) {
            case 'message_start': {
              const message = isRecord(payload.message) ? payload.message : {};
              parts.push({
                type: 'response-metadata',
                id: typeof message.id === 'string' ? message.id : undefined,
                model: typeof message.model === 'string' ? message.model : undefined,
              });
              if (isRecord(message.usage)) {
                assignUsage(usage, message.usage);
                parts.push({ type: 'usage', usage: { ...usage } });
              }
              break;
            }
            case 'content_block_start': {
              const block = isRecord(payload.content_block) ? payload.content_block : {};
              if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
                parts.push({ type: 'text-delta', text: block.text });
              } else if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking !== '') {
                parts.push({ type: 'reasoning-delta', text: block.thinking });
              } else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
                parts.markToolCall();
                // server tools (`server_tool_use`) run at Anthropic: only the caller's own tools are calls
                if (block.type === 'tool_use' && typeof payload.index === 'number') toolCalls.add(payload.index, block.id, block.name, undefined);
              }
              break;
            }
            case 'content_block_delta': {
              const delta = isRecord(payload.delta) ? payload.delta : {};
              if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
                parts.push({ type: 'text-delta', text: delta.text });
              } else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string' && delta.thinking !== '') {
                parts.push({ type: 'reasoning-delta', text: delta.thinking });
              } else if (delta.type === 'input_json_delta' && typeof payload.index === 'number' && toolCalls.has(payload.index)) {
                toolCalls.add(payload.index, undefined, undefined, delta.partial_json);
              }
              break;
            }
            case 'content_block_stop': {
              const call = typeof payload.index === 'number' ? toolCalls.take(payload.index) : undefined;
              if (call) parts.push({ type: 'tool-call', call });
              break;
            }
            case 'message_delta': {
              const delta = isRecord(payload.delta) ? payload.delta : {};
              if (typeof delta.stop_reason === 'string') {
                stopReason = delta.stop_reason;
              }
              if (isRecord(payload.usage)) {
                // Cumulative counts: assign, never add.
                assignUsage(usage, payload.usage);
                parts.push({ type: 'usage', usage: { ...usage } });
              }
              break;
            }
            case 'message_stop':
              stopped = true;
              grace.ended();
              break;
            case 'error':
              parts.push({ type: 'error', error: errorFromStreamPayload(payload, source) });
              failed = true;
              break items;
            default:
              // ping, signature deltas and event types added later are ignored.
              break;
          }
        }
        // One read's parts leave together, consecutive deltas merged: one async step per read, not per token.
        for (const part of parts.drain()) {
          yield part;
        }
        if (failed) {
          return;
        }
      }
    } catch (error) {
      // aborted by the grace after message_stop: the reply had ended; anything else is a real failure
      if (!grace.cutAfterEnd) throw error;
    } finally {
      grace.dispose();
    }
    yield withToolCallsFinish(closingPart(source, { sawContent: parts.sawContent, sawEndMarker: stopped, rawReason: stopReason }), toolCalls.completed > 0);
  }

  return {
    descriptor,
    stream: (request) => guardStream(source, () => run(request)),
    async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
      const apiKey = await requireApiKey(descriptor, options.getApiKey);
      const body = await getJson(options.transport, source, joinUrl(descriptor.baseUrl, 'models?limit=1000'), headersFor(apiKey), signal);
      return parseAnthropicModels(body, descriptor.id);
    },
    async checkKey(apiKey, signal) {
      const body = await getJson(options.transport, source, joinUrl(descriptor.baseUrl, 'models?limit=1'), headersFor(apiKey.trim()), signal);
      void body;
      return { ok: true, summary: `${descriptor.label} accepted the key.` };
    },
  };
}

/** Anthropic usage fields -> Usage; input counts cache reads and writes, as Usage.inputTokens says. */
function assignUsage(usage: Usage, raw: Record<string, unknown>): void {
  const input = count(raw.input_tokens);
  const cacheRead = count(raw.cache_read_input_tokens);
  const cacheWrite = count(raw.cache_creation_input_tokens);
  if (input !== undefined) {
    usage.inputTokens = input + (cacheRead ?? 0) + (cacheWrite ?? 0);
  }
  if (cacheRead !== undefined) {
    usage.cachedInputTokens = cacheRead;
  }
  if (cacheWrite !== undefined) {
    usage.cacheWriteTokens = cacheWrite;
  }
  const output = count(raw.output_tokens);
  if (output !== undefined) {
    usage.outputTokens = output;
  }
}

/** `GET /v1/models` -> ModelInfo (Anthropic publishes no prices here: unknown). */
export function parseAnthropicModels(body: unknown, providerId: string): ModelInfo[] {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
  const models: ModelInfo[] = [];
  for (const entry of data) {
    if (!isRecord(entry) || typeof entry.id !== 'string') {
      continue;
    }
    const created = typeof entry.created_at === 'string' ? Date.parse(entry.created_at) : NaN;
    models.push({
      id: `${providerId}:${entry.id}`,
      provider: providerId,
      modelId: entry.id,
      name: typeof entry.display_name === 'string' ? entry.display_name : entry.id,
      contextLength: count(entry.max_input_tokens) || undefined,
      maxOutputTokens: count(entry.max_tokens) || undefined,
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      capabilities: { tools: true, reasoning: false },
      pricing: {},
      isFree: false,
      created: Number.isNaN(created) ? undefined : Math.floor(created / 1000),
    });
  }
  return models;
}
