/**
 * What a code block or a link in any view can do in the editor: copy, insert at the cursor, open in a new editor,
 * open an http(s) link. One module the chat view and the compare panel both call, so neither reaches into the other.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/index';
import type { EditorActionMessage } from '../../shared/webview/protocol';

/** VS Code language ids for the short names models put after a code fence. */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript',
  shell: 'shellscript', yml: 'yaml', md: 'markdown', 'c++': 'cpp', cs: 'csharp', 'c#': 'csharp', rb: 'ruby',
  rs: 'rust', golang: 'go', kt: 'kotlin', tsx: 'typescriptreact', jsx: 'javascriptreact', ps1: 'powershell',
};

/** Runs one validated editor action from a view. */
export async function runEditorAction(message: EditorActionMessage, logger: Logger): Promise<void> {
  switch (message.type) {
    case 'code/copy':
      await vscode.env.clipboard.writeText(message.code);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Switchboard: code copied'), 2000);
      return;
    case 'code/insert':
      return insertCode(message.code);
    case 'code/open':
      return openCode(message.code, message.language);
    case 'link/open':
      return openLink(message.href, logger);
    default: {
      const unreachable: never = message;
      logger.warn(`editor action: unhandled ${JSON.stringify(unreachable).slice(0, 100)}`);
    }
  }
}

async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: there is no open editor to insert the code into.'), vscode.l10n.t('Open in New Editor'));
    if (choice) await openCode(code, undefined);
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
}

async function openCode(code: string, language: string | undefined): Promise<void> {
  const wanted = language ? LANGUAGE_ALIASES[language.toLowerCase()] ?? language.toLowerCase() : undefined;
  const known = wanted ? (await vscode.languages.getLanguages()).includes(wanted) : false;
  const document = await vscode.workspace.openTextDocument({ content: code, language: known ? wanted : undefined });
  await vscode.window.showTextDocument(document, { preview: false });
}

async function openLink(href: string, logger: Logger): Promise<void> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    logger.warn('link/open: refused a link that is not a URL');
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    logger.warn(`link/open: refused a ${url.protocol} link (only http and https open)`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url.toString(), true));
}
