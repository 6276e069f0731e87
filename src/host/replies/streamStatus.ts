/**
 * Turns the engine's `retrying` and `fallback` stream parts into the status a streaming reply shows
 * (chat message or compare column). No vscode import.
 */
import type { ChatStreamPart, SwitchboardError } from '../../core/index';
import type { StreamStatus } from '../../shared/webview/protocol';

/** The status for an engine part, or undefined for every other part. `nowEpochMs` anchors the countdown. */
export function streamStatusOf(part: ChatStreamPart, nowEpochMs: number, modelName: (model: string) => string = (model) => model): StreamStatus | undefined {
  switch (part.type) {
    case 'retrying':
      return {
        kind: 'retrying',
        message: briefReason(part.error),
        untilEpochMs: nowEpochMs + part.delayMs,
        attempt: part.attempt,
        maxAttempts: part.maxAttempts,
      };
    case 'fallback':
      return { kind: 'fallback', message: `fell back from ${modelName(part.from)} to ${modelName(part.to)}: ${briefReason(part.error)}` };
    default:
      return undefined;
  }
}

/**
 * The first clause of an error's message, "OpenRouter: rate limited; retry in 12 s." -> "OpenRouter rate limited":
 * what happened, without the advice (the status line says what happens next).
 */
export function briefReason(error: SwitchboardError): string {
  const first = error.message.split(/;\s|\.\s|\.$/)[0]!.trim();
  return first.replace(/^([^:]{1,40}):\s/, '$1 ') || error.code;
}
