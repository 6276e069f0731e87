/** What the line under a reply shows, from what was stored about it. No vscode import. */
import type { MessageMeta } from '../../shared/viewModels';
import type { StoredReplyMeta } from '../conversations/conversation';

/** The view of a stored reply's meta; `servedModelName` is the catalog's name for the served model, if any. */
export function metaView(meta: StoredReplyMeta, servedModelName: string | undefined): MessageMeta {
  return {
    servedModel: meta.servedModel,
    servedModelName,
    fallbackFrom: meta.fallbackFrom,
    upstreamProvider: meta.upstreamProvider,
    inputTokens: meta.inputTokens,
    outputTokens: meta.outputTokens,
    ttftMs: meta.ttftMs,
    totalMs: meta.totalMs,
    tokensPerSecond: meta.tokensPerSecond,
    finishReason: meta.finishReason,
    cost: meta.cost,
  };
}
