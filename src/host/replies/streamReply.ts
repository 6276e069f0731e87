/**
 * One stream part applied to the reply being streamed (a chat message or a compare column) and forwarded to the
 * webview through the coalescer. No vscode import.
 */
import type { ChatStreamPart } from '../../core/index';
import type { StreamCoalescer } from './streamCoalescer';
import type { StoredMessage } from '../conversations/conversation';
import { streamStatusOf } from './streamStatus';

/** Text, reasoning, upstream queueing, retries and fallbacks; usage and finish wait for the result. */
export function applyStreamPart(reply: StoredMessage, part: ChatStreamPart, coalescer: StreamCoalescer, modelName: (model: string) => string): void {
  switch (part.type) {
    case 'text-delta':
      reply.text += part.text;
      coalescer.push({ text: part.text });
      break;
    case 'reasoning-delta':
      reply.reasoning = (reply.reasoning ?? '') + part.text;
      coalescer.push({ reasoning: part.text });
      break;
    case 'queued':
      coalescer.push({ queued: true });
      break;
    case 'retrying':
    case 'fallback':
      coalescer.push({ status: streamStatusOf(part, Date.now(), modelName) });
      break;
    case 'response-metadata':
      if (reply.meta && part.upstreamProvider) reply.meta.upstreamProvider = part.upstreamProvider;
      break;
    default:
      break;
  }
}
