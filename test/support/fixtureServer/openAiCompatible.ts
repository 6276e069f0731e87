// OpenAI-compatible wire (`/openai/v1`): OpenAI's SSE chunks; also the chunk generator OpenRouter's wire reuses.
import type { FaultName } from './faults';
import { jsonBytes, readRecording, type ProviderWire } from './wire';

/** SYNTHETIC OpenAI-style chunks of `texts`, with a finish and a usage chunk (OpenRouter's usage adds its cost). */
export function openAiChunks(texts: string[], model: string, complete: boolean, openRouter: boolean): Buffer {
  const lines: string[] = [];
  const base = { id: openRouter ? 'gen-fixture-0001' : 'chatcmpl-fixture', object: 'chat.completion.chunk', created: 1754441342, model, ...(openRouter ? { provider: 'Fixture' } : {}) };
  for (const text of texts) {
    lines.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: null }] })}\n\n`);
  }
  if (complete) {
    lines.push(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }] })}\n\n`);
    const usage: Record<string, unknown> = { prompt_tokens: 12, completion_tokens: texts.length, total_tokens: 12 + texts.length };
    if (openRouter) {
      Object.assign(usage, { cost: 0.000123, is_byok: false, prompt_tokens_details: { cached_tokens: 0 }, cost_details: { upstream_inference_cost: null }, completion_tokens_details: { reasoning_tokens: 0 } });
    }
    lines.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
    lines.push('data: [DONE]\n\n');
  }
  return Buffer.from(lines.join(''));
}

export const openAiMalformedEvent = 'data: {"id":"gen-broken","choices":[{"delta":{"content":"br';

/** The chat model of an OpenAI-style `/chat/completions` body. */
export function openAiChatModel(rest: string, json: Record<string, unknown>): string | undefined {
  if (rest !== '/chat/completions') return undefined;
  return typeof json.model === 'string' ? json.model : '';
}

export const openAiCompatibleWire: ProviderWire = {
  format: 'openai',
  prefix: '/openai/v1',
  chatModel: openAiChatModel,
  recordingFor: (model) => (model.startsWith('qwen') || model.includes('ollama') ? 'ollama-openai-compat-stream-usage.sse' : 'openai-chat-stream-text-usage.sse'),
  faultBaseRecording: 'openai-chat-stream-text-usage.sse',
  modelsBody: (extraIds) => ({ object: 'list', data: ['gpt-4o-mini', 'gpt-4o', 'qwen3', ...extraIds].map((id) => ({ id, object: 'model', created: 1754441342, owned_by: 'fixture' })) }),
  errorResponse(fault: FaultName, status: number) {
    if (fault === 'fault/401') return { status, body: readRecording('openai-error-401.json') };
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
    return { status, body: jsonBytes({ error: { message, type, param: null, code } }) };
  },
  midstreamErrorBody: () => Buffer.concat([
    openAiChunks(['The', ' reply', ' starts'], 'fault/midstream-error', false, false),
    // SYNTHETIC, in OpenAI's documented error shape
    Buffer.from('data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n'),
  ]),
  generatedStream: (texts, model, complete = true) => openAiChunks(texts, model, complete, false),
  separator: '\n\n',
  malformedEvent: openAiMalformedEvent,
};
