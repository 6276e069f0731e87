import type { ChatStreamPart } from '../streamParts';
import { emptyReplyError, streamEndedEarlyError, type ErrorSource } from '../errors/httpErrors';
import { mapFinishReason } from './finishReason';

/** What a provider saw of a stream whose body ended without an error part. */
export interface StreamEnding {
  /** text, reasoning or a tool call arrived (metadata, usage and empty deltas are not content) */
  sawContent: boolean;
  /** the wire format's end marker arrived (`[DONE]`, `message_stop`); Gemini has none: end of body is the end */
  sawEndMarker: boolean;
  /** the provider's own finish reason, if one arrived */
  rawReason?: string;
}

/**
 * The one last part of such a stream, the same for every provider: an empty reply and a body that stopped before
 * both a finish reason and an end marker are errors, never empty successes.
 */
export function closingPart(source: ErrorSource, ending: StreamEnding): ChatStreamPart {
  if (!ending.sawContent) return { type: 'error', error: emptyReplyError(source) };
  if (ending.rawReason === undefined) {
    return ending.sawEndMarker ? { type: 'finish', reason: 'other' } : { type: 'error', error: streamEndedEarlyError(source) };
  }
  return { type: 'finish', reason: mapFinishReason(ending.rawReason), rawReason: ending.rawReason };
}
