/**
 * The OpenRouter account as the status bar and the usage view show it: read after requests (at most once a
 * minute) and on demand, with the reason when it cannot be read (no key, 401, timeout) and a low-credit warning
 * once each time the credit drops under the threshold. No vscode import.
 */
import { ACCOUNT_TTL_MS, isLowCredit, type Core, type Logger, type OpenRouterAccount } from '../../core/index';
import { formatUsd } from '../../shared/format';

export interface AccountWatchOptions {
  core: () => Core;
  /** whether an OpenRouter key is set (no key: nothing is asked) */
  hasKey: () => Promise<boolean>;
  /** USD under which credit is low (`switchboard.openRouter.lowCreditWarningUsd`) */
  lowCreditUsd: () => number;
  logger: Logger;
  /** the account or its error changed */
  onChange: () => void;
  /** shows the low-credit warning (a notification) */
  warnLowCredit: (message: string) => void;
  now?: () => number;
}

export class AccountWatch {
  private account: OpenRouterAccount | undefined;
  private error: string | undefined;
  private lastAsked = -Infinity;
  private warned = false;

  constructor(private readonly options: AccountWatchOptions) {}

  current(): { account?: OpenRouterAccount; error?: string; lowCredit: boolean } {
    return { account: this.account, error: this.error, lowCredit: this.account ? isLowCredit(this.account, this.options.lowCreditUsd()) : false };
  }

  /** Reads the account: `force` asks OpenRouter now, otherwise at most once a minute. Never throws. */
  async refresh(force = false): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    if (!force && now - this.lastAsked < ACCOUNT_TTL_MS) return;
    this.lastAsked = now;
    if (!(await this.options.hasKey())) {
      const changed = this.account !== undefined || this.error !== undefined;
      this.account = undefined;
      this.error = undefined;
      if (changed) this.options.onChange();
      return;
    }
    try {
      this.account = await this.options.core().openRouterAccount({ force });
      this.error = undefined;
    } catch (error) {
      // the last account read stays shown, with the reason it could not be read again
      this.error = `OpenRouter balance not read: ${error instanceof Error ? error.message : String(error)}`;
      this.options.logger.warn(this.error);
    }
    this.options.onChange();
    const low = this.current().lowCredit;
    if (low && !this.warned && this.account?.remainingMicroUsd !== undefined) {
      this.options.warnLowCredit(`OpenRouter: ${formatUsd(this.account.remainingMicroUsd)} of credit left (under ${formatUsd(this.options.lowCreditUsd() * 1_000_000)}). Add credits to keep OpenRouter models answering.`);
    }
    this.warned = low;
  }

  /** one line for the status bar tooltip */
  tooltipLine(): string | undefined {
    const { account, error, lowCredit } = this.current();
    if (!account) return error;
    const left = account.remainingMicroUsd === undefined ? 'no limit on this key' : `${formatUsd(account.remainingMicroUsd)} left${account.limitMicroUsd !== undefined ? ` of ${formatUsd(account.limitMicroUsd)}` : ''}`;
    return `OpenRouter: ${left}${lowCredit ? ' (low)' : ''}; used today ${formatUsd(account.usage.daily)}, this month ${formatUsd(account.usage.monthly)}${error ? ` (${error})` : ''}`;
  }
}
