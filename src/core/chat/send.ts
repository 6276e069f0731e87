import type { CoreSettings, ChatResult, OpenRouterRouting, SendOptions } from '../api';
import type { ChatStreamPart, FinishReason, Usage } from '../streamParts';
import type { ChatProvider, ChatMessage, OpenRouterOptions, ToolCall } from '../providers/chatProvider';
import type { ModelInfo } from '../catalog/modelInfo';
import type { Cost, CostEstimate } from '../cost/cost';
import type { Clock, Logger } from '../ports';
import type { BudgetReservation } from '../budget/budgetLedger';
import type { BudgetHolder } from '../ledger/requestRecorder';
import type { RateLimiter } from '../limits/rateLimiter';
import type { ProviderRegistry } from '../providers/registry';
import { SwitchboardError } from '../errors/switchboardError';
import { costOf } from '../cost/costOf';
import { approximatePromptTokens, estimateCost } from '../cost/estimateCost';
import { pricingFor } from '../cost/modelPrice';
import { refuseUnpricedUnderCaps } from '../budget/unpricedModels';
import { tokensPerSecond } from './tokensPerSecond';
import { DEFAULT_RETRY_POLICY, isFallbackError, retryDelayMs, type RetryPolicy } from './retryPolicy';

/** Output tokens asked for when neither the request nor settings name a number. */
export const DEFAULT_MAX_TOKENS = 4096;

/** What send() needs from the core around it. */
export interface SendContext {
  registry: ProviderRegistry;
  catalog: { get(id: string): ModelInfo | undefined };
  budget: BudgetHolder;
  limiter: RateLimiter;
  clock: Clock;
  settings: () => CoreSettings;
  logger?: Logger;
  retry?: RetryPolicy;
  random?: () => number;
}

/**
 * The max output tokens of a request: the request's, else settings', else 4096; never above the model's
 * published maximum. It is always sent, so the budget reservation bounds what the reply can cost.
 */
export function resolveMaxTokens(requested: number | undefined, settings: CoreSettings, model: ModelInfo | undefined): number {
  const wanted = positive(requested) ?? positive(settings.maxTokens) ?? DEFAULT_MAX_TOKENS;
  const modelMax = positive(model?.maxOutputTokens);
  return modelMax !== undefined ? Math.min(wanted, modelMax) : wanted;
}

/** The instant (chars/4) estimate for one model, used to reserve budget. */
export function quickEstimate(context: SendContext, model: string, messages: readonly ChatMessage[], maxTokens: number | undefined): CostEstimate {
  const info = context.catalog.get(model);
  return estimateCost({
    promptTokens: approximatePromptTokens(messages),
    promptTokensExact: false,
    maxOutputTokens: resolveMaxTokens(maxTokens, context.settings(), info),
    pricing: pricingFor(context, model),
  });
}

/** OpenRouter request fields for the routing preset in settings (only the OpenRouter provider reads them). */
export function routingOptions(routing: OpenRouterRouting | undefined): OpenRouterOptions | undefined {
  switch (routing) {
    case 'floor': return { provider: { sort: 'price' } };
    case 'nitro': return { provider: { sort: 'throughput' } };
    case 'no-data-collection': return { provider: { data_collection: 'deny' } };
    default: return undefined;
  }
}

interface Attempt {
  text: string;
  reasoning: string;
  usage: Usage;
  sawUsage: boolean;
  /** a text or reasoning delta or a tool call arrived: no retry and no fallback any more */
  started: boolean;
  finishReason?: FinishReason;
  rawFinishReason?: string;
  /** tool calls of this attempt, in order */
  toolCalls: ToolCall[];
  error?: SwitchboardError;
  generationId?: string;
  upstreamModel?: string;
  upstreamProvider?: string;
  /** monotonic ms of the first delta */
  firstDeltaAt?: number;
  /** monotonic ms of the first upstream `queued` part, until the next other part */
  queuedAt?: number;
  queuedMs: number;
}

/**
 * One request, end to end: resolve -> estimate the maximum -> reserve budget (unless the caller holds a
 * reservation already, as compare does) -> rate limit -> stream, retrying retryable errors before the first
 * token -> fall back along the chain on availability errors before the first token -> settle the cost.
 *
 * Never rejects for provider failures: the result's status says 'ok', 'error' or 'aborted', with the partial
 * text kept. Budget: settled to the real cost when usage arrived; when text arrived but no usage (a cut
 * stream) the cost is unknown and the reserved maximum counts as spent; when nothing was generated the hold is
 * released (a refused request costs nothing; a request cancelled before its first token shows cost unknown).
 */
