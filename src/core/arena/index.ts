/** The arena (highlights, blind mode, leaderboard, its store): plain logic the compare feature builds on. */
export { answerLength, normalizeTags } from './arenaRun';
export type { ArenaColumn, ArenaColumnStatus, ArenaPick, ArenaRun } from './arenaRun';
export { columnHighlights, runHighlights } from './highlights';
export type { HighlightCandidate, RunHighlights } from './highlights';
export { HIGHLIGHT_KINDS, HIGHLIGHT_LABELS } from '../../shared/compare/highlightKinds';
export type { HighlightKind } from '../../shared/compare/highlightKinds';
export { BlindMapping, blindLabel, shuffleForBlind } from './blind';
export type { RandomSource } from './blind';
export { filterRuns, leaderboard, periodSince, tagCounts } from './leaderboard';
export type { LeaderboardFilter, LeaderboardRow } from './leaderboard';
export { LEADERBOARD_PERIODS } from '../../shared/leaderboard/periods';
export type { LeaderboardPeriod } from '../../shared/leaderboard/periods';
export { csvField, csvText, leaderboardCsv } from './leaderboardCsv';
export { bradleyTerryRatings, median, wilsonInterval, Z_95 } from './statistics';
export type { Interval, PairwiseResult } from './statistics';
export { ARENA_FILE_NAME, ARENA_SCHEMA_VERSION, ArenaStore, ArenaStoreNewerError } from './arenaStore';
export type { ArenaFiles } from './arenaStore';
