// The host's commands as a person uses them: keys through the masked input box, a selection sent to a picked
// model, the status bar. Keys live in the browser profile, so every test (fresh browser context) starts with none.
import assert from 'node:assert/strict';
import { rig } from './support/rig';
import { useWorkbench } from './support/workbench';

describe('Switchboard commands in the workbench', () => {
  const workbench = useWorkbench();

  /** Waits until the quick input shows the masked key box (not the provider list it replaces), then types the key. */
  async function enterKey(key: string): Promise<void> {
    const w = workbench();
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'OpenRouter API key' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await w.quickInput.getAttribute('type'), 'password', 'the key box is not masked');
    await w.submitInput(key);
    // the box closes once the key is accepted (Escape from the next command would otherwise cancel it)
    await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  it('refuses a key OpenRouter rejects, stores one it accepts, and clears it', async function () {
    this.timeout(120_000);
    const w = workbench();
    await w.runCommand('Switchboard: Set API Key');
    const providers = await w.quickPickItems();
    assert.ok(providers.some((row) => /OpenRouter.*no key/.test(row)), providers.join('\n'));
    await w.quickPick(/OpenRouter/);
    await enterKey('sk-or-v1-invalid-key-for-the-e2e-test');
    assert.match(await w.readNotification(/rejected this key/), /nothing was saved/);
    await w.page.keyboard.press('Escape');

    await w.runCommand('Switchboard: Set API Key');
    await w.quickPick(/OpenRouter/);
    await enterKey('sk-or-v1-valid-key-for-the-e2e-test');
    assert.match(await w.readNotification(/key saved/), /OpenRouter key saved/);
    const checks = rig().fixture.requests.filter((request) => request.url.endsWith('/openrouter/api/v1/key'));
    assert.ok(checks.length >= 2, 'each key was checked with GET /key');

    await w.runCommand('Switchboard: Set API Key');
    assert.ok((await w.quickPickItems()).some((row) => /OpenRouter.*key set/.test(row)), 'the picker shows which providers have a key');
    await w.page.keyboard.press('Escape');

    await w.runCommand('Switchboard: Clear API Key');
    await w.quickPick(/OpenRouter/);
    assert.match(await w.readNotification(/key removed/), /OpenRouter key removed/);
  });

  it('sends the selected code to a model picked for it, with an instruction, and shows the model in the status bar', async function () {
    this.timeout(120_000);
    const w = workbench();
    await w.runCommand('File: New Untitled Text File');
    await w.page.keyboard.type('const answer = 42;');
    await w.page.keyboard.press('Control+A');
    // Escape (which runCommand presses first) would clear the selection: open the palette directly
    await w.page.keyboard.press('F1');
    await w.quickInput.fill('>Switchboard: Send Selection to Model');
    await w.quickPickRow('Send Selection to Model').click();
    await w.quickPick(/replay:replay\/openai-gpt-4o-mini/, { filter: 'replay/openai-gpt-4o-mini' });
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'send the selection to' }).waitFor({ state: 'visible', timeout: 20_000 });
    await w.submitInput('Explain this');
    await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });

    const chat = w.chatFrame();
    const reply = chat.locator('article.message-assistant[data-status="done"]').last();
    await reply.waitFor({ state: 'visible', timeout: 30_000 });
    const question = chat.locator('article.message-user').last();
    const asked = (await question.innerText()).replace(/\s+/g, ' ');
    assert.match(asked, /Explain this/);
    assert.match(asked, /Untitled-\d+:1/);
    assert.match(asked, /const answer = 42;/);
    const status = w.page.locator('.statusbar-item', { hasText: 'openai-gpt-4o-mini' }).first();
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    await w.screenshot('host-selection-to-model');
  });
});
