/** Builds the leaderboard feature: its controller and panel, refreshed whenever the arena records a run. */
import type * as vscode from 'vscode';
import type { HostToWebview } from '../../shared/leaderboard/protocol';
import type { HostServices } from '../hostServices';
import { LeaderboardController } from './leaderboardController';
import { LeaderboardPanel } from './leaderboardPanel';

export interface LeaderboardFeature extends vscode.Disposable {
  readonly controller: LeaderboardController;
  /** `Switchboard: Show Model Leaderboard` */
  show(): Promise<void>;
}

export function createLeaderboardFeature(options: {
  services: HostServices;
  extensionUri: vscode.Uri;
  /** the test seam that sees every post (outside production only) */
  observer?: (message: HostToWebview) => void;
}): LeaderboardFeature {
  const controller = new LeaderboardController(options.services, options.observer);
  const panel = new LeaderboardPanel(options.extensionUri, controller, options.services.logger);
  const subscription = options.services.arena.onDidChange(() => {
    if (controller.connection.listened) void controller.refresh();
  });
  return {
    controller,
    show: () => panel.show(),
    dispose: () => {
      subscription.dispose();
      panel.dispose();
    },
  };
}
