// The chat view without a mouse and through a screen reader (issue 13): every control is named in Chromium's
// accessibility tree, Tab reaches each one and comes round again, Enter or Space posts what a click posts, Escape
// closes what it opened and gives the focus back, and replies and errors are announced.
import assert from 'node:assert/strict';
import { assertNamedAndReachable, focused, hoverOnlyRules, invisibleAtRest, keyDoesWhatClickDoes, postedBy, sameNamesInItalian, tabTo } from './support/accessibility';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, userMessage } from './support/viewStates';

/** A conversation with everything the view can show: attachments (pending and sent), code, a link, reasoning, a failed reply. */
function fullChat(overrides: Parameters<typeof chatState>[0] = {}) {
  return chatState({
    attachments: [
      { id: 'at1', kind: 'file', label: 'main.ts', detail: '/src/main.ts', tokens: 1200 },
      { id: 'at2', kind: 'problems', label: 'Problems: main.ts', detail: '2 problems', tokens: 80 },
    ],
    messages: [
      { ...userMessage('u1', 'Why does this fail?'), attachments: [{ id: 'old', kind: 'file', label: 'old.ts', detail: '/src/old.ts', tokens: 300 }] },
      assistantMessage('a1', 'See [the docs](https://example.com/docs).\n\n```ts\nconst x = 1;\n```', { reasoning: 'The person wants a fix.' }),
      userMessage('u2', 'And now?'),
      assistantMessage('a2', 'partial', { status: 'failed', meta: undefined, error: { code: 'rate-limited', provider: 'openrouter', message: 'OpenRouter: rate limited. Wait and retry.', actions: ['retry', 'pick-model'] } }),
    ],
    ...overrides,
  });
}

