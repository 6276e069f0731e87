// The chat feature as a person uses it in code-server, against the loopback fixture server: getting started without
// a key, a key pasted from the palette, a streamed reply with its cost and meta line, the model switched from the
// palette, code sent from an editor, Stop, a 402, Retry and Edit and resend, and the conversation after a reload.
// Keys, globalState (the current model) and workspaceState (the open conversation) live in the browser profile, so
// a fresh context per test starts with none of them; saved conversations are files on the server, shared by the run.
// Every scenario picks its model itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { readRecording, type RecordedRequest } from '../support/fixtureServer';
import { rig } from './support/rig';
import { copyForReadme, escapeRegExp, screenshotDir, useWorkbench, type Workbench } from './support/workbench';

/** Text of the assistant in openrouter-chat-stream-usage.sse (what openrouter:openai/gpt-4o and the replay models answer). */
const PENGUINS = /Pebbles and Skipper/;

/** The workbench of the running test (set by each describe below). */
let workbench: () => Workbench = () => { throw new Error('no workbench yet'); };

// ---- helpers ------------------------------------------------------------------------------------------

function chat(): FrameLocator {
  return workbench().chatFrame();
}

function messageBox(): Locator {
  return chat().getByRole('textbox', { name: 'Message' });
}

/** The last message of the conversation, when it is an assistant reply with `status` (done, stopped, failed, streaming). */
function lastReply(status: string): Locator {
  return chat().locator(`.message-list > article.message-assistant:last-of-type[data-status="${status}"]`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Chat requests the fixture server received after `index` (`format`: which wire format answered). */
function chatRequestsSince(index: number): RecordedRequest[] {
  return rig().fixture.requests.slice(index).filter((request) => request.method === 'POST' && /\/chat\/completions$/.test(request.path));
}

/** `Switchboard: Set API Key` -> OpenRouter -> a key the fixture server accepts; waits for "key saved". */
async function setOpenRouterKey(options: { fromPalette?: boolean } = {}): Promise<void> {
  const w = workbench();
  if (options.fromPalette !== false) {
    await w.runCommand('Switchboard: Set API Key');
    await w.quickPick(/OpenRouter/);
  }
  await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'OpenRouter API key' }).waitFor({ state: 'visible', timeout: 20_000 });
  assert.equal(await w.quickInput.getAttribute('type'), 'password', 'the key box is not masked');
  await w.submitInput('sk-or-v1-valid-key-for-the-e2e-test');
  await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  assert.match(await w.readNotification(/key saved/), /OpenRouter key saved/);
}

