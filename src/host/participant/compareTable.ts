/** The `/compare` answer: one row per model with time to first token, total time, tokens, cost and status. */
import { formatCost, formatDuration, formatTokens } from '../../shared/format';
import type { StoredConversation } from '../conversations/conversation';

/** Markdown table of a finished comparison (messages[0] is the prompt, messages[i + 1] the reply of column i). */
export function compareTableMarkdown(comparison: StoredConversation): string {
  const models = comparison.compare?.models ?? [];
  const rows = models.map((model, column) => {
    const reply = comparison.messages[column + 1];
    const meta = reply?.meta;
    const status = reply?.status === 'done' ? 'ok' : reply?.error ? `${reply.status}: ${reply.error.message.replace(/\|/g, '\\|')}` : (reply?.status ?? 'not run');
    const tokens = meta ? `${formatTokens(meta.inputTokens)} in / ${formatTokens(meta.outputTokens)} out` : '–';
    return `| \`${model}\` | ${formatDuration(meta?.ttftMs)} | ${formatDuration(meta?.totalMs)} | ${tokens} | ${meta ? formatCost(meta.cost) : '–'} | ${status} |`;
  });
  return ['| Model | First token | Total | Tokens | Cost | Status |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
