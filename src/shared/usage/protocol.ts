/**
 * The usage view's messages, both ways. Names are `scope/verb`. What the view sends is declared once, as valibot
 * schemas (the type is inferred, the host validates with `usageMessageSchema`); the host's messages are types
 * only. The webview imports types only from this file.
 */
import * as v from 'valibot';
import type { UsageViewState } from './viewModel';
import { commonMessageSchemas } from '../webview/protocol';

/** `webview/ready`, the handshake every view sends (the usage view has no code blocks or links to act on) */
const [readySchema] = commonMessageSchemas;

/** local `YYYY-MM-DD` */
const daySchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date'));
/** a conversation id: also a file name, so no dots, slashes or spaces */
const conversationIdSchema = v.pipe(v.string(), v.maxLength(100), v.regex(/^[A-Za-z0-9_-]+$/, 'has unexpected characters'));

/** Every message the usage view may send. */
export const usageMessageSchema = v.variant('type', [
  /** the page loaded (again): the host answers with a full snapshot */
  readySchema,
  /** show 7, 30 or 90 days, stacked by provider or by model */
  v.object({ type: v.literal('usage/view'), range: v.picklist([7, 30, 90]), stackBy: v.picklist(['provider', 'model']) }),
  /** read the ledger and the OpenRouter account again now */
  v.object({ type: v.literal('usage/refresh') }),
  /** open a conversation in the chat view */
  v.object({ type: v.literal('usage/openConversation'), conversationId: conversationIdSchema }),
  /** write a cap to the user settings, in USD (0 = no cap) */
  v.object({
    type: v.literal('usage/setCap'),
    cap: v.picklist(['perRequestUsd', 'dailyUsd', 'monthlyUsd', 'workspaceMonthlyUsd']),
    usd: v.pipe(v.number(), v.finite('is not a number'), v.minValue(0), v.maxValue(1_000_000)),
  }),
  /** export the ledger's records of the local days `from`..`to` (both included) to a file the person picks */
  v.object({ type: v.literal('usage/export'), format: v.picklist(['csv', 'json']), from: daySchema, to: daySchema }),
]);

/** What the usage view sends. */
export type UsageToHost = v.InferOutput<typeof usageMessageSchema>;

/** What the host sends the usage view. */
export type HostToUsage =
  /** the full state; sent on webview/ready and whenever the ledger, the caps or the account changed */
  | { type: 'usage/snapshot'; state: UsageViewState }
  /** how an export ended, for a person (`ok: false`: why) */
  | { type: 'usage/exported'; ok: boolean; message: string };
