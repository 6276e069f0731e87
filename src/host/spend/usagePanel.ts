/**
 * Hosts the usage view in an editor panel (`switchboard.usage`): one at a time, restored after a reload
 * (a panel serializer), no state kept in the page: a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { usageMessageSchema } from '../../shared/usage/protocol';
import { hostWebview, webviewOptions } from '../webviews/hostWebview';
import type { UsageController } from './usageController';

export const USAGE_VIEW_TYPE = 'switchboard.usage';

export class UsagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly serializer: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly controller: UsageController, private readonly logger: Logger) {
    this.serializer = vscode.window.registerWebviewPanelSerializer(USAGE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => this.adopt(panel),
    });
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
    this.adopt(vscode.window.createWebviewPanel(USAGE_VIEW_TYPE, 'Switchboard Usage', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, webviewOptions(this.extensionUri)));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'switchboard.svg');
    this.panel = panel;
    const webview = panel.webview;
    const subscriptions: vscode.Disposable[] = [
      hostWebview(webview, {
        extensionUri: this.extensionUri,
        bundle: 'usage',
        title: 'Switchboard Usage',
        label: 'usage view',
        logger: this.logger,
        schema: usageMessageSchema,
        connection: this.controller.connection,
        handle: (message) => this.controller.handle(message),
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.controller.connection.hidden(webview);
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  dispose(): void {
    this.serializer.dispose();
    this.panel?.dispose();
  }
}
