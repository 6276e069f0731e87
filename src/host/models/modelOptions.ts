/**
 * Catalog entries as the rows people pick from (webview select and VS Code quick pick). No vscode import.
 */
import { parseModelId, type ModelInfo, type ProviderDescriptor } from '../../core/index';
import { formatPriceLabel } from '../../shared/format';
import type { ModelOption } from '../../shared/viewModels';

/** "$2.50 / $10.00" (input / output per million tokens), "free", or "price unknown". */
export function priceLabel(model: ModelInfo | undefined): string {
  if (!model) return 'price unknown';
  return formatPriceLabel(model.pricing.prompt, model.pricing.completion);
}

/** "128k context" */
export function contextLabel(tokens: number | undefined): string | undefined {
  if (tokens === undefined) return undefined;
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M context`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}k context`;
  return `${tokens} context`;
}

/** "text+image → text" */
export function modalitiesLabel(model: ModelInfo): string {
  const input = model.inputModalities.length > 0 ? model.inputModalities.join('+') : 'text';
  const output = model.outputModalities.length > 0 ? model.outputModalities.join('+') : 'text';
  return `${input} → ${output}`;
}

export function providerOf(modelId: string): string {
  return parseModelId(modelId)?.providerId ?? modelId;
}

/** "gpt-4o-mini" from "openrouter:openai/gpt-4o-mini": the short name for the status bar */
export function shortModelName(modelId: string): string {
  const local = parseModelId(modelId)?.modelId ?? modelId;
  return local.slice(local.lastIndexOf('/') + 1) || modelId;
}

/**
 * The model as the status bar names it: the catalog name without its vendor prefix ("OpenAI: GPT-4o" gives
 * "GPT-4o"), else the whole id local to its provider (`fault/429`, not a bare "429"); at most 32 characters.
 */
export function statusModelLabel(modelId: string, catalogName: string | undefined): string {
  const label = catalogName?.replace(/^[^:]{1,40}:\s+/, '') || (parseModelId(modelId)?.modelId ?? modelId);
  return label.length > 32 ? `${label.slice(0, 31)}…` : label;
}

export function modelOptionOf(
  modelId: string,
  info: ModelInfo | undefined,
  providers: readonly ProviderDescriptor[],
  winsLabel: string | undefined,
): ModelOption {
  const provider = info?.provider ?? providerOf(modelId);
  return {
    id: modelId,
    name: info?.name ?? shortModelName(modelId),
    provider,
    providerLabel: providers.find((descriptor) => descriptor.id === provider)?.label ?? provider,
    priceLabel: priceLabel(info),
    contextLength: info?.contextLength,
    isFree: info?.isFree ?? false,
    winsLabel,
  };
}
