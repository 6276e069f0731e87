// What every provider module of the fixture server shares: the wire formats, the recordings on disk, and the shape
// of one provider's wire (how it names the chat model, which recording answers, its errors and generated streams).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultName } from './faults';

/** Where the recordings live (a copy of the real fixtures, with provenance). */
export const RECORDINGS_DIR = join(__dirname, '..', '..', 'fixtures', 'recordings');

export type WireFormat = 'openrouter' | 'openai' | 'anthropic' | 'gemini' | 'replay';
/** A provider's own wire format (the replay route answers in `openai`). */
export type ProviderFormat = Exclude<WireFormat, 'replay'>;

/** One provider's wire, as the fixture server speaks it. */
export interface ProviderWire {
  format: ProviderFormat;
  /** route prefix, e.g. `/anthropic/v1` */
  prefix: string;
  /** the model a chat request asks for, or undefined when `rest` (the path after the prefix) is not a chat route */
  chatModel(rest: string, json: Record<string, unknown>): string | undefined;
  /** the recording replayed for a model: the one recorded from that model, else the provider's plain text reply */
  recordingFor(model: string): string;
  /** a recording with text (and reasoning where the format has it) that stream faults cut, stall or corrupt */
  faultBaseRecording: string;
  /** GET /models: the provider's list plus `extraIds` (the fault models) */
  modelsBody(extraIds: readonly string[]): unknown;
  /** the error response of an HTTP fault, in the provider's shape */
  errorResponse(fault: FaultName, status: number): { status: number; body: Buffer };
  /** a 200 stream with an error event after a few tokens */
  midstreamErrorBody(): Buffer;
  /** a SYNTHETIC stream of `texts` as text deltas, with usage and a normal end (unless `complete` is false) */
  generatedStream(texts: string[], model: string, complete?: boolean): Buffer;
  /** event separator of the format (Gemini: CRLF) */
  separator: string;
  /** the start of an event whose JSON is cut (for `fault/malformed-json`) */
  malformedEvent: string;
}

const recordingCache = new Map<string, Buffer>();

/** The bytes of a recording (cached). */
export function readRecording(name: string): Buffer {
  let bytes = recordingCache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(RECORDINGS_DIR, name));
    recordingCache.set(name, bytes);
  }
  return bytes;
}

export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
