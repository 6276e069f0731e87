// In-host tests of Switchboard: Send Selection to Model... with a real editor selection, the real chat controller, core
// and fixture server; only the quick pick and the input box are answered through the command's prompts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sendSelectionToModel, type SendSelectionPrompts } from '../../src/host/chat/sendSelectionToModel';
import { editorSelectionBlock } from '../../src/host/editor/editorSelection';
import { openScratchFile } from './scratchFiles';
import { switchboard } from './hostApi';

/** the command's prompts, answered: `model` in the quick pick, `instruction` in the input box */
function answers(model: string, instruction: string): SendSelectionPrompts {
  return { selection: editorSelectionBlock, pickModel: async () => model, instruction: async () => instruction, reveal: async () => undefined };
}

describe('extension host: Send Selection to Model', function () {
  this.timeout(30_000);
  const picked = 'openrouter:openai/gpt-4o-mini';

  before(async () => {
    const api = await switchboard();
    await api.keys.setApiKey('openrouter', 'sk-or-v1-test-host-selection');
    await api.keys.refresh(['openrouter']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await openScratchFile('add.py', 'def add(a, b):\n    return a + b\n');
    editor.selection = new vscode.Selection(0, 0, 1, 16);
  });

  after(async () => {
    const api = await switchboard();
    await api.keys.clearApiKey('openrouter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts a new chat with the picked model and leaves the open conversation as it was', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    await api.chat.handle({ type: 'chat/send', requestId: 'r-before-selection', text: 'Name a colour' });
    await api.chat.idle();
    const earlier = api.chat.current;
    assert.equal(earlier.messages.length, 2);
    const earlierOnDisk = JSON.stringify((await api.conversations.load(earlier.id)).messages);

    await sendSelectionToModel(api.chat, answers(picked, 'Explain this'));
    await api.chat.idle();

    const current = api.chat.current;
    assert.notEqual(current.id, earlier.id, 'a new conversation');
    assert.equal(current.messages.length, 2);
    assert.match(current.messages[0]!.text, /^Explain this\n\n`add\.py:1`\n```python\ndef add\(a, b\):\n {4}return a \+ b\n```\n$/);
    assert.equal(current.messages[1]!.status, 'done');
    assert.equal(current.messages[1]!.meta?.servedModel, picked);
    assert.equal(api.currentModel.get(), picked, 'the picked model is the chat\'s model');
    assert.equal(api.chat.snapshot().model.id, picked);
    assert.equal(JSON.stringify((await api.conversations.load(earlier.id)).messages), earlierOnDisk, 'the earlier conversation is unchanged');
    assert.equal(JSON.stringify(earlier.messages), earlierOnDisk);
    const history = (await api.conversations.list()).map((entry) => entry.id);
    assert.ok(history.includes(earlier.id) && history.includes(current.id), 'both are in the history');
  });

  it('uses the open chat while it is empty', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    const empty = api.chat.current.id;
    await sendSelectionToModel(api.chat, answers(picked, ''));
    await api.chat.idle();
    assert.equal(api.chat.current.id, empty);
    assert.match(api.chat.current.messages[0]!.text, /^`add\.py:1`\n```python\n/, 'Enter alone sends the code alone');
    assert.equal(api.chat.current.messages[1]!.status, 'done');
  });

  it('changes nothing when the model pick is cancelled', async () => {
    const api = await switchboard();
    await api.chat.newChat();
    await api.currentModel.set('openrouter:openai/gpt-4o');
    const open = api.chat.current.id;
    await sendSelectionToModel(api.chat, { ...answers(picked, 'x'), pickModel: async () => undefined });
    assert.equal(api.chat.current.id, open);
    assert.equal(api.chat.current.messages.length, 0);
    assert.equal(api.currentModel.get(), 'openrouter:openai/gpt-4o');
  });

  it('lists every catalog model in the chat view\'s picker', async () => {
    const api = await switchboard();
    const catalog = api.core().catalog.list().map((model) => model.id);
    assert.ok(catalog.length > 300, `${catalog.length} catalog models`);
    const listed = new Set(api.chat.snapshot().models.map((model) => model.id));
    assert.deepEqual(catalog.filter((id) => !listed.has(id)), [], 'catalog models missing from the view');
  });
});
