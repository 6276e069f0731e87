/**
 * A webview in an editor-area panel, one at a time (the compare panel, the leaderboard): created in the active group
 * when closed, revealed when open, hosted through hostWebview, the connection told when the panel is hidden
 * (`retainContextWhenHidden: false`: a full snapshot answers the next `webview/ready`).
 */
import * as vscode from 'vscode';
import { hostWebview, webviewOptions, type HostedView } from './hostWebview';
import type { validateWebviewMessage } from './validateMessage';

export class EditorPanel<S extends Parameters<typeof validateWebviewMessage>[0], M extends { type: string }> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  /** `view` says what to host; `viewType` and `tabTitle` name the panel. */
  constructor(private readonly viewType: string, private readonly tabTitle: string, private readonly view: () => HostedView<S, M>) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows the panel, creating it in the active editor group when it is closed. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    const view = this.view();
    const panel = vscode.window.createWebviewPanel(this.viewType, this.tabTitle, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      ...webviewOptions(view.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(view.extensionUri, 'media', 'switchboard.svg');
    this.panel = panel;
    const webview = panel.webview;
    const subscriptions: vscode.Disposable[] = [
      hostWebview(webview, view),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) view.connection.hidden(webview);
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
