/** Applying a `state/update` to the state the page last had (the chat webview, and tests that read what was posted). */
import type { ChatViewState } from '../viewModels';
import type { HostToWebview } from './protocol';

/** `state` with `update` applied: changed messages replaced by id, new ones appended in order; a left-out model list is kept. */
export function applyStateUpdate(state: ChatViewState, update: Extract<HostToWebview, { type: 'state/update' }>): ChatViewState {
  const changed = new Map(update.messages.map((message) => [message.id, message]));
  const messages = state.messages.map((message) => {
    const next = changed.get(message.id);
    changed.delete(message.id);
    return next ?? message;
  });
  messages.push(...changed.values());
  if (messages.length !== update.messageCount) {
    throw new Error(`state/update expected ${update.messageCount} messages, applying it gave ${messages.length}`);
  }
  return { ...update.state, models: update.state.models ?? state.models, messages };
}
