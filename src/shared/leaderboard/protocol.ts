/**
 * The model leaderboard's messages, both ways. What the page sends is declared once, as valibot schemas (the host
 * validates with `leaderboardMessageSchema`); the host's messages are types only. The webview imports types only.
 */
import * as v from 'valibot';
import { commonMessageSchemas } from '../webview/protocol';
import { LEADERBOARD_PERIODS } from './periods';
import type { LeaderboardViewState } from './viewModel';

/** Every message the leaderboard page may send. */
export const leaderboardMessageSchema = v.variant('type', [
  ...commonMessageSchemas,
  /** show the rows of `period`, only runs tagged `tag` when given */
  v.object({ type: v.literal('leaderboard/filter'), period: v.picklist(LEADERBOARD_PERIODS), tag: v.optional(v.pipe(v.string(), v.maxLength(40))) }),
  /** save the rows shown as CSV (the host asks where) */
  v.object({ type: v.literal('leaderboard/exportCsv') }),
]);

/** What the leaderboard page sends. */
export type WebviewToHost = v.InferOutput<typeof leaderboardMessageSchema>;

/** What the host sends the leaderboard page: the full state, on ready and whenever a filter or a run changed it. */
export type HostToWebview = { type: 'leaderboard/snapshot'; state: LeaderboardViewState };
