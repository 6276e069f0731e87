/**
 * Hosts the compare webview in an editor-area panel (`switchboard.compare`). One panel at a time; the controller
 * owns the state, so nothing is retained when the panel is hidden and a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { compareMessageSchema } from '../../shared/compare/protocol';
import { hostWebview, webviewOptions } from '../webviews/hostWebview';
import type { CompareController } from './compareController';

export const COMPARE_VIEW_TYPE = 'switchboard.compare';

export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private controller: CompareController | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly logger: Logger) {}

  /** The controller is built after the panel host (it needs `show`), so it is connected here. */
  connect(controller: CompareController): void {
    this.controller = controller;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows the panel, creating it in the active editor group when it is closed. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    const controller = this.controller;
    if (!controller) throw new Error('The compare panel is not connected to its controller.');
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Models', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'switchboard.svg');
    this.panel = panel;
    const webview = panel.webview;
    const subscriptions: vscode.Disposable[] = [
      hostWebview(webview, {
        extensionUri: this.extensionUri,
        bundle: 'compare',
        title: 'Switchboard: Compare Models',
        label: 'compare panel',
        logger: this.logger,
        schema: compareMessageSchema,
        connection: controller.connection,
        handle: (message) => controller.handle(message),
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) controller.connection.hidden(webview);
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
