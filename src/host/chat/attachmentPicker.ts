/**
 * Where attachments come from in VS Code: the active file, open editors, any workspace file, a file's or the
 * workspace's problems, a folder's tree. Each choice is the person's (a quick pick); nothing is gathered
 * otherwise. Unsaved edits are what is attached (the editor's text, not the file on disk).
 */
import * as vscode from 'vscode';
import {
  createFileAttachment, createFolderAttachment, createProblemsAttachment, MAX_FILE_BYTES,
  type Attachment, type AttachmentRefusal, type Problem, type ProblemSeverity,
} from '../../core/index';

/** What the attach menu offers. */
export type AttachSource = 'active-file' | 'open-editors' | 'workspace-file' | 'problems' | 'workspace-problems' | 'folder';

/** Files the workspace picker lists at most. */
const MAX_LISTED_FILES = 5000;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/.cache/**}';

let counter = 0;
function attachmentId(): string {
  counter += 1;
  return `a${Date.now().toString(36)}${counter.toString(36)}`;
}

function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, ProblemSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function problemsOf(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): Problem[] {
  const path = relativePath(uri);
  return diagnostics.map((diagnostic) => ({
    path,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    severity: SEVERITIES[diagnostic.severity],
    message: diagnostic.message,
    source: diagnostic.source,
    code: typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : diagnostic.code === undefined ? undefined : String(diagnostic.code),
  }));
}

/** A file as an attachment: an open document's current text, else the bytes on disk (at most MAX_FILE_BYTES). */
export async function fileAttachment(uri: vscode.Uri, maxTokens?: number): Promise<Attachment | AttachmentRefusal> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const path = relativePath(uri);
  if (open) {
    return createFileAttachment({ id: attachmentId(), path, language: open.languageId, bytes: new TextEncoder().encode(open.getText()), maxTokens });
  }
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) return { refused: true, message: vscode.l10n.t('{0} is a folder: attach its tree instead.', path) };
  const bytes = await vscode.workspace.fs.readFile(uri);
  const extension = /\.([A-Za-z0-9_+-]+)$/.exec(path)?.[1];
  return createFileAttachment({ id: attachmentId(), path, language: extension, bytes: bytes.subarray(0, MAX_FILE_BYTES), totalBytes: bytes.length, maxTokens });
}

async function pickWorkspaceFiles(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_LISTED_FILES);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: no files found in this workspace to attach.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: relativePath(uri).split('/').at(-1) ?? '', description: relativePath(uri), uri })).sort((a, b) => a.description.localeCompare(b.description)),
    { title: vscode.l10n.t('Switchboard: Attach Files'), placeHolder: vscode.l10n.t('Type to filter; Space or click to check several'), canPickMany: true, matchOnDescription: true },
  );
  return picked?.map((item) => item.uri) ?? [];
}

async function pickOpenEditors(): Promise<vscode.Uri[]> {
  const uris = new Map<string, vscode.Uri>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText) uris.set(tab.input.uri.toString(), tab.input.uri);
    }
  }
  if (uris.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: no editors are open.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    [...uris.values()].map((uri) => ({ label: relativePath(uri), uri, picked: true })),
    { title: vscode.l10n.t('Switchboard: Attach Open Editors'), canPickMany: true },
  );
  return picked?.map((item) => item.uri) ?? [];
}

async function pickFolder(): Promise<Attachment | undefined> {
  const files = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_LISTED_FILES);
  const folders = new Set<string>(['.']);
  const paths = files.map(relativePath);
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'));
  }
  const picked = await vscode.window.showQuickPick([...folders].sort().map((folder) => ({ label: folder === '.' ? vscode.l10n.t('. (workspace root)') : folder, folder })), {
    title: vscode.l10n.t('Switchboard: Attach a Folder Tree'), placeHolder: vscode.l10n.t('The names of its files and folders are attached, not their contents'),
  });
  if (!picked) return undefined;
  const prefix = picked.folder === '.' ? '' : `${picked.folder}/`;
  const entries = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const inner = path.slice(prefix.length).split('/');
    for (let depth = 1; depth < inner.length; depth++) entries.add(`${inner.slice(0, depth).join('/')}/`);
    entries.add(inner.join('/'));
  }
  return createFolderAttachment({ id: attachmentId(), path: picked.folder, entries: [...entries] });
}

/** What one pick gave: attachments, and the refusals to tell the person about. */
export interface PickResult {
  attachments: Attachment[];
  refusals: string[];
}

/** Runs one source (asking with a quick pick when it needs a choice). */
export async function pickAttachments(source: AttachSource, maxTokens?: number): Promise<PickResult> {
  const result: PickResult = { attachments: [], refusals: [] };
  const add = (item: Attachment | AttachmentRefusal | undefined): void => {
    if (!item) return;
    if ('refused' in item) result.refusals.push(item.message);
    else result.attachments.push(item);
  };
  const editor = vscode.window.activeTextEditor;
  switch (source) {
    case 'active-file':
      if (!editor) result.refusals.push(vscode.l10n.t('No file is open in an editor: open one first, or pick a file.'));
      else add(await fileAttachment(editor.document.uri, maxTokens));
      break;
    case 'open-editors':
      for (const uri of await pickOpenEditors()) add(await fileAttachment(uri, maxTokens));
      break;
    case 'workspace-file':
      for (const uri of await pickWorkspaceFiles()) add(await fileAttachment(uri, maxTokens));
      break;
    case 'problems':
      if (!editor) result.refusals.push(vscode.l10n.t('No file is open in an editor: open one to attach its problems.'));
      else add(createProblemsAttachment({ id: attachmentId(), path: relativePath(editor.document.uri), problems: problemsOf(editor.document.uri, vscode.languages.getDiagnostics(editor.document.uri)) }));
      break;
    case 'workspace-problems':
      add(createProblemsAttachment({ id: attachmentId(), problems: vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) => problemsOf(uri, diagnostics)) }));
      break;
    case 'folder':
      add(await pickFolder());
      break;
  }
  return result;
}

/** The attach menu (the paperclip and `#` in the input): which source. */
export async function pickAttachSource(): Promise<AttachSource | undefined> {
  const active = vscode.window.activeTextEditor;
  const items: (vscode.QuickPickItem & { source: AttachSource })[] = [
    { label: `$(file) ${vscode.l10n.t('Active file')}`, description: active ? relativePath(active.document.uri) : vscode.l10n.t('no editor open'), source: 'active-file' },
    { label: `$(files) ${vscode.l10n.t('Open editors…')}`, source: 'open-editors' },
    { label: `$(search) ${vscode.l10n.t('Files in the workspace…')}`, source: 'workspace-file' },
    { label: `$(warning) ${vscode.l10n.t('Problems in the active file')}`, description: active ? relativePath(active.document.uri) : undefined, source: 'problems' },
    { label: `$(warning) ${vscode.l10n.t('Problems in the workspace')}`, source: 'workspace-problems' },
    { label: `$(folder) ${vscode.l10n.t('Folder tree…')}`, source: 'folder' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Switchboard: Attach to the Message'), placeHolder: vscode.l10n.t('Only what you pick here is sent with your message') });
  return picked?.source;
}
