import type { ChatStreamPart, Usage } from '../streamParts';
import type { ModelInfo } from '../catalog/modelInfo';
import { decodeServerSentEventBatches } from '../sse/serverSentEvents';
import { errorFromStreamPayload, malformedChunkError, type ErrorSource } from '../errors/httpErrors';
import type { ChatProvider, ChatRequest } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { closingPart } from './closingPart';
import { geminiContents, geminiToolFields } from './geminiRequest';
import { withToolCallsFinish } from './toolCalls';
import { count, getJson, guardStream, isRecord, joinUrl, parseJson, PartBuffer, requireApiKey, sendRequest } from './providerHttp';

/** Google Gemini (`{base}/models/{model}:streamGenerateContent?alt=sse`, CRLF framing, end of body = end). */
export function createGeminiProvider(options: ProviderFactoryOptions): ChatProvider {
  const descriptor = options.descriptor;
  const source: ErrorSource = { id: descriptor.id, label: descriptor.label };
  const headersFor = (apiKey: string | undefined): Record<string, string> => (apiKey ? { 'x-goog-api-key': apiKey } : {});

  function buildBody(request: ChatRequest): Record<string, unknown> {
    const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n\n');
    const body: Record<string, unknown> = {
      contents: geminiContents(request.messages),
      ...geminiToolFields(request),
    };
    if (system !== '') {
      body.systemInstruction = { parts: [{ text: system }] };
    }
    const generationConfig: Record<string, unknown> = {};
    if (request.maxTokens !== undefined) {
      generationConfig.maxOutputTokens = request.maxTokens;
    }
    if (request.temperature !== undefined) {
      generationConfig.temperature = request.temperature;
    }
    if (Object.keys(generationConfig).length > 0) {
      body.generationConfig = generationConfig;
    }
    return body;
  }

  async function* run(request: ChatRequest): AsyncGenerator<ChatStreamPart, void, undefined> {
    const apiKey = await requireApiKey(descriptor, options.getApiKey);
    const model = request.model.replace(/^models\//, '');
    const response = await sendRequest(options.transport, source, {
      url: joinUrl(descriptor.baseUrl, `models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`),
      method: 'POST',
      headers: { accept: 'text/event-stream', ...headersFor(apiKey) },
      body: buildBody(request),
      signal: request.signal,
      maxTokens: request.maxTokens,
    });
    let finishRaw: string | undefined;
    let metadataSent = false;
    let toolCallCount = 0;
    /** Gemini names no call ids: ids unique across the conversation */
    const callIdPrefix = `call_${Math.random().toString(36).slice(2, 10)}_`;
    const parts = new PartBuffer();
    /** a final part (error, or finish for a blocked prompt) is in `parts` */
    let ended = false;
    for await (const batch of decodeServerSentEventBatches(response.body)) {
      items: for (const item of batch) {
        if (item.type === 'comment' || item.data.trim() === '') {
          continue;
        }
        const payload = parseJson(item.data);
        if (!isRecord(payload)) {
          parts.push({ type: 'error', error: malformedChunkError(source, item.data) });
          ended = true;
          break items;
        }
        if (payload.error !== undefined) {
          parts.push({ type: 'error', error: errorFromStreamPayload(payload, source) });
          ended = true;
          break items;
        }
        if (!metadataSent) {
          metadataSent = true;
          parts.push({
            type: 'response-metadata',
            id: typeof payload.responseId === 'string' ? payload.responseId : undefined,
            model: typeof payload.modelVersion === 'string' ? payload.modelVersion : undefined,
          });
        }
        const candidate = Array.isArray(payload.candidates) && isRecord(payload.candidates[0]) ? payload.candidates[0] : undefined;
        const content = candidate && isRecord(candidate.content) ? candidate.content : undefined;
        if (content && Array.isArray(content.parts)) {
          for (const part of content.parts) {
            if (!isRecord(part)) continue;
            if (typeof part.text === 'string') {
              parts.pushDelta(part.thought === true ? 'reasoning-delta' : 'text-delta', part.text);
            } else if (isRecord(part.functionCall)) {
              parts.markToolCall();
              // Gemini sends each call whole, never in pieces
              const call = part.functionCall;
              parts.push({
                type: 'tool-call',
                call: {
                  id: typeof call.id === 'string' && call.id !== '' ? call.id : `${callIdPrefix}${toolCallCount}`,
                  name: typeof call.name === 'string' ? call.name : '',
                  arguments: JSON.stringify(isRecord(call.args) ? call.args : {}),
                  ...(typeof part.thoughtSignature === 'string' ? { signature: part.thoughtSignature } : {}),
                },
              });
              toolCallCount++;
            }
          }
        }
        if (isRecord(payload.usageMetadata)) {
          parts.push({ type: 'usage', usage: readUsage(payload.usageMetadata) });
        }
        if (candidate && typeof candidate.finishReason === 'string') {
          finishRaw = candidate.finishReason;
        }
        const feedback = isRecord(payload.promptFeedback) ? payload.promptFeedback : undefined;
        if (feedback && typeof feedback.blockReason === 'string') {
          parts.push({ type: 'finish', reason: 'content-filter', rawReason: feedback.blockReason });
          ended = true;
          break items;
        }
      }
      // One read's parts leave together, consecutive deltas merged: one async step per read, not per token.
      for (const part of parts.drain()) {
        yield part;
      }
      if (ended) {
        return;
      }
    }
    yield withToolCallsFinish(closingPart(source, { sawContent: parts.sawContent, sawEndMarker: false, rawReason: finishRaw }), toolCallCount > 0);
  }

  return {
    descriptor,
    stream: (request) => guardStream(source, () => run(request)),
    async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
      const apiKey = await requireApiKey(descriptor, options.getApiKey);
      const body = await getJson(options.transport, source, joinUrl(descriptor.baseUrl, 'models?pageSize=1000'), headersFor(apiKey), signal);
      return parseGeminiModels(body, descriptor.id);
    },
    async checkKey(apiKey, signal) {
      await getJson(options.transport, source, joinUrl(descriptor.baseUrl, 'models?pageSize=1'), headersFor(apiKey.trim()), signal);
      return { ok: true, summary: `${descriptor.label} accepted the key.` };
    },
  };
}

