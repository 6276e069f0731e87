// OpenRouter wire (`/openrouter/api/v1`): OpenAI-style SSE with `: OPENROUTER PROCESSING` comments and usage.cost,
// the real model catalog (GET /key and /generation: openRouterAccount.ts).
import type { FaultName } from './faults';
import { openAiChatModel, openAiChunks, openAiMalformedEvent } from './openAiCompatible';
import { jsonBytes, readRecording, type ProviderWire } from './wire';

/** OpenRouter model id -> the recording made with that model. */
const RECORDED_MODELS: Record<string, string> = {
  'openai/gpt-4o': 'openrouter-chat-stream-usage.sse',
  'anthropic/claude-haiku-4.5': 'openrouter-chat-stream-claude-haiku.sse',
  'anthropic/claude-sonnet-4.5': 'openrouter-chat-stream-reasoning-claude.sse',
  'openai/gpt-4.1-mini': 'openrouter-chat-stream-tool-call.sse',
};

/** The real 321-model catalog (2025-05-23). */
export function openRouterCatalog(): { data: Array<Record<string, unknown>> } {
  return JSON.parse(readRecording('openrouter-models-2025-05-23.json').toString('utf8')) as { data: Array<Record<string, unknown>> };
}

let modelsCache: unknown;

export const openRouterWire: ProviderWire = {
  format: 'openrouter',
  prefix: '/openrouter/api/v1',
  chatModel: openAiChatModel,
  recordingFor: (model) => RECORDED_MODELS[model] ?? 'openrouter-chat-stream-usage.sse',
  faultBaseRecording: 'openrouter-chat-stream-usage.sse',
  modelsBody(extraIds) {
    modelsCache ??= {
      data: [...openRouterCatalog().data, ...extraIds.map((id) => ({
        id,
        name: `Fixture: ${id}`,
        created: 1754441342,
        description: `Fixture server model: ${id} (see test/support/fixtureServer/faults.ts).`,
        context_length: 128000,
        architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
        pricing: { prompt: '0.0000025', completion: '0.00001', request: '0', image: '0', web_search: '0', internal_reasoning: '0' },
        top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: false },
        per_request_limits: null,
        supported_parameters: ['max_tokens', 'temperature'],
      }))],
    };
    return modelsCache;
  },
  errorResponse(fault: FaultName, status: number) {
    switch (fault) {
      case 'fault/401': return { status, body: readRecording('openrouter-error-401-missing-auth-header.json') };
      case 'fault/429': return { status, body: readRecording('openrouter-error-429-provider-rate-limited.json') };
      case 'fault/context-length': return { status, body: readRecording('openrouter-error-400-context-length.json') };
      case 'fault/provider-error': return { status, body: readRecording('openrouter-error-400-provider-returned-error.json') };
      // SYNTHETIC (wording from OpenRouter's docs; no recording exists)
      case 'fault/402': return { status, body: jsonBytes({ error: { message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', code: 402 } }) };
      case 'fault/403': return { status, body: jsonBytes({ error: { code: 403, message: 'Input was flagged by moderation', metadata: { reasons: ['harassment'], flagged_input: 'an example...', provider_name: 'OpenAI', model_slug: 'openai/gpt-4o' } } }) };
      case 'fault/408': return { status, body: jsonBytes({ error: { code: 408, message: 'Request timed out' } }) };
      case 'fault/500': return { status, body: jsonBytes({ error: { code: 500, message: 'Internal Server Error' } }) };
      case 'fault/502': return { status, body: jsonBytes({ error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Fireworks', raw: 'upstream connect error' } } }) };
      default: return { status, body: jsonBytes({ error: { code: 503, message: 'No available model provider that meets your routing requirements' } }) };
    }
  },
  // The real recording (minimax-m2:free: reasoning, then an error chunk with usage inside the 200 stream).
  midstreamErrorBody: () => readRecording('openrouter-chat-stream-midstream-error.sse'),
  generatedStream: (texts, model, complete = true) => openAiChunks(texts, model, complete, true),
  separator: '\n\n',
  malformedEvent: openAiMalformedEvent,
};
