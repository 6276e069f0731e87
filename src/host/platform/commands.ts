/** Registers commands so a failure is logged and shown, never lost in an unhandled rejection. */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';

export type CommandHandler = (...args: unknown[]) => unknown;

/** Registers each command on `subscriptions`. */
export function registerCommands(subscriptions: vscode.Disposable[], logger: Logger, commands: Readonly<Record<string, CommandHandler>>): void {
  for (const [command, handler] of Object.entries(commands)) {
    subscriptions.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => {
      try {
        await handler(...args);
      } catch (error) {
        logger.error(`${command} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Switchboard: {0}', error instanceof Error ? error.message : String(error)));
      }
    }));
  }
}
