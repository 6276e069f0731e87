import * as vscode from 'vscode';
import type { ArenaFiles } from '../../core/index';
import { createWorkspaceFiles } from '../conversations/workspaceFiles';

/**
 * ArenaFiles over `vscode.workspace.fs` in the extension's global storage, the folder that holds `conversations/`:
 * the arena's `arena.json` sits next to the conversations.
 */
export function createArenaFiles(folder: vscode.Uri): ArenaFiles {
  const files = createWorkspaceFiles(folder);
  return {
    async read(name) {
      try {
        return await files.read(name);
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    write: (name, content) => files.write(name, content),
    rename: (from, to) => files.rename(from, to),
  };
}
