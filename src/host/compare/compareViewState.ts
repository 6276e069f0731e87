/** Builds the full state the compare panel renders. No vscode import. */
import type { CompareColumnView, CompareViewState, EstimateView, MessageMeta } from '../../shared/viewModels';
import type { StoredConversation, StoredReplyMeta } from '../conversations/conversation';
import { errorViewOf } from '../editor/errorView';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { metaView } from '../replies/metaView';

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
    const metaOfReply = meta && !running ? columnMeta(meta, core.catalog.get(meta.servedModel)?.name) : undefined;
    return {
      index,
      model,
      modelName: core.catalog.get(model)?.name ?? shortModelName(model),
      status,
      text: reply?.text ?? '',
      meta: metaOfReply,
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

/** A column's meta line: a reply's meta without the fallback list (compare columns do not fall back). */
function columnMeta(meta: StoredReplyMeta, servedModelName: string | undefined): MessageMeta {
  const { fallbackFrom: _fallbackFrom, ...withoutFallback } = metaView(meta, servedModelName);
  return withoutFallback;
}
