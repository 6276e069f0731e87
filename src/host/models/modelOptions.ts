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
 * The model as the status bar names it: the last segment of its id (`gpt-4o`), unless that segment has no letters
 * and so says nothing (`fault/429` stays whole instead of a bare "429"); at most 32 characters.
 */
export function statusModelLabel(modelId: string): string {
  const local = parseModelId(modelId)?.modelId ?? modelId;
  const short = shortModelName(modelId);
  const label = /[A-Za-z]{2}/.test(short) ? short : local;
  return label.length > 32 ? `${label.slice(0, 31)}…` : label;
}

/**
 * The model picker's groups: recently used first, then every other catalog model by provider, sorted by name. A
 * recent model is listed once (in the first group): listed twice, filtering showed it twice.
 */
export function modelPickerGroups(recentIds: readonly string[], models: readonly ModelInfo[]): { provider?: string; ids: string[] }[] {
  const recent = new Set(recentIds);
  const groups: { provider?: string; ids: string[] }[] = recentIds.length > 0 ? [{ ids: [...recent] }] : [];
  const byProvider = new Map<string, ModelInfo[]>();
  for (const model of models) {
    if (recent.has(model.id)) continue;
    byProvider.set(model.provider, [...(byProvider.get(model.provider) ?? []), model]);
  }
  for (const [provider, list] of byProvider) groups.push({ provider, ids: list.sort((a, b) => a.name.localeCompare(b.name)).map((model) => model.id) });
  return groups;
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
