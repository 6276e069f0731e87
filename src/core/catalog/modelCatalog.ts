import type { ModelCatalog } from '../api';
import type { ChatProvider, ProviderDescriptor } from '../providers/chatProvider';
import type { Clock, KeyValueStore, Logger, SecretSource } from '../ports';
import type { ModelInfo } from './modelInfo';
import { bundledOpenRouterModels } from './bundledSnapshot';
import { openRouterCandidates, withReferencePrices } from './priceReference';
import { builtInProvider } from '../providers/presets';
import { parseModelId } from '../providers/registry';

/** How long a fetched model list is used before it is fetched again: one hour. */
export const CATALOG_TTL_MS = 60 * 60 * 1000;

const ROUTING_VARIANT = /^(.+):(?:nitro|floor)$/;

/** The providers the catalog lists models from (the registry). */
export interface CatalogProviders {
  descriptors(): ProviderDescriptor[];
  get(providerId: string): ChatProvider | undefined;
}

/** One provider's fetched list as stored in the KeyValueStore. */
interface CachedList {
  /** clock.now() when it was fetched, epoch ms */
  fetchedAt: number;
  models: ModelInfo[];
}

/** The KeyValueStore key of one provider's list: per provider id and base URL, so a changed base URL refetches. */
export function catalogCacheKey(descriptor: ProviderDescriptor): string {
  return `switchboard.catalog.v1:${descriptor.id}:${descriptor.baseUrl}`;
}

export interface ModelCatalogOptions {
  providers: CatalogProviders;
  store: KeyValueStore;
  secrets: SecretSource;
  clock: Clock;
  logger?: Logger;
  ttlMs?: number;
  /** the starting OpenRouter list; default: the bundled snapshot */
  snapshot?: () => ModelInfo[];
}

/**
 * Every known model: the bundled OpenRouter snapshot first, replaced provider by provider by lists fetched with
 * `listModels()` and cached with a TTL in the KeyValueStore. Cached lists are read synchronously at start-up,
 * so picking and pricing work before any network call; a failed refresh keeps what was there.
 * Vendor models listed without prices (OpenAI, Anthropic, Gemini, DeepSeek) borrow the matching OpenRouter
 * entry's published prices (see priceReference.ts).
 */
export class ModelCatalogService implements ModelCatalog {
  private readonly lists = new Map<string, CachedList>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private index?: Map<string, ModelInfo>;
  private all?: ModelInfo[];
  private readonly ttlMs: number;

  constructor(private readonly options: ModelCatalogOptions) {
    this.ttlMs = options.ttlMs ?? CATALOG_TTL_MS;
    this.loadCached();
  }

  list(): ModelInfo[] {
    if (!this.all) {
      const merged = new Map<string, ModelInfo>();
      const lists = this.options.providers.descriptors().map((descriptor) => {
        const cached = this.lists.get(catalogCacheKey(descriptor));
        return cached?.models ?? (descriptor.id === 'openrouter' ? (this.options.snapshot ?? bundledOpenRouterModels)() : []);
      });
      for (const models of lists) for (const model of models) if (model.provider === 'openrouter') merged.set(model.id, model);
      const openRouter = new Map(merged);
      for (const models of lists) for (const model of models) if (model.provider !== 'openrouter') merged.set(model.id, withReferencePrices(model, openRouter));
      this.all = [...merged.values()];
      this.index = merged;
    }
    return this.all;
  }

  /**
   * The model with this namespaced id. A routing variant (`:nitro`, `:floor`) not listed on its own is priced
   * as its base model: the suffix changes how the request is routed, not the model.
   */
  get(id: string): ModelInfo | undefined {
    if (!this.index) this.list();
    const found = this.index!.get(id);
    if (found) return found;
    const variant = ROUTING_VARIANT.exec(id);
    if (variant) return this.index!.get(variant[1]);
    return this.unlistedVendorModel(id);
  }

  /** a vendor model not (yet) in its provider's list, described and priced from the matching OpenRouter entry */
  private unlistedVendorModel(id: string): ModelInfo | undefined {
    const parsed = parseModelId(id);
    const vendor = parsed && builtInProvider(parsed.providerId)?.openRouterVendor;
    if (!parsed || !vendor) return undefined;
    if (!this.options.providers.descriptors().some((descriptor) => descriptor.id === parsed.providerId)) return undefined;
    for (const candidate of openRouterCandidates(vendor, parsed.modelId)) {
      const reference = this.index!.get(candidate);
      if (reference) return { ...reference, id, provider: parsed.providerId, modelId: parsed.modelId };
    }
    return undefined;
  }

  /** epoch ms when the provider's list was fetched; undefined = never (snapshot or nothing) */
  fetchedAt(providerId: string): number | undefined {
    const descriptor = this.options.providers.descriptors().find((d) => d.id === providerId);
    return descriptor ? this.lists.get(catalogCacheKey(descriptor))?.fetchedAt : undefined;
  }

  async refresh(options: { providerId?: string; force?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    const targets = this.options.providers.descriptors().filter((d) => options.providerId === undefined || d.id === options.providerId);
    await Promise.all(targets.map((descriptor) => this.refreshOne(descriptor, options.force ?? false, options.signal)));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** the providers changed (settings): reread caches for new base URLs and tell listeners */
  providersChanged(): void {
    this.loadCached();
    this.changed();
  }

  private refreshOne(descriptor: ProviderDescriptor, force: boolean, signal: AbortSignal | undefined): Promise<void> {
    const key = catalogCacheKey(descriptor);
    const cached = this.lists.get(key);
    if (!force && cached && this.options.clock.now() - cached.fetchedAt < this.ttlMs) return Promise.resolve();
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.fetchList(descriptor, key, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async fetchList(descriptor: ProviderDescriptor, key: string, signal: AbortSignal | undefined): Promise<void> {
    const provider = this.options.providers.get(descriptor.id);
    if (!provider) return;
    // OpenRouter lists its models without a key; other providers need one when they require one
    if (descriptor.requiresKey && descriptor.kind !== 'openrouter' && !(await this.options.secrets.getApiKey(descriptor.id))) return;
    try {
      const models = await provider.listModels(signal);
      if (models.length === 0 && this.lists.has(key)) return;
      const entry: CachedList = { fetchedAt: this.options.clock.now(), models };
      this.lists.set(key, entry);
      await this.options.store.set(key, entry);
      this.changed();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // a local server that is not running is the normal case, not a problem worth a warning
      const log = descriptor.local ? this.options.logger?.debug : this.options.logger?.warn;
      log?.call(this.options.logger, `Model list of ${descriptor.label} not refreshed: ${message}`);
    }
  }

  private loadCached(): void {
    for (const descriptor of this.options.providers.descriptors()) {
      const key = catalogCacheKey(descriptor);
      if (this.lists.has(key)) continue;
      const stored = this.options.store.get<CachedList>(key);
      if (stored && typeof stored.fetchedAt === 'number' && Array.isArray(stored.models)) this.lists.set(key, stored);
    }
  }

  private changed(): void {
    this.all = undefined;
    this.index = undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.options.logger?.error(`Catalog listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
