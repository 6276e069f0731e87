import type { ChatResult, CompareOptions, CompareRun, Core, CoreOptions, CoreSettings, SendOptions } from './api';
import type { ChatMessage, KeyCheck, ProviderDescriptor } from './providers/chatProvider';
import type { CostEstimate } from './cost/cost';
import type { Transport } from './transport/transport';
import { BudgetLedger } from './budget/budgetLedger';
import { ModelCatalogService } from './catalog/modelCatalog';
import { startCompare } from './chat/compare';
import { sendChat, resolveMaxTokens, asSwitchboardError, type SendContext } from './chat/send';
import { ChatSessionImpl } from './chat/session';
import { PromptTokenCounter, approximatePromptTokens, estimateCost } from './cost/estimateCost';
import { RateLimiter } from './limits/rateLimiter';
import { systemClock } from './limits/systemClock';
import { ProviderRegistry } from './providers/registry';
import { createUndiciTransport } from './transport/undiciTransport';
import type { RetryPolicy } from './chat/retryPolicy';
import { exchangeCode } from './auth/openRouterOAuth';

/** Test and bench hooks beyond the public CoreOptions (not part of the contract). */
export interface CoreInternals {
  retry?: RetryPolicy;
  random?: () => number;
  /** ms a fetched model list stays fresh */
  catalogTtlMs?: number;
}

/**
 * Builds the core: providers from settings, the catalog (bundled snapshot + cached lists), the budget ledger,
 * the rate limiter and the send/compare/session orchestration. Nothing touches the network until asked.
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
  const budget = new BudgetLedger(options.store, clock, settings.budget);
  const limiter = new RateLimiter(clock, settings.requestsPerMinute);
  const counter = new PromptTokenCounter(options.loadTokenCounter, (error) => {
    logger?.warn(`Token counter not loaded, using characters / 4: ${error instanceof Error ? error.message : String(error)}`);
  });
  const inFlight = new Set<AbortController>();
  let disposed = false;

  const context: SendContext = {
    registry, catalog, budget, limiter, clock, logger,
    settings: () => settings,
    retry: internals.retry,
    random: internals.random,
  };

  const send = async (sendOptions: SendOptions): Promise<ChatResult> => {
    const controller = new AbortController();
    const forward = (): void => controller.abort();
    if (sendOptions.signal?.aborted) controller.abort();
    else sendOptions.signal?.addEventListener('abort', forward, { once: true });
    inFlight.add(controller);
    try {
      return await sendChat(context, { ...sendOptions, signal: controller.signal });
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
        pricing: info?.pricing,
      });
    },

    send,

    createSession(init: { model: string; systemPrompt?: string; messages?: ChatMessage[] }) {
      return new ChatSessionImpl(send, init);
    },

    compare(compareOptions: CompareOptions): CompareRun {
      const run = startCompare(context, compareOptions);
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
      void ownTransport?.close().catch(() => undefined);
    },
  };
}
