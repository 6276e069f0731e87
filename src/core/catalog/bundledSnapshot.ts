import type { ModelInfo } from './modelInfo';
import { parseOpenRouterModels } from './openRouterModels';

let parsed: ModelInfo[] | undefined;

/**
 * The OpenRouter model list bundled with the extension (built by scripts/buildCatalogSnapshot.mjs), parsed on
 * first use rather than at start-up. Prices in it are OpenRouter's published data at the snapshot date.
 */
export function bundledOpenRouterModels(): ModelInfo[] {
  if (!parsed) {
    // a JSON require is bundled by esbuild and read by tsx; the tsconfig has no resolveJsonModule
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const snapshot: unknown = require('./openRouterSnapshot.json');
    parsed = parseOpenRouterModels(snapshot, 'openrouter');
  }
  return parsed;
}