export async function sendChat(context: SendContext, options: SendOptions, held?: BudgetReservation): Promise<ChatResult> {
  const { clock } = context;
  const startedAt = clock.now();
  const start = clock.monotonic();
  const settings = context.settings();
  const policy = context.retry ?? DEFAULT_RETRY_POLICY;
  const signal = options.signal;
  const chain = [options.model, ...(options.fallback ?? settings.fallbackChain ?? [])]
    .filter((model, index, all) => typeof model === 'string' && model !== '' && all.indexOf(model) === index);

  const fallbackFrom: ChatResult['fallbackFrom'] = [];
  let reservation = held;
  let servedModel = options.model;
  let attempt: Attempt = emptyAttempt();
  let limiterMs = 0;
  let finalError: SwitchboardError | undefined;
  let aborted = false;

  const finish = (): ChatResult => {
    const end = clock.monotonic();
    const status: ChatResult['status'] = aborted ? 'aborted' : finalError ? 'error' : 'ok';
    // an empty reply reached the model, which may have billed it: no usage means unknown, never $0
    const generated = attempt.started || attempt.text !== '' || attempt.reasoning !== '' || finalError?.code === 'empty-reply';
    let cost: Cost;
    if (attempt.sawUsage) cost = costOf(attempt.usage, pricingFor(context, servedModel));
    else if (generated || status === 'aborted') cost = { kind: 'unknown' };
    else cost = { kind: 'estimated', microUsd: 0 };
    if (reservation) {
      if (attempt.sawUsage || generated || status === 'ok') context.budget.settle(reservation, cost);
      else context.budget.release(reservation);
    }
    const queuedMs = limiterMs + attempt.queuedMs;
    const outputTokens = attempt.usage.outputTokens;
    const generationMs = attempt.firstDeltaAt !== undefined ? end - attempt.firstDeltaAt : undefined;
    return {
      status,
      text: attempt.text,
      reasoning: attempt.reasoning,
      requestedModel: options.model,
      servedModel,
      upstreamModel: attempt.upstreamModel,
      upstreamProvider: attempt.upstreamProvider,
      fallbackFrom,
      finishReason: attempt.finishReason,
      rawFinishReason: attempt.rawFinishReason,
      toolCalls: attempt.toolCalls.length > 0 ? attempt.toolCalls : undefined,
      source: options.source,
      usage: attempt.usage,
      cost,
      error: status === 'aborted' ? (finalError ?? abortError()) : finalError,
      generationId: attempt.generationId,
      timings: {
        startedAt,
        queuedMs: queuedMs > 0 ? queuedMs : undefined,
        ttftMs: attempt.firstDeltaAt !== undefined ? attempt.firstDeltaAt - start : undefined,
        totalMs: end - start,
        tokensPerSecond: tokensPerSecond(outputTokens, generationMs),
      },
    };
  };

  for (let index = 0; index < chain.length; index++) {
    const model = chain[index];
    const last = index === chain.length - 1;
    servedModel = model;
    attempt = emptyAttempt();
    if (signal?.aborted) {
      aborted = true;
      return finish();
    }
    let resolved: { provider: ChatProvider; modelId: string };
    try {
      resolved = context.registry.resolve(model);
    } catch (error) {
      const failure = asSwitchboardError(error);
      if (last || index === 0) {
        finalError = failure;
        return finish();
      }
      fallbackFrom.push({ model, error: failure });
      notify(context, options, { type: 'fallback', from: model, to: chain[index + 1]!, error: failure }, chain[index + 1]!);
      continue;
    }
    const info = context.catalog.get(model);
    const maxTokens = resolveMaxTokens(options.maxTokens, settings, info);
    const estimate = quickEstimate(context, model, options.messages, options.maxTokens);
    try {
      refuseUnpricedUnderCaps(settings, [{ model, priced: estimate.priced }]);
      if (!reservation) reservation = context.budget.reserve(estimate.maxMicroUsd, model);
      else if (index > 0) reservation = context.budget.adjust(reservation, estimate.maxMicroUsd, model);
    } catch (error) {
      finalError = asSwitchboardError(error);
      return finish();
    }

    for (let attemptNumber = 1; ; attemptNumber++) {
      attempt = emptyAttempt();
      const queueStart = clock.monotonic();
      try {
        await context.limiter.acquire(resolved.provider.descriptor.id, signal);
      } catch (error) {
        limiterMs += clock.monotonic() - queueStart;
        aborted = signal?.aborted === true || asSwitchboardError(error).code === 'aborted';
        if (!aborted) finalError = asSwitchboardError(error);
        return finish();
      }
      limiterMs += clock.monotonic() - queueStart;

      await streamAttempt(context, resolved, options, maxTokens, settings, attempt, model);
      if (signal?.aborted || attempt.error?.code === 'aborted') {
        aborted = true;
        finalError = attempt.error?.code === 'aborted' ? attempt.error : undefined;
        return finish();
      }
      if (!attempt.error) {
        finalError = undefined;
        return finish();
      }
      if (attempt.started) {
        // text already reached the person: never retried, never replaced by another model
        finalError = attempt.error;
        options.onPart?.({ type: 'error', error: attempt.error }, model);
        return finish();
      }
      const delay = retryDelayMs(attempt.error, attemptNumber, policy, context.random);
      if (delay === undefined) break;
      context.logger?.info(`${model}: ${attempt.error.code}, retry ${attemptNumber} of ${policy.maxAttempts - 1} in ${delay} ms`);
      notify(context, options, { type: 'retrying', attempt: attemptNumber + 1, maxAttempts: policy.maxAttempts, delayMs: delay, error: attempt.error }, model);
      try {
        await clock.sleep(delay, signal);
      } catch {
        aborted = true;
        return finish();
      }
    }

    const failure = attempt.error!;
    if (!last && isFallbackError(failure)) {
      context.logger?.info(`${model} failed (${failure.code}); falling back to ${chain[index + 1]}`);
      fallbackFrom.push({ model, error: failure });
      notify(context, options, { type: 'fallback', from: model, to: chain[index + 1]!, error: failure }, chain[index + 1]!);
      continue;
    }
    finalError = failure;
    options.onPart?.({ type: 'error', error: failure }, model);
    return finish();
  }
  return finish();
}

