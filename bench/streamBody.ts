/**
 * OpenRouter-shaped SSE bodies for the bench, modelled on the real recording
 * `openrouter-chat-stream-usage.sse` (same fields, same order): a `: OPENROUTER PROCESSING` comment, a role chunk
 * with empty content, one chunk per token, a finish chunk, a usage chunk with `cost`, then `data: [DONE]`.
 */

/** Tokens cycled through the content deltas; one has a multi-byte character so UTF-8 decoding is exercised. */
const tokens = ['Peb', 'bles', ' and', ' Sk', 'ipper', '.', ' The', ' caf\u00e9', ' is', ' open', '\n'];

/** Generation id shared by every chunk of one body. */
const generationId = 'gen-1754441342-hIkMo7SMi0ZecQw3oR4d';

function chunkLine(content: string, finishReason: string | null): string {
  const chunk = {
    id: generationId,
    provider: 'OpenAI',
    model: 'openai/gpt-4o',
    object: 'chat.completion.chunk',
    created: 1754441342,
    choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finishReason, native_finish_reason: finishReason, logprobs: null }],
    system_fingerprint: 'fp_07871e2ad8',
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function usageLine(completionTokens: number): string {
  const chunk = {
    id: generationId,
    provider: 'OpenAI',
    model: 'openai/gpt-4o',
    object: 'chat.completion.chunk',
    created: 1754441342,
    choices: [],
    usage: {
      prompt_tokens: 17,
      completion_tokens: completionTokens,
      total_tokens: 17 + completionTokens,
      cost: 0.0001025,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      cost_details: { upstream_inference_cost: null },
      completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0 },
    },
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The token of content chunk number `index` (0-based). */
export function tokenAt(index: number): string {
  return tokens[index % tokens.length]!;
}

/** Total UTF-16 length of the text carried by `count` content chunks: what a client must have collected. */
export function expectedTextLength(count: number): number {
  let length = 0;
  for (let index = 0; index < count; index++) length += tokenAt(index).length;
  return length;
}

/** The lines of one stream carrying `count` content chunks, as separate strings (so they can be paced). */
export function streamLines(count: number): { head: string[]; content: string[]; tail: string[] } {
  const head = [': OPENROUTER PROCESSING\n\n', chunkLine('', null)];
  const content: string[] = [];
  for (let index = 0; index < count; index++) content.push(chunkLine(tokenAt(index), null));
  const tail = [chunkLine('', 'stop'), usageLine(count), 'data: [DONE]\n\n'];
  return { head, content, tail };
}

/** One whole body as bytes. */
export function streamBody(count: number): Buffer {
  const { head, content, tail } = streamLines(count);
  return Buffer.from(head.join('') + content.join('') + tail.join(''), 'utf8');
}
