/**
 * One comparison as the arena remembers it: which models answered, how fast, at what cost, whether the person
 * picked blind, and the tags they gave it. Enough for highlights and the leaderboard without reading the
 * conversation files. Plain data: money is integer micro-USD, durations ms, `undefined` = not reported.
 */
import type { Cost } from '../cost/cost';

/** How a column ended: only `done` answers are complete. */
export type ArenaColumnStatus = 'done' | 'stopped' | 'failed';

/** One model's answer in a run. */
export interface ArenaColumn {
  /** namespaced model id the person asked for, e.g. `openrouter:openai/gpt-4o` */
  model: string;
  status: ArenaColumnStatus;
  /** ms from sending to the first text; undefined = not reported */
  ttftMs?: number;
  /** ms from sending to the end; undefined = not reported */
  totalMs?: number;
  /** output tokens per second of generation; undefined = not reported */
  tokensPerSecond?: number;
  /** tokens; undefined = not reported */
  outputTokens?: number;
  /** length of the answer in characters (Unicode code points): comparable across tokenizers */
  answerChars: number;
  cost: Cost;
}

/** The person's choice of winner. */
export interface ArenaPick {
  /** column index of the winner */
  column: number;
  /** true when the pick was made while the run was still blind (names hidden): only these count as blind wins */
  blind: boolean;
}

export interface ArenaRun {
  /** the comparison's conversation id */
  id: string;
  /** epoch ms when the run started */
  createdAt: number;
  /** the run started in blind mode (columns labelled A, B, C in a random order) */
  blind: boolean;
  /** trimmed, lower-case, unique, e.g. `refactor`, `explain` */
  tags: string[];
  /** in the order the columns were shown */
  columns: ArenaColumn[];
  /** undefined = no winner picked yet */
  pick?: ArenaPick;
}

/** Tags as stored: trimmed, lower-case, unique, non-empty, in the order first given. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const normalized = tag.trim().toLowerCase().replace(/\s+/g, '-');
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}

/** The length the arena compares answers by: Unicode code points, so an emoji or CJK character counts once. */
export function answerLength(text: string): number {
  let count = 0;
  for (const _character of text) count++;
  return count;
}
