/** The pre-send estimate as text: "~$0.0004–$0.0120", or "price unknown" when the model has no price. */
import { formatUsd } from '../../src/shared/format';
import type { EstimateView } from '../../src/shared/viewModels';
import { t } from './l10n';

export function formatEstimate(estimate: EstimateView | undefined): string {
  if (!estimate) return '';
  if (!estimate.priced) return t('price unknown');
  if (estimate.minMicroUsd === estimate.maxMicroUsd) return `~${formatUsd(estimate.minMicroUsd)}`;
  return `~${formatUsd(estimate.minMicroUsd)}–${formatUsd(estimate.maxMicroUsd)}`;
}
