/**
 * A webview in an editor-area panel, one at a time (the compare panel, the leaderboard, the usage view): created in
 * the active group when closed, revealed when open, hosted through hostWebview, the connection told when the panel is
 * hidden (`retainContextWhenHidden: false`: a full snapshot answers the next `webview/ready`). With `restore`, a panel
 * left open is brought back after a reload (a panel serializer).
 */
import * as vscode from 'vscode';
import { hostWebview, webviewOptions, type HostedView } from './hostWebview';
import type { validateWebviewMessage } from './validateMessage';

/** How the panel behaves beyond showing one view at a time. */
export interface EditorPanelOptions {
  /** registers a panel serializer so a panel open at shutdown is restored after a reload */
  restore?: boolean;
}

export class EditorPanel<S extends Parameters<typeof validateWebviewMessage>[0], M extends { type: string }> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly serializer: vscode.Disposable | undefined;

  /** `view` says what to host; `viewType` and `tabTitle` name the panel. */
  constructor(private readonly viewType: string, private readonly tabTitle: string, private readonly view: () => HostedView<S, M>, options: EditorPanelOptions = {}) {
    this.serializer = options.restore
      ? vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: async (panel) => this.adopt(panel, this.view()) })
      : undefined;
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
    const view = this.view();
    const panel = vscode.window.createWebviewPanel(this.viewType, this.tabTitle, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      ...webviewOptions(view.extensionUri),
      retainContextWhenHidden: false,
    });
    this.adopt(panel, view);
  }

  /** Hosts `view` in `panel` (a new one, or one restored after a reload), replacing any other panel of this kind. */
  private adopt(panel: vscode.WebviewPanel, view: HostedView<S, M>): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    // a restored panel comes back with the options it was saved with: set the current ones
    panel.webview.options = webviewOptions(view.extensionUri);
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
    this.serializer?.dispose();
    this.panel?.dispose();
  }
}
