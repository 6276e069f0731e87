/** What the chat host posts when its state changes: a snapshot, or an update the page can apply to the last one. */
import assert from 'node:assert/strict';
import { StatePosts } from '../../src/host/chat/statePosts';
import type { HostToWebview } from '../../src/shared/chat/protocol';
import { applyStateUpdate } from '../../src/shared/chat/stateUpdate';
import type { ChatViewState } from '../../src/shared/viewModels';
import { assistantMessage, chatState, userMessage } from '../webview/support/viewStates';

const history = [userMessage('u1', 'Hello'), assistantMessage('a1', 'Hi.'), userMessage('u2', 'Again'), assistantMessage('a2', 'Hi again.')];

function update(message: HostToWebview): Extract<HostToWebview, { type: 'state/update' }> {
  assert.equal(message.type, 'state/update');
  return message as Extract<HostToWebview, { type: 'state/update' }>;
}

describe('chat state posts: snapshot or update', () => {
  it('posts only the new messages at send start and the changed reply at its end, which the page applies to its state', () => {
    const posts = new StatePosts();
    const first = chatState({ messages: history });
    assert.equal(posts.next(first).type, 'state/snapshot');
    const started: ChatViewState = chatState({ activeRequestId: 'r1', messages: [...history, userMessage('u3', 'More'), assistantMessage('a3', '', { status: 'streaming' })] });
    const atStart = update(posts.next(started));
    assert.deepEqual(atStart.messages.map((message) => message.id), ['u3', 'a3']);
    assert.equal(atStart.state.activeRequestId, 'r1');
    const ended = chatState({ messages: [...history, userMessage('u3', 'More'), assistantMessage('a3', 'Done.')] });
    const atEnd = update(posts.next(ended));
    assert.deepEqual(atEnd.messages.map((message) => message.id), ['a3']);
    assert.deepEqual(applyStateUpdate(applyStateUpdate(first, atStart), atEnd), ended);
  });

  it('posts a snapshot after a reset (the page reloaded), when messages are removed, and for another conversation', () => {
    const posts = new StatePosts();
    posts.next(chatState({ messages: history }));
    posts.reset();
    assert.equal(posts.next(chatState({ messages: history })).type, 'state/snapshot');
    assert.equal(posts.next(chatState({ messages: history.slice(0, 3) })).type, 'state/snapshot');
    assert.equal(posts.next(chatState({ conversationId: 'other', messages: history.slice(0, 3) })).type, 'state/snapshot');
  });

  it('leaves the model list out of an update while it is unchanged, and sends it again when it changed', () => {
    const posts = new StatePosts();
    const first = chatState({ messages: history });
    posts.next(first);
    const same = update(posts.next(chatState({ messages: history, sessionSpendMicroUsd: 1 })));
    assert.equal('models' in same.state, false, 'an unchanged list is not posted again');
    assert.deepEqual(applyStateUpdate(first, same).models, first.models);
    const reordered = chatState({ messages: history, model: first.models[1], models: [first.models[1]!, first.models[0]!, ...first.models.slice(2)] });
    const changed = update(posts.next(reordered));
    assert.deepEqual(changed.state.models, reordered.models);
    assert.deepEqual(applyStateUpdate(first, changed), reordered);
  });

  it('refuses an update that does not fit the state it is applied to', () => {
    const posts = new StatePosts();
    posts.next(chatState({ messages: history }));
    const next = update(posts.next(chatState({ messages: [...history, userMessage('u3', 'More')] })));
    assert.throws(() => applyStateUpdate(chatState({ messages: history.slice(0, 2) }), next), /expected 5 messages/);
  });
});
