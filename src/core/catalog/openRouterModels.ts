import type { ModelInfo, ModelPricing } from './modelInfo';
import { isRecord } from '../../shared/isRecord';

/**
 * Parses an OpenRouter `GET /models` body (`{ data: Model[] }`, the 2025 shape and the 2026 shape with
 * `total_count`, `links`, `benchmarks`, `reasoning`, `pricing.overrides`) into namespaced `ModelInfo`s.
 * Pricing strings are USD per token; they become micro-USD per token numbers. "-1" or absent = unknown.
 * Entries without a string `id` are skipped, so one odd entry never loses the whole list.
 */
export function parseOpenRouterModels(body: unknown, providerId = 'openrouter'): ModelInfo[] {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : Array.isArray(body) ? body : undefined;
  if (!data) {
    return [];
  }
  const models: ModelInfo[] = [];
  for (const entry of data) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') {
      continue;
    }
    models.push(parseOpenRouterModel(entry, providerId));
  }
  return models;
}

/**
 * OpenRouter's `pricing` object (USD per token or per unit, as decimal strings) in micro-USD; fields it lacks are
 * left out. Gateways that mirror OpenRouter's model list (and the demo's replay endpoint) publish the same shape.
 */
export function parseOpenRouterPricing(source: unknown): ModelPricing {
  const pricingSource = isRecord(source) ? source : {};
  const pricing: ModelPricing = {
    prompt: usdPerUnitToMicroUsd(pricingSource.prompt),
    completion: usdPerUnitToMicroUsd(pricingSource.completion),
    cacheRead: usdPerUnitToMicroUsd(pricingSource.input_cache_read),
    cacheWrite: usdPerUnitToMicroUsd(pricingSource.input_cache_write),
    reasoning: nonZero(usdPerUnitToMicroUsd(pricingSource.internal_reasoning)),
    request: usdPerUnitToMicroUsd(pricingSource.request),
    image: usdPerUnitToMicroUsd(pricingSource.image),
  };
  for (const key of Object.keys(pricing) as (keyof ModelPricing)[]) {
    if (pricing[key] === undefined) {
      delete pricing[key];
    }
  }
  return pricing;
}

function parseOpenRouterModel(entry: Record<string, unknown>, providerId: string): ModelInfo {
  const modelId = entry.id as string;
  const architecture = isRecord(entry.architecture) ? entry.architecture : {};
  const topProvider = isRecord(entry.top_provider) ? entry.top_provider : {};
  const supported = stringArray(entry.supported_parameters);
  const pricing = parseOpenRouterPricing(entry.pricing);
  const inputModalities = stringArray(architecture.input_modalities);
  const outputModalities = stringArray(architecture.output_modalities);
  const reasoningInfo = isRecord(entry.reasoning) ? entry.reasoning : undefined;
  return {
    id: `${providerId}:${modelId}`,
    provider: providerId,
    modelId,
    name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : modelId,
    description: typeof entry.description === 'string' ? entry.description : undefined,
    contextLength: positiveInteger(entry.context_length) ?? positiveInteger(topProvider.context_length),
    maxOutputTokens: positiveInteger(topProvider.max_completion_tokens),
    inputModalities: inputModalities.length > 0 ? inputModalities : ['text'],
    outputModalities: outputModalities.length > 0 ? outputModalities : ['text'],
    capabilities: {
      tools: supported.includes('tools'),
      reasoning: supported.includes('reasoning') || supported.includes('include_reasoning') || reasoningInfo !== undefined,
    },
    pricing,
    isFree: pricing.prompt === 0 && pricing.completion === 0,
    created: positiveInteger(entry.created),
  };
}

/**
 * "0.000015" (USD per token) -> 15 (micro-USD per token), exact for decimal strings (no float drift from
 * multiplying by 1e6). "-1", "", non-numbers and absent values -> undefined (unknown, never 0).
 */
export function usdPerUnitToMicroUsd(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? roundTiny(value * 1_000_000) : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  const plain = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (plain && (plain[1] !== '' || (plain[2] ?? '') !== '')) {
    const whole = plain[1] ?? '';
    const fraction = (plain[2] ?? '').padEnd(6, '0');
    const shifted = `${whole}${fraction.slice(0, 6)}.${fraction.slice(6) || '0'}`;
    return Number(shifted);
  }
  const number = Number(text);
  if (text === '' || !Number.isFinite(number) || number < 0) {
    return undefined;
  }
  return roundTiny(number * 1_000_000);
}

function roundTiny(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

function nonZero(value: number | undefined): number | undefined {
  return value === 0 ? undefined : value;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

