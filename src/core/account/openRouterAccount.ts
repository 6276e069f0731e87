import type { Clock, Logger } from '../ports';
import type { Transport } from '../transport/transport';
import { SwitchboardError } from '../errors/switchboardError';
import { getJson, isRecord, joinUrl } from '../providers/providerHttp';

/** ms a fetched account stays fresh: refreshed at most once a minute unless forced. */
export const ACCOUNT_TTL_MS = 60_000;
/** ms `/key` may take before the look-up fails with a 'timeout' error. */
export const ACCOUNT_TIMEOUT_MS = 10_000;
/** USD of credit left under which `isLowCredit` says so, when settings give no threshold. */
export const DEFAULT_LOW_CREDIT_USD = 1;

/**
 * The OpenRouter key's account (`GET /api/v1/key`, a normal inference key can read it). Money is integer
 * micro-USD; usage windows are OpenRouter's (UTC day, UTC Monday-Sunday week, UTC month).
 */
export interface OpenRouterAccount {
  /** the key's label as OpenRouter shows it (`sk-or-v1-au7...890`), never the key */
  label: string;
  /** credit limit of the key; undefined = no limit */
  limitMicroUsd?: number;
  /** credit left under the limit; undefined = no limit */
  remainingMicroUsd?: number;
  /** how the limit resets (`daily`, `weekly`, `monthly`); undefined = never */
  limitReset?: string;
  /** whether BYOK spend counts against the limit */
  byokInLimit: boolean;
  usage: UsageWindows;
  /** spend on the person's own provider keys */
  byokUsage: UsageWindows;
  isFreeTier: boolean;
  /** epoch ms the key expires; undefined = never */
  expiresAt?: number;
  /** epoch ms this was fetched */
  fetchedAt: number;
}

/** Integer micro-USD spent in each window. */
export interface UsageWindows {
  total: number;
  /** the current UTC day */
  daily: number;
  /** the current UTC week (Monday-Sunday) */
  weekly: number;
  /** the current UTC month */
  monthly: number;
}

export interface AccountServiceOptions {
  transport: Transport;
  clock: Clock;
  logger?: Logger;
  /** OpenRouter's base URL as configured (`…/api/v1`); the key goes there only */
  baseUrl: () => string;
  getApiKey: () => Promise<string | undefined>;
  /** default ACCOUNT_TIMEOUT_MS */
  timeoutMs?: number;
}

const SOURCE = { id: 'openrouter', label: 'OpenRouter' };

/**
 * Reads and caches the OpenRouter account. `get()` answers from the cache while it is under a minute old and
 * fetches otherwise (concurrent callers share one request); `get({ force: true })` always fetches. A 401 or a
 * timeout rejects with a SwitchboardError ('authentication' / 'timeout') saying what to do; the cache is kept.
 */
export class OpenRouterAccountService {
  private cached?: OpenRouterAccount;
  private inFlight?: Promise<OpenRouterAccount>;

  constructor(private readonly options: AccountServiceOptions) {}

  /** the last account fetched, without asking the network */
  peek(): OpenRouterAccount | undefined {
    return this.cached;
  }

  async get(request: { force?: boolean; signal?: AbortSignal } = {}): Promise<OpenRouterAccount> {
    if (!request.force && this.cached && this.options.clock.now() - this.cached.fetchedAt < ACCOUNT_TTL_MS) return this.cached;
    if (!request.force && this.inFlight) return this.inFlight;
    const fetching = this.fetch(request.signal).finally(() => {
      if (this.inFlight === fetching) this.inFlight = undefined;
    });
    this.inFlight = fetching;
    return fetching;
  }

  /** forgets the cache (the key changed) */
  clear(): void {
    this.cached = undefined;
  }

  private async fetch(signal?: AbortSignal): Promise<OpenRouterAccount> {
    const key = (await this.options.getApiKey())?.trim();
    if (!key) throw new SwitchboardError({ code: 'configuration', provider: 'openrouter', message: "OpenRouter: no API key is set. Run 'Switchboard: Set API Key' and choose OpenRouter." });
    const timeoutMs = this.options.timeoutMs ?? ACCOUNT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let body: unknown;
    try {
      body = await getJson(this.options.transport, SOURCE, joinUrl(this.options.baseUrl(), 'key'), { authorization: `Bearer ${key}` }, both);
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) {
        throw new SwitchboardError({ code: 'timeout', provider: 'openrouter', isRetryable: true, cause: error, message: `OpenRouter did not say the credit left within ${timeoutMs / 1000} s. Try again later; nothing was spent.` });
      }
      throw error;
    }
    const account = parseAccount(body, this.options.clock.now());
    this.cached = account;
    return account;
  }
}

/** `GET /key`'s `{data}` -> OpenRouterAccount (USD to integer micro-USD); a body without `data` is a provider error. */
export function parseAccount(body: unknown, fetchedAt: number): OpenRouterAccount {
  const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
  if (!data) throw new SwitchboardError({ code: 'provider-error', provider: 'openrouter', message: 'OpenRouter: /key answered without account data. Check the OpenRouter base URL.' });
  const money = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? Math.round(Number((value * 1_000_000).toPrecision(12))) : undefined);
  const windows = (prefix: string): UsageWindows => ({
    total: money(data[prefix]) ?? 0,
    daily: money(data[`${prefix}_daily`]) ?? 0,
    weekly: money(data[`${prefix}_weekly`]) ?? 0,
    monthly: money(data[`${prefix}_monthly`]) ?? 0,
  });
  const expires = typeof data.expires_at === 'string' ? Date.parse(data.expires_at) : NaN;
  return {
    label: typeof data.label === 'string' ? data.label : '',
    limitMicroUsd: money(data.limit),
    remainingMicroUsd: money(data.limit_remaining),
    limitReset: typeof data.limit_reset === 'string' ? data.limit_reset : undefined,
    byokInLimit: data.include_byok_in_limit === true,
    usage: windows('usage'),
    byokUsage: windows('byok_usage'),
    isFreeTier: data.is_free_tier === true,
    expiresAt: Number.isFinite(expires) ? expires : undefined,
    fetchedAt,
  };
}

/** Whether the credit left is under the threshold (USD; default DEFAULT_LOW_CREDIT_USD). A key without a limit never is. */
export function isLowCredit(account: OpenRouterAccount, thresholdUsd: number = DEFAULT_LOW_CREDIT_USD): boolean {
  return account.remainingMicroUsd !== undefined && account.remainingMicroUsd < Math.round(thresholdUsd * 1_000_000);
}
