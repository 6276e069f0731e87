/**
 * Hosts the compare webview in an editor-area panel (`switchboard.compare`). One panel at a time; the controller
 * owns the state, so nothing is retained when the panel is hidden and a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Logger } from '../../core/index';
import { renderWebviewHtml } from '../../shared/webviewHtml';
import { validateWebviewMessage } from '../validateMessage';
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
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, 'Compare Models', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'switchboard.svg');
    this.panel = panel;
    const webview = panel.webview;
    const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, ...segments)).toString();
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: asUri('compare.js'),
      styleUris: ['codicon.css', 'compare.css'].filter((name) => existsSync(vscode.Uri.joinPath(webviewRoot, name).fsPath)).map((name) => asUri(name)),
      title: 'Switchboard: Compare Models',
      bodyAttributes: { 'data-view': 'compare' },
    });
    controller.connection.attach(webview);
    const subscriptions: vscode.Disposable[] = [
      webview.onDidReceiveMessage((raw: unknown) => {
        const result = validateWebviewMessage(raw);
        if (!result.ok) {
          this.logger.warn(`compare panel: ignored a malformed message (${result.reason})`);
          return;
        }
        controller.handle(result.message).catch((error: unknown) => {
          this.logger.error(`compare panel: ${result.message.type} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        });
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) controller.connection.hidden(webview);
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      controller.connection.detach(webview);
      if (this.panel === panel) this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
