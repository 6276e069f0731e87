import type { ChatStreamPart } from '../../src/core/streamParts';
import type { SwitchboardError } from '../../src/core/errors/switchboardError';

/** What a provider stream produced, gathered for assertions. */
export interface CollectedStream {
  parts: ChatStreamPart[];
  /** text-deltas joined: the partial text a caller keeps on error */
  text: string;
  reasoning: string;
  finish?: Extract<ChatStreamPart, { type: 'finish' }>;
  error?: SwitchboardError;
  /** the last usage part merged field by field over earlier ones */
  usage: Extract<ChatStreamPart, { type: 'usage' }>['usage'];
  metadata?: Extract<ChatStreamPart, { type: 'response-metadata' }>;
  queued: boolean;
  /** the parts with consecutive deltas of one type merged: the same whatever the network reads were */
  merged: ChatStreamPart[];
}

export async function collectStream(stream: AsyncIterable<ChatStreamPart>): Promise<CollectedStream> {
  const collected: CollectedStream = { parts: [], text: '', reasoning: '', usage: {}, queued: false, merged: [] };
  for await (const part of stream) {
    collected.parts.push(part);
    switch (part.type) {
      case 'text-delta': collected.text += part.text; break;
      case 'reasoning-delta': collected.reasoning += part.text; break;
      case 'usage': collected.usage = { ...collected.usage, ...part.usage }; break;
      case 'finish': collected.finish = part; break;
      case 'error': collected.error = part.error; break;
      case 'response-metadata': collected.metadata ??= part; break;
      case 'queued': collected.queued = true; break;
    }
  }
  collected.merged = mergeDeltas(collected.parts);
  return collected;
}

/** Merges consecutive text (or reasoning) deltas, so streams read in different pieces compare equal. */
export function mergeDeltas(parts: ChatStreamPart[]): ChatStreamPart[] {
  const merged: ChatStreamPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.type === part.type && (part.type === 'text-delta' || part.type === 'reasoning-delta')) {
      merged[merged.length - 1] = { type: part.type, text: (last as { text: string }).text + part.text };
    } else {
      merged.push(part);
    }
  }
  return merged;
}

/** Bytes as an async iterable, one Uint8Array per piece. */
export async function* bytesOf(pieces: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) {
    yield typeof piece === 'string' ? new TextEncoder().encode(piece) : piece;
  }
}
