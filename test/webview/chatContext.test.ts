// Issue 13 in the chat view (real Chromium): attachment chips with tokens and share of the estimate, removed by
// click or Delete; `#` and the paperclip open the attach menu; a pasted image goes to the host; the refusal shows;
// history search with highlighted hits that open at the message and close the panel; rename; date and cost in the
// list; fork; the sign-in button; keyboard between the input and the messages; Escape stops the reply.
import assert from 'node:assert/strict';
import type { AttachmentView } from '../../src/shared/chat/attachmentViews';
import type { WebviewPage } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';
import { assistantMessage, chatState, userMessage } from './support/viewStates';

const FILE_CHIP: AttachmentView = { id: 'a1', kind: 'file', label: 'api.ts', detail: 'src/core/api.ts', tokens: 1500 };
const CUT_CHIP: AttachmentView = { id: 'a2', kind: 'file', label: 'big.log', detail: 'logs/big.log', tokens: 8000, note: 'cut at 8k tokens: the first 412 of 2000 lines are sent' };
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('chat webview: context, history search, fork, sign-in, keyboard (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('chat');
  });

  it('shows chips with tokens and their share of the estimate, marks a cut file, and removes one by click or Delete', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ attachments: [FILE_CHIP, CUT_CHIP] }) });
    await view.waitForPosted(ofType('chat/estimate'));
    await view.send({ type: 'estimate/update', estimate: { minMicroUsd: 30_000, maxMicroUsd: 60_000, promptTokens: 10_000, exact: false, priced: true } });
    assert.equal(await view.text('.composer [data-attachment-id="a1"] .chip-figures'), '1.5k tokens · 15%');
    assert.equal(await view.text('.composer [data-attachment-id="a2"] .chip-figures'), '8k tokens · 80%');
    assert.equal(await view.text('.composer [data-attachment-id="a2"] .chip-note'), 'cut');
    assert.match((await view.page.getAttribute('.composer [data-attachment-id="a2"]', 'title')) ?? '', /first 412 of 2000 lines/);
    await view.clearPosted();
    await view.page.click('.composer [data-attachment-id="a1"] [data-action="detach"]');
    assert.deepEqual(await view.waitForPosted(ofType('chat/detach')), { type: 'chat/detach', attachmentId: 'a1' });
    await view.clearPosted();
    await view.page.focus('.composer [data-attachment-id="a2"] [data-action="detach"]');
    await view.page.keyboard.press('Delete');
    assert.deepEqual(await view.waitForPosted(ofType('chat/detach')), { type: 'chat/detach', attachmentId: 'a2' });
    assert.equal(await view.page.getAttribute('.composer [data-attachment-id="a2"] [data-action="detach"]', 'aria-label'), 'Remove big.log');
  });

  it('opens the attach menu on # at the start of a word (and takes the # out), and from the paperclip', async function () {
    await view.send({ type: 'state/snapshot', state: chatState() });
    await view.page.click('.composer-input');
    await view.page.keyboard.type('Explain #');
    await view.waitForPosted(ofType('chat/attach'));
    assert.equal(await view.page.inputValue('.composer-input'), 'Explain ');
    await view.clearPosted();
    await view.page.keyboard.type('C#');
    await view.settle();
    assert.equal((await view.posted()).filter(ofType('chat/attach')).length, 0, 'C# is not a request to attach');
    await view.page.click('[data-action="attach"]');
    await view.waitForPosted(ofType('chat/attach'));
  });

  it('sends a pasted image to the host as a data URL, shows the drop hint for image models and the host\'s refusal', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ acceptsImages: true }) });
    assert.equal(await view.page.isVisible('.image-hint'), true);
    assert.match(await view.text('.image-hint'), /hold Shift to drop/);
    assert.equal(await view.page.isVisible('.key-hint'), false, 'the placeholder says Shift+Enter: the image hint takes its place');
    // a 300 px sidebar: the hint stays one line (cut, its title has it all) instead of wrapping the row
    await view.page.setViewportSize({ width: 300, height: 800 });
    const hint = await view.page.locator('.image-hint').evaluate((node) => ({ height: node.getBoundingClientRect().height, font: parseFloat(getComputedStyle(node).fontSize), title: node.getAttribute('title') }));
    assert.ok(hint.height < 2 * hint.font, `the hint is ${hint.height} px high at a ${hint.font} px font: it wrapped`);
    assert.match(hint.title ?? '', /hold Shift to drop/);
    await view.send({ type: 'state/snapshot', state: chatState({ acceptsImages: false }) });
    assert.equal(await view.page.isVisible('.key-hint'), false, 'no room for the key reminder at 300 px: gone rather than cut');
    await view.page.setViewportSize({ width: 500, height: 800 });
    assert.equal(await view.page.isVisible('.key-hint'), true, 'a wider view shows it');
    await view.page.focus('.composer-input');
    await view.page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'shot.png', { type: 'image/png' }));
      document.querySelector('.composer-input')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_1X1);
    const posted = await view.waitForPosted(ofType('chat/attachImage'));
    assert.deepEqual(posted, { type: 'chat/attachImage', name: 'shot.png', data: `data:image/png;base64,${PNG_1X1}` });
    await view.send({ type: 'state/snapshot', state: chatState({ acceptsImages: false, attachmentNotice: 'Images were not attached: Mistral: Devstral Small reads text only.' }) });
    assert.equal(await view.page.isVisible('.image-hint'), false);
    assert.equal(await view.text('.composer-notice'), 'Images were not attached: Mistral: Devstral Small reads text only.');
    assert.equal(await view.page.getAttribute('.composer-notice', 'role'), 'alert');
  });

  it('shows the chips a sent message carried, read-only', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [{ ...userMessage('u1', 'Why?'), attachments: [FILE_CHIP] }, assistantMessage('a1', 'Because.')] }) });
    assert.equal(await view.text('[data-message-id="u1"] .chip-label'), 'api.ts');
    assert.equal(await view.page.locator('[data-message-id="u1"] [data-action="detach"]').count(), 0);
  });

  it('searches history, highlights the hits, opens at the message and closes the panel; the list shows date and cost; rename asks the host', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ history: [
      { id: 'c1', title: 'Budget caps', updatedAt: Date.UTC(2026, 10, 24, 21, 0), messageCount: 4, kind: 'chat', cost: { microUsd: 12_345, unknownCount: 1 } },
    ] }) });
    await view.page.click('[data-action="history"]');
    assert.equal(await view.page.evaluate(() => document.activeElement?.classList.contains('history-search')), true, 'the search box has the focus');
    const row = await view.text('[data-conversation-id="c1"] .history-detail');
    assert.match(row, /2026/);
    assert.match(row, /\$0\.0123 \+ 1 unknown · 4 messages/);
    await view.page.click('[data-conversation-id="c1"] [data-action="history-rename"]');
    assert.deepEqual(await view.waitForPosted(ofType('history/rename')), { type: 'history/rename', conversationId: 'c1' });
    await view.page.locator('.history-search input').fill('cap');
    assert.deepEqual(await view.waitForPosted(ofType('history/search')), { type: 'history/search', query: 'cap' });
    await view.send({ type: 'history/results', query: 'cap', hits: [{
      conversationId: 'c1', title: 'Budget caps', titleRanges: [{ start: 7, end: 10 }], updatedAt: 1, openAt: 'm2',
      messages: [{ messageId: 'm2', messageIndex: 1, role: 'assistant', snippet: '…the daily CAP resets', ranges: [{ start: 11, end: 14 }] }],
    }] });
    assert.deepEqual(await view.page.$$eval('.history-results mark', (marks) => marks.map((mark) => mark.textContent)), ['cap', 'CAP']);
    await view.clearPosted();
    await view.page.click('[data-action="search-open"][data-message-id="m2"]');
    assert.deepEqual(await view.waitForPosted(ofType('history/open')), { type: 'history/open', conversationId: 'c1', messageId: 'm2' });
    assert.equal(await view.page.isVisible('.history-panel'), false, 'the panel closes once a conversation opens');
    assert.equal(await view.page.getAttribute('[data-action="history"]', 'aria-pressed'), 'false');
  });

  it('drops search results that answer an older query, and closes the panel on Escape', async function () {
    await view.send({ type: 'state/snapshot', state: chatState() });
    await view.page.click('[data-action="history"]');
    await view.page.locator('.history-search input').fill('newer');
    await view.send({ type: 'history/results', query: 'older', hits: [{ conversationId: 'c9', title: 'older', titleRanges: [], updatedAt: 1, messages: [] }] });
    assert.equal(await view.page.locator('.history-results [data-conversation-id="c9"]').count(), 0);
    await view.page.keyboard.press('Escape');
    assert.equal(await view.page.isVisible('.history-panel'), false);
  });

  it('forks from a message, and offers Sign in with OpenRouter on the getting-started panel', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [userMessage('u1', 'hi'), assistantMessage('a1', 'hello')] }) });
    await view.page.click('[data-message-id="a1"] [data-action="fork"]');
    assert.deepEqual(await view.waitForPosted(ofType('chat/fork')), { type: 'chat/fork', messageId: 'a1' });
    await view.send({ type: 'state/snapshot', state: chatState({ needsSetup: true, providers: [{ id: 'openrouter', label: 'OpenRouter', requiresKey: true, hasKey: false }] }) });
    await view.page.click('[data-action="setup-signin"]');
    await view.waitForPosted(ofType('key/signIn'));
  });

  it('moves between the input and the messages with Ctrl+Up/Down and arrows, opens at a revealed message, and Escape stops', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [userMessage('u1', 'one'), assistantMessage('a1', 'two'), userMessage('u2', 'three')] }) });
    await view.page.focus('.composer-input');
    const focused = (): Promise<string | undefined> => view.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.messageId ?? document.activeElement?.className);
    await view.page.keyboard.press('Control+ArrowUp');
    assert.equal(await focused(), 'u2');
    await view.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'a1');
    await view.page.keyboard.press('Home');
    assert.equal(await focused(), 'u1');
    await view.page.keyboard.press('Control+ArrowDown');
    assert.equal(await focused(), 'composer-input');
    await view.send({ type: 'chat/reveal', messageId: 'a1' });
    assert.equal(await focused(), 'a1');
    await view.send({ type: 'state/snapshot', state: chatState({ activeRequestId: 'r1', messages: [userMessage('u1', 'one'), assistantMessage('a1', '', { status: 'streaming' })] }) });
    await view.clearPosted();
    await view.page.keyboard.press('Escape');
    assert.deepEqual(await view.waitForPosted(ofType('chat/cancel')), { type: 'chat/cancel', requestId: 'r1' });
  });

  it('says "Copied" on the Copy button for a moment after copying a code block (issue 13 item 5)', async function () {
    await view.send({ type: 'state/snapshot', state: chatState({ messages: [assistantMessage('a1', 'Here:\n\n```ts\nlet x = 1;\n```\n')] }) });
    const copy = '[data-message-id="a1"] button[data-code-action="copy"]';
    await view.page.click(copy);
    await view.waitForPosted(ofType('code/copy'));
    assert.equal(await view.text(copy), 'Copied');
    assert.equal(await view.page.getAttribute(copy, 'aria-label'), 'Code copied');
    await view.page.waitForFunction((selector) => document.querySelector(selector)?.textContent === 'Copy', copy, { timeout: 5000 });
  });
});
