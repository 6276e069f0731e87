/**
 * Switchboard's core, loaded from the esbuild bundle of `src/core/index.ts` (the one public entry), streaming
 * through `createCore(...).send(...)` with the OpenRouter base URL pointed at the bench server.
 */
import { createRequire } from 'node:module';
import type { ChatProvider, Core, CoreOptions, KeyValueStore, ProviderDescriptor, SecretSource, Transport } from '../src/core/index';
import { benchMessages, type BenchClient } from './benchClient';

/** What the bench needs from the bundle; typed from the public entry's own types. */
export interface CoreModule {
  createCore(options: CoreOptions): Core;
  /** optional: when the entry exports the provider factory and the transport, the provider is measured alone too */
  createProvider?(descriptor: ProviderDescriptor, options: { transport: Transport; getApiKey: () => Promise<string | undefined> }): ChatProvider;
  createUndiciTransport?(): Transport;
}

export function loadCoreModule(bundlePath: string): CoreModule {
  const module = createRequire(__filename)(bundlePath) as Partial<CoreModule>;
  if (typeof module.createCore !== 'function') throw new Error('src/core/index.ts does not export createCore yet');
  return module as CoreModule;
}

function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

/** A core whose OpenRouter provider talks to `openRouterBaseUrl` with a dummy key, no caps, no fallback. */
export function createBenchCore(module: CoreModule, openRouterBaseUrl: string): Core {
  const secrets: SecretSource = { getApiKey: async () => 'sk-or-v1-bench' };
  return module.createCore({
    secrets,
    store: memoryStore(),
    settings: { baseUrls: { openrouter: openRouterBaseUrl }, fallbackChain: [] },
  });
}

export function createCoreClient(module: CoreModule, openRouterBaseUrl: string): BenchClient & { core: Core } {
  const core = createBenchCore(module, openRouterBaseUrl);
  return {
    name: 'Switchboard core send()',
    core,
    async stream(model, onText) {
      const result = await core.send({
        model: `openrouter:bench/${model}`,
        messages: benchMessages,
        fallback: [],
        onPart: onText
          ? (part) => {
              if (part.type === 'text-delta' && part.text) onText(part.text);
            }
          : undefined,
      });
      if (result.status !== 'ok') throw new Error(`core: ${result.status}: ${result.error?.message ?? ''}`);
      return result.text;
    },
    async close() {
      core.dispose();
    },
  };
}

/** The OpenRouter provider alone (what `send()` wraps), on its own undici transport. */
export function createProviderClient(module: CoreModule, openRouterBaseUrl: string): BenchClient {
  if (!module.createProvider || !module.createUndiciTransport) throw new Error('src/core/index.ts exports no createProvider/createUndiciTransport');
  const transport = module.createUndiciTransport();
  const descriptor: ProviderDescriptor = { id: 'openrouter', label: 'OpenRouter', kind: 'openrouter', baseUrl: openRouterBaseUrl, requiresKey: true };
  const provider = module.createProvider(descriptor, { transport, getApiKey: async () => 'sk-or-v1-bench' });
  return {
    name: 'Switchboard OpenRouter provider alone',
    async stream(model, onText) {
      let text = '';
      for await (const part of provider.stream({ model: `bench/${model}`, messages: benchMessages })) {
        if (part.type === 'text-delta') {
          text += part.text;
          onText?.(part.text);
        } else if (part.type === 'error') {
          throw part.error;
        }
      }
      return text;
    },
    close: () => transport.close(),
  };
}
