import assert from 'node:assert/strict';
import { rig } from './support/rig';
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

  it('answers from the recorded replay endpoint without any API key and says what it knows about the cost', async () => {
    // What `npm run demo` promises a newcomer: the "Recorded responses (replay)" endpoint needs no key.
    // Picked in the UI: the last picked model lives in the host's globalState, which the whole run shares.
    const model = 'replay:replay/openrouter-gpt-4o';
    await workbench().runCommand('Switchboard: Select Model');
    await workbench().quickPick(model, { filter: model });
    const requestsBefore = rig().fixture.requests.length;
    await workbench().openSwitchboard();
    const chat = workbench().chatFrame();
    const input = chat.getByRole('textbox', { name: 'Message' });
    await input.fill('Name two famous penguins.');
    await input.press('Enter');

    const reply = chat.locator('article.message-assistant[data-status="done"]').last();
    await reply.waitFor({ state: 'visible', timeout: 30_000 });
    // The text of openrouter-chat-stream-usage.sse, which the replay model streams back.
    assert.match(await reply.locator('.message-body').innerText(), /Pebbles and Skipper/);
    const meta = (await reply.locator('.meta-line').innerText()).replace(/\s+/g, ' ');
    assert.match(meta, /17→6 tok/);
    assert.match(await reply.locator('.meta-line').getAttribute('title') ?? '', /17 in \/ 6 out tokens/);
    // A custom endpoint has no catalog price: the cost is labelled, and an unknown cost is never shown as $0.
    assert.match(meta, /billed|est\.|cost unknown/);
    assert.doesNotMatch(meta, /\$0(\.0+)?(?![\d.])/);

    const sent = rig().fixture.requests.slice(requestsBefore).filter((request) => request.url.startsWith('/replay/v1/chat/completions'));
    assert.equal(sent.length, 1, 'exactly one chat request reaches the replay endpoint');
    await workbench().screenshot('skeleton-replay-reply');
  });
});
