/**
 * How the chat's model picker names a model. OpenRouter names start with the vendor ("Anthropic: Claude 3 Haiku"),
 * so in a narrow sidebar every Anthropic model read "Anthropic: Claude 3…": the picker puts the distinguishing part
 * first and the vendor and provider after it, where an ellipsis costs least. The filter matches the whole label, so
 * typing a vendor or provider still finds its models.
 */
import type { ModelOption } from '../../src/shared/viewModels';
import { t } from '../common/l10n';
import { splitModelName } from '../common/modelNames';

/** "Claude 3 Haiku · Anthropic via OpenRouter", "qwen3 · Ollama (free)": what the picker lists and shows when chosen. */
export function modelLabel(model: ModelOption): string {
  const { vendor, model: name } = splitModelName(model.name);
  // OpenRouter's free variants already say so in their name
  const shown = model.isFree && !/\bfree\b/i.test(name) ? t('{0} (free)', name) : name;
  const source = vendor && vendor !== model.providerLabel ? t('{0} via {1}', vendor, model.providerLabel) : model.providerLabel;
  return `${shown} · ${source}`;
}

/** The line under the active option and the picker's tooltip: the full name, the id, the price and the wins. */
export function modelDetails(model: ModelOption): string {
  // "free" and "price unknown" are said as they are; a price is per million tokens
  const price = model.isFree ? t('free') : model.priceLabel.startsWith('$') ? t('{0} per million tokens in / out', model.priceLabel) : model.priceLabel;
  return [model.name, model.id, price, model.winsLabel].filter(Boolean).join(' · ');
}