/** usageMetadata -> Usage; output counts thoughts, as Usage.outputTokens says. */
function readUsage(raw: Record<string, unknown>): Usage {
  const usage: Usage = {};
  const input = count(raw.promptTokenCount);
  const candidates = count(raw.candidatesTokenCount);
  const thoughts = count(raw.thoughtsTokenCount);
  const cached = count(raw.cachedContentTokenCount);
  if (input !== undefined) {
    usage.inputTokens = input;
  }
  if (candidates !== undefined || thoughts !== undefined) {
    usage.outputTokens = (candidates ?? 0) + (thoughts ?? 0);
  }
  if (thoughts !== undefined) {
    usage.reasoningTokens = thoughts;
  }
  if (cached !== undefined) {
    usage.cachedInputTokens = cached;
  }
  return usage;
}

/** `GET /v1beta/models` -> the models that can generate content. */
export function parseGeminiModels(body: unknown, providerId: string): ModelInfo[] {
  const list = isRecord(body) && Array.isArray(body.models) ? body.models : [];
  const models: ModelInfo[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.name !== 'string') {
      continue;
    }
    const methods = Array.isArray(entry.supportedGenerationMethods) ? entry.supportedGenerationMethods : [];
    if (methods.length > 0 && !methods.includes('generateContent')) {
      continue;
    }
    const modelId = entry.name.replace(/^models\//, '');
    models.push({
      id: `${providerId}:${modelId}`,
      provider: providerId,
      modelId,
      name: typeof entry.displayName === 'string' ? entry.displayName : modelId,
      description: typeof entry.description === 'string' ? entry.description : undefined,
      contextLength: count(entry.inputTokenLimit) || undefined,
      maxOutputTokens: count(entry.outputTokenLimit) || undefined,
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      capabilities: { tools: true, reasoning: entry.thinking === true },
      pricing: {},
      isFree: false,
    });
  }
  return models;
}
