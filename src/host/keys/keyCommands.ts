import * as vscode from 'vscode';
import { BUILT_IN_PROVIDERS, SwitchboardError, type KeyCheck, type ProviderDescriptor } from '../../core/index';
import type { HostServices } from '../hostServices';

const OFFERED_KEY = 'switchboard.environmentKeysOffered';

export type KeySaveOutcome =
  | { saved: true; check?: KeyCheck }
  | { saved: false; reason: 'rejected' | 'unverified'; message: string; status?: number };

function keyedProviders(services: HostServices): ProviderDescriptor[] {
  return services.core().providers().filter((provider) => provider.requiresKey);
}

/**
 * Checks `apiKey` with one cheap authenticated call and stores it only when the provider accepts it.
 * A rejected key (401/403) is never kept. When the check cannot reach the provider, `saveUnverified` decides.
 */
export async function saveCheckedApiKey(
  services: HostServices,
  providerId: string,
  apiKey: string,
  options: { signal?: AbortSignal; saveUnverified?: (message: string) => Promise<boolean> } = {},
): Promise<KeySaveOutcome> {
  const key = apiKey.trim();
  let check: KeyCheck;
  try {
    check = await services.core().checkKey(providerId, key, options.signal);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SwitchboardError && (error.code === 'authentication' || error.code === 'moderation')) {
      return { saved: false, reason: 'rejected', message, status: error.status };
    }
    if (options.saveUnverified && await options.saveUnverified(message)) {
      await services.keys.setApiKey(providerId, key);
      services.logger.info(`key for ${providerId} saved without a check (${message})`);
      return { saved: true };
    }
    return { saved: false, reason: 'unverified', message };
  }
  if (!check.ok) return { saved: false, reason: 'rejected', message: check.summary ?? 'The provider did not accept this key.' };
  await services.keys.setApiKey(providerId, key);
  services.logger.info(`key for ${providerId} saved${check.summary ? ` (${check.summary})` : ''}`);
  return { saved: true, check };
}

/** `Switchboard: Set API Key`: pick a provider (unless given), paste the key masked, check it, store it. */
export async function setApiKeyCommand(services: HostServices, providerId?: string): Promise<void> {
  const providers = keyedProviders(services);
  await services.keys.refresh(providers.map((provider) => provider.id));
  let provider = providers.find((candidate) => candidate.id === providerId);
  if (!provider) {
    const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { provider?: ProviderDescriptor }>(
      [
        ...providers.map((candidate) => ({
          label: candidate.label,
          description: services.keys.knownHasKey(candidate.id) ? `$(pass-filled) ${vscode.l10n.t('key set')}` : vscode.l10n.t('no key'),
          detail: candidate.baseUrl,
          provider: candidate,
        })),
        // OpenRouter's OAuth: a key without copying one (openRouterSignIn.ts); last, so the providers come first
        { label: 'or', kind: vscode.QuickPickItemKind.Separator },
        { label: '$(sign-in) Sign in with OpenRouter', description: 'no key to paste: sign in in the browser', detail: 'OpenRouter creates a key for Switchboard and sends it back' },
      ],
      { title: vscode.l10n.t('Switchboard: Set API Key'), placeHolder: vscode.l10n.t('Which provider is the key for?'), matchOnDetail: true },
    );
    if (!picked) return;
    if (!picked.provider) {
      await vscode.commands.executeCommand('switchboard.signInWithOpenRouter');
      return;
    }
    provider = picked.provider;
  }
  const page = provider.keyPage;
  const apiKey = await vscode.window.showInputBox({
    title: vscode.l10n.t('Switchboard: {0} API key', provider.label),
    prompt: page
      ? vscode.l10n.t("Paste your {0} API key (create one at {1}). It is kept in VS Code's secret storage only.", provider.label, page)
      : vscode.l10n.t("Paste your {0} API key. It is kept in VS Code's secret storage only.", provider.label),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      // no error on the empty box: a red message before anything was typed only gets in the way
      if (/\s/.test(value.trim())) return vscode.l10n.t('A key has no spaces or line breaks: check what was copied.');
      return undefined;
    },
  });
  if (apiKey === undefined || !apiKey.trim()) return;
  const target = provider;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} key…', target.label), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return saveCheckedApiKey(services, target.id, apiKey, {
        signal: abort.signal,
        saveUnverified: async (message) => {
          const saveAnyway = vscode.l10n.t('Save Anyway');
          return (await vscode.window.showWarningMessage(
            vscode.l10n.t('Switchboard could not check the {0} key: {1}', target.label, message), { modal: true }, saveAnyway)) === saveAnyway;
        },
      });
    },
  );
  if (outcome.saved) {
    void vscode.window.showInformationMessage(outcome.check?.summary
      ? vscode.l10n.t('Switchboard: {0} key saved: {1}', target.label, outcome.check.summary)
      : vscode.l10n.t('Switchboard: {0} key saved.', target.label));
  } else if (outcome.reason === 'rejected') {
    services.logger.warn(`key for ${target.id} rejected: ${outcome.message}`);
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('{0} rejected this key{1}, so nothing was saved. Check that the whole key was copied{2} and try again.',
        target.label, outcome.status ? ` (HTTP ${outcome.status})` : '', page ? vscode.l10n.t(' (keys: {0})', page) : ''),
      vscode.l10n.t('Try Again'),
    );
    if (choice) await setApiKeyCommand(services, target.id);
  }
  services.spendChanged();
}

