/**
 * Chooses what the host posts when the chat's state changed: a full `state/snapshot`, or a `state/update` with
 * only the messages that changed or are new (starting a send adds two; ending a reply changes one), so a long
 * conversation is not posted whole at every send. The page must have the last posted state to apply an update:
 * the first post after `webview/ready` (and after any post the page may have missed) is a snapshot, and so is any
 * change that removes or reorders messages (a retry, an edit, another conversation). An update leaves out the model
 * list (every catalog model) when it did not change. No vscode import.
 */
import type { HostToWebview } from '../../shared/chat/protocol';
import type { ChatViewState } from '../../shared/viewModels';

export class StatePosts {
  /** the conversation, its messages (JSON by id, in order) and the model list (JSON) the page was last given; undefined = it needs a snapshot */
  private posted: { conversationId: string; ids: string[]; messages: Map<string, string>; models: string } | undefined;

  /** The page may have missed posts (it was loading, hidden or replaced): the next post is a snapshot. */
  reset(): void {
    this.posted = undefined;
  }

  /** The message to post for `state`. */
  next(state: ChatViewState): HostToWebview {
    const previous = this.posted;
    const messages = new Map(state.messages.map((message) => [message.id, JSON.stringify(message)]));
    const ids = state.messages.map((message) => message.id);
    const models = JSON.stringify(state.models);
    this.posted = { conversationId: state.conversationId, ids, messages, models };
    const extends_ = previous && previous.conversationId === state.conversationId && previous.ids.length <= ids.length
      && previous.ids.every((id, index) => ids[index] === id);
    if (!extends_) return { type: 'state/snapshot', state };
    const { messages: _all, models: _models, ...rest } = state;
    const changed = state.messages.filter((message) => previous.messages.get(message.id) !== messages.get(message.id));
    // the model list (every catalog model) is posted again only when it changed
    const update = previous.models === models ? rest : { ...rest, models: state.models };
    return { type: 'state/update', state: update, messages: changed, messageCount: ids.length };
  }
}
