// Faults are asked for explicitly, never by a real model's name: a model id that says what it does (`fault/429`,
// `fault/cut-midstream`, on any chat route, listed by every GET /models), an `x-fixture-fault` request header, or
// `server.nextFault(...)` from a test.
import type { RecordedRequest } from './index';

export const FAULT_MODELS = [
  'fault/401', 'fault/402', 'fault/403', 'fault/408', 'fault/429', 'fault/500', 'fault/502', 'fault/503',
  'fault/context-length', 'fault/provider-error', 'fault/cut-midstream', 'fault/cut-no-done',
  'fault/reset-before-headers', 'fault/stall', 'fault/malformed-json', 'fault/midstream-error', 'fault/empty-200',
  'slow/long-reply', 'big/1mb-line',
] as const;

export type FaultName = (typeof FAULT_MODELS)[number];

/** Request header naming a fault (`x-fixture-fault: cut-midstream` or `fault/cut-midstream`). */
export const FAULT_HEADER = 'x-fixture-fault';

/** HTTP status of each fault answered with an error response. */
export const HTTP_FAULTS: Partial<Record<FaultName, number>> = {
  'fault/401': 401, 'fault/402': 402, 'fault/403': 403, 'fault/408': 408, 'fault/429': 429,
  'fault/500': 500, 'fault/502': 502, 'fault/503': 503, 'fault/context-length': 400, 'fault/provider-error': 400,
};

/** ms between chunks of `slow/long-reply`. */
export const SLOW_CHUNK_DELAY_MS = 60;

function isFault(name: string): name is FaultName {
  return (FAULT_MODELS as readonly string[]).includes(name);
}

/** The fault a chat request asks for: its `x-fixture-fault` header, else a fault model id; undefined = none. */
export function requestedFault(request: RecordedRequest, model: string): FaultName | undefined {
  const header = request.headers[FAULT_HEADER];
  if (header !== undefined) {
    const name = header.includes('/') ? header : `fault/${header}`;
    if (!isFault(name)) throw new Error(`${FAULT_HEADER}: unknown fault "${header}"; known: ${FAULT_MODELS.join(', ')}`);
    return name;
  }
  return isFault(model) ? model : undefined;
}

/** The words of `slow/long-reply`: long enough to press Stop while it streams. */
export function longReplyWords(): string[] {
  const words: string[] = [];
  const sentence = 'This is a long generated reply from the fixture server, streamed slowly so a person can press Stop before it ends.'.split(' ');
  for (let index = 0; index < 400; index += 1) {
    words.push(`${index === 0 ? '' : ' '}${sentence[index % sentence.length]}`);
  }
  return words;
}