describe('chat webview with the keyboard and a screen reader (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('chat');
  });

  it('names the controls in Italian on an Italian page', async function () {
    const untranslated = await sameNamesInItalian(async (language) => {
      const page = await views.open('chat', undefined, language);
      await page.send({ type: 'state/snapshot', state: fullChat() });
      await page.page.click('[data-action="history"]');
      return page;
    });
    // what is the same in both: the link text (model output), and the model picker's own button (vscode-elements)
    assert.deepEqual(untranslated, ['button: Open the list of options', 'link: the docs']);
  });

  it('names every control and reaches each with Tab, announced by role and name, the history panel open', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await view.page.click('[data-action="history"]');
    const walk = await assertNamedAndReachable(view.page);
    assert.ok(walk.stops.length >= 30, `${walk.stops.length} stops`);
  });

  it('sends, copies code, retries, forks, removes an attachment and acts on an error with Enter or Space', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    const typeQuestion = async (): Promise<void> => {
      await view.send({ type: 'state/snapshot', state: fullChat() });
      await view.page.fill('.composer-input', 'Explain it');
    };
    await typeQuestion();
    const [sent] = await keyDoesWhatClickDoes(view, 'vscode-button[data-action="send"]', 'Enter', typeQuestion);
    assert.deepEqual(sent, { type: 'chat/send', requestId: '<id>', text: 'Explain it' });
    await typeQuestion();
    await keyDoesWhatClickDoes(view, 'vscode-button[data-action="send"]', ' ', typeQuestion);
    await view.send({ type: 'state/snapshot', state: fullChat() });
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-message-id="a1"] [data-code-action="copy"]', 'Enter'), [{ type: 'code/copy', code: 'const x = 1;' }]);
    await keyDoesWhatClickDoes(view, '[data-message-id="a1"] [data-code-action="insert"]', ' ');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-message-id="a2"] [data-action="retry"]', 'Enter'), [{ type: 'chat/retry', messageId: 'a2' }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-message-id="a1"] [data-action="fork"]', ' '), [{ type: 'chat/fork', messageId: 'a1' }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-message-id="a2"] vscode-button[data-action="error-retry"]', 'Enter'), [{ type: 'error/action', action: 'retry', messageId: 'a2', provider: 'openrouter' }]);
    await keyDoesWhatClickDoes(view, '[data-message-id="a2"] vscode-button[data-action="error-pick-model"]', ' ');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.composer [data-attachment-id="at2"] [data-action="detach"]', 'Enter'), [{ type: 'chat/detach', attachmentId: 'at2' }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '.composer [data-attachment-id="at1"] [data-action="detach"]', ' '), [{ type: 'chat/detach', attachmentId: 'at1' }]);
    await keyDoesWhatClickDoes(view, '[data-action="new-chat"]', 'Enter');
    await keyDoesWhatClickDoes(view, '[data-action="model-pick"]', ' ');
  });

  it('stops a streaming reply from the keyboard: the Stop button, the message\'s own Stop, and Escape', async function () {
    const streaming = chatState({ activeRequestId: 'r-7', messages: [userMessage('u1', 'Long story'), assistantMessage('a1', 'Once', { status: 'streaming', meta: undefined })] });
    await view.send({ type: 'state/snapshot', state: streaming });
    assert.deepEqual(await keyDoesWhatClickDoes(view, 'vscode-button[data-action="stop"]', 'Enter'), [{ type: 'chat/cancel', requestId: '<id>' }]);
    await keyDoesWhatClickDoes(view, '[data-message-id="a1"] [data-action="stop-message"]', ' ');
    const byEscape = await postedBy(view, async () => {
      await tabTo(view.page, '[data-action="new-chat"]');
      await view.page.keyboard.press('Escape');
    });
    assert.deepEqual(byEscape, [{ type: 'chat/cancel', requestId: '<id>' }], 'Escape anywhere stops the reply');
  });

  it('opens the history with the keyboard, opens and renames a conversation, and Escape gives the focus back to History', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await tabTo(view.page, '[data-action="history"]');
    await view.page.keyboard.press('Enter');
    assert.equal(await view.page.isVisible('.history-panel'), true, 'Enter on History opens the panel');
    assert.equal(await view.page.getAttribute('[data-action="history"]', 'aria-pressed'), 'true');
    assert.equal(await focused(view.page), '<vscode-textfield data-action="history-search" class="history-search">', 'the search box has the focus');
    const opened = await postedBy(view, async () => {
      await tabTo(view.page, '[data-conversation-id="conversation-0"] [data-action="history-open"]');
      await view.page.keyboard.press('Enter');
    });
    assert.deepEqual(opened, [{ type: 'history/open', conversationId: 'conversation-0' }]);
    assert.equal(await view.page.isVisible('.history-panel'), false, 'opening a conversation closes the panel');
    assert.equal(await focused(view.page), '<textarea class="composer-input">', 'and puts the focus in the input');

    await tabTo(view.page, '[data-action="history"]');
    await view.page.keyboard.press(' ');
    assert.equal(await view.page.isVisible('.history-panel'), true, 'Space on History opens the panel too');
    await keyDoesWhatClickDoes(view, '[data-conversation-id="conversation-1"] [data-action="history-rename"]', 'Enter');
    await keyDoesWhatClickDoes(view, '[data-conversation-id="conversation-1"] [data-action="history-export"]', ' ');
    await view.page.keyboard.press('Escape');
    assert.equal(await view.page.isVisible('.history-panel'), false, 'Escape closes the panel');
    assert.equal(await focused(view.page), '<button data-action="history" class="icon-button">', 'the focus goes back to History');
    assert.equal(await view.page.getAttribute('[data-action="history"]', 'aria-pressed'), 'false');

    await tabTo(view.page, '[data-action="history"]');
    await view.page.keyboard.press('Enter');
    await tabTo(view.page, '[data-action="history-close"]');
    await view.page.keyboard.press('Enter');
    assert.equal(await view.page.isVisible('.history-panel'), false, 'Close closes the panel');
    assert.equal(await focused(view.page), '<button data-action="history" class="icon-button">', 'and the focus goes back to History');
  });

  it('keeps the focus in a message the host rebuilds: on Retry\'s message while the reply is generated again', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await tabTo(view.page, '[data-message-id="a2"] [data-action="retry"]');
    await view.page.keyboard.press('Enter');
    const retrying = fullChat({ activeRequestId: 'r2' });
    retrying.messages[3] = assistantMessage('a2', '', { status: 'streaming', meta: undefined });
    const before = await focused(view.page);
    await view.send({ type: 'state/snapshot', state: retrying });
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-message-id')), 'a2', `the regenerated message has the focus (before: ${before}, now: ${await focused(view.page)})`);
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await tabTo(view.page, '[data-message-id="a1"] [data-action="fork"]');
    await view.send({ type: 'state/snapshot', state: fullChat({ messages: fullChat().messages.map((message) => (message.id === 'a1' ? { ...message, text: 'Edited elsewhere' } : message)) }) });
    assert.equal(await focused(view.page), '<button data-action="fork" class="icon-button idle-only">', 'a rebuilt message keeps the focus on the same button');
    assert.equal(await view.page.evaluate(() => document.activeElement?.closest('.message')?.getAttribute('data-message-id')), 'a1');
  });

  it('edits a message from the keyboard; Escape leaves the edit and gives the focus back to Edit', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await tabTo(view.page, '[data-message-id="u2"] [data-action="edit"]');
    await view.page.keyboard.press('Enter');
    assert.equal(await focused(view.page), '<textarea class="edit-input">', 'the edit box has the focus');
    await view.page.keyboard.press('Escape');
    assert.equal(await view.page.locator('.edit-input').count(), 0, 'Escape leaves the edit');
    assert.equal(await focused(view.page), '<button data-action="edit" class="icon-button idle-only">', 'the focus goes back to Edit');
    await view.page.keyboard.press('Enter');
    await view.page.keyboard.press('Tab');
    await view.page.keyboard.press('Tab');
    assert.equal(await focused(view.page), '<vscode-button data-action="edit-cancel">', 'Tab from the edit box reaches Save, then Cancel');
    await view.page.keyboard.press(' ');
    assert.equal(await view.page.locator('.edit-input').count(), 0, 'Cancel leaves the edit');
    assert.equal(await focused(view.page), '<button data-action="edit" class="icon-button idle-only">', 'the focus goes back to Edit');
    await view.page.keyboard.press('Enter');
    await view.page.fill('.edit-input', 'And now, please?');
    const saved = await postedBy(view, async () => {
      await view.page.keyboard.press('Tab');
      await view.page.keyboard.press('Enter');
    });
    assert.deepEqual(saved, [{ type: 'chat/edit', messageId: 'u2', text: 'And now, please?' }]);
  });

  it('opens and closes the reasoning with Enter or Space, and says whether it is expanded', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    const expanded = () => view.page.evaluate(() => document.querySelector('.reasoning')?.shadowRoot?.querySelector('.collapsible-header')?.getAttribute('aria-expanded'));
    await tabTo(view.page, '.reasoning');
    assert.equal(await expanded(), 'false');
    await view.page.keyboard.press(' ');
    await view.page.waitForFunction(() => document.querySelector('.reasoning')?.shadowRoot?.querySelector('.collapsible-header')?.getAttribute('aria-expanded') === 'true');
    assert.equal(await view.page.isVisible('.reasoning-text'), true, 'Space opens the reasoning');
    await view.page.keyboard.press('Enter');
    await view.page.waitForFunction(() => document.querySelector('.reasoning')?.shadowRoot?.querySelector('.collapsible-header')?.getAttribute('aria-expanded') === 'false');
    assert.equal(await view.page.isVisible('.reasoning-text'), false, 'Enter closes it');
  });

  it('announces replies and errors: the conversation is a polite log, an error an alert', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat({ activeRequestId: 'r1', attachmentNotice: 'Images need a model that takes images.', messages: [
      ...fullChat().messages, userMessage('u3', 'Once more'), assistantMessage('a3', '', { status: 'streaming', meta: undefined }),
    ] }) });
    const list = view.page.locator('.message-list');
    assert.equal(await list.getAttribute('role'), 'log');
    assert.equal(await list.getAttribute('aria-live'), 'polite');
    assert.equal(await list.getAttribute('aria-label'), 'Conversation');
    assert.equal(await view.page.getAttribute('[data-message-id="a2"] .error-panel', 'role'), 'alert');
    assert.equal(await view.page.getAttribute('.composer-notice', 'role'), 'alert');
    assert.equal(await view.page.getAttribute('[data-message-id="a3"] .stream-status', 'role'), 'status');
    assert.equal(await view.page.getAttribute('.composer .estimate', 'aria-live'), 'polite');
    assert.ok((await view.text('[data-message-id="a3"] .status-text')).includes('streaming'), 'the status is text, not only a spinner');
  });

  it('shows no action on hover only', async function () {
    await view.send({ type: 'state/snapshot', state: fullChat() });
    await view.page.click('[data-action="history"]');
    await view.page.mouse.move(0, 0);
    assert.deepEqual(await hoverOnlyRules(view.page), [], 'rules that show something on :hover without :focus-within');
    assert.deepEqual(await invisibleAtRest(view.page), [], 'controls laid out but invisible until hovered');
  });
});
