// The webview connection the chat and compare controllers share (no vscode import: plain Node).
import assert from 'node:assert/strict';
import type { HostToWebview } from '../../src/shared/chat/protocol';
import { WebviewConnection, type WebviewTarget } from '../../src/host/webviews/webviewConnection';
import { PostObservers } from '../../src/host/webviews/postObservers';
import { MemoryLogger } from '../support/memoryPorts';

function recordingWebview(): WebviewTarget<HostToWebview> & { received: string[] } {
  const received: string[] = [];
  return { received, postMessage: async (message: HostToWebview) => { received.push(message.type); return true; } };
}

function connection(observer?: (message: HostToWebview) => void): WebviewConnection<HostToWebview> {
  return new WebviewConnection<HostToWebview>({ snapshotType: 'state/snapshot', logger: new MemoryLogger(), label: 'chat', observer });
}

describe('webview connection', () => {
  const snapshot = { type: 'state/snapshot', state: {} } as HostToWebview;
  const focus: HostToWebview = { type: 'chat/focusInput' };

  it('posts only snapshots until the page is ready, everything after, and only snapshots again once hidden', () => {
    const seen: string[] = [];
    const chat = connection((message) => seen.push(message.type));
    const webview = recordingWebview();
    chat.attach(webview);
    chat.post(focus);
    chat.post(snapshot);
    chat.markReady();
    chat.post(focus);
    chat.hidden(webview);
    chat.post(focus);
    assert.deepEqual(webview.received, ['state/snapshot', 'chat/focusInput']);
    assert.equal(seen.length, 4, 'the observer sees every post, delivered or not');
  });

  it('ignores detach and hidden from a webview that is not the attached one, and stops posting after detach', () => {
    const chat = connection();
    const old = recordingWebview();
    const current = recordingWebview();
    chat.attach(old);
    chat.attach(current);
    chat.markReady();
    chat.detach(old);
    chat.hidden(old);
    chat.post(focus);
    chat.detach(current);
    chat.post(snapshot);
    assert.deepEqual(current.received, ['chat/focusInput']);
    assert.deepEqual(old.received, []);
  });

  it('counts as listened to only with a webview attached, or with the test observer injected', () => {
    const production = connection();
    assert.equal(production.listened, false, 'no webview, no observer: a snapshot would be built for nobody');
    const webview = recordingWebview();
    production.attach(webview);
    assert.equal(production.listened, true);
    production.detach(webview);
    assert.equal(production.listened, false);
    assert.equal(connection(() => undefined).listened, true);
  });

  it('hands every post to the observers subscribed through the test seam, until disposed', () => {
    const observers = new PostObservers<HostToWebview>();
    const chat = connection(observers.notify);
    const heard: string[] = [];
    const subscription = observers.onDidPost((message) => heard.push(message.type));
    chat.post(focus);
    subscription.dispose();
    chat.post(focus);
    assert.deepEqual(heard, ['chat/focusInput']);
  });
});
