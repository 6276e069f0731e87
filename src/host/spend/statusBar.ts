import * as vscode from 'vscode';
import type { BudgetStatus, BudgetWindow } from '../../core/index';
import { formatUsd } from '../../shared/format';
import { statusModelLabel } from '../models/modelOptions';

function windowLine(name: string, window: BudgetWindow): string {
  const used = window.spentMicroUsd + window.reservedMicroUsd;
  const reserved = window.reservedMicroUsd > 0 ? vscode.l10n.t(' ({0} in flight)', formatUsd(window.reservedMicroUsd)) : '';
  if (window.capMicroUsd === undefined) return vscode.l10n.t('{0}: {1} spent{2}, no cap', name, formatUsd(window.spentMicroUsd), reserved);
  return vscode.l10n.t('{0}: {1} of {2}{3}, {4} left', name, formatUsd(used), formatUsd(window.capMicroUsd), reserved, formatUsd(Math.max(0, window.capMicroUsd - used)));
}

/** "$0.0123" or "$0.0123 + 2 unknown": unknown costs are counted, never shown as $0 */
export function sessionSpendLabel(status: BudgetStatus): string {
  const unknown = status.sessionUnknownCount > 0 ? vscode.l10n.t(' + {0} unknown', status.sessionUnknownCount) : '';
  return `${formatUsd(status.sessionMicroUsd)}${unknown}`;
}

/** The status bar item: current model (short name) and this session's spend; click opens the model picker. */
export class SpendStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('switchboard.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Switchboard';
    this.item.command = 'switchboard.selectModel';
    this.item.accessibilityInformation = { label: vscode.l10n.t('Switchboard model and spend'), role: 'button' };
  }

  /** `account`: the OpenRouter balance line (or why it could not be read) */
  update(model: string, status: BudgetStatus | undefined, account?: string): void {
    const spend = status ? sessionSpendLabel(status) : undefined;
    // with a daily cap, today's spend against it is what matters; else this session's spend
    const today = status?.day.capMicroUsd !== undefined ? `${formatUsd(status.day.spentMicroUsd + status.day.reservedMicroUsd)}/${formatUsd(status.day.capMicroUsd)} today` : undefined;
    this.item.text = `$(hubot) ${statusModelLabel(model)}${today ? ` · ${today}` : spend ? ` · ${spend}` : ''}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Switchboard** · \`${model}\`\n\n`);
    if (status) {
      tooltip.appendMarkdown(`${status.sessionUnknownCount > 0
        ? vscode.l10n.t('This session: {0} (requests whose cost is not known: stopped before usage arrived, or the model has no published price)', spend ?? '')
        : vscode.l10n.t('This session: {0}', spend ?? '')}\n\n`);
      tooltip.appendMarkdown(`${windowLine(vscode.l10n.t('Today'), status.day)}\n\n${windowLine(vscode.l10n.t('This month'), status.month)}\n\n`);
      tooltip.appendMarkdown(`${status.perRequestCapMicroUsd === undefined
        ? vscode.l10n.t('Per request: no cap')
        : vscode.l10n.t('Per request: up to {0}', formatUsd(status.perRequestCapMicroUsd))}\n\n`);
    }
    if (account) tooltip.appendMarkdown(`${account}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Click to pick a model. `Switchboard: Show Usage` for where the money went.'));
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
