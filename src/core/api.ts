/**
 * The contract of the core's one public entry (`src/core/index.ts` exports `createCore` and these types).
 * The host, the tests and the bench use only this.
 */
import type { ChatStreamPart, FinishReason, Usage } from './streamParts';
import type { SwitchboardError } from './errors/switchboardError';
import type { ChatMessage, KeyCheck, ProviderDescriptor, ToolCall, ToolChoice, ToolDefinition } from './providers/chatProvider';
import type { ModelInfo } from './catalog/modelInfo';
import type { Cost, CostEstimate } from './cost/cost';
import type { Clock, KeyValueStore, Logger, SecretSource } from './ports';
import type { Transport } from './transport/transport';
import type { ExchangedKey } from './auth/openRouterOAuth';
import type { LedgerDirectory } from './ledger/ledgerDirectory';
import type { LedgerContext } from './ledger/requestRecorder';
import type { LedgerRecord } from './ledger/ledgerRecord';
import type { LedgerProblem } from './ledger/ledgerFileReader';
import type { LedgerGroupBy, SpendTotals } from './ledger/ledgerTotals';
import type { SpendDay } from './ledger/monthSummary';
import type { TimeRange } from './ledger/calendar';
import type { ReconcileEvent } from './ledger/reconciler';
import type { OpenRouterAccount } from './account/openRouterAccount';

/** A custom OpenAI-compatible endpoint from settings (`switchboard.endpoints`). */
export interface CustomEndpoint {
  /** namespace in model ids, e.g. `team` gives `team:gpt-4o` */
  id: string;
  label?: string;
  baseUrl: string;
  requiresKey: boolean;
  /**
   * The price of every model of this endpoint (settings `switchboard.endpoints[].pricing`), so estimates, budget
   * caps and costs hold for it; undefined = unknown (refused while a cap is set, unless allowUnpricedUnderCaps).
   */
  pricing?: EndpointPricing;
  /** true for a server that costs nothing (a local server): every model is priced 0; wins over `pricing` */
  free?: boolean;
}

/** A custom endpoint's price as people type it in settings. */
export interface EndpointPricing {
  /** USD per million prompt tokens */
  inputPerMillionUsd: number;
  /** USD per million output tokens */
  outputPerMillionUsd: number;
}

/** Caps in USD as people type them in settings; undefined or 0 = no cap. */
export interface BudgetCaps {
  perRequestUsd?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
  /**
   * `switchboard.budget.workspaceMonthlyUsd`: USD per workspace per local month, counted from the ledger's records
   * of the workspace a request names (`SendOptions.ledger.workspace`); needs the ledger (CoreOptions.ledger).
   */
  workspaceMonthlyUsd?: number;
  /**
   * `switchboard.budget.allowUnpricedUnderCaps`: while a cap is set, a model without a known price is refused
   * before sending (false, the default), or sent with nothing reserved, its billed cost counted after (true).
   */
  allowUnpricedUnderCaps?: boolean;
}

/** OpenRouter routing preset (`switchboard.openRouter.routing`). */
export type OpenRouterRouting = 'default' | 'floor' | 'nitro' | 'no-data-collection';

export interface CoreSettings {
  /** Base URL overrides per built-in provider id (`openrouter`, `openai`, `groq`, `deepseek`, `ollama`, `lmstudio`, `anthropic`, `gemini`). */
  baseUrls?: Record<string, string>;
  customEndpoints?: CustomEndpoint[];
  /** explicit proxy URL (VS Code's `http.proxy`); without it HTTPS_PROXY/HTTP_PROXY/NO_PROXY are honoured */
  proxy?: string;
  /** requests per minute per provider; undefined or 0 = unlimited */
  requestsPerMinute?: number;
  budget?: BudgetCaps;
  /** namespaced model ids tried in order after the requested one fails with a retryable/availability error */
  fallbackChain?: string[];
  openRouterRouting?: OpenRouterRouting;
  /** sent to OpenRouter only */
  attribution?: { referer: string; title: string };
  /** default max output tokens when a request names none */
  maxTokens?: number;
}

