/**
 * `Switchboard: Show Model Leaderboard`: the leaderboard in an editor-area panel (`switchboard.leaderboard`), one at
 * a time. The controller owns the state; a full snapshot answers `webview/ready`.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import { leaderboardMessageSchema, type HostToWebview } from '../../shared/leaderboard/protocol';
import { EditorPanel } from '../webviews/editorPanel';
import type { LeaderboardController } from './leaderboardController';

export const LEADERBOARD_VIEW_TYPE = 'switchboard.leaderboard';

export class LeaderboardPanel implements vscode.Disposable {
  private readonly panel: EditorPanel<typeof leaderboardMessageSchema, HostToWebview>;

  constructor(extensionUri: vscode.Uri, private readonly controller: LeaderboardController, logger: Logger) {
    this.panel = new EditorPanel(LEADERBOARD_VIEW_TYPE, vscode.l10n.t('Model Leaderboard'), () => ({
      extensionUri,
      bundle: 'leaderboard',
      title: vscode.l10n.t('Switchboard: Model Leaderboard'),
      label: 'leaderboard',
      logger,
      schema: leaderboardMessageSchema,
      connection: controller.connection,
      handle: (message) => controller.handle(message),
    }));
  }

  /** Shows the panel (creating it when closed) with fresh rows. */
  async show(): Promise<void> {
    const wasOpen = this.panel.isOpen;
    this.panel.show();
    // a new page asks for its snapshot on ready; an open one gets the runs recorded since
    if (wasOpen) await this.controller.refresh();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
