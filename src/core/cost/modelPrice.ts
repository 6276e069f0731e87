import type { CoreSettings, CustomEndpoint } from '../api';
import type { ModelInfo, ModelPricing } from '../catalog/modelInfo';
import type { ProviderDescriptor } from '../providers/chatProvider';
import { parseModelId } from '../providers/registry';

/** Where a model's price can come from (send's context has all three). */
export interface PriceSources {
  catalog: { get(id: string): ModelInfo | undefined };
  settings: () => CoreSettings;
  registry: { get(providerId: string): { readonly descriptor: ProviderDescriptor } | undefined };
}

/** A price for both prompt and completion tokens is known (0 = free). */
export function isPriced(pricing: ModelPricing | undefined): pricing is ModelPricing & { prompt: number; completion: number } {
  return pricing?.prompt !== undefined && pricing.completion !== undefined && pricing.prompt >= 0 && pricing.completion >= 0;
}

const FREE: ModelPricing = Object.freeze({ prompt: 0, completion: 0 });

/**
 * The price of a namespaced model, in this order: the custom endpoint's own price from settings (`pricing`, or
 * `free: true`), which the person set on purpose; the catalog's published price; 0 for a built-in local server
 * (Ollama, LM Studio); else whatever the catalog has (unknown: undefined or partial), which `isPriced` rejects.
 */
export function pricingFor(sources: PriceSources, model: string): ModelPricing | undefined {
  const parsed = parseModelId(model);
  const endpoint = parsed ? sources.settings().customEndpoints?.find((candidate) => candidate?.id === parsed.providerId) : undefined;
  const configured = endpoint ? endpointPricing(endpoint) : undefined;
  if (configured) return configured;
  const listed = sources.catalog.get(model)?.pricing;
  if (isPriced(listed)) return listed;
  if (parsed && sources.registry.get(parsed.providerId)?.descriptor.local === true) return FREE;
  return listed;
}

/** A custom endpoint's price from settings; undefined when it names none (or an unreadable one). */
export function endpointPricing(endpoint: CustomEndpoint): ModelPricing | undefined {
  if (endpoint.free === true) return FREE;
  const price = endpoint.pricing;
  if (!price || !isPrice(price.inputPerMillionUsd) || !isPrice(price.outputPerMillionUsd)) return undefined;
  // USD per million tokens is micro-USD per token: the same number
  return { prompt: price.inputPerMillionUsd, completion: price.outputPerMillionUsd };
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
