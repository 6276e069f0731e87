/**
 * `switchboard.*` settings (and VS Code's `http.proxy`) read into what the core and the chat need.
 * Reading goes through a getter so the mapping is plain code; `readHostSettings()` in hostSettings.ts feeds it.
 */
import type { CoreSettings, CustomEndpoint, OpenRouterRouting } from '../../core/index';

export const DEFAULT_MODEL = 'openrouter:openai/gpt-4o-mini';

/** What the host reads from settings. */
export interface HostSettings {
  core: CoreSettings;
  /** the default model (namespaced id): SWITCHBOARD_MODEL, else `switchboard.model` */
  model: string;
  /** true when SWITCHBOARD_MODEL decided `model` */
  modelFromEnvironment: boolean;
  /** undefined = the provider's default */
  temperature?: number;
  /** undefined = none */
  systemPrompt?: string;
}

const ROUTINGS: readonly OpenRouterRouting[] = ['default', 'floor', 'nitro', 'no-data-collection'];

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function endpointsFrom(value: unknown, problems: string[]): CustomEndpoint[] {
  if (!Array.isArray(value)) return [];
  const endpoints: CustomEndpoint[] = [];
  for (const item of value) {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { id, label, baseUrl, requiresKey } = record;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id) || typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) {
      problems.push(`switchboard.endpoints: skipped an entry (needs an id of letters, digits, _ or - and an http(s) baseUrl): ${JSON.stringify(item)?.slice(0, 200)}`);
      continue;
    }
    endpoints.push({ id, label: typeof label === 'string' ? label : undefined, baseUrl, requiresKey: requiresKey !== false });
  }
  return endpoints;
}

function baseUrlsFrom(value: unknown, problems: string[]): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const result: Record<string, string> = {};
  for (const [provider, url] of Object.entries(value)) {
    if (typeof url === 'string' && /^https?:\/\//.test(url)) result[provider] = url.replace(/\/+$/, '');
    else problems.push(`switchboard.providerBaseUrls.${provider}: not an http(s) URL, ignored`);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * Maps raw setting values to HostSettings. `get` reads a setting by its full name (`switchboard.maxTokens`,
 * `http.proxy`); `problems` collects what was ignored, for the log.
 */
export function settingsFrom(get: (name: string) => unknown, environment: Record<string, string | undefined>, problems: string[] = []): HostSettings {
  const environmentModel = environment.SWITCHBOARD_MODEL?.trim();
  const configuredModel = get('switchboard.model');
  const model = environmentModel || (typeof configuredModel === 'string' && configuredModel.includes(':') ? configuredModel.trim() : DEFAULT_MODEL);
  const routing = get('switchboard.openRouter.routing');
  const fallback = get('switchboard.fallbackChain');
  const proxy = get('http.proxy');
  const maxTokens = positiveNumber(get('switchboard.maxTokens'));
  const temperature = get('switchboard.temperature');
  const systemPrompt = get('switchboard.systemPrompt');
  const core: CoreSettings = {
    baseUrls: baseUrlsFrom(get('switchboard.providerBaseUrls'), problems),
    customEndpoints: endpointsFrom(get('switchboard.endpoints'), problems),
    proxy: typeof proxy === 'string' && proxy.trim() ? proxy.trim() : undefined,
    requestsPerMinute: positiveNumber(get('switchboard.requestsPerMinute')),
    budget: {
      perRequestUsd: positiveNumber(get('switchboard.budget.perRequestUsd')),
      dailyUsd: positiveNumber(get('switchboard.budget.dailyUsd')),
      monthlyUsd: positiveNumber(get('switchboard.budget.monthlyUsd')),
    },
    fallbackChain: Array.isArray(fallback) ? fallback.filter((id): id is string => typeof id === 'string' && id.includes(':')) : [],
    openRouterRouting: ROUTINGS.includes(routing as OpenRouterRouting) ? routing as OpenRouterRouting : 'default',
    attribution: { referer: 'https://github.com/switchboard-dev/switchboard', title: 'Switchboard for VS Code' },
    maxTokens: maxTokens === undefined ? undefined : Math.floor(maxTokens),
  };
  return {
    core,
    model,
    modelFromEnvironment: Boolean(environmentModel),
    temperature: typeof temperature === 'number' && temperature >= 0 && temperature <= 2 ? temperature : undefined,
    systemPrompt: typeof systemPrompt === 'string' && systemPrompt.trim() ? systemPrompt : undefined,
  };
}
