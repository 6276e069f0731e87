/**
 * Money and counts of a set of requests, each cost kind apart: the one shape the core's ledger sums and the usage
 * view model reads (src/shared, so both the core and the webview can import it). Money is integer micro-USD.
 */

/** Money and counts of a set of requests, each kind apart (a figure always says what it is). */
export interface SpendFigures {
  requests: number;
  /** integer micro-USD the provider reported at the end of the request */
  billedMicroUsd: number;
  /** integer micro-USD billed, learnt afterwards from OpenRouter (`/generation`) */
  reconciledMicroUsd: number;
  /** integer micro-USD from tokens x catalog prices */
  estimatedMicroUsd: number;
  /** requests whose cost is unknown (not counted in any sum, never shown as $0) */
  unknownCount: number;
  /** integer micro-USD: billed + reconciled + estimated */
  knownMicroUsd: number;
}

/** One group of a breakdown. */
export interface SpendGroup extends SpendFigures {
  /** `YYYY-MM-DD` (local) for days, a model id, a provider, a workspace, a conversation id; '' = not said */
  key: string;
}

export function emptyFigures(): SpendFigures {
  return { requests: 0, billedMicroUsd: 0, reconciledMicroUsd: 0, estimatedMicroUsd: 0, unknownCount: 0, knownMicroUsd: 0 };
}

/** Adds figures to figures (in place). */
export function addFigures(into: SpendFigures, from: SpendFigures): void {
  into.requests += from.requests;
  into.billedMicroUsd += from.billedMicroUsd;
  into.reconciledMicroUsd += from.reconciledMicroUsd;
  into.estimatedMicroUsd += from.estimatedMicroUsd;
  into.unknownCount += from.unknownCount;
  into.knownMicroUsd += from.knownMicroUsd;
}
