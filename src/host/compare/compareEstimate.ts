/**
 * The cost estimate of a comparison before it is sent: every column's quick estimate added up, kept for the next
 * snapshot. No vscode import.
 */
import type { ChatMessage } from '../../core/index';
import type { HostToWebview } from '../../shared/compare/protocol';
import type { EstimateView } from '../../shared/viewModels';
import { userMessage, type StoredConversation } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { newId } from '../replies/replyResult';
import { compareTranscript } from './compareTranscript';

/** The estimate of the prompt being typed, for every column together; a later request wins over an earlier one. */
export class CompareEstimates {
  /** the estimate shown (kept for the next snapshot); undefined = none */
  current: EstimateView | undefined;
  private seq = 0;

  constructor(private readonly services: HostServices, private readonly post: (message: HostToWebview) => void) {}

  /** Estimates `text` sent to the models of `comparison` (with its context): posted as `estimate/update` and kept. */
  async update(text: string, comparison: StoredConversation): Promise<EstimateView | undefined> {
    const seq = ++this.seq;
    const models = comparison.compare?.models ?? [];
    if (!text.trim() || models.length === 0) {
      this.current = undefined;
      this.post({ type: 'estimate/update', estimate: undefined });
      return undefined;
    }
    const messages = compareTranscript({ ...comparison, messages: [userMessage(newId(), text)] });
    try {
      const estimate = await compareEstimate(this.services, models, messages);
      if (seq !== this.seq) return this.current;
      this.current = estimate;
      this.post({ type: 'estimate/update', estimate });
    } catch (error) {
      this.services.logger.debug(`compare estimate: ${String(error)}`);
    }
    return this.current;
  }
}

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
