/**
 * Two compare answers in VS Code's diff editor: each answer becomes a read-only virtual document
 * (`switchboard-answer:` scheme, served from memory) and `vscode.diff` opens the pair. A blind run's documents are
 * named by their letters only.
 */
import * as vscode from 'vscode';

export const ANSWER_SCHEME = 'switchboard-answer';

/** The answers shown in diff editors, by URI; registered once for the scheme. */
export class AnswerDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(ANSWER_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** A document holding `text`, named `name` (a file name, shown as the editor's title). */
  document(compareId: string, column: number, name: string, text: string): vscode.Uri {
    const safeName = name.replace(/[\\/:*?"<>|#?%]+/g, '-');
    const uri = vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `/${compareId}/${column}/${safeName}.md` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** One column the person may diff against. */
export interface DiffCandidate {
  column: number;
  /** what the column is called: "Model B" while blind, else the model's name */
  name: string;
  text: string;
}

/**
 * Opens `left` against another candidate in the diff editor: the only other one directly, else the one the person
 * picks. Returns false when there was nothing to compare with or the pick was dismissed.
 */
export async function diffAnswers(documents: AnswerDocuments, compareId: string, left: DiffCandidate, others: readonly DiffCandidate[]): Promise<boolean> {
  if (others.length === 0) {
    void vscode.window.showInformationMessage('Switchboard: no other finished answer to compare with.');
    return false;
  }
  const right = others.length === 1 ? others[0] : (await vscode.window.showQuickPick(
    others.map((candidate) => ({ label: candidate.name, description: `${candidate.text.length} characters`, candidate })),
    { title: `Compare the answer of ${left.name} with…`, placeHolder: 'Pick the other answer' },
  ))?.candidate;
  if (!right) return false;
  await vscode.commands.executeCommand('vscode.diff',
    documents.document(compareId, left.column, left.name, left.text),
    documents.document(compareId, right.column, right.name, right.text),
    `${left.name} ↔ ${right.name}`);
  return true;
}
