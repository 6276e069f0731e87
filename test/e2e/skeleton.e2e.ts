import assert from 'node:assert/strict';
import { useWorkbench } from './support/workbench';

describe('Switchboard in the workbench', () => {
  const workbench = useWorkbench();

  it('shows the chat webview when the Switchboard activity-bar container is opened', async () => {
    await workbench().openSwitchboard();
    const webviews = await workbench().page.locator('iframe.webview').count();
    assert.ok(webviews >= 1, 'no webview iframe in the Switchboard container');
    await workbench().screenshot('skeleton-chat-view');
  });
});
