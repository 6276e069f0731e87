/**
 * `Switchboard: Show Model Leaderboard`: the leaderboard in an editor-area panel (`switchboard.leaderboard`), one at
 * a time. The controller owns the state; a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { leaderboardMessageSchema } from '../../shared/leaderboard/protocol';
import { hostWebview, webviewOptions } from '../webviews/hostWebview';
import type { LeaderboardController } from './leaderboardController';

export const LEADERBOARD_VIEW_TYPE = 'switchboard.leaderboard';

export class LeaderboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly controller: LeaderboardController, private readonly logger: Logger) {}

  /** Shows the panel (creating it when closed) with fresh rows. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      await this.controller.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(LEADERBOARD_VIEW_TYPE, 'Model Leaderboard', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'switchboard.svg');
    this.panel = panel;
    const webview = panel.webview;
    const controller = this.controller;
    const subscriptions: vscode.Disposable[] = [
      hostWebview(webview, {
        extensionUri: this.extensionUri,
        bundle: 'leaderboard',
        title: 'Switchboard: Model Leaderboard',
        label: 'leaderboard',
        logger: this.logger,
        schema: leaderboardMessageSchema,
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
