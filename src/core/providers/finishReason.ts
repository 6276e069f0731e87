import type { FinishReason } from '../streamParts';

/** Every provider's finish word -> FinishReason (OpenAI, OpenRouter, Anthropic, Gemini). Unknown -> 'other'. */
export function mapFinishReason(rawReason: string): FinishReason {
  switch (rawReason.toLowerCase()) {
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
    case 'eos':
    case 'finish_reason_unspecified':
      return 'stop';
    case 'length':
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_calls':
    case 'tool_use':
    case 'function_call':
    case 'pause_turn':
      return 'tool-calls';
    case 'content_filter':
    case 'safety':
    case 'recitation':
    case 'blocklist':
    case 'prohibited_content':
    case 'spii':
    case 'image_safety':
    case 'refusal':
      return 'content-filter';
    case 'error':
    case 'malformed_function_call':
      return 'error';
    default:
      return 'other';
  }
}
