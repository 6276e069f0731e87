import type { ModelInfo } from './modelInfo';
import { builtInProvider } from '../providers/presets';


/**
 * OpenRouter ids a vendor's own model id may be listed under: as is, without a date suffix
 * (`-20250929`, `-2024-08-06`, `-latest`), and with version dashes as dots (`claude-sonnet-4-5` -> `claude-sonnet-4.5`).
 */
export function openRouterCandidates(vendorPrefix: string, modelId: string): string[] {
  const undated = modelId.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, '');
  const dotted = (id: string): string => id.replace(/(\d)-(\d)(?!\d)/g, '$1.$2');
  const ids = [modelId, undated, dotted(modelId), dotted(undated)];
  return [...new Set(ids)].map((id) => `openrouter:${vendorPrefix}/${id}`);
}

/**
 * A vendor model without prices borrows them (and its context length when missing) from the matching
 * OpenRouter entry; everything else is returned as it is. Costs computed from them are estimates anyway.
 */
export function withReferencePrices(model: ModelInfo, openRouter: ReadonlyMap<string, ModelInfo>): ModelInfo {
  if (model.pricing.prompt !== undefined && model.pricing.completion !== undefined) return model;
  // vendors whose own APIs publish no prices: their descriptor names OpenRouter's prefix for their models
  const prefix = builtInProvider(model.provider)?.openRouterVendor;
  if (!prefix) return model;
  for (const candidate of openRouterCandidates(prefix, model.modelId)) {
    const reference = openRouter.get(candidate);
    if (reference && reference.pricing.prompt !== undefined && reference.pricing.completion !== undefined) {
      return {
        ...model,
        pricing: { ...reference.pricing, ...definedOnly(model.pricing) },
        isFree: reference.isFree,
        contextLength: model.contextLength ?? reference.contextLength,
        maxOutputTokens: model.maxOutputTokens ?? reference.maxOutputTokens,
      };
    }
  }
  return model;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
