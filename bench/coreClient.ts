/**
 * Switchboard's core, loaded from the esbuild bundle of `src/core/index.ts` (the one public entry), streaming
 * through `createCore(...).send(...)` with the OpenRouter base URL pointed at the bench server.
 */
import { createRequire } from 'node:module';
import type { Core, CoreOptions, KeyValueStore, SecretSource } from '../src/core/index';
import { benchMessages, type BenchClient } from './benchClient';

/** What the bench needs from the bundle; typed from the public entry's own types. */
export interface CoreModule {
  createCore(options: CoreOptions): Core;
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
