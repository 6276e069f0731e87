import type * as vscode from 'vscode';
import { activateHost, type SwitchboardApi } from './host/activateHost';

/** Activation is cheap: the host creates the core on first use and does the rest in the background. */
export function activate(context: vscode.ExtensionContext): SwitchboardApi {
  return activateHost(context);
}

export function deactivate(): void {
  // everything is released through context.subscriptions
}
