/**
 * The Getting Started walkthrough (`contributes.walkthroughs` in package.json): the command that opens it, and the
 * one-time offer on first activation (a globalState flag, so it is never offered again on later starts).
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { registerCommands } from '../platform/commands';

/** `publisher.name#walkthroughId`, as `workbench.action.openWalkthrough` wants it. */
export const WALKTHROUGH_ID = 'switchboard-dev.switchboard#gettingStarted';
/** globalState key: true once the walkthrough has been offered. */
const OFFERED_KEY = 'switchboard.walkthroughOffered';

/** Opens the walkthrough in the Welcome editor (false: not to the side). */
export async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/** Offers the walkthrough once per machine; the flag is set before asking, so a dismissed offer does not return. */
export async function offerWalkthroughOnce(memento: vscode.Memento): Promise<void> {
  if (memento.get<boolean>(OFFERED_KEY)) return;
  await memento.update(OFFERED_KEY, true);
  const open = vscode.l10n.t('Open Walkthrough');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Switchboard is installed. A short walkthrough shows how to connect a provider, pick a model, compare models and cap what you spend.'),
    open,
  );
  if (choice === open) await openWalkthrough();
}

/** Registers `switchboard.openWalkthrough` and schedules the first-run offer after activation returns. */
export function registerWalkthrough(context: vscode.ExtensionContext, logger: Logger): void {
  registerCommands(context.subscriptions, logger, { 'switchboard.openWalkthrough': openWalkthrough });
  const offer = setTimeout(() => {
    offerWalkthroughOnce(context.globalState).catch((error: unknown) => logger.warn(`walkthrough offer: ${error instanceof Error ? error.message : String(error)}`));
  }, 1000);
  context.subscriptions.push({ dispose: () => clearTimeout(offer) });
}
