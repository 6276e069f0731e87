import type { ChatResult, CompareOptions, CompareRun, Core, CoreOptions, CoreSettings, LedgerPeriod, SendOptions, SpendLedger } from './api';
import type { ChatMessage, KeyCheck, ProviderDescriptor } from './providers/chatProvider';
import type { CostEstimate } from './cost/cost';
import type { Transport } from './transport/transport';
import type { Clock, KeyValueStore, Logger } from './ports';
import { BudgetLedger } from './budget/budgetLedger';
import { ModelCatalogService } from './catalog/modelCatalog';
import { startCompare } from './chat/compare';
import { sendChat, resolveMaxTokens, asSwitchboardError, type SendContext } from './chat/send';
import { pricingFor } from './cost/modelPrice';
import { PromptTokenCounter, approximatePromptTokens, estimateCost } from './cost/estimateCost';
import { RateLimiter } from './limits/rateLimiter';
import { systemClock } from './limits/systemClock';
import { ProviderRegistry } from './providers/registry';
import { createUndiciTransport } from './transport/undiciTransport';
import type { RetryPolicy } from './chat/retryPolicy';
import { exchangeCode } from './auth/openRouterOAuth';
import type { BudgetReservation } from './budget/budgetLedger';
import { SharedBudgetHolds } from './budget/sharedBudgetHolds';
import { CostLedger } from './ledger/costLedger';
import { Reconciler } from './ledger/reconciler';
import { carryOverBudget } from './ledger/carryOver';
import { recordResult, trackReservations, type LedgerContext } from './ledger/requestRecorder';
import type { LedgerSource } from './ledger/ledgerRecord';
import { totalsOf, totalsOfDays } from './ledger/ledgerTotals';
import { isWholeDays, localDayRange, localMonthRange, type TimeRange } from './ledger/calendar';
import { OpenRouterAccountService } from './account/openRouterAccount';

/** Test and bench hooks beyond the public CoreOptions (not part of the contract). */
export interface CoreInternals {
  retry?: RetryPolicy;
  random?: () => number;
  /** ms a fetched model list stays fresh */
  catalogTtlMs?: number;
  /** ms before each `/generation` look-up (default RECONCILE_DELAYS_MS) */
  reconcileDelaysMs?: number[];
  /** ms `/key` may take (default ACCOUNT_TIMEOUT_MS) */
  accountTimeoutMs?: number;
}

/**
 * Builds the core: providers from settings, the catalog (bundled snapshot + cached lists), the budget ledger,
 * the rate limiter and the send/compare/session orchestration. Nothing touches the network until asked, except
 * that with a ledger (CoreOptions.ledger) the `/generation` look-ups a previous session left pending resume.
 */
