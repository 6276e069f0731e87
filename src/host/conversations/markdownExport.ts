/**
 * A conversation as Markdown for `Switchboard: Export Conversation`: every assistant reply says which model
 * wrote it, its tokens and its cost (unknown cost stays "cost unknown", never $0). No vscode.
 */
import type { Attachment } from '../../core/index';
import { formatCost, formatDuration, formatTokens } from '../../shared/format';
import { compareToMarkdown } from './compareMarkdown';
import type { StoredConversation, StoredMessage } from './conversation';

function replyFooter(message: StoredMessage): string {
  const meta = message.meta;
  if (!meta) return '';
  const parts: string[] = [`model \`${meta.servedModel}\``];
  if (meta.fallbackFrom && meta.fallbackFrom.length > 0) parts.push(`after ${meta.fallbackFrom.map((model) => `\`${model}\``).join(', ')} failed`);
  if (meta.upstreamProvider) parts.push(`via ${meta.upstreamProvider}`);
  parts.push(`${meta.inputTokens === undefined ? 'input tokens not reported' : `${formatTokens(meta.inputTokens)} in`}`);
  parts.push(`${meta.outputTokens === undefined ? 'output tokens not reported' : `${formatTokens(meta.outputTokens)} out`}`);
  parts.push(formatCost(meta.cost));
  if (meta.totalMs !== undefined) parts.push(formatDuration(meta.totalMs));
  if (message.status !== 'done') parts.push(message.status);
  return `\n\n> ${parts.join(' · ')}`;
}

/** One attachment as an export names it (the contents went to the model, not into the export). */
function attachmentLabel(attachment: Attachment): string {
  switch (attachment.kind) {
    case 'file': return `\`${attachment.path}\` (${formatTokens(attachment.tokens)} tokens${attachment.truncated ? `, first ${attachment.truncated.keptLines} of ${attachment.truncated.totalLines} lines` : ''})`;
    case 'folder': return `tree of \`${attachment.path}\``;
    case 'problems': return `problems of ${attachment.path ? `\`${attachment.path}\`` : 'the workspace'} (${attachment.problems.length})`;
    case 'image': return `image ${attachment.name}`;
  }
}

/** The whole conversation as a Markdown document. */
export function conversationToMarkdown(conversation: StoredConversation): string {
  if (conversation.kind === 'compare') return compareToMarkdown(conversation);
  const lines: string[] = [`# ${conversation.title}`, ''];
  lines.push(`_Exported from Switchboard · ${new Date(conversation.updatedAt).toISOString()} · ${conversation.messages.length} messages_`, '');
  if (conversation.systemPrompt) lines.push('**System prompt**', '', conversation.systemPrompt, '');
  for (const message of conversation.messages) {
    const heading = message.role === 'user' ? '## You' : `## ${message.meta?.servedModel ?? 'Assistant'}`;
    lines.push(heading, '');
    if (message.attachments?.length) lines.push(`> Attached: ${message.attachments.map(attachmentLabel).join(', ')}`, '');
    const body = message.text.length > 0 ? message.text : '_(no text)_';
    lines.push(`${body}${message.role === 'assistant' ? replyFooter(message) : ''}`);
    if (message.error) lines.push('', `> Error (${message.error.code}): ${message.error.message}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
