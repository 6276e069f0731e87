/**
 * Puts Switchboard's models into VS Code's chat where the Language Model Chat Provider API exists (VS Code
 * >= 1.104) and does nothing elsewhere (`engines` stays ^1.90: the contribution is ignored there). Also
 * `Switchboard: Choose Models for VS Code Chat` and the setting it writes.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import type { HostServices } from '../hostServices';
import { chosenModels, isModelId } from './modelChoice';
import { LANGUAGE_MODEL_VENDOR, SwitchboardLanguageModels } from './languageModelProvider';
import { TokenCounter } from './tokenCounter';

/** `switchboard.vscodeChat.models`: namespaced ids; empty = the default choice */
export const VSCODE_CHAT_MODELS_SETTING = 'vscodeChat.models';
export const CHOOSE_MODELS_COMMAND = 'switchboard.chooseVsCodeChatModels';
/** the first VS Code with the finalized provider API */
const MINIMUM_VERSION = [1, 104];

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

/** The exact token counter from dist/tokenizer.js (a separate bundle, required only when first needed). */
function tokenizerLoader(extensionPath: string): () => Promise<(text: string) => number> {
  return async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a separately built bundle, not inlined
    const tokenizer = require(path.join(extensionPath, 'dist', 'tokenizer.js')) as { countTokens(text: string): number };
    return (text: string) => tokenizer.countTokens(text);
  };
}

/**
 * Registers the provider and the command. Returns the provider, or undefined where the API is missing (the command
 * is registered either way: it only edits a setting).
 */
export function registerLanguageModels(context: vscode.ExtensionContext, services: HostServices): SwitchboardLanguageModels | undefined {
  const current = (): string[] => chosenModels(
    vscode.workspace.getConfiguration('switchboard').get(VSCODE_CHAT_MODELS_SETTING),
    { current: services.model.get(), recent: services.recent.list(), winners: services.winTally.winners() },
  );
  context.subscriptions.push(vscode.commands.registerCommand(CHOOSE_MODELS_COMMAND, () => chooseModels(services, current())));

  const register = vscode.lm.registerLanguageModelChatProvider;
  if (typeof register !== 'function' || !versionAtLeast(vscode.version, MINIMUM_VERSION)) {
    services.logger.info(`VS Code ${vscode.version} has no Language Model Chat Provider API (1.104 or later): Switchboard's models stay out of VS Code's chat`);
    return undefined;
  }
  const tokens = new TokenCounter(tokenizerLoader(context.extensionPath), (error) => services.logger.warn(`tokenizer: ${error instanceof Error ? error.message : String(error)}`));
  const provider = new SwitchboardLanguageModels({ services, tokens, chosenModels: current });
  try {
    context.subscriptions.push(register(LANGUAGE_MODEL_VENDOR, provider));
  } catch (error) {
    services.logger.error(`could not register Switchboard's models with VS Code's chat: ${error instanceof Error ? error.message : String(error)}`);
    provider.dispose();
    return undefined;
  }
  context.subscriptions.push(
    provider,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`switchboard.${VSCODE_CHAT_MODELS_SETTING}`) || event.affectsConfiguration('switchboard.maxTokens')) provider.refresh();
    }),
    services.keys.onDidChange(() => provider.refresh()),
    services.model.onDidChange(() => provider.refresh()),
  );
  return provider;
}

/** Multi-select quick pick over the catalog's models whose provider is usable; writes the setting (user scope). */
async function chooseModels(services: HostServices, chosen: readonly string[]): Promise<void> {
  const core = services.core();
  const usable = new Set<string>();
  for (const provider of core.providers()) {
    if (!provider.requiresKey || (await services.keys.hasApiKey(provider.id))) usable.add(provider.id);
  }
  const picked = new Set(chosen);
  const catalog = core.catalog.list().filter((model) => usable.has(model.provider));
  const known = new Set(catalog.map((model) => model.id));
  const items: (vscode.QuickPickItem & { id: string })[] = [
    ...chosen.filter((id) => !known.has(id)).map((id) => ({ id, label: id, picked: true })),
    ...catalog.map((model) => ({ id: model.id, label: model.name, description: model.id, picked: picked.has(model.id) })),
  ].sort((a, b) => Number(b.picked) - Number(a.picked));
  const selection = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Switchboard: Choose Models for VS Code Chat'),
    placeHolder: vscode.l10n.t("The models VS Code's chat model picker offers (their answers go through Switchboard's caps and spend)"),
    matchOnDescription: true,
  });
  if (!selection) return;
  const ids = selection.map((item) => item.id).filter(isModelId);
  await vscode.workspace.getConfiguration('switchboard').update(VSCODE_CHAT_MODELS_SETTING, ids, vscode.ConfigurationTarget.Global);
  void vscode.window.setStatusBarMessage(ids.length === 1 ? vscode.l10n.t("Switchboard: 1 model in VS Code's chat") : vscode.l10n.t("Switchboard: {0} models in VS Code's chat", ids.length), 4000);
}