/** `Switchboard: Clear API Key`: pick one of the providers that have a key and remove it. */
export async function clearApiKeyCommand(services: HostServices, providerId?: string): Promise<void> {
  const providers = keyedProviders(services);
  await services.keys.refresh(providers.map((provider) => provider.id));
  const withKey = providers.filter((provider) => services.keys.knownHasKey(provider.id));
  if (withKey.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: no API key is stored.'));
    return;
  }
  let provider = withKey.find((candidate) => candidate.id === providerId);
  if (!provider) {
    const picked = await vscode.window.showQuickPick(
      withKey.map((candidate) => ({ label: candidate.label, description: candidate.id, provider: candidate })),
      { title: vscode.l10n.t('Switchboard: Clear API Key'), placeHolder: vscode.l10n.t('Remove the key of which provider?') },
    );
    if (!picked) return;
    provider = picked.provider;
  }
  await services.keys.clearApiKey(provider.id);
  services.logger.info(`key for ${provider.id} cleared`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: {0} key removed.', provider.label));
}

/**
 * On first use with no key stored at all, offers once to copy keys found in the environment (each built-in
 * provider's `keyEnvironmentVariable`: OPENROUTER_API_KEY, OPENAI_API_KEY, ...) into secret storage.
 */
export async function offerEnvironmentKeys(
  services: HostServices,
  memento: vscode.Memento,
  environment: Record<string, string | undefined>,
): Promise<void> {
  if (memento.get<boolean>(OFFERED_KEY)) return;
  const found = BUILT_IN_PROVIDERS.flatMap((provider) => (provider.keyEnvironmentVariable && environment[provider.keyEnvironmentVariable]?.trim()
    ? [[provider.id, provider.keyEnvironmentVariable] as const]
    : []));
  if (found.length === 0) return;
  for (const provider of keyedProviders(services)) {
    if (await services.keys.hasApiKey(provider.id)) return;
  }
  await memento.update(OFFERED_KEY, true);
  const names = found.map(([, variable]) => variable).join(', ');
  const importLabel = vscode.l10n.t('Import');
  const choice = await vscode.window.showInformationMessage(
    found.length === 1
      ? vscode.l10n.t("Switchboard found {0} in the environment. Copy it into VS Code's secret storage?", names)
      : vscode.l10n.t("Switchboard found {0} in the environment. Copy them into VS Code's secret storage?", names),
    importLabel, vscode.l10n.t('Not Now'),
  );
  if (choice !== importLabel) return;
  for (const [provider, variable] of found) {
    await services.keys.setApiKey(provider, environment[variable] ?? '');
  }
  services.logger.info(`imported keys from ${names}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: imported {0}.', names));
  services.spendChanged();
}
