/**
 * Builds the spend feature: the usage panel and its controller, the OpenRouter account watch, the cap warnings
 * and `Switchboard: Show Usage`. Activation calls `changed()` after every request and settings change.
 */
import * as vscode from 'vscode';
import os from 'node:os';
import { localDayKey, type KeyValueStore } from '../../core/index';
import type { HostToUsage } from '../../shared/usage/protocol';
import type { HostServices } from '../hostServices';
import { AccountWatch } from './accountWatch';
import { CapWarner, type CapUse, type CapWarning } from './capWarnings';
import { UsageController } from './usageController';
import { UsagePanel } from './usagePanel';

export interface SpendFeature extends vscode.Disposable {
  readonly controller: UsageController;
  readonly panel: UsagePanel;
  readonly account: AccountWatch;
  readonly warner: CapWarner;
  /** what counts against each warned cap right now */
  capUses(): CapUse[];
  /** spend, settings or the ledger changed: warn, refresh the account (at most once a minute), update the view */
  changed(): void;
  readonly commands: Record<string, () => Promise<void>>;
}

export function createSpendFeature(options: {
  services: HostServices;
  extensionUri: vscode.Uri;
  /** globalState: warnings shown once per period across reloads and windows */
  store: KeyValueStore;
  /** the account changed: refresh the status bar */
  accountChanged: () => void;
  /** opens a saved conversation in the chat view (or a comparison in its panel) */
  openConversation: (conversationId: string) => Promise<void>;
  observer?: (message: HostToUsage) => void;
}): SpendFeature {
  const { services } = options;
  const showUsage = async (): Promise<void> => panel.show();
  const account = new AccountWatch({
    core: services.core,
    hasKey: () => services.keys.hasApiKey('openrouter'),
    lowCreditUsd: () => services.settings().spend.lowCreditWarningUsd,
    logger: services.logger,
    onChange: () => {
      options.accountChanged();
      controller.postSnapshot();
    },
    warnLowCredit: (message) => {
      void vscode.window.showWarningMessage(message, 'Open Usage', 'Add Credits').then((action) => {
        if (action === 'Open Usage') void showUsage();
        if (action === 'Add Credits') void vscode.env.openExternal(vscode.Uri.parse('https://openrouter.ai/settings/credits'));
      });
    },
  });
  const warner = new CapWarner(options.store, (warning: CapWarning) => {
    services.logger.warn(warning.message);
    const openUsage = vscode.l10n.t('Open Usage');
    const raiseCap = vscode.l10n.t('Raise cap');
    void vscode.window.showWarningMessage(warning.message, openUsage, raiseCap).then((action) => {
      if (action === openUsage) void showUsage();
      if (action === raiseCap) void vscode.commands.executeCommand('workbench.action.openSettings', `switchboard.budget.${warning.cap}`);
    });
  });
  const controller = new UsageController({
    core: services.core,
    conversations: services.conversations,
    settings: services.settings,
    workspaceName: () => vscode.workspace.name,
    account,
    logger: services.logger,
    l10n: vscode.l10n,
    observer: options.observer,
    actions: {
      openConversation: options.openConversation,
      setCap: async (cap, usd) => {
        // caps are application-scoped settings: written to the user settings, never a workspace's
        await vscode.workspace.getConfiguration('switchboard.budget').update(cap, usd, vscode.ConfigurationTarget.Global);
      },
      saveFile: async (suggestedName, content) => {
        const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), suggestedName), saveLabel: vscode.l10n.t('Export') });
        if (!target) return undefined;
        await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
        return target.fsPath;
      },
    },
  });
  const panel = new UsagePanel(options.extensionUri, controller, services.logger);

  const capUses = (): CapUse[] => {
    const core = services.core();
    const status = core.budgetStatus();
    const settings = services.settings();
    const workspace = vscode.workspace.name;
    const workspaceGroups = core.ledger?.totals('month', 'workspace').groups ?? [];
    const workspaceSpent = workspaceGroups.find((group) => group.key === (workspace ?? ''))?.knownMicroUsd ?? 0;
    const today = localDayKey(Date.now());
    const usd = (value: number | undefined): number | undefined => (value === undefined ? undefined : Math.round(value * 1_000_000));
    return [
      { cap: 'dailyUsd', period: today, usedMicroUsd: status.day.spentMicroUsd, capMicroUsd: status.day.capMicroUsd },
      { cap: 'monthlyUsd', period: today.slice(0, 7), usedMicroUsd: status.month.spentMicroUsd, capMicroUsd: status.month.capMicroUsd },
      ...(workspace === undefined ? [] : [{ cap: 'workspaceMonthlyUsd' as const, period: today.slice(0, 7), usedMicroUsd: workspaceSpent, capMicroUsd: usd(settings.core.budget?.workspaceMonthlyUsd), workspace }]),
    ];
  };

  return {
    controller,
    panel,
    account,
    warner,
    capUses,
    changed: () => {
      try {
        warner.check(capUses());
      } catch (error) {
        services.logger.error(`cap warnings: ${error instanceof Error ? error.message : String(error)}`);
      }
      void account.refresh();
      controller.postSnapshot();
    },
    commands: { 'switchboard.showUsage': showUsage },
    dispose: () => panel.dispose(),
  };
}
