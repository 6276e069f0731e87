/**
 * The chat view's messages, both ways. Names are `scope/verb`. What the view sends is declared once, as valibot
 * schemas (the type is inferred, the host validates with `chatMessageSchema`); the host's messages are types only
 * (the webview trusts its host). The webview imports types only from this file.
 */
import * as v from 'valibot';
import type { ChatViewState, EstimateView, MessageView } from '../viewModels';
import type { ConversationHit } from './historyViews';
import {
  commonMessageSchemas, errorActionSchema, idSchema, promptSchema, providerIdSchema, type StreamMessage,
} from '../webview/protocol';

/** a namespaced model id: `provider:vendor/model:variant` */
const modelIdSchema = v.pipe(v.string(), v.maxLength(300), v.regex(/^[A-Za-z0-9_.-]+:\S+$/, 'is not a provider:model id'));

/** Every message the chat view may send. */
export const chatMessageSchema = v.variant('type', [
  ...commonMessageSchemas,
  /** send `text` as a user message; the reply streams under `requestId` */
  v.object({ type: v.literal('chat/send'), requestId: idSchema, text: promptSchema }),
  /** stop the reply streaming under `requestId` */
  v.object({ type: v.literal('chat/cancel'), requestId: idSchema }),
  /** retry the assistant reply with this id (drops it and resends the user message before it) */
  v.object({ type: v.literal('chat/retry'), messageId: idSchema }),
  /** replace the user message with this id and resend from there */
  v.object({ type: v.literal('chat/edit'), messageId: idSchema, text: promptSchema }),
  /** start a new, empty conversation */
  v.object({ type: v.literal('chat/new') }),
  /** the input changed; the host answers with estimate/update (debounced by the webview) */
  v.object({ type: v.literal('chat/estimate'), text: promptSchema }),
  /** make `model` the current model */
  v.object({ type: v.literal('model/select'), model: modelIdSchema }),
  /** open the VS Code model quick pick */
  v.object({ type: v.literal('model/pick') }),
  /** ask for a key (for `provider`, else a provider pick first) */
  v.object({ type: v.literal('key/set'), provider: v.optional(providerIdSchema) }),
  /** show a saved conversation (a comparison opens in the compare panel), scrolled to `messageId` when given */
  v.object({ type: v.literal('history/open'), conversationId: idSchema, messageId: v.optional(idSchema) }),
  /** search titles and text of every saved conversation; the host answers with history/results */
  v.object({ type: v.literal('history/search'), query: v.pipe(v.string(), v.maxLength(500)) }),
  /** ask for a new title (an input box) for a saved conversation */
  v.object({ type: v.literal('history/rename'), conversationId: idSchema }),
  /** open the attach menu (the paperclip, or `#` typed in the input) */
  v.object({ type: v.literal('chat/attach') }),
  /** a pasted or dropped image as a data URL (checked by the host: type from the bytes, the model's image input) */
  v.object({
    type: v.literal('chat/attachImage'),
    name: v.pipe(v.string(), v.maxLength(200)),
    /** a data: URL or base64; 5 MB of image is about 7 million characters */
    data: v.pipe(v.string(), v.maxLength(8_000_000)),
  }),
  /** remove an attachment (its chip) from the message being written */
  v.object({ type: v.literal('chat/detach'), attachmentId: idSchema }),
  /** a new conversation holding the messages up to this one (a user message comes back as the draft) */
  v.object({ type: v.literal('chat/fork'), messageId: idSchema }),
  /** sign in with OpenRouter (OAuth in the browser, no key to paste) */
  v.object({ type: v.literal('key/signIn') }),
  v.object({ type: v.literal('history/delete'), conversationId: idSchema }),
  /** export a saved conversation, or the open one when no id is given */
  v.object({ type: v.literal('history/export'), conversationId: v.optional(idSchema) }),
  /** run an error panel's action; `messageId` is the failed reply for 'retry' (default: the last reply) */
  v.object({ type: v.literal('error/action'), action: errorActionSchema, provider: v.optional(providerIdSchema), messageId: v.optional(idSchema) }),
  /** open the compare panel */
  v.object({ type: v.literal('compare/open') }),
]);

/** What the chat view sends. */
export type WebviewToHost = v.InferOutput<typeof chatMessageSchema>;

/** What the host sends the chat view. */
export type HostToWebview =
  /** the full state; sent on webview/ready and whenever more than a stream delta changed */
  | { type: 'state/snapshot'; state: ChatViewState }
  /**
   * The state changed only by messages added at the end or changed in place (a send started, a reply ended): the
   * state without its messages, the messages that changed or are new, and how many the conversation now holds.
   * Only posted after a snapshot of the same conversation (statePosts.ts); the page applies it to that snapshot.
   */
  | {
    type: 'state/update';
    /** `models` is left out when the list is the one posted last (every catalog model: tens of KB per post) */
    state: Omit<ChatViewState, 'messages' | 'models'> & { models?: ChatViewState['models'] };
    messages: MessageView[];
    messageCount: number;
  }
  | StreamMessage
  | { type: 'estimate/update'; estimate: EstimateView | undefined }
  /** focus the input (after send selection to chat) */
  | { type: 'chat/focusInput' }
  /** the answer to history/search for `query` */
  | { type: 'history/results'; query: string; hits: ConversationHit[] }
  /** scroll to a message and focus it (a search hit was opened) */
  | { type: 'chat/reveal'; messageId: string };
