import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUndiciTransport } from '../../src/core/index';
import { CATALOG_TTL_MS, ModelCatalogService, catalogCacheKey } from '../../src/core/catalog/modelCatalog';
import { ProviderRegistry } from '../../src/core/providers/registry';
import { openRouterCandidates, withReferencePrices } from '../../src/core/catalog/priceReference';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer';
import { ManualClock, MemoryLogger, MemorySecrets, MemoryStore } from '../support/memoryPorts';
import { fixtureBaseUrls } from './engineSetup';

describe('ModelCatalogService', () => {
  let server: FixtureServer;
  const transport = createUndiciTransport();
  before(async () => { server = await startFixtureServer(); });
  after(async () => { await server.close(); await transport.close(); });

  function setup(store = new MemoryStore(), keys: Record<string, string> = {}) {
    const secrets = new MemorySecrets(keys);
    const clock = new ManualClock(Date.now());
    const logger = new MemoryLogger();
    const registry = new ProviderRegistry({ transport, secrets, settings: { baseUrls: fixtureBaseUrls(server) } });
    const catalog = new ModelCatalogService({ providers: registry, store, secrets, clock, logger });
    return { catalog, store, clock, logger, registry };
  }
  const modelListRequests = (): number => server.requests.filter((request) => request.method === 'GET' && request.url.endsWith('/models')).length;

  it('bundles exactly what scripts/buildCatalogSnapshot.mjs makes from the recorded list', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'snapshot-')), 'snapshot.json');
    execFileSync(process.execPath, ['scripts/buildCatalogSnapshot.mjs', '--out', out], { stdio: 'pipe' });
    assert.equal(readFileSync(out, 'utf8'), readFileSync('src/core/catalog/openRouterSnapshot.json', 'utf8'));
  });

  it('lists and prices the bundled OpenRouter snapshot before any network call', () => {
    const before = server.requests.length;
    const { catalog } = setup();
    const models = catalog.list();
    assert.equal(models.length, 321);
    const gpt4o = catalog.get('openrouter:openai/gpt-4o')!;
    assert.equal(gpt4o.pricing.prompt, 2.5);
    assert.equal(gpt4o.pricing.completion, 10);
    assert.equal(gpt4o.provider, 'openrouter');
    assert.equal(catalog.get('openrouter:openrouter/auto')!.pricing.prompt, undefined, 'unknown price stays unknown');
    assert.equal(server.requests.length, before);
  });

  it('refreshes through GET /models, caches per provider and base URL, and tells listeners', async () => {
    const { catalog, store, registry } = setup();
    let changes = 0;
    catalog.onDidChange(() => changes++);
    await catalog.refresh({ providerId: 'openrouter' });
    assert.equal(changes, 1);
    assert.ok(catalog.get('openrouter:fault/429'), 'the fetched list replaced the snapshot');
    const cached = store.get<{ fetchedAt: number; models: unknown[] }>(catalogCacheKey(registry.get('openrouter')!.descriptor));
    assert.equal(cached?.models.length, catalog.list().filter((model) => model.provider === 'openrouter').length);
  });

  it('does not refetch within the TTL unless forced, and refetches after it', async () => {
    const { catalog, clock } = setup();
    await catalog.refresh({ providerId: 'openrouter' });
    const afterFirst = modelListRequests();
    await catalog.refresh({ providerId: 'openrouter' });
    assert.equal(modelListRequests(), afterFirst);
    await catalog.refresh({ providerId: 'openrouter', force: true });
    assert.equal(modelListRequests(), afterFirst + 1);
    await clock.advance(CATALOG_TTL_MS);
    await catalog.refresh({ providerId: 'openrouter' });
    assert.equal(modelListRequests(), afterFirst + 2);
  });

  it('starts from the cached lists of an earlier session without any network call', async () => {
    const store = new MemoryStore();
    await setup(store).catalog.refresh({ providerId: 'openrouter' });
    const requests = server.requests.length;
    const { catalog } = setup(store);
    assert.ok(catalog.get('openrouter:fault/429'));
    assert.equal(server.requests.length, requests);
  });

  it('skips providers that need a key when none is set, and lists them once it is', async () => {
    const without = setup();
    await without.catalog.refresh({ providerId: 'anthropic' });
    assert.equal(without.catalog.list().some((model) => model.provider === 'anthropic'), false);
    const withKey = setup(new MemoryStore(), { anthropic: 'sk-ant-test-key-0000000000' });
    await withKey.catalog.refresh({ providerId: 'anthropic' });
    assert.ok(withKey.catalog.get('anthropic:claude-sonnet-4-5'));
  });

  it('keeps the list it had when a refresh fails, and logs why', async () => {
    const dead = await startFixtureServer();
    const deadUrl = dead.baseUrls.openrouter;
    await dead.close();
    const secrets = new MemorySecrets();
    const logger = new MemoryLogger();
    const registry = new ProviderRegistry({ transport, secrets, settings: { baseUrls: { openrouter: deadUrl } } });
    const catalog = new ModelCatalogService({ providers: registry, store: new MemoryStore(), secrets, clock: new ManualClock(), logger });
    await catalog.refresh();
    assert.equal(catalog.list().length, 321);
    assert.ok(logger.lines.some((line) => line.startsWith('warn Model list of OpenRouter not refreshed')));
  });
});

