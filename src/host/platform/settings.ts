/**
 * `switchboard.*` settings (and VS Code's `http.proxy`) read into what the core and the chat need.
 * Reading goes through a getter so the mapping is plain code; `readHostSettings()` in hostSettings.ts feeds it.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { DEFAULT_LOW_CREDIT_USD, type CoreSettings, type CustomEndpoint, type EndpointPricing, type OpenRouterRouting } from '../../core/index';

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
  spend: {
    /** USD of OpenRouter credit under which Switchboard warns */
    lowCreditWarningUsd: number;
  };
}

/**
 * Settings that decide where a key is sent or how much may be spent. They are read from the user's settings only
 * (the manifest gives them `"scope": "application"`): a repository's `.vscode/settings.json` is written by someone
 * else, and a value there is ignored with a one-time notice naming the setting.
 */
export const USER_ONLY_SETTINGS: readonly string[] = Object.freeze([
  'switchboard.providerBaseUrls',
  'switchboard.endpoints',
  'switchboard.budget.perRequestUsd',
  'switchboard.budget.dailyUsd',
  'switchboard.budget.monthlyUsd',
  'switchboard.budget.allowUnpricedUnderCaps',
  'switchboard.budget.workspaceMonthlyUsd',
  'switchboard.openRouter.lowCreditWarningUsd',
]);

/** What `WorkspaceConfiguration.inspect()` reports for one setting (the fields read here). */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The effective value of a setting: a user-only setting takes the user's value (or the default) and reports a
 * workspace value it ignored through `ignored`; any other setting is VS Code's merged value (`merged`).
 */
export function settingValue(name: string, layers: SettingLayers | undefined, merged: unknown, ignored: (name: string) => void): unknown {
  if (!USER_ONLY_SETTINGS.includes(name)) return merged;
  if (layers?.workspaceValue !== undefined || layers?.workspaceFolderValue !== undefined) ignored(name);
  return layers?.globalValue !== undefined ? layers.globalValue : layers?.defaultValue;
}

/**
 * The user-only settings a settings file (`.vscode/settings.json` or a `.code-workspace` file's `settings`) sets,
 * comments and trailing commas allowed. VS Code itself drops application-scoped values from a workspace (inspect()
 * does not even report them), so the notice reads the files to name what it ignored.
 */
export function userOnlySettingsIn(text: string, workspaceFile = false): string[] {
  const parsed = parseJsonc(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  const root = workspaceFile && isObject(parsed) ? parsed.settings : parsed;
  if (!isObject(root)) return [];
  const names = new Set<string>();
  const visit = (value: Record<string, unknown>, prefix: string): void => {
    for (const [key, child] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (USER_ONLY_SETTINGS.includes(name)) names.add(name);
      else if (isObject(child) && USER_ONLY_SETTINGS.some((setting) => setting.startsWith(`${name}.`))) visit(child, name);
    }
  };
  visit(root, '');
  return [...names];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ROUTINGS: readonly OpenRouterRouting[] = ['default', 'floor', 'nitro', 'no-data-collection'];

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function nonNegativeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function endpointsFrom(value: unknown, problems: string[]): CustomEndpoint[] {
  if (!Array.isArray(value)) return [];
  const endpoints: CustomEndpoint[] = [];
  for (const item of value) {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const { id, label, baseUrl, requiresKey, pricing, free } = record;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id) || typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) {
      problems.push(`switchboard.endpoints: skipped an entry (needs an id of letters, digits, _ or - and an http(s) baseUrl): ${JSON.stringify(item)?.slice(0, 200)}`);
      continue;
    }
    endpoints.push({
      id,
      label: typeof label === 'string' ? label : undefined,
      baseUrl,
      requiresKey: requiresKey !== false,
      pricing: endpointPricingFrom(id, pricing, problems),
      free: free === true ? true : undefined,
    });
  }
  return endpoints;
}

function endpointPricingFrom(id: string, value: unknown, problems: string[]): EndpointPricing | undefined {
  if (value === undefined) return undefined;
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const valid = (price: unknown): price is number => typeof price === 'number' && Number.isFinite(price) && price >= 0;
  if (valid(record.inputPerMillionUsd) && valid(record.outputPerMillionUsd)) {
    return { inputPerMillionUsd: record.inputPerMillionUsd, outputPerMillionUsd: record.outputPerMillionUsd };
  }
  problems.push(`switchboard.endpoints: "${id}" has a pricing without two prices of 0 or more (inputPerMillionUsd, outputPerMillionUsd); its models stay unpriced`);
  return undefined;
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
      workspaceMonthlyUsd: positiveNumber(get('switchboard.budget.workspaceMonthlyUsd')),
      allowUnpricedUnderCaps: get('switchboard.budget.allowUnpricedUnderCaps') === true,
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
    spend: {
      lowCreditWarningUsd: nonNegativeNumber(get('switchboard.openRouter.lowCreditWarningUsd')) ?? DEFAULT_LOW_CREDIT_USD,
    },
  };
}
