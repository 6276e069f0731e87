/**
 * Builds a real core (real providers, real undici transport) pointed at the real loopback fixture server.
 * Only the seams are fakes: the store, the secrets and the clock (sleeps return at once, and are recorded).
 */
import { createCore, createUndiciTransport, type Core, type CoreSettings, type Transport } from '../../src/core/index';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { InstantSleepClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';

export interface EngineSetup {
  server: FixtureServer;
  core: Core;
  clock: InstantSleepClock;
  store: MemoryStore;
  secrets: MemorySecrets;
  logger: MemoryLogger;
  transport: Transport;
  /** chat requests the server received */
  chatRequests(): number;
  close(): Promise<void>;
}

export function fixtureBaseUrls(server: FixtureServer): Record<string, string> {
  return {
    openrouter: server.baseUrls.openrouter,
    openai: server.baseUrls.openai,
    anthropic: server.baseUrls.anthropic,
    gemini: server.baseUrls.gemini,
    ollama: server.baseUrls.replay,
  };
}

export async function startEngine(settings: CoreSettings = {}, server?: FixtureServer): Promise<EngineSetup> {
  const fixtureServer = server ?? (await startFixtureServer());
  const clock = new InstantSleepClock();
  const store = new MemoryStore();
  const secrets = new MemorySecrets({ openrouter: 'sk-or-v1-test-key-0000000000', anthropic: 'sk-ant-test-key-0000000000', openai: 'sk-test-key-000000000000000000', gemini: 'AIzaTestKey000000000000000000' });
  const logger = new MemoryLogger();
  const transport = createUndiciTransport();
  const core = createCore({
    secrets, store, clock, logger, transport,
    settings: { ...settings, baseUrls: { ...fixtureBaseUrls(fixtureServer), ...settings.baseUrls } },
  }, { random: () => 0.5 });
  return {
    server: fixtureServer, core, clock, store, secrets, logger, transport,
    chatRequests: () => fixtureServer.requests.filter((request) => request.method === 'POST').length,
    async close() {
      core.dispose();
      await transport.close();
      if (!server) await fixtureServer.close();
    },
  };
}
