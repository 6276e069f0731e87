/**
 * A Switchboard model as VS Code's chat describes it (`LanguageModelChatInformation`): context and output limits
 * and capabilities from the catalog, the price per million tokens in `detail` and `tooltip` (the API has no price
 * field). No vscode import.
 */
import type { ModelInfo } from '../../core/index';
import { formatPriceLabel, formatTokens } from '../../shared/format';

/** Context window assumed for a model the catalog does not know (tokens). */
export const UNKNOWN_CONTEXT_TOKENS = 32_768;

/** The stable `LanguageModelChatInformation` fields, as plain data. */
export interface ChatModelInformation {
  /** the namespaced Switchboard id, `openrouter:openai/gpt-4o` */
  id: string;
  name: string;
  /** the provider id */
  family: string;
  version: string;
  /** shown next to the name in the model picker: the price */
  detail: string;
  tooltip: string;
  /** tokens: the context window minus maxOutputTokens */
  maxInputTokens: number;
  /** tokens: what one reply may use (the output budget Switchboard sends) */
  maxOutputTokens: number;
  capabilities: { toolCalling: boolean; imageInput: boolean };
}

/**
 * `outputBudget` is the max output tokens Switchboard sends when a request names none (settings, else 4096),
 * capped by the model's own maximum. `providerLabel` is the provider's display name.
 */
export function chatModelInformation(id: string, info: ModelInfo | undefined, outputBudget: number, providerLabel: string): ChatModelInformation {
  const maxOutputTokens = Math.max(1, Math.min(outputBudget, info?.maxOutputTokens ?? outputBudget));
  const context = info?.contextLength ?? UNKNOWN_CONTEXT_TOKENS;
  const price = formatPriceLabel(info?.pricing.prompt, info?.pricing.completion);
  const priceText = price === 'free' || price === 'price unknown' ? price : `${price} per million tokens (input / output)`;
  const name = info?.name ?? id.slice(id.indexOf(':') + 1);
  return {
    id,
    name,
    family: id.slice(0, id.indexOf(':')),
    version: id.slice(id.indexOf(':') + 1),
    detail: `${providerLabel} · ${price === 'free' || price === 'price unknown' ? price : `${price} /M`}`,
    tooltip: `${name} through Switchboard (${providerLabel}): ${priceText}; context ${info?.contextLength ? formatTokens(info.contextLength) : 'unknown'} tokens. `
      + 'Switchboard\'s budget caps, rate limit and fallback apply, and the cost counts in its spend.',
    maxInputTokens: Math.max(1, context - maxOutputTokens),
    maxOutputTokens,
    capabilities: { toolCalling: info?.capabilities.tools === true, imageInput: info?.inputModalities.includes('image') === true },
  };
}
