/**
 * Documents for host tests that close cleanly: a file on disk is not dirty, so closing its editor asks nothing and
 * it cannot linger (an untitled document with text is dirty, and an editor left open by one test became the target
 * of another test's insert).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

/** Writes `content` to a new file `name` in a fresh temporary folder and opens it in an editor. */
export async function openScratchFile(name: string, content: string): Promise<vscode.TextEditor> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-host-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document);
}
