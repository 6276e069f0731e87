/**
 * What stands out in one run: the fastest first token, the fastest total, the cheapest and the longest answer.
 *
 * Only complete answers (`done`) take part: a failed column has nothing to compare, and a stopped one is cut short
 * (its total time, length and cost are of a partial answer). A highlight needs at least two columns with the figure
 * known: one column alone is not "the fastest" of anything. Ties: every tied column gets the highlight, unless every
 * comparable column ties (then nothing stands out and nobody gets it). Cheapest is
 * among billed or estimated costs only; a column whose cost is unknown is never the cheapest (nor is it compared).
 */
import { HIGHLIGHT_KINDS, type HighlightKind } from '../../shared/compare/highlightKinds';
import type { ArenaColumn } from './arenaRun';

/** Column indices holding each highlight; [] = nobody (fewer than two comparable columns). */
export type RunHighlights = Record<HighlightKind, number[]>;

/** The figures a highlight reads; an ArenaColumn has them all. */
export type HighlightCandidate = Pick<ArenaColumn, 'status' | 'ttftMs' | 'totalMs' | 'cost' | 'answerChars'>;

interface Rule {
  value(column: HighlightCandidate): number | undefined;
  /** true: the smallest value wins, false: the largest */
  lowest: boolean;
}

const RULES: Readonly<Record<HighlightKind, Rule>> = {
  fastestFirstToken: { value: (column) => column.ttftMs, lowest: true },
  fastestTotal: { value: (column) => column.totalMs, lowest: true },
  cheapest: { value: (column) => (column.cost.kind === 'unknown' ? undefined : column.cost.microUsd), lowest: true },
  longest: { value: (column) => column.answerChars, lowest: false },
};

function best(columns: readonly HighlightCandidate[], rule: Rule): number[] {
  const known: { index: number; value: number }[] = [];
  columns.forEach((column, index) => {
    if (column.status !== 'done') return;
    const value = rule.value(column);
    if (value !== undefined && Number.isFinite(value)) known.push({ index, value });
  });
  if (known.length < 2) return [];
  const target = rule.lowest ? Math.min(...known.map((entry) => entry.value)) : Math.max(...known.map((entry) => entry.value));
  const winners = known.filter((entry) => entry.value === target).map((entry) => entry.index);
  return winners.length === known.length ? [] : winners;
}

/** The highlights of one run, by column index. */
export function runHighlights(columns: readonly HighlightCandidate[]): RunHighlights {
  return {
    fastestFirstToken: best(columns, RULES.fastestFirstToken),
    fastestTotal: best(columns, RULES.fastestTotal),
    cheapest: best(columns, RULES.cheapest),
    longest: best(columns, RULES.longest),
  };
}

/** The highlights one column holds, in display order. */
export function columnHighlights(highlights: RunHighlights, column: number): HighlightKind[] {
  return HIGHLIGHT_KINDS.filter((kind) => highlights[kind].includes(column));
}
