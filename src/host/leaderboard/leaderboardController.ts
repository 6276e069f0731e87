/**
 * The model leaderboard's host side: reads the arena's runs, filters them by period and tag, computes the rows
 * (core leaderboard statistics) and posts them; exports the rows shown as CSV through a save dialog.
 */
import * as vscode from 'vscode';
import { filterRuns, leaderboard, leaderboardCsv, periodSince, tagCounts, type ArenaRun, type LeaderboardRow } from '../../core/index';
import type { LeaderboardPeriod } from '../../shared/leaderboard/periods';
import type { HostToWebview, WebviewToHost } from '../../shared/leaderboard/protocol';
import type { LeaderboardViewState } from '../../shared/leaderboard/viewModel';
import { isEditorAction, runEditorAction } from '../editor/editorActions';
import { warnUnhandled } from '../webviews/validateMessage';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { WebviewConnection } from '../webviews/webviewConnection';

export class LeaderboardController {
  private period: LeaderboardPeriod = 'all';
  private tag: string | undefined;
  private rows: LeaderboardRow[] = [];
  readonly connection: WebviewConnection<HostToWebview>;

  constructor(private readonly services: HostServices, observer?: (message: HostToWebview) => void, private readonly now: () => number = Date.now) {
    this.connection = new WebviewConnection<HostToWebview>({ snapshotType: 'leaderboard/snapshot', logger: services.logger, label: 'leaderboard', observer });
  }

  async handle(message: WebviewToHost): Promise<void> {
    if (isEditorAction(message)) return runEditorAction(message, this.services.logger);
    switch (message.type) {
      case 'webview/ready':
        this.connection.markReady();
        await this.refresh();
        return;
      case 'leaderboard/filter':
        this.period = message.period;
        this.tag = message.tag?.trim().toLowerCase() || undefined;
        await this.refresh();
        return;
      case 'leaderboard/exportCsv':
        return this.exportCsv();
      default:
        return warnUnhandled(this.services.logger, 'leaderboard', message);
    }
  }

  /** Reads the runs again and posts the rows (after a filter, or when a comparison was recorded). */
  async refresh(): Promise<LeaderboardViewState> {
    let runs: ArenaRun[] = [];
    let problem: string | undefined;
    try {
      runs = await this.services.arena.runs();
    } catch (error) {
      problem = vscode.l10n.t("Could not read the leaderboard's runs: {0}", error instanceof Error ? error.message : String(error));
      this.services.logger.error(problem);
    }
    const filter = { since: periodSince(this.period, this.now()), tag: this.tag };
    this.rows = leaderboard(runs, filter);
    const kept = filterRuns(runs, filter);
    const catalog = this.services.core().catalog;
    const state: LeaderboardViewState = {
      period: this.period,
      tag: this.tag,
      tags: tagCounts(runs),
      rows: this.rows.map((row) => ({ ...row, modelName: catalog.get(row.model)?.name ?? shortModelName(row.model) })),
      runs: kept.length,
      blindDecidedRuns: kept.filter((run) => run.blind && run.pick?.blind).length,
      problem,
    };
    if (this.connection.listened) this.connection.post({ type: 'leaderboard/snapshot', state });
    return state;
  }

  /** The rows shown, as CSV, where the person chooses. */
  async exportCsv(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `switchboard-leaderboard-${this.period}${this.tag ? `-${this.tag}` : ''}.csv`.replace(/[^A-Za-z0-9_.-]+/g, '-');
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the model leaderboard as CSV'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { CSV: ['csv'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(leaderboardCsv(this.rows)));
    void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: leaderboard exported to {0}.', vscode.workspace.asRelativePath(target)));
  }
}
