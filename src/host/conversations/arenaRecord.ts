/**
 * A saved comparison as the arena's record of it (what highlights and the leaderboard read). No vscode import.
 */
import { answerLength, normalizeTags, type ArenaColumn, type ArenaRun } from '../../core/arena/index';
import type { StoredConversation } from './conversation';

/** The run of `comparison`, or undefined while it has no settled reply (not run yet, or still streaming). */
export function arenaRunOf(comparison: StoredConversation): ArenaRun | undefined {
  const compare = comparison.compare;
  if (comparison.kind !== 'compare' || !compare || compare.models.length === 0) return undefined;
  const columns: ArenaColumn[] = [];
  for (const [index, model] of compare.models.entries()) {
    const reply = comparison.messages[index + 1];
    if (!reply || reply.status === 'streaming') return undefined;
    const meta = reply.meta;
    columns.push({
      model,
      status: reply.status,
      ttftMs: meta?.ttftMs,
      totalMs: meta?.totalMs,
      tokensPerSecond: meta?.tokensPerSecond,
      outputTokens: meta?.outputTokens,
      answerChars: answerLength(reply.text),
      // a reconciled cost is a billed one (OpenRouter reported it after the stream)
      cost: meta?.cost?.kind === 'reconciled' ? { kind: 'billed', microUsd: meta.cost.microUsd } : meta?.cost ?? { kind: 'unknown' },
    });
  }
  const run: ArenaRun = {
    id: comparison.id,
    createdAt: comparison.messages[0]?.createdAt ?? comparison.createdAt,
    blind: compare.blind === true,
    tags: normalizeTags(compare.tags ?? []),
    columns,
  };
  if (compare.winner !== undefined) run.pick = { column: compare.winner, blind: compare.blind === true && compare.winnerPickedBlind === true };
  return run;
}
