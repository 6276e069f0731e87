/** Selected code as it arrives in the chat: a `path:line` reference and a fenced block. No vscode import. */
import { fenceFor } from '../../core/index';

export interface SelectionSource {
  /** workspace-relative path (or the file name for files outside the workspace) */
  path: string;
  /** 1-based first line of the selection */
  line: number;
  /** VS Code language id, e.g. `typescript` */
  languageId: string;
  text: string;
}

export function selectionBlock(source: SelectionSource): string {
  const fence = fenceFor(source.text);
  const language = /^[A-Za-z0-9_+#.-]+$/.test(source.languageId) && source.languageId !== 'plaintext' ? source.languageId : '';
  const body = source.text.endsWith('\n') ? source.text : `${source.text}\n`;
  return `\`${source.path}:${source.line}\`\n${fence}${language}\n${body}${fence}\n`;
}
