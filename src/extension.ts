import * as vscode from 'vscode';
import { activateHost, type SwitchboardApi } from './host/activateHost';

/**
 * Activation is cheap: the host creates the core on first use and does the rest in the background.
 * Every installed extension can read what activate() returns (`getExtension(...).exports`), so outside the test
 * host it returns nothing: the internals hold the key store, the core and the settings, and `private` is not
 * enforced at run time.
 */
export function activate(context: vscode.ExtensionContext): SwitchboardApi | undefined {
  const api = activateHost(context);
  return context.extensionMode === vscode.ExtensionMode.Test ? api : undefined;
}

export function deactivate(): void {
  // everything is released through context.subscriptions
}
