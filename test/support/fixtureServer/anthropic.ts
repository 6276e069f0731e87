// Anthropic wire (`/anthropic/v1`): Messages API named events (message_start ... message_stop).
import type { FaultName } from './faults';
import { jsonBytes, readRecording, type ProviderWire } from './wire';

/** Anthropic model id -> the recording made with that model. */
const RECORDED_MODELS: Record<string, string> = {
  'claude-sonnet-4-0': 'anthropic-messages-stream-thinking.sse',
  'claude-sonnet-4-6': 'anthropic-messages-stream-tool-use.sse',
};

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const anthropicWire: ProviderWire = {
  format: 'anthropic',
  prefix: '/anthropic/v1',
  chatModel: (rest, json) => (rest === '/messages' ? (typeof json.model === 'string' ? json.model : '') : undefined),
  recordingFor: (model) => RECORDED_MODELS[model] ?? 'anthropic-messages-stream.sse',
  faultBaseRecording: 'anthropic-messages-stream-thinking.sse',
  modelsBody: (extraIds) => ({
    data: ['claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-haiku-4-5', ...extraIds].map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' })),
    has_more: false, first_id: null, last_id: null,
  }),
  errorResponse(fault: FaultName, status: number) {
    if (fault === 'fault/401') return { status, body: readRecording('anthropic-error-401.json') };
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
    return { status, body: jsonBytes({ type: 'error', error: { type, message }, request_id: 'req_fixture' }) };
  },
  midstreamErrorBody: () => Buffer.concat([
    anthropicWire.generatedStream(['The', ' reply', ' starts'], 'fault/midstream-error', false),
    // SYNTHETIC, in Anthropic's documented error event shape
    Buffer.from('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'),
  ]),
  generatedStream(texts, model, complete = true) {
    const lines = [
      event('message_start', { type: 'message_start', message: { id: 'msg_fixture', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } } }),
      event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ...texts.map((text) => event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    ];
    if (complete) {
      lines.push(event('content_block_stop', { type: 'content_block_stop', index: 0 }));
      lines.push(event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: texts.length } }));
      lines.push(event('message_stop', { type: 'message_stop' }));
    }
    return Buffer.from(lines.join(''));
  },
  separator: '\n\n',
  malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"br',
};
