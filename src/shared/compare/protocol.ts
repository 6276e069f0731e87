/**
 * The compare panel's messages, both ways. Names are `scope/verb`. What the panel sends is declared once, as
 * valibot schemas (the type is inferred, the host validates with `compareMessageSchema`); the host's messages are
 * types only. The webview imports types only from this file.
 */
import * as v from 'valibot';
import type { CompareViewState, EstimateView } from '../viewModels';
import { commonMessageSchemas, errorActionSchema, idSchema, promptSchema, providerIdSchema, type StreamMessage } from '../webview/protocol';
import { MAX_COMPARE_COLUMNS } from './limits';

/** a column of the comparison, 0-based */
const columnSchema = v.pipe(v.number(), v.integer('is not an integer'), v.minValue(0), v.maxValue(MAX_COMPARE_COLUMNS - 1));

/** Every message the compare panel may send. */
export const compareMessageSchema = v.variant('type', [
  ...commonMessageSchemas,
  /** send `prompt` to every model of the comparison; the replies stream under `requestId`, one per column */
  v.object({ type: v.literal('compare/start'), requestId: idSchema, prompt: promptSchema }),
  /** stop one column (its first reply, or its follow-up when `requestId` is that follow-up's), or every column when `column` is absent */
  v.object({ type: v.literal('compare/cancel'), requestId: idSchema, column: v.optional(columnSchema) }),
  v.object({ type: v.literal('compare/pickWinner'), column: columnSchema }),
  /** open a chat holding the prompt and this column's reply */
  v.object({ type: v.literal('compare/continueInChat'), column: columnSchema }),
  /** choose the models with the compare quick pick */
  v.object({ type: v.literal('compare/pickModels') }),
  v.object({ type: v.literal('compare/export') }),
  /** the prompt changed; the host answers with estimate/update for every column together */
  v.object({ type: v.literal('compare/estimate'), text: promptSchema }),
  /** the Blind toggle: the next run labels its columns A, B, C in a random order and hides names and costs */
  v.object({ type: v.literal('compare/setBlind'), blind: v.boolean() }),
  /** show the names, providers and costs of the blind run shown (a pick does it too) */
  v.object({ type: v.literal('compare/reveal') }),
  /** the run's tags (`refactor`, `explain`); the host trims and lower-cases them */
  v.object({ type: v.literal('compare/setTags'), tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20)) }),
  /** run this column again (the others keep their replies) */
  v.object({ type: v.literal('compare/rerun'), column: columnSchema }),
  /** replace this column's model with one the person picks, and run it */
  v.object({ type: v.literal('compare/replaceModel'), column: columnSchema }),
  /** open this column's answer in VS Code's diff editor against another column's (the host asks which) */
  v.object({ type: v.literal('compare/diff'), column: columnSchema }),
  /** ask this finished column's model `text`, with the column's own history; the reply streams under `requestId` in this column */
  v.object({ type: v.literal('compare/followUp'), requestId: idSchema, column: columnSchema, text: promptSchema }),
  /** ask the column's failed or stopped last follow-up again */
  v.object({ type: v.literal('compare/retryFollowUp'), column: columnSchema }),
  /** run an error panel's action; `column` is the failed column for 'retry' */
  v.object({ type: v.literal('error/action'), action: errorActionSchema, provider: v.optional(providerIdSchema), column: v.optional(columnSchema) }),
]);

/** What the compare panel sends. */
export type WebviewToHost = v.InferOutput<typeof compareMessageSchema>;

/** What the host sends the compare panel. */
export type HostToWebview =
  /** the full state; sent on webview/ready and whenever more than a stream delta changed */
  | { type: 'compare/snapshot'; state: CompareViewState }
  | StreamMessage
  | { type: 'estimate/update'; estimate: EstimateView | undefined };
