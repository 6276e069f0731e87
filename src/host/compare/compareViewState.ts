/** Builds the full state the compare panel renders. No vscode import. */
import type { CompareColumnView, CompareViewState, EstimateView, MessageMeta } from '../../shared/viewModels';
import type { StoredConversation } from '../conversations/conversation';
import { errorViewOf } from '../editor/errorView';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';

/** What the panel needs to know of the run in flight. */
export interface RunningComparison {
  requestId: string;
  /** columns whose first text arrived */
  started: ReadonlySet<number>;
}

export function compareViewState(
  services: HostServices,
  comparison: StoredConversation,
  models: readonly string[],
  active: RunningComparison | undefined,
  estimate: EstimateView | undefined,
): CompareViewState {
  const core = services.core();
  const providers = core.providers();
  const keyMissing = (provider: string | undefined): boolean => {
    const descriptor = providers.find((candidate) => candidate.id === provider);
    return descriptor !== undefined && descriptor.requiresKey && services.keys.knownHasKey(descriptor.id) === false;
  };
  const columns: CompareColumnView[] = models.map((model, index) => {
    const reply = comparison.messages[index + 1];
    const running = reply?.status === 'streaming';
    const status: CompareColumnView['status'] = !reply ? (running ? 'waiting' : 'idle') : (running && !active?.started.has(index)) ? 'waiting' : running ? 'streaming' : reply.status as CompareColumnView['status'];
    const meta = reply?.meta;
    const metaView: MessageMeta | undefined = meta && !running ? {
      servedModel: meta.servedModel,
      servedModelName: core.catalog.get(meta.servedModel)?.name,
      upstreamProvider: meta.upstreamProvider,
      inputTokens: meta.inputTokens,
      outputTokens: meta.outputTokens,
      ttftMs: meta.ttftMs,
      totalMs: meta.totalMs,
      tokensPerSecond: meta.tokensPerSecond,
      finishReason: meta.finishReason,
      cost: meta.cost,
    } : undefined;
    return {
      index,
      model,
      modelName: core.catalog.get(model)?.name ?? shortModelName(model),
      status,
      text: reply?.text ?? '',
      meta: metaView,
      error: reply?.error ? errorViewOf(reply.error, keyMissing(reply.error.provider)) : undefined,
      winner: comparison.compare?.winner === index,
    };
  });
  return {
    compareId: comparison.id,
    prompt: comparison.messages[0]?.text ?? '',
    columns,
    estimate,
    running: active !== undefined,
    requestId: active?.requestId,
  };
}
