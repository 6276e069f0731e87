import type { CoreSettings } from '../api';
import type { SecretSource, Logger } from '../ports';
import type { Transport } from '../transport/transport';
import type { ChatProvider, ProviderDescriptor } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { SwitchboardError } from '../errors/switchboardError';
import { BUILT_IN_PROVIDERS, createProvider } from './presets';

/** A namespaced model id split at its first colon: `openrouter:openai/gpt-4o:free` -> `openrouter`, `openai/gpt-4o:free`. */
export interface ParsedModelId {
  providerId: string;
  modelId: string;
}

/** Splits `provider:model` at the first colon; undefined when there is no provider part or no model part. */
export function parseModelId(id: string): ParsedModelId | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return undefined;
  return { providerId: id.slice(0, colon).trim(), modelId: id.slice(colon + 1).trim() };
}

/** Builds a provider from its descriptor (injectable for tests; default: the presets' factory). */
export type ProviderFactory = (descriptor: ProviderDescriptor, options: Omit<ProviderFactoryOptions, 'descriptor'>) => ChatProvider;

export interface ProviderRegistryOptions {
  transport: Transport;
  secrets: SecretSource;
  settings: CoreSettings;
  logger?: Logger;
  factory?: ProviderFactory;
  builtIns?: readonly ProviderDescriptor[];
}

const PROVIDER_ID = /^[a-z0-9][a-z0-9_.-]*$/i;

/**
 * The providers settings describe: the built-in descriptors (base URLs overridable per id) plus the custom
 * OpenAI-compatible endpoints. Resolves namespaced model ids to a provider and its own model id.
 * `update` rebuilds every provider from new settings.
 */
export class ProviderRegistry {
  private providers = new Map<string, ChatProvider>();
  private readonly problems: string[] = [];
  private transport: Transport;

  constructor(private readonly options: ProviderRegistryOptions) {
    this.transport = options.transport;
    this.build(options.settings);
  }

  /** rebuilds every provider from new settings (and a new transport when the proxy changed) */
  update(settings: CoreSettings, transport?: Transport): void {
    if (transport) this.transport = transport;
    this.build(settings);
  }

  descriptors(): ProviderDescriptor[] {
    return [...this.providers.values()].map((provider) => provider.descriptor);
  }

  get(providerId: string): ChatProvider | undefined {
    return this.providers.get(providerId);
  }

  /** settings that were ignored, with why (for the log and the settings check) */
  settingProblems(): readonly string[] {
    return this.problems;
  }

  /** The provider of a namespaced model id; a 'configuration' SwitchboardError with the fix when it has none. */
  resolve(id: string): { provider: ChatProvider; modelId: string } {
    const parsed = parseModelId(id);
    if (!parsed) {
      throw new SwitchboardError({
        code: 'configuration',
        message: `Model id "${id}" names no provider. Write it as provider:model, e.g. openrouter:openai/gpt-4o.`,
      });
    }
    const provider = this.providers.get(parsed.providerId);
    if (!provider) {
      throw new SwitchboardError({
        code: 'configuration',
        message: `Unknown provider "${parsed.providerId}" in model id "${id}". Known providers: ${[...this.providers.keys()].join(', ')}. Add a custom endpoint in switchboard.endpoints to use another one.`,
      });
    }
    return { provider, modelId: parsed.modelId };
  }

  /** The provider or a 'configuration' SwitchboardError naming the known ones. */
  require(providerId: string): ChatProvider {
    const provider = this.providers.get(providerId);
    if (!provider) {
      throw new SwitchboardError({
        code: 'configuration',
        message: `Unknown provider "${providerId}". Known providers: ${[...this.providers.keys()].join(', ')}.`,
      });
    }
    return provider;
  }

  private build(settings: CoreSettings): void {
    const factory = this.options.factory ?? createProvider;
    const descriptors = new Map<string, ProviderDescriptor>();
    this.problems.length = 0;
    for (const builtIn of this.options.builtIns ?? BUILT_IN_PROVIDERS) {
      const override = settings.baseUrls?.[builtIn.id]?.trim();
      const baseUrl = override && this.validUrl(override, `switchboard base URL of ${builtIn.label}`) ? override : builtIn.baseUrl;
      descriptors.set(builtIn.id, { ...builtIn, baseUrl });
    }
    for (const endpoint of settings.customEndpoints ?? []) {
      const id = typeof endpoint?.id === 'string' ? endpoint.id.trim() : '';
      if (!PROVIDER_ID.test(id)) {
        this.problem(`Custom endpoint "${id}" ignored: its id must be letters, digits, '-', '_' or '.' (it becomes the prefix of model ids).`);
        continue;
      }
      if (descriptors.has(id)) {
        this.problem(`Custom endpoint "${id}" ignored: that id is already a provider. Pick another id.`);
        continue;
      }
      const baseUrl = typeof endpoint.baseUrl === 'string' ? endpoint.baseUrl.trim() : '';
      if (!this.validUrl(baseUrl, `custom endpoint "${id}"`)) continue;
      descriptors.set(id, {
        id,
        label: endpoint.label?.trim() || id,
        kind: 'openai-compatible',
        baseUrl,
        requiresKey: endpoint.requiresKey !== false,
      });
    }
    const providers = new Map<string, ChatProvider>();
    for (const descriptor of descriptors.values()) {
      providers.set(descriptor.id, factory(descriptor, {
        transport: this.transport,
        getApiKey: () => this.options.secrets.getApiKey(descriptor.id),
        attribution: settings.attribution,
      }));
    }
    this.providers = providers;
  }

  private validUrl(value: string, what: string): boolean {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return true;
    } catch {
      // reported below
    }
    this.problem(`The ${what} "${value}" is not an http(s) URL; it was ignored.`);
    return false;
  }

  private problem(message: string): void {
    this.problems.push(message);
    this.options.logger?.warn(message);
  }
}
