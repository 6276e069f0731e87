import * as vscode from 'vscode';
import type { StoredConversation } from './conversation';
import { serializeConversation } from './conversationFormat';
import { conversationToMarkdown } from './markdownExport';

/** A file name from a title: letters, digits and dashes. */
function fileStem(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'conversation';
}

/** `Switchboard: Export Conversation`: Markdown or JSON through a save dialog. Returns the written file. */
export async function exportConversationInteractive(conversation: StoredConversation): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stem = fileStem(conversation.title);
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Switchboard: Export Conversation'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${stem}.md`) : undefined,
    filters: { Markdown: ['md'], JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) return undefined;
  const content = target.path.toLowerCase().endsWith('.json') ? serializeConversation(conversation) : conversationToMarkdown(conversation);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: exported to {0}.', vscode.workspace.asRelativePath(target)), vscode.l10n.t('Open'));
  if (choice) await vscode.window.showTextDocument(target);
  return target;
}
