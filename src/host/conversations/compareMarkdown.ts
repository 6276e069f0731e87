/**
 * A saved comparison as Markdown (`compare/export` and `Switchboard: Export Conversation`): a table of every
 * column's metrics and highlights (fastest first token, fastest total, cheapest, longest answer), then the prompt,
 * then each answer with its column's follow-ups. A blind run's columns keep their letters (the export is made after the reveal). Unknown figures stay "–" / "cost unknown", never 0. No vscode.
 */
import { blindLabel, columnHighlights, HIGHLIGHT_LABELS, runHighlights } from '../../core/index';
import { formatCost, formatDuration, formatTokens } from '../../shared/format';
import { arenaRunOf } from './arenaRecord';
import type { StoredConversation, StoredMessage } from './conversation';

/** A table cell: no line breaks, no pipes that would split the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function statusOf(message: StoredMessage | undefined): string {
  if (!message) return 'not run';
  if (message.status === 'failed') return `failed${message.error ? ` (${message.error.code})` : ''}`;
  return message.status;
}

/** A column's follow-ups after its answer: each question, then the column's reply with its cost. */
function followUpLines(thread: readonly StoredMessage[]): string[] {
  const lines: string[] = [];
  let count = 0;
  for (const message of thread) {
    if (message.role === 'user') {
      lines.push(`### Follow-up ${++count}`, '', ...message.text.split(/\r?\n/).map((line) => `> ${line}`), '');
      continue;
    }
    lines.push(message.text.length > 0 ? message.text : '_(no text)_', '');
    lines.push(`_${statusOf(message)} · ${message.meta ? formatCost(message.meta.cost) : 'cost unknown'}_`, '');
    if (message.error) lines.push(`> Error (${message.error.code}): ${message.error.message}`, '');
  }
  return lines;
}

/** The metrics table, the prompt and every answer of a comparison. */
export function compareToMarkdown(conversation: StoredConversation): string {
  const models = conversation.compare?.models ?? conversation.messages.slice(1).map((message) => message.meta?.requestedModel ?? 'unknown');
  const winner = conversation.compare?.winner;
  const prompt = conversation.messages[0]?.role === 'user' ? conversation.messages[0].text : '';
  const replies = models.map((_model, column) => conversation.messages[column + 1]);
  const lines: string[] = [`# Comparison: ${conversation.title}`, ''];
  const blind = conversation.compare?.blind === true;
  const tags = conversation.compare?.tags ?? [];
  const run = arenaRunOf(conversation);
  const highlights = run ? runHighlights(run.columns) : undefined;
  lines.push(`_Exported from Switchboard · ${new Date(conversation.updatedAt).toISOString()} · ${models.length} models${winner === undefined ? '' : ` · winner: \`${models[winner]}\``}`
    + `${blind ? ` · blind run${conversation.compare?.winnerPickedBlind ? ', winner picked blind' : ''}` : ''}${tags.length > 0 ? ` · tags: ${tags.join(', ')}` : ''}_`, '');
  lines.push('| # | Model | Served by | Status | Time to first token | Total time | Tokens/s | Tokens in | Tokens out | Cost | Finish | Highlights |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  models.forEach((model, column) => {
    const meta = replies[column]?.meta;
    const served = meta ? [meta.servedModel !== model ? meta.servedModel : '', meta.upstreamProvider ?? ''].filter(Boolean).join(' via ') : '';
    const held = highlights ? columnHighlights(highlights, column).map((kind) => HIGHLIGHT_LABELS[kind]).join(', ') : '';
    lines.push(`| ${[
      `${blind ? blindLabel(column) : column + 1}${column === winner ? ' ★' : ''}`,
      `\`${cell(model)}\``,
      cell(served || '–'),
      cell(statusOf(replies[column])),
      formatDuration(meta?.ttftMs),
      formatDuration(meta?.totalMs),
      meta?.tokensPerSecond === undefined ? '–' : meta.tokensPerSecond.toFixed(1),
      formatTokens(meta?.inputTokens),
      formatTokens(meta?.outputTokens),
      meta ? formatCost(meta.cost) : 'cost unknown',
      cell(meta?.finishReason ?? '–'),
      held || '–',
    ].join(' | ')} |`);
  });
  lines.push('', '## Prompt', '', prompt || '_(no prompt)_', '');
  models.forEach((model, column) => {
    const reply = replies[column];
    lines.push(`## ${blind ? blindLabel(column) : column + 1}. ${model}${column === winner ? ' (winner)' : ''}`, '');
    lines.push(reply && reply.text.length > 0 ? reply.text : '_(no text)_');
    if (reply?.error) lines.push('', `> Error (${reply.error.code}): ${reply.error.message}`);
    lines.push('');
    lines.push(...followUpLines(conversation.compare?.followUps?.[column] ?? []));
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
