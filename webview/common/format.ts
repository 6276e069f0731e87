/**
 * Display formatting for the webviews. The engine helper owns `src/shared/format.ts`; until it exists the
 * webviews use these (same signatures, same wording). Money arrives as integer micro-USD.
 */
import type { CostView, EstimateView } from '../../src/shared/viewModels';

/** "$0.0042" for micro-USD; four decimals below a dollar, two above. */
export function formatUsd(microUsd: number): string {
  const usd = microUsd / 1_000_000;
  if (usd !== 0 && Math.abs(usd) < 0.0001) return `$${usd.toFixed(6)}`;
  return Math.abs(usd) >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

/** "$0.0042 billed" / "~$0.0040 est." / "cost unknown": unknown is never shown as $0. */
export function formatCost(cost: CostView): string {
  switch (cost.kind) {
    case 'billed':
      return `${formatUsd(cost.microUsd)} billed`;
    case 'estimated':
      return `~${formatUsd(cost.microUsd)} est.`;
    case 'unknown':
      return 'cost unknown';
  }
}

/** "1,234 tok" style counts; "?" when not reported. */
export function formatTokens(tokens: number | undefined): string {
  if (tokens === undefined) return '?';
  if (tokens >= 10_000) return `${(tokens / 1000).toFixed(1)}k`;
  return tokens.toLocaleString('en-US');
}

/** "850 ms" / "2.4 s" / "1 min 5 s" for milliseconds. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The pre-send estimate: "~$0.0004–$0.0120", or "price unknown" when the model has no price. */
export function formatEstimate(estimate: EstimateView | undefined): string {
  if (!estimate) return '';
  if (!estimate.priced) return 'price unknown';
  if (estimate.minMicroUsd === estimate.maxMicroUsd) return `~${formatUsd(estimate.minMicroUsd)}`;
  return `~${formatUsd(estimate.minMicroUsd)}–${formatUsd(estimate.maxMicroUsd)}`;
}