export function createCore(options: CoreOptions, internals: CoreInternals = {}): Core {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  let settings: CoreSettings = { ...options.settings };
  let ownTransport: Transport | undefined;
  const transport = options.transport ?? (ownTransport = createUndiciTransport({ proxy: settings.proxy }));
  let transportProxy = settings.proxy;
  const registry = new ProviderRegistry({ transport, secrets: options.secrets, settings, logger });
  const catalog = new ModelCatalogService({ providers: registry, store: options.store, secrets: options.secrets, clock, logger, ttlMs: internals.catalogTtlMs });
  const ledger = options.ledger ? new CostLedger(options.ledger, clock, logger) : undefined;
  if (ledger) carryOver(options.store, ledger, clock, logger);
  const budget = new BudgetLedger(options.store, clock, settings.budget, ledger ? new SharedBudgetHolds(ledger, clock) : undefined);
  const openRouter = {
    baseUrl: () => registry.require('openrouter').descriptor.baseUrl,
    getApiKey: () => options.secrets.getApiKey('openrouter'),
  };
  const reconciler = ledger ? new Reconciler({ ledger, transport, clock, logger, ...openRouter, delaysMs: internals.reconcileDelaysMs }) : undefined;
  const account = new OpenRouterAccountService({ transport, clock, logger, ...openRouter, timeoutMs: internals.accountTimeoutMs });
  const limiter = new RateLimiter(clock, settings.requestsPerMinute);
  const counter = new PromptTokenCounter(options.loadTokenCounter, (error) => {
    logger?.warn(`Token counter not loaded, using characters / 4: ${error instanceof Error ? error.message : String(error)}`);
  });
  const inFlight = new Set<AbortController>();
  let disposed = false;
  reconciler?.resume();

  const context: SendContext = {
    registry, catalog, budget, limiter, clock, logger,
    settings: () => settings,
    retry: internals.retry,
    random: internals.random,
  };

  /** writes the request's ledger record and starts reconciling an unknown OpenRouter cost; a write failure is logged, never thrown */
  const record = (result: ChatResult, context: LedgerContext | undefined, source: LedgerSource, reservation: BudgetReservation | undefined): ChatResult => {
    if (!ledger) return result;
    try {
      const written = recordResult(ledger, budget, result, { source, ...context }, reservation);
      if (!written) return result;
      reconciler?.enqueue(written);
      return { ...result, requestId: written.requestId };
    } catch (error) {
      logger?.error(`Could not write the spend ledger in ${ledger.directory.location}: ${error instanceof Error ? error.message : String(error)}`);
      return result;
    }
  };

  const send = async (sendOptions: SendOptions): Promise<ChatResult> => {
    const controller = new AbortController();
    const forward = (): void => controller.abort();
    if (sendOptions.signal?.aborted) controller.abort();
    else sendOptions.signal?.addEventListener('abort', forward, { once: true });
    inFlight.add(controller);
    try {
      const tracked = ledger ? trackReservations(budget, sendOptions.ledger?.workspace) : undefined;
      const result = await sendChat(tracked ? { ...context, budget: tracked.holder } : context, { ...sendOptions, signal: controller.signal });
      return record(result, sendOptions.ledger, 'chat', tracked?.latest());
    } finally {
      inFlight.delete(controller);
      sendOptions.signal?.removeEventListener('abort', forward);
    }
  };

  return {
    providers(): ProviderDescriptor[] {
      return registry.descriptors();
    },

    catalog,

    async estimate(request: { model: string; messages: ChatMessage[]; maxTokens?: number }, exact = false): Promise<CostEstimate> {
      const info = catalog.get(request.model);
      const counted = exact ? await counter.count(request.messages) : { tokens: approximatePromptTokens(request.messages), exact: false };
      return estimateCost({
        promptTokens: counted.tokens,
        promptTokensExact: counted.exact,
        maxOutputTokens: resolveMaxTokens(request.maxTokens, settings, info),
        pricing: pricingFor(context, request.model),
      });
    },

    send,

    compare(compareOptions: CompareOptions): CompareRun {
      const tracked = ledger ? trackReservations(budget, compareOptions.ledger?.workspace) : undefined;
      const started = startCompare(tracked ? { ...context, budget: tracked.holder } : context, compareOptions);
      const base = compareOptions.ledger;
      const columns = started.columns.map((column, index) => ({
        ...column,
        result: column.result.then((result) => record(result, { ...base, messageId: base?.messageId !== undefined ? `${base.messageId}:${index}` : undefined }, 'compare', tracked?.latest(index))),
      }));
      const run: CompareRun = { columns, cancelAll: started.cancelAll, done: started.done.then(() => Promise.all(columns.map((column) => column.result))) };
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => run.cancelAll(), { once: true });
      inFlight.add(controller);
      void run.done.finally(() => inFlight.delete(controller));
      return run;
    },

    async checkKey(providerId: string, apiKey: string, signal?: AbortSignal): Promise<KeyCheck> {
      const provider = registry.require(providerId);
      try {
        return await provider.checkKey(apiKey.trim(), signal);
      } catch (error) {
        throw asSwitchboardError(error, providerId);
      }
    },

    exchangeOpenRouterCode(exchange) {
      // the current transport: a proxy change replaces the core's own one
      return exchangeCode(ownTransport ?? transport, { ...exchange, openRouterBaseUrl: registry.require('openrouter').descriptor.baseUrl });
    },

    budgetStatus() {
      return budget.status();
    },

    ledger: ledger && reconciler ? spendLedger(ledger, reconciler, () => clock.now()) : undefined,

    openRouterAccount(request) {
      return account.get(request);
    },

    updateSettings(next: CoreSettings): void {
      settings = { ...next };
      let newTransport: Transport | undefined;
      if (ownTransport && (settings.proxy ?? '') !== (transportProxy ?? '')) {
        // requests in flight finish on the old transport; it is closed once they had time to
        const old = ownTransport;
        newTransport = ownTransport = createUndiciTransport({ proxy: settings.proxy });
        transportProxy = settings.proxy;
        setTimeout(() => void old.close().catch(() => undefined), 300_000).unref?.();
      }
      registry.update(settings, newTransport);
      budget.setCaps(settings.budget);
      limiter.setLimit(settings.requestsPerMinute);
      catalog.providersChanged();
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
      reconciler?.dispose();
      void ownTransport?.close().catch(() => undefined);
    },
  };
}

/** Moves this month's spend from the old key-value budget into the ledger (once); a failure is logged, never thrown. */
function carryOver(store: KeyValueStore, ledger: CostLedger, clock: Clock, logger: Logger | undefined): void {
  try {
    const record = carryOverBudget(store, ledger, clock);
    if (record && record.cost.kind !== 'unknown') logger?.info(`spend ledger: carried over ${record.cost.microUsd} micro-USD spent this month before the ledger existed`);
  } catch (error) {
    logger?.error(`Could not carry this month's spend over into the ledger: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Core.ledger over the ledger and the reconciler. */
function spendLedger(ledger: CostLedger, reconciler: Reconciler, now: () => number): SpendLedger {
  const range = (period: LedgerPeriod): TimeRange => (period === 'today' ? localDayRange(now()) : period === 'month' ? localMonthRange(now()) : period);
  return {
    // whole local days (today, this month, the dashboard's ranges) come from the day summaries, not the records
    totals: (period, by) => (isWholeDays(range(period)) ? totalsOfDays(ledger.days(range(period)), by) : totalsOf(ledger.records(range(period)), by)),
    days: (period) => ledger.days(range(period)),
    records: (period) => ledger.records(range(period)),
    problems: () => ledger.problems(),
    refresh: () => ledger.transaction(() => undefined),
    onDidChange: (listener) => ledger.onDidChange(listener),
    onDidReconcile: (listener) => reconciler.onDidReconcile(listener),
    whenReconciled: () => reconciler.whenIdle(),
  };
}
