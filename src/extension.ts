import * as vscode from 'vscode';

/** Walking skeleton: replaced piece by piece by src/host/. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.openChat', () =>
      vscode.commands.executeCommand('workbench.view.extension.switchboard')),
  );
}

export function deactivate(): void {
  // nothing to release yet
}
