import type { Clock, Logger } from '../ports';
import type { Transport } from '../transport/transport';
import type { CostLedger } from './costLedger';
import type { LedgerRecord, LedgerTokens } from './ledgerRecord';
import { SwitchboardError } from '../errors/switchboardError';
import { getJson, isRecord, joinUrl } from '../providers/providerHttp';

/** ms waited before each `/generation` look-up: OpenRouter answers 404 until its record is ready. */
export const RECONCILE_DELAYS_MS = [2_000, 5_000, 15_000, 60_000, 180_000];

/** Records older than this (ms) are not looked up again after a reload. */
export const RECONCILE_MAX_AGE_MS = 24 * 3_600_000;

/** What the host hears when a cost became known afterwards. */
export interface ReconcileEvent {
  requestId: string;
  conversationId?: string;
  messageId?: string;
  generationId: string;
  /** integer micro-USD billed (BYOK: OpenRouter's fee plus the upstream provider's charge) */
  microUsd: number;
  /** the record as it now stands in the ledger */
  record: LedgerRecord;
}

export interface ReconcilerOptions {
  ledger: CostLedger;
  transport: Transport;
  clock: Clock;
  logger?: Logger;
  /** OpenRouter's base URL as configured (`…/api/v1`); the key is sent there and nowhere else */
  baseUrl: () => string;
  getApiKey: () => Promise<string | undefined>;
  /** default RECONCILE_DELAYS_MS */
  delaysMs?: readonly number[];
}

const SOURCE = { id: 'openrouter', label: 'OpenRouter' };

/**
 * Turns OpenRouter requests whose cost is unknown (cut, stopped, usage missing) into billed (`reconciled`)
 * ones: looks each generation id up with `GET /generation?id=`, backing off while it answers 404 (not ready),
 * and appends the billed cost to the ledger as an update (the budget reads it from there). After the last try
 * the record is marked `reconcile: 'abandoned'` and its cost stays unknown, with the reason logged. The pending
 * look-ups are the ledger's own unknown OpenRouter records, so `resume()` after a reload picks them up again.
 */
export class Reconciler {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(event: ReconcileEvent) => void>();
  private readonly controller = new AbortController();

  constructor(private readonly options: ReconcilerOptions) {}

  /** whether a record is one this reconciler can look up */
  static wants(record: LedgerRecord): boolean {
    return record.cost.kind === 'unknown' && record.reconcile === undefined && record.generationId !== undefined && record.servedModel.startsWith('openrouter:');
  }

  onDidReconcile(listener: (event: ReconcileEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** starts looking a record up (no-op when it needs none or is being looked up already) */
  enqueue(record: LedgerRecord): void {
    if (!Reconciler.wants(record) || this.pending.has(record.requestId) || this.controller.signal.aborted) return;
    const work = this.run(record).finally(() => this.pending.delete(record.requestId));
    this.pending.set(record.requestId, work);
  }

  /** after a reload: enqueues the unknown OpenRouter records of this month and last that are under a day old */
  resume(): number {
    const now = this.options.clock.now();
    let count = 0;
    for (const record of this.options.ledger.unknownRecords({ from: now - RECONCILE_MAX_AGE_MS, to: now + 1 })) {
      if (!Reconciler.wants(record)) continue;
      this.enqueue(record);
      count++;
    }
    return count;
  }

  /** resolves when every look-up started so far has ended */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()]);
  }

  dispose(): void {
    this.controller.abort();
  }

  private async run(record: LedgerRecord): Promise<void> {
    const { clock, logger } = this.options;
    const delays = this.options.delaysMs ?? RECONCILE_DELAYS_MS;
    const id = record.generationId!;
    let lastReason = 'it answered 404 (not ready) every time';
    for (const delay of delays) {
      try {
        await clock.sleep(delay, this.controller.signal);
      } catch {
        return; // disposed: the record stays pending in the ledger and is resumed after the reload
      }
      let body: unknown;
      try {
        body = await this.lookUp(id);
      } catch (error) {
        const failure = error instanceof SwitchboardError ? error : undefined;
        if (failure?.status === 404) continue;
        lastReason = failure ? `${failure.code}: ${failure.message}` : String(error);
        if (failure && !failure.isRetryable) break;
        continue;
      }
      const billed = billedOf(body);
      if (billed === undefined) {
        lastReason = 'its answer had no total_cost';
        continue;
      }
      const updated = this.options.ledger.update(record.requestId, record.time, { cost: { kind: 'reconciled', microUsd: billed.microUsd }, tokens: billed.tokens, upstreamProvider: billed.provider });
      if (!updated) return;
      logger?.info(`OpenRouter generation ${id}: billed ${billed.microUsd} micro-USD (reconciled)`);
      const event: ReconcileEvent = { requestId: record.requestId, conversationId: record.conversationId, messageId: record.messageId, generationId: id, microUsd: billed.microUsd, record: updated };
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          logger?.error(`onDidReconcile listener failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return;
    }
    const waited = Math.round(delays.reduce((sum, delay) => sum + delay, 0) / 1000);
    logger?.warn(`OpenRouter generation ${id}: cost stays unknown; /generation was asked ${delays.length} times over ${waited} s and ${lastReason}.`);
    this.options.ledger.update(record.requestId, record.time, { reconcile: 'abandoned' });
  }

  private async lookUp(id: string): Promise<unknown> {
    const key = (await this.options.getApiKey())?.trim();
    if (!key) throw new SwitchboardError({ code: 'configuration', message: 'no OpenRouter key is set' });
    const url = `${joinUrl(this.options.baseUrl(), 'generation')}?id=${encodeURIComponent(id)}`;
    return getJson(this.options.transport, SOURCE, url, { authorization: `Bearer ${key}` }, this.controller.signal);
  }
}

/**
 * The billed cost of a `/generation` answer, in integer micro-USD: `total_cost`, plus `upstream_inference_cost`
 * when the generation used the person's own provider key (`is_byok`): OpenRouter's fee and the upstream charge.
 */
export function billedOf(body: unknown): { microUsd: number; tokens: LedgerTokens; provider?: string } | undefined {
  const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
  if (!data || typeof data.total_cost !== 'number' || !Number.isFinite(data.total_cost)) return undefined;
  const upstream = data.is_byok === true && typeof data.upstream_inference_cost === 'number' ? data.upstream_inference_cost : 0;
  const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
  return {
    // toPrecision first, as for usage.cost: 0.0001025 * 1e6 is 102.49999999999999 in floating point
    microUsd: Math.max(0, Math.round(Number(((data.total_cost + upstream) * 1_000_000).toPrecision(12)))),
    tokens: { input: count(data.native_tokens_prompt ?? data.tokens_prompt), output: count(data.native_tokens_completion ?? data.tokens_completion), reasoning: count(data.native_tokens_reasoning), cacheRead: count(data.native_tokens_cached) },
    provider: typeof data.provider_name === 'string' ? data.provider_name : undefined,
  };
}