export interface CoreOptions {
  secrets: SecretSource;
  store: KeyValueStore;
  settings: CoreSettings;
  clock?: Clock;
  logger?: Logger;
  /** injectable for tests; default: the undici transport built from settings.proxy */
  transport?: Transport;
  /**
   * Loads an exact token counter; called once, on the first exact estimate, never at start-up.
   * Absent (or failing): exact estimates fall back to characters / 4 with `promptTokensExact: false`.
   */
  loadTokenCounter?: () => Promise<(text: string) => number>;
  /**
   * The cost ledger's folder (the host: a folder under globalStorage, shared by every window; tests: a temp dir).
   * With it, every request is recorded there, budget caps read today's and this month's spend from it and hold
   * across windows, unknown OpenRouter costs are reconciled, and `Core.ledger` is available. Without it budgets
   * keep their totals in `store` as before.
   */
  ledger?: LedgerDirectory;
}

export interface SendOptions {
  /** namespaced model id, `openrouter:openai/gpt-4o` */
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** overrides settings.fallbackChain for this request; [] = no fallback */
  fallback?: string[];
  signal?: AbortSignal;
  /** functions the model may call; undefined or [] = none */
  tools?: ToolDefinition[];
  /** default 'auto' */
  toolChoice?: ToolChoice;
  /** who asked (`vscode-chat` = VS Code's chat through the Language Model provider or @switchboard); for the ledger */
  source?: RequestSource;
  /** every part as it arrives, with the namespaced model currently answering */
  onPart?: (part: ChatStreamPart, servedModel: string) => void;
  /** what the ledger record says about where the request came from (source defaults to `chat`) */
  ledger?: LedgerContext;
}

/** Where a request came from: Switchboard's own views, or VS Code's chat (model picker, `vscode.lm`, @switchboard). */
export type RequestSource = 'switchboard' | 'vscode-chat';

/** Timings of one request, in ms. */
export interface ChatTimings {
  /** epoch ms when send() was called */
  startedAt: number;
  /** ms spent waiting for the rate limiter and upstream queue; undefined = none */
  queuedMs?: number;
  /** ms from send() to the first text or reasoning delta or tool call; undefined = none arrived */
  ttftMs?: number;
  /** ms from send() to the end */
  totalMs: number;
  /** output tokens / generation seconds (after the first token); undefined = not computable */
  tokensPerSecond?: number;
}

/** What one send() produced. send() resolves with this for provider failures too; `status` says which. */
export interface ChatResult {
  status: 'ok' | 'error' | 'aborted';
  /** the text so far: kept on error and abort */
  text: string;
  reasoning: string;
  requestedModel: string;
  /** namespaced id of the model that answered (or was last tried) */
  servedModel: string;
  /** the model named by the response (OpenRouter bills this one) */
  upstreamModel?: string;
  /** the upstream provider OpenRouter routed to, when said */
  upstreamProvider?: string;
  /** models tried before servedModel, in order, with why each failed */
  fallbackFrom: { model: string; error: SwitchboardError }[];
  finishReason?: FinishReason;
  rawFinishReason?: string;
  /** the tool calls of the reply, in order; undefined = none */
  toolCalls?: ToolCall[];
  /** SendOptions.source, passed through */
  source?: RequestSource;
  usage: Usage;
  cost: Cost;
  error?: SwitchboardError;
  generationId?: string;
  timings: ChatTimings;
  /** the request's id in the cost ledger (ReconcileEvent.requestId); undefined = no ledger, or nothing recorded */
  requestId?: string;
}

export interface ModelCatalog {
  /** every known model: bundled OpenRouter snapshot at first, then cached/fetched lists */
  list(): ModelInfo[];
  get(id: string): ModelInfo | undefined;
  /** fetches providers' model lists (those with a key or no key needed), caches them with a TTL */
  refresh(options?: { providerId?: string; force?: boolean; signal?: AbortSignal }): Promise<void>;
  /** called after the list changed */
  onDidChange(listener: () => void): { dispose(): void };
}

export interface BudgetWindow {
  /** integer micro-USD settled in this window */
  spentMicroUsd: number;
  /** integer micro-USD reserved by requests in flight */
  reservedMicroUsd: number;
  /** integer micro-USD; undefined = no cap */
  capMicroUsd?: number;
}

