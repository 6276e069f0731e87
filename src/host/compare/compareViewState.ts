/**
 * Builds the full state the compare panel renders: each column with its highlights, and while a blind run's names are
 * hidden, each column as its letter only (hiddenColumnView strips model, provider and cost here, before anything is
 * posted). No vscode import.
 */
import { blindLabel, columnHighlights, runHighlights } from '../../core/arena/index';
import type { CompareColumnView, CompareTurnView, CompareViewState, ErrorView, EstimateView, MessageMeta } from '../../shared/viewModels';
import type { StoredConversation, StoredMessage, StoredReplyMeta } from '../conversations/conversation';
import { conversationCost } from '../conversations/conversationFormat';
import { errorViewOf } from '../editor/errorView';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { metaView } from '../replies/metaView';
import { arenaRunOf } from '../conversations/arenaRecord';
import { hiddenColumnView } from './blindView';

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
  blindMode: boolean,
  followUpRequests: ReadonlyMap<number, string> = new Map(),
): CompareViewState {
  const core = services.core();
  const providers = core.providers();
  const keyMissing = (provider: string | undefined): boolean => {
    const descriptor = providers.find((candidate) => candidate.id === provider);
    return descriptor !== undefined && descriptor.requiresKey && services.keys.knownHasKey(descriptor.id) === false;
  };
  const compare = comparison.compare;
  const namesHidden = compare?.blind === true && compare.revealed !== true;
  // highlights once every column settled (a run still streaming has no fastest total yet)
  const settled = active === undefined ? arenaRunOf(comparison) : undefined;
  const highlights = settled ? runHighlights(settled.columns) : undefined;
  const columns: CompareColumnView[] = models.map((model, index) => {
    const reply = comparison.messages[index + 1];
    const running = reply?.status === 'streaming';
    const status: CompareColumnView['status'] = !reply ? (running ? 'waiting' : 'idle') : (running && !active?.started.has(index)) ? 'waiting' : running ? 'streaming' : reply.status as CompareColumnView['status'];
    const meta = reply?.meta;
    const metaOfReply = meta && !running ? columnMeta(meta, core.catalog.get(meta.servedModel)?.name) : undefined;
    const held = highlights ? columnHighlights(highlights, index) : [];
    const thread = compare?.followUps?.[index] ?? [];
    const followUpRequestId = followUpRequests.get(index);
    const view: CompareColumnView = {
      index,
      model,
      modelName: core.catalog.get(model)?.name ?? shortModelName(model),
      status,
      text: reply?.text ?? '',
      meta: metaOfReply,
      error: reply?.error ? failedColumnError(errorViewOf(reply.error, keyMissing(reply.error.provider))) : undefined,
      winner: compare?.winner === index,
      ...(compare?.blind ? { label: blindLabel(index) } : {}),
      ...(held.length > 0 ? { highlights: held } : {}),
      ...(thread.length > 0 ? { followUps: thread.map((message) => turnView(message, (model) => core.catalog.get(model)?.name, keyMissing)) } : {}),
      ...(followUpRequestId ? { followUpRequestId } : {}),
    };
    return namesHidden ? hiddenColumnView(view, blindLabel(index)) : view;
  });
  return {
    compareId: comparison.id,
    prompt: comparison.messages[0]?.text ?? '',
    columns,
    estimate,
    running: active !== undefined,
    requestId: active?.requestId,
    // a blind run's total would tell the cheap model from the dear one: shown once the names are
    totalCost: comparison.messages.length > 1 && !namesHidden ? conversationCost(comparison) : undefined,
    blindMode,
    namesHidden,
    tags: compare?.tags ?? [],
  };
}

/**
 * A failed column offers Retry and Pick another model (for this column) whatever the error, besides the error's own
 * actions (set a key, add credits); it offers nothing that needs an answer (copy, insert, pick as winner).
 */
function failedColumnError(error: ErrorView): ErrorView {
  const own = error.actions.filter((action) => action !== 'retry' && action !== 'pick-model');
  return { ...error, actions: ['retry', 'pick-model', ...own] };
}

/** One message of a column's follow-up thread; a failed reply offers Retry (and the error's own actions), no other model. */
function turnView(message: StoredMessage, modelName: (model: string) => string | undefined, keyMissing: (provider: string | undefined) => boolean): CompareTurnView {
  const settled = message.status !== 'streaming';
  const error = message.error ? errorViewOf(message.error, keyMissing(message.error.provider)) : undefined;
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    status: message.status,
    ...(message.role === 'assistant' && message.meta && settled ? { meta: columnMeta(message.meta, modelName(message.meta.servedModel)) } : {}),
    ...(error ? { error: { ...error, actions: ['retry', ...error.actions.filter((action) => action !== 'retry' && action !== 'pick-model')] } } : {}),
  };
}

/** A column's meta line: a reply's meta without the fallback list (compare columns do not fall back). */
function columnMeta(meta: StoredReplyMeta, servedModelName: string | undefined): MessageMeta {
  const { fallbackFrom: _fallbackFrom, ...withoutFallback } = metaView(meta, servedModelName);
  return withoutFallback;
}
