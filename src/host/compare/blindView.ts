/**
 * What a blind column may show before the pick or the reveal: its letter instead of the model, the answer and its
 * timings, and nothing that names the model, its provider or its cost (the webview must not receive them at all, so
 * the host strips them here, before posting). No vscode import.
 */
import type { StreamStatus } from '../../shared/webview/protocol';
import type { CompareColumnView, CompareTurnView, ErrorAction, ErrorView, MessageMeta } from '../../shared/viewModels';

/** The actions a hidden column's error keeps: the others (set a key, add credits) would name the provider. */
const BLIND_ERROR_ACTIONS: readonly ErrorAction[] = ['retry', 'pick-model'];

/** What a hidden error says: the kind of failure, no provider name. */
function blindError(error: ErrorView, label: string): ErrorView {
  const actions = error.actions.filter((action) => BLIND_ERROR_ACTIONS.includes(action));
  // a follow-up's error offers no other model: the column's model is the one asked
  const next = actions.includes('pick-model') ? 'Retry it, or pick another model' : 'Retry it';
  return {
    code: error.code,
    message: `Model ${label} failed (${error.code.replace(/-/g, ' ')}). ${next}; Reveal shows the details.`,
    retryAfterMs: error.retryAfterMs,
    actions,
  };
}

/** The meta line's figures without the model, the provider and the cost (kept `unknown`, and not shown). */
function blindMeta(meta: MessageMeta, label: string): MessageMeta {
  return {
    servedModel: label,
    inputTokens: meta.inputTokens,
    outputTokens: meta.outputTokens,
    ttftMs: meta.ttftMs,
    totalMs: meta.totalMs,
    tokensPerSecond: meta.tokensPerSecond,
    finishReason: meta.finishReason,
    cost: { kind: 'unknown' },
  };
}

/**
 * `column` as the webview may see it while the names are hidden: model and name are the letter; the cheapest
 * highlight goes too (it would tell costs apart).
 */
export function hiddenColumnView(column: CompareColumnView, label: string): CompareColumnView {
  return {
    index: column.index,
    model: label,
    modelName: `Model ${label}`,
    status: column.status,
    text: column.text,
    winner: column.winner,
    label,
    hidden: true,
    ...(column.meta ? { meta: blindMeta(column.meta, label) } : {}),
    ...(column.error ? { error: blindError(column.error, label) } : {}),
    ...(column.highlights ? { highlights: column.highlights.filter((kind) => kind !== 'cheapest') } : {}),
    ...(column.followUps ? { followUps: column.followUps.map((turn) => hiddenTurnView(turn, label)) } : {}),
    ...(column.followUpRequestId ? { followUpRequestId: column.followUpRequestId } : {}),
  };
}

/** A follow-up of a hidden column: the question as asked, the reply's text and timings, no model, provider or cost. */
function hiddenTurnView(turn: CompareTurnView, label: string): CompareTurnView {
  return {
    id: turn.id,
    role: turn.role,
    text: turn.text,
    status: turn.status,
    ...(turn.meta ? { meta: blindMeta(turn.meta, label) } : {}),
    ...(turn.error ? { error: blindError(turn.error, label) } : {}),
  };
}

/** A retry or fallback status of a hidden column: what happens, without the provider ("retrying after an error"). */
export function hiddenStreamStatus(status: StreamStatus): StreamStatus {
  return status.kind === 'retrying'
    ? { ...status, message: 'the model is busy' }
    : { kind: 'fallback', message: 'fell back to another model' };
}
