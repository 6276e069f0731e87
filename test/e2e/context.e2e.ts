// Context and search as a person uses them in code-server: open a file, attach it from the paperclip's menu
// ("Active file"), see its chip with tokens and share of the estimate, send, and find the file's text in what reached
// the (replay) model; then search the history for the message, see the hit highlighted, open it at the message and
// see the panel close; then rename the conversation from the history list through VS Code's input box.
// SWITCHBOARD_README_SCREENSHOTS=1 copies the chip and the search results to
// media/screenshots/context.png and search.png.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { rig } from './support/rig';
import { copyForReadme, escapeRegExp, useWorkbench, type Workbench } from './support/workbench';

const MODEL = 'replay:replay/openrouter-gpt-4o';

/** The sidebar down to the bottom of `until`, to artifacts/screenshots/<name>.png (and media/screenshots when asked). */
async function sidebarShot(w: Workbench, name: string, until?: Locator): Promise<void> {
  copyForReadme(await w.sidebarScreenshot(name, until), `${name}.png`);
}

describe('Context and history search in the workbench', () => {
  const workbench = useWorkbench({ viewport: { width: 1280, height: 800 } });

  it('attaches the active file as a chip, sends exactly it with the message, then finds the message in history and opens at it', async function () {
    this.timeout(180_000);
    const w = workbench();
    const { fixture } = rig();
    await w.openSwitchboard();
    const chat = w.chatFrame();
    const input = chat.getByRole('textbox', { name: 'Message' });
    await input.waitFor({ state: 'visible', timeout: 30_000 });

    await w.runCommand('Switchboard: Select Model');
    await w.quickPick(new RegExp(escapeRegExp(MODEL)), { filter: MODEL });
    await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });

    // open README.txt (the rig's workspace file) with Quick Open
    await w.page.keyboard.press('Control+P');
    await w.quickPick('README.txt', { filter: 'README.txt' });
    await w.page.locator('.tab', { hasText: 'README.txt' }).first().waitFor({ state: 'visible', timeout: 20_000 });

    await chat.locator('[data-action="attach"]').click();
    await w.quickPick('Active file');
    const chip = chat.locator('.composer .attachment-chip[data-kind="file"]');
    await chip.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await chip.locator('.chip-label').innerText(), 'README.txt');
    await input.fill('What does this file say about the workspace?');
    await chip.locator('.chip-figures', { hasText: /tokens · \d+%/ }).waitFor({ state: 'visible', timeout: 20_000 });
    await sidebarShot(w, 'context', chat.locator('.composer'));

    const before = fixture.requests.length;
    await input.press('Enter');
    await chat.locator('.message-list > article.message-assistant:last-of-type[data-status="done"]').waitFor({ state: 'visible', timeout: 60_000 });
    const sent = fixture.requests.slice(before).find((request) => request.method === 'POST' && /\/chat\/completions$/.test(request.path));
    const messages = (sent?.json as { messages: { role: string; content: string }[] }).messages;
    const user = messages.filter((message) => message.role === 'user').at(-1)!;
    assert.equal(user.content, 'File `README.txt`:\n```plaintext\nSwitchboard test workspace\n```\n\nWhat does this file say about the workspace?');
    assert.equal(await chat.locator('.message-user').last().locator('.attachment-chip .chip-label').innerText(), 'README.txt', 'the sent message keeps its chip');
    assert.equal(await chat.locator('.composer .attachment-chip').count(), 0, 'the draft is empty again');

    // a new chat, then find the message through the history search
    await chat.locator('[data-action="new-chat"]').click();
    await chat.locator('.message-list .empty-state').waitFor({ state: 'visible', timeout: 20_000 });
    await chat.locator('[data-action="history"]').click();
    await chat.locator('.history-search input').fill('workspace');
    const hit = chat.locator('.history-results [data-action="search-open"]').first();
    await hit.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal((await hit.locator('mark').first().innerText()).toLowerCase(), 'workspace');
    await sidebarShot(w, 'search', chat.locator('.history-panel'));
    await hit.click();
    await chat.locator('.history-panel').waitFor({ state: 'hidden', timeout: 10_000 });
    await chat.locator('.message-user', { hasText: 'What does this file say' }).waitFor({ state: 'visible', timeout: 20_000 });
    const focused = await chat.locator('.message:focus').getAttribute('data-message-id');
    assert.ok(focused, 'the conversation opens with the hit message focused');

    // rename it from the history list: VS Code's input box holds the old title, selected; the list shows the new one
    await chat.locator('[data-action="history"]').click();
    // the panel keeps the last search; cleared, it lists the conversations
    await chat.locator('.history-search input').fill('');
    const row = chat.locator('.history-item', { has: chat.locator('.history-name', { hasText: 'What does this file say' }) }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const conversationId = await row.getAttribute('data-conversation-id');
    await row.locator('[data-action="history-rename"]').click();
    await w.page.locator('.quick-input-widget', { hasText: 'Rename Conversation' }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await w.quickInput.inputValue(), /^What does this file say/);
    await w.quickInput.fill('   ');
    await w.page.locator('.quick-input-widget', { hasText: 'A title cannot be empty.' }).waitFor({ state: 'visible', timeout: 10_000 });
    await w.quickInput.fill('README   questions');
    await w.quickInput.press('Enter');
    await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    await chat.locator(`.history-item[data-conversation-id="${conversationId}"] .history-name`, { hasText: /^README questions$/ })
      .waitFor({ state: 'visible', timeout: 20_000 });
  });
});
