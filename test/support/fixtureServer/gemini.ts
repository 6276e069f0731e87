// Gemini wire (`/gemini/v1beta`): streamGenerateContent?alt=sse, CRLF-separated events, the model in the path.
import type { FaultName } from './faults';
import { jsonBytes, readRecording, type ProviderWire } from './wire';

export const geminiWire: ProviderWire = {
  format: 'gemini',
  prefix: '/gemini/v1beta',
  chatModel(rest) {
    const match = /^\/models\/(.+):streamGenerateContent$/.exec(rest);
    return match ? decodeURIComponent(match[1]) : undefined;
  },
  // gemini-2.5-flash's recording, else gemini-2.0-flash-exp's
  recordingFor: (model) => (model === 'gemini-2.5-flash' ? 'gemini-2.5-flash-stream-generate-content.sse' : 'gemini-stream-generate-content.sse'),
  faultBaseRecording: 'gemini-2.5-flash-stream-generate-content.sse',
  modelsBody: (extraIds) => ({
    models: ['gemini-2.5-flash', 'gemini-2.0-flash-exp', ...extraIds].map((id) => ({
      name: `models/${id}`, displayName: id, inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'],
    })),
  }),
  errorResponse(fault: FaultName, status: number) {
    // Gemini answers a bad key with 400 API_KEY_INVALID (real recording).
    if (fault === 'fault/401') return { status: 400, body: readRecording('gemini-error-400-invalid-api-key.json') };
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
    return { status, body: jsonBytes({ error: { code: status, message, status: statusText } }) };
  },
  midstreamErrorBody: () => Buffer.concat([
    geminiWire.generatedStream(['The', ' reply', ' starts'], 'fault/midstream-error', false),
    // SYNTHETIC, in Google's documented error shape
    Buffer.from('data: {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}\r\n\r\n'),
  ]),
  generatedStream(texts, model, complete = true) {
    return Buffer.from(texts.map((text, index) => {
      const candidate: Record<string, unknown> = { content: { parts: [{ text }], role: 'model' }, index: 0 };
      if (complete && index === texts.length - 1) candidate.finishReason = 'STOP';
      return `data: ${JSON.stringify({ candidates: [candidate], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: index + 1, totalTokenCount: 13 + index }, modelVersion: model, responseId: 'fixture-response' })}\r\n\r\n`;
    }).join(''));
  },
  separator: '\r\n\r\n',
  malformedEvent: 'data: {"id":"gen-broken","choices":[{"delta":{"content":"br',
};
