/**
 * The usage view's controller: owns what the view shows (range, stacking), builds its state from the ledger's day
 * summaries, the caps and the OpenRouter account (buildUsageViewModel), and runs what the view asks (open a
 * conversation, save a cap, export). What needs VS Code (settings, a save dialog, the chat view) comes in through
 * UsageActions. No vscode import.
 */
import { ledgerCsv, ledgerJson, localDayKey, localDayRange, type Core, type Logger, type OpenRouterAccount } from '../../core/index';
import { inEnglish, type Localizer } from '../../shared/format';
import type { HostToUsage, UsageToHost } from '../../shared/usage/protocol';
import { buildUsageViewModel, type UsageRangeDays, type UsageStackBy, type UsageViewState } from '../../shared/usage/viewModel';
import type { ConversationStore } from '../conversations/conversationStore';
import type { HostSettings } from '../platform/settings';
import { WebviewConnection } from '../webviews/webviewConnection';
import type { AccountWatch } from './accountWatch';

/** days the view can show at most (the chart's longest range) */
const DAYS_KEPT = 90;
const DAY_MS = 86_400_000;

export interface UsageActions {
  openConversation(conversationId: string): Promise<void>;
  /** writes a cap (USD, 0 = none) to the user settings */
  setCap(cap: 'perRequestUsd' | 'dailyUsd' | 'monthlyUsd' | 'workspaceMonthlyUsd', usd: number): Promise<void>;
  /** asks where to save `content` (suggested file name) and writes it; the saved path, or undefined when cancelled */
  saveFile(suggestedName: string, content: string): Promise<string | undefined>;
}

export interface UsageControllerOptions {
  core: () => Core;
  conversations: ConversationStore;
  settings: () => HostSettings;
  workspaceName: () => string | undefined;
  account: AccountWatch;
  actions: UsageActions;
  logger: Logger;
  /** the page's language for the messages this controller writes (vscode.l10n in the extension; English in a test) */
  l10n?: Localizer;
  now?: () => number;
  observer?: (message: HostToUsage) => void;
}

export class UsageController {
  readonly connection: WebviewConnection<HostToUsage>;
  private range: UsageRangeDays = 30;
  private stackBy: UsageStackBy = 'provider';
  private titles: Record<string, string> = {};

  constructor(private readonly options: UsageControllerOptions) {
    this.connection = new WebviewConnection<HostToUsage>({ snapshotType: 'usage/snapshot', logger: options.logger, label: 'usage view', observer: options.observer });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async handle(message: UsageToHost): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        this.connection.markReady();
        await this.refreshTitles();
        this.postSnapshot();
        return;
      case 'usage/view':
        this.range = message.range;
        this.stackBy = message.stackBy;
        this.postSnapshot();
        return;
      case 'usage/refresh':
        this.options.core().ledger?.refresh();
        await this.options.account.refresh(true);
        await this.refreshTitles();
        this.postSnapshot();
        return;
      case 'usage/openConversation':
        await this.options.actions.openConversation(message.conversationId);
        return;
      case 'usage/setCap':
        await this.options.actions.setCap(message.cap, message.usd);
        return;
      case 'usage/export':
        await this.export(message.format, message.from, message.to);
        return;
    }
  }

  /** posts a fresh snapshot when someone is listening */
  postSnapshot(): void {
    if (!this.connection.listened) return;
    this.connection.post({ type: 'usage/snapshot', state: this.snapshot() });
  }

  snapshot(): UsageViewState {
    const core = this.options.core();
    const now = this.now();
    const ledger = core.ledger;
    const settings = this.options.settings();
    const budget = core.budgetStatus();
    const account = this.options.account.current();
    const days = ledger ? ledger.days({ from: localDayRange(now - (DAYS_KEPT - 1) * DAY_MS).from, to: localDayRange(now).to }) : [];
    return buildUsageViewModel({
      today: localDayKey(now),
      days,
      range: this.range,
      stackBy: this.stackBy,
      caps: { ...settings.core.budget },
      workspace: this.options.workspaceName(),
      budgetTodayMicroUsd: budget.day.spentMicroUsd,
      budgetMonthMicroUsd: budget.month.spentMicroUsd,
      conversationTitles: this.titles,
      account: account.account ? accountInput(account.account, account.lowCredit) : undefined,
      accountError: account.error,
      problems: [
        ...(ledger ? ledger.problems().map((problem) => `${problem.file} line ${problem.line}: ${problem.kind === 'torn' ? 'a torn last line (a crash while writing?) was skipped' : `a line was skipped (${problem.reason})`}; every other record is kept.`) : ['The spend ledger is off.']),
      ],
    });
  }

  private async refreshTitles(): Promise<void> {
    try {
      this.titles = Object.fromEntries((await this.options.conversations.list()).map((summary) => [summary.id, summary.title]));
    } catch (error) {
      this.options.logger.warn(`usage view: could not read the history for conversation titles: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async export(format: 'csv' | 'json', from: string, to: string): Promise<void> {
    const l10n = this.options.l10n ?? inEnglish;
    const ledger = this.options.core().ledger;
    const range = { from: dayStart(from), to: dayStart(to) + DAY_MS };
    range.to = localDayRange(range.to - 1).to;
    if (!ledger || !(range.to > range.from)) {
      this.connection.post({ type: 'usage/exported', ok: false, message: ledger ? l10n.t('Nothing to export: {0} is after {1}.', from, to) : l10n.t('The spend ledger is off.') });
      return;
    }
    try {
      const records = ledger.records(range);
      const content = format === 'csv' ? ledgerCsv(records) : ledgerJson(records, { from, to }, this.now());
      const saved = await this.options.actions.saveFile(`switchboard-spend-${from}-to-${to}.${format}`, content);
      this.connection.post({ type: 'usage/exported', ok: true, message: saved ? l10n.t('Exported {0} requests to {1}.', records.length, saved) : l10n.t('Export cancelled.') });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger.error(`usage export failed: ${reason}`);
      this.connection.post({ type: 'usage/exported', ok: false, message: l10n.t('Could not export: {0}', reason) });
    }
  }
}

/** epoch ms of local midnight of a `YYYY-MM-DD` */
function dayStart(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date).getTime();
}

function accountInput(account: OpenRouterAccount, lowCredit: boolean): NonNullable<Parameters<typeof buildUsageViewModel>[0]['account']> {
  return {
    lowCredit,
    label: account.label, limitMicroUsd: account.limitMicroUsd, remainingMicroUsd: account.remainingMicroUsd, limitReset: account.limitReset,
    usage: account.usage, isFreeTier: account.isFreeTier, fetchedAt: account.fetchedAt,
  };
}
