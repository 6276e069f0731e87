/**
 * A saved conversation as it is written to `<globalStorage>/conversations/<id>.jsonl` (conversationLog.ts; older files: `<id>.json`).
 * Plain data (no vscode); money is integer micro-USD, durations ms, `undefined` = not reported.
 */
import type { Attachment, Cost } from '../../core/index';

export const CONVERSATION_SCHEMA_VERSION = 1;

/** A reply's cost as stored: the core's Cost, or one reconciled afterwards (integer micro-USD). */
export type StoredCost = Cost | { kind: 'reconciled'; microUsd: number };

/** Why a stored reply failed, without the cause chain (nothing secret is kept). */
export interface StoredError {
  /** SwitchboardError code, e.g. `rate-limited` */
  code: string;
  message: string;
  provider?: string;
  /** ms; undefined = not said */
  retryAfterMs?: number;
}

/** What the host knows about one assistant reply. */
export interface StoredReplyMeta {
  /** namespaced id the person asked for */
  requestedModel: string;
  /** namespaced id of the model that answered (or was last tried) */
  servedModel: string;
  /** the model named by the response (OpenRouter bills this one) */
  upstreamModel?: string;
  upstreamProvider?: string;
  /** namespaced ids tried first that failed, in order */
  fallbackFrom?: string[];
  /** tokens; undefined = not reported */
  inputTokens?: number;
  /** tokens; undefined = not reported */
  outputTokens?: number;
  /** tokens; undefined = not reported */
  reasoningTokens?: number;
  /** `reconciled`: the cost OpenRouter's `/generation` reported after the reply (it was unknown when it ended) */
  cost: StoredCost;
  /** epoch ms */
  startedAt?: number;
  /** ms */
  ttftMs?: number;
  /** ms */
  totalMs?: number;
  /** output tokens per second of generation */
  tokensPerSecond?: number;
  finishReason?: string;
  generationId?: string;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  /** streaming is never saved: a reply still running when saved is stored as failed */
  status: 'done' | 'stopped' | 'failed' | 'streaming';
  /** epoch ms */
  createdAt: number;
  /** assistant replies only */
  meta?: StoredReplyMeta;
  error?: StoredError;
  /** user messages: what the person attached (sent with the text; kept so history and exports show it) */
  attachments?: Attachment[];
}

/**
 * What a comparison adds to a conversation of kind 'compare': `messages[0]` is the prompt and `messages[i + 1]` the
 * reply of column i (in the order of `models`).
 */
export interface StoredCompare {
  /** namespaced model ids, one per column (a blind run stores them in the shuffled order it showed) */
  models: string[];
  /** column index of the winner; undefined = none picked yet */
  winner?: number;
  /** the run was blind: columns labelled A, B, C...; names, providers and costs hidden until a pick or a reveal */
  blind?: boolean;
  /** blind runs: the names have been shown (a pick or Reveal) */
  revealed?: boolean;
  /** the winner was picked while the names were hidden (only these count as blind wins) */
  winnerPickedBlind?: boolean;
  /** the person's tags, trimmed and lower-case: `refactor`, `explain` */
  tags?: string[];
  /** "Compare from here": the chat messages before the prompt, sent to every model as the conversation so far */
  context?: StoredMessage[];
  /**
   * Each column's own follow-ups, by column index: the person's question, then that column's reply, in order (a
   * column's thread after its first reply). Absent, or shorter than `models`, = no follow-ups (older comparisons).
   * Only the first turn counts for highlights and the leaderboard: the blind pick is about the shared prompt.
   */
  followUps?: StoredMessage[][];
}

export interface StoredConversation {
  schemaVersion: typeof CONVERSATION_SCHEMA_VERSION;
  id: string;
  kind: 'chat' | 'compare';
  /** kind 'compare' only */
  compare?: StoredCompare;
  title: string;
  /** the model selected when the conversation was last used */
  model: string;
  systemPrompt?: string;
  /** epoch ms */
  createdAt: number;
  /** epoch ms */
  updatedAt: number;
  messages: StoredMessage[];
  /** set on a fork: the conversation and message it was made from */
  forkedFrom?: { conversationId: string; messageId: string };
}

/** A new, empty conversation of `kind` (a comparison carries its models). */
export function emptyConversation(options: {
  id: string; kind: 'chat' | 'compare'; title: string; model: string; systemPrompt: string | undefined; compareModels?: string[];
}): StoredConversation {
  const now = Date.now();
  return {
    schemaVersion: CONVERSATION_SCHEMA_VERSION,
    id: options.id,
    kind: options.kind,
    ...(options.compareModels ? { compare: { models: options.compareModels } } : {}),
    title: options.title,
    model: options.model,
    ...(options.systemPrompt ? { systemPrompt: options.systemPrompt } : {}),
    createdAt: now,
    updatedAt: now,
    messages: [],
  };
}

/** A user message, sent now. */
export function userMessage(id: string, text: string): StoredMessage {
  return { id, role: 'user', text, status: 'done', createdAt: Date.now() };
}

/** The assistant reply about to stream from `model`: empty, cost unknown until the request settles. */
export function pendingReply(id: string, model: string): StoredMessage {
  return {
    id, role: 'assistant', text: '', status: 'streaming', createdAt: Date.now(),
    meta: { requestedModel: model, servedModel: model, cost: { kind: 'unknown' } },
  };
}
