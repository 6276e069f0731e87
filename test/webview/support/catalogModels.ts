/** The bundled OpenRouter catalog as the chat host lists it in the model picker, for webview tests and the bench. */
import fs from 'node:fs';
import path from 'node:path';
import type { ModelOption } from '../../../src/shared/viewModels';

interface SnapshotModel {
  id: string;
  name: string;
  /** USD per token, as text */
  pricing: { prompt: string; completion: string };
}

/**
 * The 321 models of `src/core/catalog/openRouterSnapshot.json` as picker options; with `count` above that, copies
 * with a numbered id and name fill the list up (real OpenRouter lists 350 and more).
 */
export function catalogModelOptions(count?: number): ModelOption[] {
  const file = path.join(__dirname, '../../../src/core/catalog/openRouterSnapshot.json');
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: SnapshotModel[] };
  const perMillion = (price: string) => `$${(Number(price) * 1e6).toFixed(2)}`;
  const option = (model: SnapshotModel, copy: string): ModelOption => {
    const isFree = Number(model.pricing.prompt) === 0 && Number(model.pricing.completion) === 0;
    return { id: `openrouter:${model.id}${copy}`, name: `${model.name}${copy}`, provider: 'openrouter', providerLabel: 'OpenRouter',
      priceLabel: isFree ? 'free' : `${perMillion(model.pricing.prompt)} / ${perMillion(model.pricing.completion)}`, isFree };
  };
  const models = snapshot.data;
  return Array.from({ length: count ?? models.length }, (_, index) => option(models[index % models.length]!, index < models.length ? '' : ` #${index}`));
}