/** `Switchboard: Select Model`, filtered to `model`, picking the row whose id (its description) is exactly `model`. */
async function selectModel(model: string): Promise<void> {
  const w = workbench();
  await w.runCommand('Switchboard: Select Model');
  await w.quickInput.waitFor({ state: 'visible', timeout: 20_000 });
  await w.quickInput.fill(model);
  const row = w.quickPickRowById(model);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
  await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The status bar item of Switchboard (model short name and session spend). */
function statusItem(): Locator {
  return workbench().page.locator('.statusbar-item', { has: workbench().page.locator('.codicon-hubot') }).first();
}

async function waitForStatus(shortName: string): Promise<string> {
  const item = statusItem();
  await item.filter({ hasText: new RegExp(`${escapeRegExp(shortName)}(?![\\w.-])`) })
    .waitFor({ state: 'visible', timeout: 20_000 });
  return oneLine(await item.innerText());
}

async function openChat(): Promise<void> {
  await workbench().openSwitchboard();
  await messageBox().waitFor({ state: 'visible', timeout: 30_000 });
}

async function send(text: string): Promise<void> {
  await messageBox().fill(text);
  await messageBox().press('Enter');
}

/** The sidebar (the chat view) cut below `until`, to artifacts/screenshots/<name>.png (and media/screenshots when asked). */
async function sidebarShot(name: string, until?: Locator): Promise<void> {
  copyForReadme(await workbench().sidebarScreenshot(name, until), `${name}.png`);
}

describe('Chat in the workbench before anything is set up', () => {
  // The rig's keyless replay endpoint counts as a way to reach a model, so it is removed before the window opens
  // (settings read at start, not a live change) and put back after the test.
  let settingsBefore = '';
  beforeEach(() => {
    settingsBefore = fs.readFileSync(rig().codeServer.settingsFile, 'utf8');
    rig().codeServer.updateSettings({ 'switchboard.endpoints': [] });
  });
  const accessor = useWorkbench();
  beforeEach(() => { workbench = accessor; });
  afterEach(() => {
    fs.writeFileSync(rig().codeServer.settingsFile, settingsBefore);
  });

  it('offers the getting-started choices with no key and no keyless endpoint, lists models with prices, and goes away once a key is pasted', async function () {
    this.timeout(150_000);
    const w = workbench();
    await openChat();
    const setup = chat().locator('section.setup-panel');
    await setup.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(oneLine(await setup.innerText()), /Get started.*OpenRouter \(recommended\).*A local server.*Other providers/);
    await setup.locator('[data-action="setup-openrouter"]').waitFor({ state: 'visible' });
    await setup.locator('[data-action="setup-other"]').waitFor({ state: 'visible' });

    // the view's own picker: catalog models with their price per million tokens
    const options = chat().locator('vscode-single-select.model-picker vscode-option');
    await options.nth(10).waitFor({ state: 'attached', timeout: 30_000 });
    const descriptions = await options.evaluateAll((items) => items.map((item) => item.getAttribute('description') ?? ''));
    // "OpenAI: GPT-4o · openrouter:openai/gpt-4o · $2.50 / $10.00 per million tokens in / out" (full name, id, price)
    const priced = descriptions.filter((description) => / · openrouter:\S+ · (\$[\d.]+ \/ \$[\d.]+ per million tokens in \/ out|free)(?: ·|$)/.test(description));
    assert.ok(priced.length >= 10, `models with prices in the view's picker: ${descriptions.slice(0, 5).join(' | ')}`);
    await sidebarShot('setup', setup);

    // the palette's picker too, searchable by name with the prices in each row
    await w.runCommand('Switchboard: Select Model');
    await w.quickInput.fill('claude 3.5');
    await w.quickPickRow(/Claude 3\.5 Haiku/).waitFor({ state: 'visible', timeout: 20_000 });
    const rows = await w.quickPickItems();
    assert.ok(rows.some((row) => /Claude 3\.5 Haiku.*\$0\.80 \/ \$4(\.00)? per M tokens \(in \/ out\)/.test(row)), rows.join('\n'));
    fs.mkdirSync(screenshotDir, { recursive: true });
    const box = await w.page.locator('.quick-input-widget').boundingBox();
    if (box) {
      await w.page.screenshot({ path: path.join(screenshotDir, 'model-picker.png'), clip: { x: Math.max(0, box.x - 20), y: 0, width: box.width + 40, height: Math.min(900, box.y + box.height + 20) } });
    }
    await w.page.keyboard.press('Escape');

    // the recommended choice opens the masked key box; once the key is saved the choices are gone
    await chat().locator('section.setup-panel [data-action="setup-openrouter"]').click();
    await setOpenRouterKey({ fromPalette: false });
    await setup.waitFor({ state: 'detached', timeout: 20_000 });
  });
});

describe('Chat in the workbench', () => {
  const accessor = useWorkbench();
  beforeEach(() => { workbench = accessor; });

  it('streams a reply from a model picked in the palette, then shows its billed cost and the model, tokens, first-token time and total', async function () {
    this.timeout(150_000);
    await setOpenRouterKey();
    await selectModel('openrouter:openai/gpt-4o');
    await waitForStatus('gpt-4o');
    await openChat();

    // the recording is held back after its first words, so the reply is seen while it streams
    const recording = readRecording('openrouter-chat-stream-usage.sse').toString('utf8');
    const rest = recording.indexOf('data: ', recording.indexOf('"content":"Peb"'));
    rig().fixture.nextFault({ splitAt: [Buffer.byteLength(recording.slice(0, rest))], delayMs: 4000 });
    const requestsBefore = rig().fixture.requests.length;
    await send('Name two famous penguins.');

    const streaming = lastReply('streaming');
    await streaming.locator('.message-body', { hasText: 'Peb' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.doesNotMatch(await streaming.locator('.message-body').innerText(), /Skipper/, 'the whole reply arrived at once');
    await chat().locator('[data-action="stop"]').waitFor({ state: 'visible', timeout: 5000 });

    const reply = lastReply('done');
    await reply.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await reply.locator('.message-body').innerText(), PENGUINS);
    const meta = reply.locator('.meta-line');
    // the sidebar's compact line names the model without its vendor; its tooltip has the full name and the id
    assert.equal(oneLine(await meta.locator('.meta-model').innerText()), 'GPT-4o');
    assert.equal(await meta.locator('.meta-model').getAttribute('title'), 'OpenAI: GPT-4o (openrouter:openai/gpt-4o)');
    // the counts in their short form on the line, in full in its accessible name
    assert.equal(oneLine(await meta.locator('.meta-tokens').innerText()), '17→6 tok');
    assert.match(await meta.getAttribute('aria-label') ?? '', /17 in \/ 6 out tokens/);
    assert.match(oneLine(await meta.locator('.meta-ttft').innerText()), /^first token \d/);
    assert.match(oneLine(await meta.locator('.meta-total').innerText()), /^total \d/);
    // OpenRouter reported usage.cost in the stream: the figure is the billed one, labelled so
    assert.equal(await meta.locator('.meta-cost').getAttribute('data-cost-kind'), 'billed');
    assert.match(oneLine(await meta.locator('.meta-cost').innerText()), /^\$\d[\d.,]* billed$/);
    // the session spend in the status bar counts it
    await statusItem().filter({ hasText: /\$0\.0\d{3}|<\$0\.0001/ }).waitFor({ state: 'visible', timeout: 10_000 });

    const sent = chatRequestsSince(requestsBefore);
    assert.equal(sent.length, 1, 'one chat request');
    assert.equal(sent[0]!.path, '/openrouter/api/v1/chat/completions');
    assert.equal((sent[0]!.json as { model?: string }).model, 'openai/gpt-4o');

    // a follow-up carries the first exchange (paced like a real stream, for the README picture)
    rig().fixture.nextFault({ writeSize: 256, delayMs: 50 });
    await send('And where do they live?');
    await chat().locator('.message-list > article.message-assistant[data-status="done"]').nth(1).waitFor({ state: 'visible', timeout: 30_000 });
    const followUp = chatRequestsSince(requestsBefore)[1]!.json as { messages: Array<{ role: string; content: string }> };
    assert.deepEqual(followUp.messages.map((message) => message.role), ['user', 'assistant', 'user']);
    assert.match(followUp.messages[1]!.content, PENGUINS);
    await sidebarShot('chat');
  });

  it('switches the model from the palette: the status bar, the view and the next request follow', async function () {
    this.timeout(120_000);
    const w = workbench();
    await openChat();
    await selectModel('replay:replay/openai-gpt-4o-mini');
    assert.match(await waitForStatus('openai-gpt-4o-mini'), /openai-gpt-4o-mini/);
    await selectModel('replay:replay/ollama-qwen3');
    const status = await waitForStatus('ollama-qwen3');
    assert.doesNotMatch(status, /gpt-4o-mini/);
    await chat().locator('vscode-single-select.model-picker[aria-label="Model"]').evaluate((select) => (select as HTMLElement & { value: string }).value)
      .then((value) => assert.equal(value, 'replay:replay/ollama-qwen3'));

    const requestsBefore = rig().fixture.requests.length;
    await send('Hello');
    await lastReply('done').waitFor({ state: 'visible', timeout: 30_000 });
    const sent = chatRequestsSince(requestsBefore);
    assert.equal(sent.length, 1);
    assert.equal((sent[0]!.json as { model?: string }).model, 'replay/ollama-qwen3');
    assert.equal(oneLine(await lastReply('done').locator('.meta-model').innerText()), 'replay/ollama-qwen3');
    await w.page.locator('.part.statusbar').screenshot({ path: path.join(screenshotDir, 'status-bar-model.png') });
  });

  it('Send Selection to Chat (Ctrl+Alt+L, or the palette) puts the code in the input as a fenced block with its language and path:line', async function () {
    this.timeout(120_000);
    const w = workbench();
    const file = 'chatSelection.ts';
    fs.writeFileSync(path.join(rig().codeServer.workspace, file), 'const a = 1;\nexport function double(value: number): number {\n  return value * 2;\n}\n');
    await openChat();
    await w.page.keyboard.press('Escape');
    await w.page.keyboard.press('Control+P');
    await w.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
    await w.quickInput.fill(file);
    await w.quickPickRow(file).click();
    const editor = w.page.locator(`.editor-instance .monaco-editor[data-uri$="${file}"]`);
    await editor.waitFor({ state: 'visible', timeout: 20_000 });
    await w.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'double' }).waitFor({ state: 'visible', timeout: 20_000 });

    /** Selects lines 2-3 of the editor (Go to Line, then Shift+Down twice). */
    const selectLines = async (): Promise<void> => {
      await editor.locator('.view-lines').click();
      await w.page.keyboard.press('Control+G');
      await w.quickInput.waitFor({ state: 'visible', timeout: 10_000 });
      await w.quickInput.fill(':2');
      await w.quickInput.press('Enter');
      await w.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
      await w.page.keyboard.press('Shift+ArrowDown');
      await w.page.keyboard.press('Shift+ArrowDown');
      await editor.locator('.selected-text').first().waitFor({ state: 'attached', timeout: 10_000 });
    };
    const expected = [
      `\`${file}:2\``,
      '```typescript',
      'export function double(value: number): number {',
      '  return value * 2;',
      '```',
    ].join('\n');

    await selectLines();
    await w.page.keyboard.press('Control+Alt+L');
    await expectInput(expected);

    await messageBox().fill('');
    await selectLines();
    // the palette opened directly: runCommand's Escape would clear the selection first
    await w.page.keyboard.press('F1');
    await w.quickInput.fill('>Switchboard: Send Selection to Chat');
    await w.quickPickRow('Send Selection to Chat').click();
    await expectInput(expected);
    // focus is in the input, ready for the question
    assert.equal(await messageBox().evaluate((input) => input === document.activeElement), true, 'the chat input has the focus');

    /** Waits until the chat input holds `text` (the host's snapshot carries the draft). */
    async function expectInput(text: string): Promise<void> {
      // (no named functions inside: tsx would wrap them in a helper the page does not have)
      const seen = await messageBox().evaluate((input, wanted) => new Promise<string>((resolve) => {
        const box = input as HTMLTextAreaElement;
        const deadline = Date.now() + 20_000;
        const timer = setInterval(() => {
          if (box.value.trim() !== wanted && Date.now() < deadline) return;
          clearInterval(timer);
          resolve(box.value.trim());
        }, 50);
      }), text);
      assert.equal(seen, text);
    }
  });

  it('Stop keeps the partial reply, marks it stopped, aborts the request and says the cost is unknown (never $0)', async function () {
    this.timeout(150_000);
    await setOpenRouterKey();
    await selectModel('openrouter:slow/long-reply');
    await openChat();
    const requestsBefore = rig().fixture.requests.length;
    const abortedBefore = rig().fixture.abortedResponses;
    await send('Tell me a long story.');
    const streaming = lastReply('streaming');
    await streaming.locator('.message-body', { hasText: 'streamed slowly' }).waitFor({ state: 'visible', timeout: 30_000 });
    await chat().locator('[data-action="stop"]').click();

    const stopped = lastReply('stopped');
    await stopped.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await stopped.locator('.message-body').innerText();
    assert.match(text, /This is a long generated reply/);
    assert.match(oneLine(await stopped.locator('.status-text').innerText()), /stopped: partial reply kept/);
    const cost = stopped.locator('.meta-cost');
    assert.equal(await cost.getAttribute('data-cost-kind'), 'unknown');
    assert.equal(oneLine(await cost.innerText()), 'cost unknown');
    assert.doesNotMatch(oneLine(await stopped.locator('.meta-line').innerText()), /\$0(\.0+)?(?![\d.])/);
    // the session spend, in the view and the status bar, counts it as unknown instead of showing only $0
    await chat().locator('.session-spend', { hasText: '+ 1 unknown' }).waitFor({ state: 'visible', timeout: 10_000 });
    await statusItem().filter({ hasText: '+ 1 unknown' }).waitFor({ state: 'visible', timeout: 10_000 });
    // the input is free again and the request was really cut (the server saw the client go away)
    await chat().locator('[data-action="send"]').waitFor({ state: 'visible', timeout: 10_000 });
    const sent = chatRequestsSince(requestsBefore);
    assert.equal(sent.length, 1);
    assert.equal(await rig().fixture.responseOutcome(sent[0]!), 'closed-early');
    assert.ok(rig().fixture.abortedResponses > abortedBefore);
    await sidebarShot('stopped', stopped);
  });

  it('shows a 402 as what to do: add credits or lower max tokens', async function () {
    this.timeout(150_000);
    const w = workbench();
    await setOpenRouterKey();
    await selectModel('openrouter:fault/402');
    await openChat();
    await send('Hello');
    const failed = lastReply('failed');
    await failed.waitFor({ state: 'visible', timeout: 30_000 });
    const panel = failed.locator('.error-panel');
    const message = oneLine(await panel.locator('.error-message').innerText());
    assert.match(message, /credits/i);
    assert.match(message, /max tokens/i);
    const buttons = (await panel.locator('.error-actions vscode-button').allInnerTexts()).map(oneLine);
    assert.ok(buttons.some((label) => /Add credits/.test(label)), buttons.join(', '));
    assert.ok(buttons.some((label) => /max tokens/i.test(label)), buttons.join(', '));
    // refused before anything was generated: nothing is billed
    assert.notEqual(await failed.locator('.meta-cost').getAttribute('data-cost-kind'), 'billed');
    await sidebarShot('error-402', failed);

    // "Add credits" goes to OpenRouter's credits page (VS Code asks before opening an external site)
    await panel.locator('[data-action="error-add-credits"]').click();
    const opening = w.page.locator('.monaco-dialog-box', { hasText: 'openrouter.ai/settings/credits' });
    await opening.waitFor({ state: 'visible', timeout: 20_000 });
    await w.page.keyboard.press('Escape');
    await opening.waitFor({ state: 'hidden', timeout: 10_000 });

    // "lower max tokens" lands on the setting it names
    await panel.locator('vscode-button', { hasText: /max tokens/i }).click();
    await w.page.locator('.settings-editor').waitFor({ state: 'visible', timeout: 20_000 });
    await w.page.locator('.settings-editor .setting-item-contents', { hasText: 'Max Tokens' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  });

  it('Retry asks again for the last reply, and Edit and resend replaces the question and its reply', async function () {
    this.timeout(120_000);
    await selectModel('replay:replay/openrouter-gpt-4o');
    await openChat();
    await chat().locator('[data-action="new-chat"]').click();
    const requestsBefore = rig().fixture.requests.length;
    await send('Name two famous penguins.');
    const first = lastReply('done');
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    const firstId = await first.getAttribute('data-message-id');

    await first.locator('[data-action="retry"]').click();
    const retried = chat().locator(`article.message-assistant[data-status="done"]:not([data-message-id="${firstId}"])`);
    await retried.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await chat().locator('article.message-assistant').count(), 1, 'the retried reply replaces the old one');
    assert.match(await retried.locator('.message-body').innerText(), PENGUINS);
    const retriedId = await retried.getAttribute('data-message-id');
    assert.equal(chatRequestsSince(requestsBefore).length, 2);

    const question = chat().locator('article.message-user').last();
    await question.locator('[data-action="edit"]').click();
    const editBox = question.getByRole('textbox', { name: 'Edit message' });
    await editBox.fill('Name two famous emperor penguins.');
    await question.locator('[data-action="edit-save"]').click();
    await chat().locator('article.message-user .message-body', { hasText: 'emperor' }).waitFor({ state: 'visible', timeout: 30_000 });
    await chat().locator(`article.message-assistant[data-status="done"]:not([data-message-id="${retriedId}"])`).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await chat().locator('article.message-user').count(), 1, 'the edited question replaces the old one');
    assert.equal(await chat().locator('article.message-assistant').count(), 1);
    const sent = chatRequestsSince(requestsBefore);
    assert.equal(sent.length, 3);
    const lastMessages = (sent[2]!.json as { messages: Array<{ role: string; content: string }> }).messages;
    assert.deepEqual(lastMessages.filter((message) => message.role !== 'system'), [{ role: 'user', content: 'Name two famous emperor penguins.' }]);
  });

  it('keeps the conversation after a window reload: its messages are shown again and it is listed in the history', async function () {
    this.timeout(150_000);
    const w = workbench();
    await selectModel('replay:replay/openrouter-gpt-4o');
    await openChat();
    await chat().locator('[data-action="new-chat"]').click();
    const question = `What do penguins eat? (${Date.now().toString(36)})`;
    await send(question);
    await lastReply('done').waitFor({ state: 'visible', timeout: 30_000 });
    // listed in the history once the reply is saved (the reply shows as done when its stream ends, a little earlier)
    const entry = chat().locator('.history-panel li.history-item', { hasText: question }).first();
    await chat().locator('[data-action="history"]').click();
    await entry.waitFor({ state: 'visible', timeout: 20_000 });

    await w.reload();
    await openChat();
    await chat().locator('article.message-user .message-body', { hasText: question }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await lastReply('done').locator('.message-body').innerText(), PENGUINS);
    await chat().locator('[data-action="history"]').click();
    await entry.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(oneLine(await entry.innerText()), /2 messages/);
  });
});