async function streamAttempt(
  context: SendContext,
  resolved: { provider: ChatProvider; modelId: string },
  options: SendOptions,
  maxTokens: number,
  settings: CoreSettings,
  attempt: Attempt,
  model: string,
): Promise<void> {
  const { clock } = context;
  try {
    const stream = resolved.provider.stream({
      model: resolved.modelId,
      messages: options.messages,
      maxTokens,
      temperature: options.temperature,
      signal: options.signal,
      openRouter: routingOptions(settings.openRouterRouting),
      tools: options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined,
      toolChoice: options.toolChoice,
    });
    for await (const part of stream) {
      if (attempt.queuedAt !== undefined && part.type !== 'queued') {
        attempt.queuedMs += clock.monotonic() - attempt.queuedAt;
        attempt.queuedAt = undefined;
      }
      if (part.type === 'error') {
        attempt.error = part.error;
        continue;
      }
      if (part.type === 'retrying' || part.type === 'fallback') continue; // engine parts; a provider never sends them
      apply(attempt, part, clock);
      notify(context, options, part, model);
    }
    if (!attempt.error && attempt.finishReason === undefined && !options.signal?.aborted) {
      attempt.error = new SwitchboardError({
        code: 'mid-stream',
        message: `${resolved.provider.descriptor.label}: the reply ended without a finish. The text so far is kept.`,
        provider: resolved.provider.descriptor.id,
        isRetryable: true,
      });
    }
  } catch (error) {
    attempt.error = options.signal?.aborted ? abortError() : asSwitchboardError(error, resolved.provider.descriptor.id);
  }
  if (options.signal?.aborted && !attempt.error) attempt.error = abortError();
  if (attempt.queuedAt !== undefined) attempt.queuedMs += clock.monotonic() - attempt.queuedAt;
}

/** Hands a part to the caller's listener; a listener that throws is logged, never breaks the request. */
function notify(context: SendContext, options: SendOptions, part: ChatStreamPart, model: string): void {
  try {
    options.onPart?.(part, model);
  } catch (error) {
    context.logger?.error(`onPart listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function apply(attempt: Attempt, part: Exclude<ChatStreamPart, { type: 'error' | 'retrying' | 'fallback' }>, clock: Clock): void {
  switch (part.type) {
    case 'queued':
      attempt.queuedAt ??= clock.monotonic();
      break;
    case 'response-metadata':
      if (part.id !== undefined) attempt.generationId = part.id;
      if (part.model !== undefined) attempt.upstreamModel = part.model;
      if (part.upstreamProvider !== undefined) attempt.upstreamProvider = part.upstreamProvider;
      break;
    case 'text-delta':
    case 'reasoning-delta':
      if (part.text === '') break;
      attempt.firstDeltaAt ??= clock.monotonic();
      attempt.started = true;
      if (part.type === 'text-delta') attempt.text += part.text;
      else attempt.reasoning += part.text;
      break;
    case 'tool-call':
      attempt.firstDeltaAt ??= clock.monotonic();
      attempt.started = true;
      attempt.toolCalls.push(part.call);
      break;
    case 'usage':
      attempt.sawUsage = true;
      for (const [key, value] of Object.entries(part.usage) as [keyof Usage, number | undefined][]) {
        if (value !== undefined) attempt.usage[key] = value;
      }
      break;
    case 'finish':
      attempt.finishReason = part.reason;
      attempt.rawFinishReason = part.rawReason;
      break;
  }
}

function emptyAttempt(): Attempt {
  return { text: '', reasoning: '', toolCalls: [], usage: {}, sawUsage: false, started: false, queuedMs: 0 };
}

function abortError(): SwitchboardError {
  return new SwitchboardError({ code: 'aborted', message: 'Stopped. The text so far is kept.' });
}

/** Anything thrown becomes a SwitchboardError (an unexpected one is a provider error, not retried). */
export function asSwitchboardError(error: unknown, provider?: string): SwitchboardError {
  if (error instanceof SwitchboardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchboardError({ code: 'provider-error', message: `Unexpected failure: ${message}`, provider, cause: error });
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}