describe('reference prices', () => {
  it('prices a vendor model listed without prices from the matching OpenRouter entry', () => {
    assert.deepEqual(openRouterCandidates('anthropic', 'claude-3-5-haiku-20241022'), [
      'openrouter:anthropic/claude-3-5-haiku-20241022', 'openrouter:anthropic/claude-3-5-haiku', 'openrouter:anthropic/claude-3.5-haiku-20241022', 'openrouter:anthropic/claude-3.5-haiku',
    ]);
    const reference = { id: 'openrouter:anthropic/claude-3.5-haiku', provider: 'openrouter', modelId: 'anthropic/claude-3.5-haiku', name: 'Haiku', inputModalities: ['text'], outputModalities: ['text'], capabilities: { tools: true, reasoning: false }, pricing: { prompt: 0.8, completion: 4 }, isFree: false, contextLength: 200_000 };
    const own = { id: 'anthropic:claude-3-5-haiku-20241022', provider: 'anthropic', modelId: 'claude-3-5-haiku-20241022', name: 'Claude Haiku 3.5', inputModalities: ['text'], outputModalities: ['text'], capabilities: { tools: true, reasoning: false }, pricing: {}, isFree: false };
    const priced = withReferencePrices(own, new Map([[reference.id, reference]]));
    assert.deepEqual(priced.pricing, { prompt: 0.8, completion: 4 });
    assert.equal(priced.contextLength, 200_000);
    assert.equal(priced.name, 'Claude Haiku 3.5');
    const local = { ...own, id: 'ollama:qwen3', provider: 'ollama', modelId: 'qwen3' };
    assert.equal(withReferencePrices(local, new Map([[reference.id, reference]])), local, 'providers without a vendor prefix are left alone');
  });

  it('prices a vendor model that its provider has not listed yet from the snapshot', () => {
    const secrets = new MemorySecrets();
    const transport = createUndiciTransport();
    const registry = new ProviderRegistry({ transport, secrets, settings: {} });
    const catalog = new ModelCatalogService({ providers: registry, store: new MemoryStore(), secrets, clock: new ManualClock() });
    const haiku = catalog.get('anthropic:claude-3-5-haiku-20241022')!;
    assert.equal(haiku.provider, 'anthropic');
    assert.equal(haiku.modelId, 'claude-3-5-haiku-20241022');
    assert.equal(haiku.pricing.prompt, 0.8);
    assert.equal(catalog.get('groq:llama-3.3-70b'), undefined, 'hosts of open models keep their own prices');
    void transport.close();
  });

  it('prices OpenAI models fetched from the provider with the snapshot\'s OpenAI prices', async () => {
    const server = await startFixtureServer();
    const transport = createUndiciTransport();
    try {
      const secrets = new MemorySecrets({ openai: 'sk-test-key-000000000000000000' });
      const registry = new ProviderRegistry({ transport, secrets, settings: { baseUrls: fixtureBaseUrls(server) } });
      const catalog = new ModelCatalogService({ providers: registry, store: new MemoryStore(), secrets, clock: new ManualClock() });
      await catalog.refresh({ providerId: 'openai' });
      assert.equal(catalog.get('openai:gpt-4o')!.pricing.prompt, 2.5);
      assert.equal(catalog.get('openai:gpt-4o-mini')!.pricing.completion, 0.6);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
