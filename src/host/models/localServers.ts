/**
 * Looks once, in the background, for a local OpenAI-compatible server (Ollama, LM Studio) so people with one
 * can chat without any key. No vscode import.
 */
import type { ProviderDescriptor } from '../../core/index';

/** the built-in local providers, in the order they are tried */
const LOCAL_PROVIDER_IDS = ['ollama', 'lmstudio'];
const PROBE_TIMEOUT_MS = 1500;

function rank(id: string): number {
  const index = LOCAL_PROVIDER_IDS.indexOf(id);
  return index < 0 ? LOCAL_PROVIDER_IDS.length : index;
}

/** Label of the first local server whose `/models` answers 200, or undefined. */
export async function probeLocalServers(providers: readonly ProviderDescriptor[], timeoutMs = PROBE_TIMEOUT_MS): Promise<string | undefined> {
  const candidates = providers
    .filter((provider) => provider.local === true || LOCAL_PROVIDER_IDS.includes(provider.id))
    .sort((a, b) => rank(a.id) - rank(b.id));
  const answers = await Promise.all(candidates.map(async (provider) => {
    try {
      const response = await fetch(`${provider.baseUrl.replace(/\/+$/, '')}/models`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return response.ok ? provider.label : undefined;
    } catch {
      return undefined;
    }
  }));
  return answers.find((label) => label !== undefined);
}
