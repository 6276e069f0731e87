/** The cost estimate of a comparison: every column's quick estimate added up. No vscode import. */
import type { ChatMessage } from '../../core/index';
import type { EstimateView } from '../../shared/viewModels';
import type { HostServices } from '../hostServices';

/** Sends nothing: asks the core for each model's estimate of `messages` and sums them. */
export async function compareEstimate(services: HostServices, models: readonly string[], messages: ChatMessage[]): Promise<EstimateView> {
  const maxTokens = services.settings().core.maxTokens;
  const core = services.core();
  const estimates = await Promise.all(models.map((model) => core.estimate({ model, messages, maxTokens }, false)));
  return {
    minMicroUsd: estimates.reduce((sum, estimate) => sum + estimate.minMicroUsd, 0),
    maxMicroUsd: estimates.reduce((sum, estimate) => sum + estimate.maxMicroUsd, 0),
    promptTokens: Math.max(...estimates.map((estimate) => estimate.promptTokens)),
    exact: estimates.every((estimate) => estimate.promptTokensExact),
    // one model without a price makes the total unknown: a partial sum would look like the whole cost
    priced: estimates.every((estimate) => estimate.priced),
  };
}
