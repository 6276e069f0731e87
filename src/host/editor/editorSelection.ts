/** The active editor's selection as the chat and compare prompts take it (`path:line` and a fenced block). */
import * as vscode from 'vscode';
import { selectionBlock } from './selectionBlock';

/** The selection of the active editor as a fenced block, or undefined when no editor has a selection. */
export function editorSelectionBlock(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const document = editor.document;
  // asRelativePath gives back the whole path for a file outside the workspace: only its name goes to the model
  const relative = vscode.workspace.asRelativePath(document.uri, false);
  const outside = relative === document.uri.fsPath || relative === document.uri.path;
  return selectionBlock({
    path: document.isUntitled ? document.fileName : outside ? document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) : relative,
    line: editor.selection.start.line + 1,
    languageId: document.languageId,
    text: document.getText(editor.selection),
  });
}
