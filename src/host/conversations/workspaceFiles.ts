import { appendFile, mkdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ConversationFiles } from './conversationStore';

/** ConversationFiles over `vscode.workspace.fs` in one folder (created on first write). */
export function createWorkspaceFiles(folder: vscode.Uri): ConversationFiles {
  const uri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);
  let folderReady: Thenable<void> | undefined;
  return {
    async read(name) {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(name)));
    },
    async write(name, content) {
      folderReady ??= vscode.workspace.fs.createDirectory(folder);
      await folderReady;
      await vscode.workspace.fs.writeFile(uri(name), new TextEncoder().encode(content));
    },
    async append(name, content) {
      const target = uri(name);
      if (target.scheme === 'file') {
        // vscode.workspace.fs cannot append: a local folder (the usual global storage) is appended to directly
        await mkdir(folder.fsPath, { recursive: true });
        await appendFile(target.fsPath, content, 'utf8');
        return;
      }
      // elsewhere (a virtual file system) the file is written whole again, atomically
      let existing = '';
      try {
        existing = await this.read(name);
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
      }
      const temp = `.${name}.append.tmp`;
      await this.write(temp, existing + content);
      await this.rename(temp, name);
    },
    async rename(from, to) {
      await vscode.workspace.fs.rename(uri(from), uri(to), { overwrite: true });
    },
    async delete(name) {
      await vscode.workspace.fs.delete(uri(name), { useTrash: false });
    },
    async list() {
      try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return [];
        throw error;
      }
    },
  };
}