export interface BudgetStatus {
  day: BudgetWindow;
  month: BudgetWindow;
  /** integer micro-USD; undefined = no cap */
  perRequestCapMicroUsd?: number;
  /** settled micro-USD since the core was created (this VS Code session) */
  sessionMicroUsd: number;
  /** requests this session whose cost is unknown */
  sessionUnknownCount: number;
}

export interface CompareOptions {
  /** 2 to 6 namespaced model ids */
  models: string[];
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  onPart?: (column: number, part: ChatStreamPart) => void;
  /** for the columns' ledger records (source defaults to `compare`; column i gets messageId `<messageId>:<i>`) */
  ledger?: LedgerContext;
}

export interface CompareRun {
  /** one per model, independently cancellable; one failure does not touch the others */
  readonly columns: { model: string; result: Promise<ChatResult>; cancel(): void }[];
  /** all columns settled */
  readonly done: Promise<ChatResult[]>;
  cancelAll(): void;
}

/** A period of the ledger: the local day or month of now, or a range of epoch ms (`to` excluded). */
export type LedgerPeriod = 'today' | 'month' | TimeRange;

/** The cost ledger as the host reads it (Core.ledger). */
export interface SpendLedger {
  /** figures of a period, each cost kind apart; grouped by day, model, provider, upstream, workspace or conversation */
  totals(period: LedgerPeriod, by?: LedgerGroupBy): SpendTotals;
  /**
   * spend per local day of a period (whole days), broken down by model, workspace, conversation and upstream
   * provider, from the month summaries: what the dashboard draws, without reading every record
   */
  days(period: LedgerPeriod): SpendDay[];
  /** records of a period, updates applied, oldest first (the export; reads every record of the months touched) */
  records(period: LedgerPeriod): LedgerRecord[];
  /** lines that could not be read (torn, corrupt), with file and line number */
  problems(): readonly LedgerProblem[];
  /** reads what other windows appended (call before showing figures; budget checks do it themselves) */
  refresh(): void;
  /** after records were written or read (this window or another) */
  onDidChange(listener: () => void): { dispose(): void };
  /** after an unknown OpenRouter cost became billed (`reconciled`): update the reply's meta line and compare column */
  onDidReconcile(listener: (event: ReconcileEvent) => void): { dispose(): void };
  /** resolves when every pending `/generation` look-up has ended (billed, or given up) */
  whenReconciled(): Promise<void>;
}

export interface Core {
  providers(): ProviderDescriptor[];
  readonly catalog: ModelCatalog;
  /** instant chars/4 estimate, or exact (gpt-tokenizer, loaded lazily on first use) */
  estimate(options: { model: string; messages: ChatMessage[]; maxTokens?: number }, exact?: boolean): Promise<CostEstimate>;
  /** reserve budget, rate-limit, retry before the first token, fall back, settle; never rejects for provider failures */
  send(options: SendOptions): Promise<ChatResult>;
  /** reserves budget for every column up front; refuses the whole run if that would pass a cap */
  compare(options: CompareOptions): CompareRun;
  checkKey(providerId: string, apiKey: string, signal?: AbortSignal): Promise<KeyCheck>;
  /**
   * "Sign in with OpenRouter": exchanges an authorization code and its PKCE verifier for a key at
   * `POST {openrouter base URL}/auth/keys`, through the core's transport (its proxy), with no Authorization header.
   */
  exchangeOpenRouterCode(options: { code: string; verifier: string; signal?: AbortSignal }): Promise<ExchangedKey>;
  budgetStatus(): BudgetStatus;
  /** the cost ledger; undefined when CoreOptions.ledger was not given */
  readonly ledger?: SpendLedger;
  /**
   * The OpenRouter key's credit and usage (`GET /key`), cached for a minute (`force` fetches). Rejects with a
   * SwitchboardError: 'configuration' (no key), 'authentication' (401), 'timeout'.
   */
  openRouterAccount(options?: { force?: boolean; signal?: AbortSignal }): Promise<OpenRouterAccount>;
  updateSettings(settings: CoreSettings): void;
  dispose(): void;
}
