/**
 * What every webview says to the host (ready, editor actions on a code block, links) and the parts of a streamed
 * reply every view renders. Each message is declared once, as a valibot schema: its TypeScript type is inferred
 * from it and the host validates with it (a webview renders untrusted model output). The webview imports types
 * only, so valibot stays out of the webview bundles.
 */
import * as v from 'valibot';

/** ids made by the webview or the host: also used as file names, so no dots, slashes or spaces */
export const idSchema = v.pipe(v.string(), v.maxLength(100), v.regex(/^[A-Za-z0-9_-]+$/, 'has unexpected characters'));
/** a prompt or an edited message: 200k characters is far above any context window we would send */
export const promptSchema = v.pipe(v.string(), v.maxLength(200_000));
/** a built-in or custom provider id */
export const providerIdSchema = idSchema;
/** the buttons of an error panel (see ErrorAction in viewModels) */
export const errorActionSchema = v.picklist(['set-key', 'pick-model', 'open-settings', 'open-budget', 'retry', 'add-credits', 'lower-max-tokens']);

/** Messages every view may send. */
export const commonMessageSchemas = [
  /** the page loaded (again): the host answers with a full snapshot */
  v.object({ type: v.literal('webview/ready') }),
  /** copy a code block to the clipboard */
  v.object({ type: v.literal('code/copy'), code: v.pipe(v.string(), v.maxLength(1_000_000)) }),
  /** insert a code block at the cursor of the active editor */
  v.object({ type: v.literal('code/insert'), code: v.pipe(v.string(), v.maxLength(1_000_000)) }),
  /** open a code block in a new untitled editor; `language` is the fence's language */
  v.object({
    type: v.literal('code/open'),
    code: v.pipe(v.string(), v.maxLength(1_000_000)),
    language: v.optional(v.pipe(v.string(), v.maxLength(50), v.regex(/^[A-Za-z0-9_+#.-]*$/, 'has unexpected characters'))),
  }),
  /** open an http(s) link; the host refuses every other scheme */
  v.object({ type: v.literal('link/open'), href: v.pipe(v.string(), v.maxLength(8192)) }),
] as const;

/** A message every view may send. */
export type CommonWebviewMessage = v.InferOutput<(typeof commonMessageSchemas)[number]>;
/** The editor actions on a code block or a link (one module in the host runs them for every view). */
export type EditorActionMessage = Extract<CommonWebviewMessage, { type: 'code/copy' | 'code/insert' | 'code/open' | 'link/open' }>;

/** What the host sends every view while a reply streams; `column` is the compare column (absent in the chat). */
export type StreamMessage =
  /** coalesced parts of a streamed reply; seq increases by one per message for a requestId (and column) */
  | { type: 'stream/part'; requestId: string; seq: number; messageId: string; column?: number; delta: StreamDelta }
  /** exactly one per request (per column in compare): the final message is in the snapshot that follows */
  | { type: 'stream/end'; requestId: string; seq: number; messageId: string; column?: number };

/** One coalesced delta of a streamed reply. */
export interface StreamDelta {
  /** text appended to the reply */
  text?: string;
  /** text appended to the reasoning */
  reasoning?: string;
  /** upstream is queueing the request (OpenRouter) */
  queued?: boolean;
  /** a retry or a fallback is under way (nothing generated yet); the webview shows it until text arrives */
  status?: StreamStatus;
}

/** What the engine is doing instead of streaming: waiting to retry, or moving to the next model. */
export interface StreamStatus {
  kind: 'retrying' | 'fallback';
  /**
   * for a person. retrying: why ("OpenRouter rate limited"); the webview adds the countdown and the attempt.
   * fallback: the whole line ("fell back from X to Y: OpenRouter rate limited").
   */
  message: string;
  /** retrying: epoch ms when the next attempt starts (the webview counts down to it) */
  untilEpochMs?: number;
  /** retrying: the attempt about to start, the first one counted as 1 */
  attempt?: number;
  /** retrying: attempts of this model in all */
  maxAttempts?: number;
}
