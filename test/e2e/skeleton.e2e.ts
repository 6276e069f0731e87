import assert from 'node:assert/strict';
import { useWorkbench } from './support/workbench';

describe('Switchboard in the workbench', () => {
  const workbench = useWorkbench();

  it('shows the chat view with its message box when the Switchboard activity-bar container is opened', async () => {
    await workbench().openSwitchboard();
    const input = workbench().chatFrame().getByRole('textbox', { name: 'Message' });
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.isEditable(), true, 'the chat message box is not editable');
    await workbench().screenshot('skeleton-chat-view');
  });
});
