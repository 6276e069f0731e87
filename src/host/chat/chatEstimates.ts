/**
 * The cost estimate under the chat's input: a quick one at once, then the exact token count when the tokenizer has
 * loaded. Only the latest input's estimate is posted. No vscode import.
 */
import { withImageCost, type ChatMessage } from '../../core/index';
import type { HostToWebview } from '../../shared/chat/protocol';
import type { HostServices } from '../hostServices';
import { estimateView } from './chatViewState';

export class ChatEstimates {
  private seq = 0;

  constructor(private readonly services: HostServices, private readonly post: (message: HostToWebview) => void) {}

  /**
   * Estimates sending `text` (with the attachments' blocks already in it) and `images` images after `transcript`
   * with the current model; posts `estimate/update` (twice when exact differs). Images add the catalog's per-image
   * price where it has one.
   */
  async estimate(text: string, transcript: ChatMessage[], images = 0): Promise<void> {
    const seq = ++this.seq;
    if (!text.trim() && images === 0) {
      this.post({ type: 'estimate/update', estimate: undefined });
      return;
    }
    const options = {
      model: this.services.model.get(),
      messages: [...transcript, { role: 'user' as const, content: text }],
      maxTokens: this.services.settings().core.maxTokens,
    };
    try {
      const core = this.services.core();
      const pricing = core.catalog.get(options.model)?.pricing;
      const quick = withImageCost(await core.estimate(options, false), images, pricing);
      if (seq !== this.seq) return;
      this.post({ type: 'estimate/update', estimate: estimateView(quick) });
      const exact = withImageCost(await core.estimate(options, true), images, pricing);
      if (seq === this.seq && exact.promptTokensExact) this.post({ type: 'estimate/update', estimate: estimateView(exact) });
    } catch (error) {
      this.services.logger.debug(`estimate: ${String(error)}`);
    }
  }
}
