// In-host tests of the webview connection the chat and compare controllers share (it creates vscode.Disposables).
import assert from 'node:assert/strict';
import type { HostToWebview } from '../../src/shared/protocol';
import { POSTED_LIMIT, WebviewConnection, type WebviewTarget } from '../../src/host/webviewConnection';
import { MemoryLogger } from '../support/memoryPorts';

function recordingWebview(): WebviewTarget & { received: string[] } {
  const received: string[] = [];
  return { received, postMessage: async (message: HostToWebview) => { received.push(message.type); return true; } };
}

describe('extension host: webview connection', () => {
  const snapshot: HostToWebview = { type: 'compare/snapshot', state: { compareId: 'c', prompt: '', columns: [], running: false } };
  const focus: HostToWebview = { type: 'chat/focusInput' };

  it('posts only snapshots until the page is ready, everything after, and only snapshots again once hidden', () => {
    const connection = new WebviewConnection('compare/snapshot', new MemoryLogger(), 'compare');
    const webview = recordingWebview();
    assert.equal(connection.listened, false);
    connection.attach(webview);
    assert.equal(connection.listened, true);
    connection.post(focus);
    connection.post(snapshot);
    connection.markReady();
    connection.post(focus);
    connection.hidden(webview);
    connection.post(focus);
    assert.deepEqual(webview.received, ['compare/snapshot', 'chat/focusInput']);
    assert.equal(connection.posted.length, 4, 'every post is kept for tests, delivered or not');
  });

  it('ignores detach and hidden from a webview that is not the attached one, and stops posting after detach', () => {
    const connection = new WebviewConnection('compare/snapshot', new MemoryLogger(), 'compare');
    const old = recordingWebview();
    const current = recordingWebview();
    connection.attach(old);
    connection.attach(current);
    connection.markReady();
    connection.detach(old);
    connection.hidden(old);
    connection.post(focus);
    connection.detach(current);
    connection.post(snapshot);
    assert.deepEqual(current.received, ['chat/focusInput']);
    assert.deepEqual(old.received, []);
  });

  it('hands every post to listeners until disposed, and keeps at most POSTED_LIMIT posts', () => {
    const connection = new WebviewConnection('state/snapshot', new MemoryLogger(), 'chat');
    const heard: string[] = [];
    const subscription = connection.onDidPost((message) => heard.push(message.type));
    assert.equal(connection.listened, true);
    connection.post(focus);
    subscription.dispose();
    connection.post(focus);
    assert.deepEqual(heard, ['chat/focusInput']);
    for (let index = 0; index < POSTED_LIMIT + 5; index++) connection.post(focus);
    assert.equal(connection.posted.length, POSTED_LIMIT);
  });
});
