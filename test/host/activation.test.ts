import assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('activation', () => {
  it('activates the switchboard-dev.switchboard extension', async () => {
    const extension = vscode.extensions.getExtension('switchboard-dev.switchboard');
    assert.ok(extension, 'the extension switchboard-dev.switchboard is not installed in this host');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers the switchboard.openChat command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('switchboard.openChat'), 'switchboard.openChat is not registered');
  });
});
