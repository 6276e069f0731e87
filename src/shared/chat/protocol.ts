/**
 * The only module both the host and the webviews import for talking to each other.
 * Message names are `scope/verb`. The host validates every WebviewToHost message (a webview renders
 * untrusted model output) and handles the union with an exhaustive switch.
 */
import type { ChatViewState, CompareViewState, EstimateView } from './viewModels';

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

export type WebviewToHost =
  | { type: 'webview/ready' }
  // chat view
  | { type: 'chat/send'; requestId: string; text: string }
  | { type: 'chat/cancel'; requestId: string }
  /** retry the assistant reply with this id (drops it and resends the user message before it) */
  | { type: 'chat/retry'; messageId: string }
  /** replace the user message with this id and resend from there */
  | { type: 'chat/edit'; messageId: string; text: string }
  | { type: 'chat/new' }
  /** the input changed; the host answers with estimate/update (debounced by the webview) */
  | { type: 'chat/estimate'; text: string }
  | { type: 'model/select'; model: string }
  /** open the VS Code model quick pick */
  | { type: 'model/pick' }
  | { type: 'key/set'; provider?: string }
  | { type: 'history/open'; conversationId: string }
  | { type: 'history/delete'; conversationId: string }
  | { type: 'history/export'; conversationId?: string }
  | { type: 'code/copy'; code: string }
  | { type: 'code/insert'; code: string }
  | { type: 'code/open'; code: string; language?: string }
  /** open an http(s) link; the host refuses every other scheme */
  | { type: 'link/open'; href: string }
  /** run an ErrorAction; `messageId` is the failed message for 'retry'; `column` is the failed compare column (0-5) */
  | { type: 'error/action'; action: string; provider?: string; messageId?: string; column?: number }
  | { type: 'compare/open' }
  // compare panel
  | { type: 'compare/start'; requestId: string; prompt: string }
  | { type: 'compare/cancel'; requestId: string; column?: number }
  | { type: 'compare/pickWinner'; column: number }
  | { type: 'compare/continueInChat'; column: number }
  | { type: 'compare/pickModels' }
  | { type: 'compare/export' }
  | { type: 'compare/estimate'; text: string };

export type HostToWebview =
  /** the full state; sent on webview/ready and whenever more than a stream delta changed */
  | { type: 'state/snapshot'; state: ChatViewState }
  | { type: 'compare/snapshot'; state: CompareViewState }
  /** coalesced parts of a streamed reply; seq increases by one per message for a requestId */
  | { type: 'stream/part'; requestId: string; seq: number; messageId: string; column?: number; delta: StreamDelta }
  /** exactly one per request (per column in compare): the final message is in the snapshot that follows */
  | { type: 'stream/end'; requestId: string; seq: number; messageId: string; column?: number }
  | { type: 'estimate/update'; estimate: EstimateView | undefined }
  /** focus the input (after send selection to chat) */
  | { type: 'chat/focusInput' };

/** Message types the host accepts, for validation. */
export const WEBVIEW_TO_HOST_TYPES: ReadonlySet<WebviewToHost['type']> = new Set<WebviewToHost['type']>([
  'webview/ready', 'chat/send', 'chat/cancel', 'chat/retry', 'chat/edit', 'chat/new', 'chat/estimate',
  'model/select', 'model/pick', 'key/set', 'history/open', 'history/delete', 'history/export',
  'code/copy', 'code/insert', 'code/open', 'link/open', 'error/action', 'compare/open',
  'compare/start', 'compare/cancel', 'compare/pickWinner', 'compare/continueInChat', 'compare/pickModels',
  'compare/export', 'compare/estimate',
]);
