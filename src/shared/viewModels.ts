import type { AttachmentView } from './chat/attachmentViews';

/**
 * Plain data the host sends to the webviews. No vscode, no DOM, no functions.
 * Money is integer micro-USD (1 USD = 1_000_000); durations are ms; `undefined` = not known.
 */
import type { HighlightKind } from './compare/highlightKinds';

/**
 * A money figure that says what it is: never render `unknown` as $0. `reconciled`: billed, learnt after the reply
 * from OpenRouter's `/generation` (a stopped or cut stream).
 */
export type CostView =
  | { kind: 'billed'; microUsd: number }
  | { kind: 'estimated'; microUsd: number }
  | { kind: 'reconciled'; microUsd: number }
  | { kind: 'unknown' };

/** What the person can do about an error; the host maps each to a command. */
export type ErrorAction =
  | 'set-key'        // open Switchboard: Set API Key for `provider`
  | 'pick-model'     // open the model picker
  | 'open-settings'  // open Switchboard settings (e.g. max tokens)
  | 'open-budget'    // open the budget cap settings (`switchboard.budget.*`): a request the caps refused
  | 'retry'          // retry the failed request
  | 'add-credits'    // open the provider's credits page (OpenRouter)
  | 'lower-max-tokens'; // open the `switchboard.maxTokens` setting (a 402: the balance does not cover max tokens)

export interface ErrorView {
  /** SwitchboardError code, e.g. `payment-required` */
  code: string;
  /** what happened and what to do */
  message: string;
  provider?: string;
  /** ms to wait before retrying; undefined = not said */
  retryAfterMs?: number;
  actions: ErrorAction[];
}

export interface MessageMeta {
  /** namespaced id of the model that answered */
  servedModel: string;
  /** display name of servedModel */
  servedModelName?: string;
  /** namespaced ids tried first that failed, in order */
  fallbackFrom?: string[];
  upstreamProvider?: string;
  /** tokens; undefined = not reported */
  inputTokens?: number;
  /** tokens; undefined = not reported */
  outputTokens?: number;
  /** ms */
  ttftMs?: number;
  /** ms */
  totalMs?: number;
  tokensPerSecond?: number;
  finishReason?: string;
  cost: CostView;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  /** markdown source (user text too); the webview renders it with raw HTML disabled */
  text: string;
  reasoning?: string;
  /** streaming: parts still arriving; stopped: cancelled by the person; failed: error (partial text kept) */
  status: 'streaming' | 'done' | 'stopped' | 'failed';
  /** assistant replies only */
  meta?: MessageMeta;
  error?: ErrorView;
  /** user messages: what was attached to them (chips, read-only) */
  attachments?: AttachmentView[];
}

/** What a conversation (or a comparison) cost so far: its replies' known costs, and how many are not known. */
export interface ConversationCost {
  /** integer micro-USD: billed, reconciled and estimated replies together */
  microUsd: number;
  /** finished replies whose cost is not known (never counted as $0) */
  unknownCount: number;
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** epoch ms */
  updatedAt: number;
  messageCount: number;
  /** kind 'chat' or 'compare' */
  kind: 'chat' | 'compare';
  /** what its replies cost; undefined in summaries from before costs were listed */
  cost?: ConversationCost;
}

export interface ModelOption {
  /** namespaced id */
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  /** USD per million tokens as text, e.g. "$2.50 / $10.00"; "price unknown" when not published */
  priceLabel: string;
  contextLength?: number;
  isFree: boolean;
  /** e.g. "won 7 of 9 comparisons"; undefined = never compared */
  winsLabel?: string;
}

export interface ProviderStatus {
  id: string;
  label: string;
  requiresKey: boolean;
  hasKey: boolean;
}

export interface EstimateView {
  /** integer micro-USD */
  minMicroUsd: number;
  /** integer micro-USD */
  maxMicroUsd: number;
  promptTokens: number;
  exact: boolean;
  /** false: the model has no known price, show "price unknown" */
  priced: boolean;
}

export interface ChatViewState {
  conversationId: string;
  title: string;
  messages: MessageView[];
  /** the current model (namespaced id) */
  model: ModelOption;
  /** models for the view's picker: recently used first, then the catalog (bounded list) */
  models: ModelOption[];
  providers: ProviderStatus[];
  history: ConversationSummary[];
  /** integer micro-USD settled this VS Code session */
  sessionSpendMicroUsd: number;
  /** requests this session whose cost is not known (stopped before usage arrived); undefined = none */
  sessionUnknownCount?: number;
  /** what the open conversation's replies cost */
  conversationCost: ConversationCost;
  /** the request in flight, if any */
  activeRequestId?: string;
  /** true when no provider with a key and no local server is available: show the getting-started choices */
  needsSetup: boolean;
  /** a local OpenAI-compatible server (Ollama, LM Studio) answered */
  localServerDetected?: string;
  /** text to put in the input box (send selection to chat) */
  draft?: string;
  /** the attachments of the message being written (chips above the input) */
  attachments: AttachmentView[];
  /** why the last attachment was refused (a binary file, an image for a text-only model); undefined = nothing to say */
  attachmentNotice?: string;
  /** the current model's catalog entry lists image input: pasting and dropping images is offered */
  acceptsImages: boolean;
}

export interface CompareColumnView {
  index: number;
  /** namespaced id */
  model: string;
  modelName: string;
  /** idle: not run yet (no spinner, no Stop); waiting: running, no text yet */
  status: 'idle' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'failed';
  text: string;
  meta?: MessageMeta;
  error?: ErrorView;
  winner: boolean;
  /** blind runs: the column's letter (A, B, C...), also after the reveal */
  label?: string;
  /**
   * blind and not revealed yet: `model` and `modelName` are the letter, the meta carries no model, provider or cost
   * (its cost is `unknown` and must not be shown), and an error names no provider
   */
  hidden?: boolean;
  /** what stands out in this column (fastest first token, cheapest...); absent = nothing */
  highlights?: HighlightKind[];
  /** the column's own follow-ups after its first reply, oldest first (question, reply, ...); absent = none */
  followUps?: CompareTurnView[];
  /** the request id of the follow-up streaming in this column (compare/cancel names it); absent = none */
  followUpRequestId?: string;
}

/** One message of a compare column's follow-up thread: the person's question, or the column model's reply. */
export interface CompareTurnView {
  /** message id (a streaming reply's parts name it) */
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** a question is always done; a reply streams until it ends */
  status: 'streaming' | 'done' | 'stopped' | 'failed';
  /** settled replies; hidden in a blind run like the column's own (cost unknown, no model or provider) */
  meta?: MessageMeta;
  /** a failed reply: why, with Retry */
  error?: ErrorView;
}

export interface CompareViewState {
  compareId: string;
  prompt: string;
  columns: CompareColumnView[];
  /** the estimate shown before sending (all columns) */
  estimate?: EstimateView;
  running: boolean;
  /** the compare request in flight (for compare/cancel); undefined = none, or not known to the host yet */
  requestId?: string;
  /** what every column of the comparison cost together; undefined before it has run */
  totalCost?: ConversationCost;
  /** the Blind toggle: the next run labels its columns A, B, C in a random order and hides names and costs */
  blindMode: boolean;
  /** the run shown is blind and its names are still hidden (Reveal is offered) */
  namesHidden: boolean;
  /** the run's tags, lower-case */
  tags: string[];
}
