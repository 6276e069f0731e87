/** The `/compare` answer: one row per model with time to first token, total time, tokens, cost and status. */
import { formatCost, formatDuration, formatTokens, inEnglish, type Localizer } from '../../shared/format';
import type { StoredConversation } from '../conversations/conversation';

/** Markdown table of a finished comparison (messages[0] is the prompt, messages[i + 1] the reply of column i). */
export function compareTableMarkdown(comparison: StoredConversation, l10n: Localizer = inEnglish): string {
  const models = comparison.compare?.models ?? [];
  const rows = models.map((model, column) => {
    const reply = comparison.messages[column + 1];
    const meta = reply?.meta;
    const status = reply?.status === 'done' ? l10n.t('ok') : reply?.error ? `${reply.status}: ${reply.error.message.replace(/\|/g, '\\|')}` : (reply?.status ?? l10n.t('not run'));
    const tokens = meta ? l10n.t('{0} in / {1} out', formatTokens(meta.inputTokens), formatTokens(meta.outputTokens)) : '–';
    return `| \`${model}\` | ${formatDuration(meta?.ttftMs)} | ${formatDuration(meta?.totalMs)} | ${tokens} | ${meta ? formatCost(meta.cost, l10n.t) : '–'} | ${status} |`;
  });
  const header = [l10n.t('Model'), l10n.t('First token'), l10n.t('Total'), l10n.t('Tokens'), l10n.t('Cost'), l10n.t('Status')];
  return [`| ${header.join(' | ')} |`, '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
