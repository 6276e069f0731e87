/**
 * Tells the person, once per workspace and setting, that a user-only setting in this workspace's settings was
 * ignored (where keys are sent and the budget caps come from user settings only: see USER_ONLY_SETTINGS).
 */
import * as vscode from 'vscode';
import { userOnlySettingsIn } from './settings';

/** workspaceState key: the settings already noticed in this workspace */
const NOTICED_KEY = 'switchboard.ignoredWorkspaceSettings.noticed';

export class WorkspaceSettingsNotice {
  private readonly seen = new Set<string>();
  private pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly logger: { warn(message: string): void },
  ) {}

  /** Records that `name` was set by the workspace and ignored; the notice follows shortly, grouping names. */
  ignored(name: string): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.logger.warn(`${name}: the workspace's value is ignored; this setting is read from user settings only`);
    const noticed = this.workspaceState.get<string[]>(NOTICED_KEY, []);
    if (noticed.includes(name)) return;
    this.pending.push(name);
    this.timer ??= setTimeout(() => void this.show(), 0);
  }

  /**
   * Reads the workspace's settings files (each folder's `.vscode/settings.json` and the `.code-workspace` file) and
   * reports the user-only settings they set. VS Code already leaves those values out of the configuration.
   */
  async scanWorkspace(): Promise<void> {
    const files: Array<{ uri: vscode.Uri; workspaceFile: boolean }> = (vscode.workspace.workspaceFolders ?? [])
      .map((folder) => ({ uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), workspaceFile: false }));
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push({ uri: workspaceFile, workspaceFile: true });
    for (const file of files) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file.uri));
      } catch {
        continue; // no settings file
      }
      for (const name of userOnlySettingsIn(text, file.workspaceFile)) this.ignored(name);
    }
  }

  /** The user-only settings this workspace tried to set, in this window. */
  names(): readonly string[] {
    return [...this.seen];
  }

  private async show(): Promise<void> {
    const names = this.pending;
    this.pending = [];
    this.timer = undefined;
    const noticed = this.workspaceState.get<string[]>(NOTICED_KEY, []);
    await this.workspaceState.update(NOTICED_KEY, [...new Set([...noticed, ...names])]);
    const list = names.join(', ');
    const open = vscode.l10n.t('Open User Settings');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        "Switchboard ignored {0} from this workspace's settings: where your API keys are sent and the budget caps come from your user settings only.",
        list,
      ),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', names[0]);
  }
}
