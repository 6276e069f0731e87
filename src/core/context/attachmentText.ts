/**
 * How attachments read to a model: each one a block that names its path, file contents fenced with their language,
 * and a visible note where a file was cut. The same text is counted for the chip's tokens and sent.
 */
import type { ImagePart } from '../providers/chatProvider';
import type { Attachment, FileAttachment, FolderAttachment, ImageAttachment, ProblemsAttachment } from './attachment';

/** An image as the core's messages carry it (`ChatMessage.images`). */
export type MessageImage = ImagePart;

/** A fence longer than any backtick run in the text, so code containing ``` cannot close it early (CommonMark). */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The note that says where a file was cut. */
export function truncationNote(file: Pick<FileAttachment, 'truncated'>): string | undefined {
  const cut = file.truncated;
  if (!cut) return undefined;
  const rest = cut.totalLines - cut.keptLines;
  return `[Cut here: only the first ${cut.keptLines} of ${cut.totalLines} lines were attached; ${rest} more line${rest === 1 ? '' : 's'} (about ${cut.fullTokens} tokens in all) were not sent.]`;
}

function fileBlock(file: Omit<FileAttachment, 'tokens' | 'id'>): string {
  const fence = fenceFor(file.text);
  const body = file.text.endsWith('\n') ? file.text : `${file.text}\n`;
  const note = truncationNote(file);
  const lines = file.truncated ? ` (lines 1-${file.truncated.keptLines} of ${file.truncated.totalLines})` : '';
  return `File \`${file.path}\`${lines}:\n${fence}${file.language ?? ''}\n${body}${fence}${note ? `\n${note}` : ''}`;
}

/** Renders folder entries as an indented tree under the folder's name. */
function folderBlock(folder: Omit<FolderAttachment, 'tokens' | 'id'>): string {
  const lines = [`Folder tree of \`${folder.path}\` (${folder.entries.length} entries${folder.omitted > 0 ? `, ${folder.omitted} more not listed` : ''}):`];
  const root = folder.path === '.' ? './' : `${folder.path.replace(/\/+$/, '')}/`;
  const tree = [root];
  for (const entry of folder.entries) {
    const parts = entry.replace(/\/$/, '').split('/');
    tree.push(`${'  '.repeat(parts.length)}${parts.at(-1)}${entry.endsWith('/') ? '/' : ''}`);
  }
  const fence = fenceFor(tree.join('\n'));
  lines.push(`${fence}text`, ...tree, fence);
  return lines.join('\n');
}

function problemsBlock(problems: Omit<ProblemsAttachment, 'tokens' | 'id'>): string {
  const where = problems.path ? `\`${problems.path}\`` : 'the workspace';
  if (problems.problems.length === 0) return `Problems in ${where}: none.`;
  const counts = new Map<string, number>();
  for (const problem of problems.problems) counts.set(problem.severity, (counts.get(problem.severity) ?? 0) + 1);
  const summary = [...counts].map(([severity, n]) => `${n} ${severity}${n === 1 ? '' : 's'}`).join(', ');
  const lines = problems.problems.map((problem) => {
    const origin = problem.source ? ` (${problem.source}${problem.code ? ` ${problem.code}` : ''})` : '';
    return `- ${problem.path}:${problem.line}:${problem.column} ${problem.severity}: ${problem.message.replace(/\s*\n\s*/g, ' ')}${origin}`;
  });
  return [`Problems in ${where} (${summary}):`, ...lines].join('\n');
}

/** The text block of a text attachment (images have none: they travel as image parts). */
export function attachmentText(attachment: Attachment | Omit<FileAttachment, 'tokens' | 'id'> | Omit<FolderAttachment, 'tokens' | 'id'> | Omit<ProblemsAttachment, 'tokens' | 'id'>): string | undefined {
  switch (attachment.kind) {
    case 'file': return fileBlock(attachment);
    case 'folder': return folderBlock(attachment);
    case 'problems': return problemsBlock(attachment);
    case 'image': return undefined;
  }
}

/**
 * A user message's content as sent: the attachments' blocks first (in the order attached), then the person's text;
 * images as separate image parts. Nothing else is added.
 */
export function messageContent(text: string, attachments: readonly Attachment[]): { content: string; images: MessageImage[] } {
  const blocks: string[] = [];
  const images: MessageImage[] = [];
  for (const attachment of attachments) {
    if (attachment.kind === 'image') images.push(imagePart(attachment));
    else blocks.push(attachmentText(attachment)!);
  }
  const content = blocks.length === 0 ? text : `${blocks.join('\n\n')}\n\n${text}`;
  return { content, images };
}

function imagePart(image: ImageAttachment): MessageImage {
  return { type: 'image', mimeType: image.mimeType, data: image.data };
}
