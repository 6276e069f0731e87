// Follow-ups per compare column in the real compare page (headless Chromium): the input under a finished column,
// Enter and Shift+Enter, the thread (question, reply, meta line), a follow-up's stream parts going to its own
// column and reply, Stop and Retry, the draft kept while other columns change, and a blind column naming no model.
import assert from 'node:assert/strict';
import type { CompareColumnView, CompareTurnView } from '../../src/shared/viewModels';
import type { WebviewPage } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';
import { column, compareState, meta } from './support/viewStates';

const question = (id: string, text: string): CompareTurnView => ({ id, role: 'user', text, status: 'done' });
const answer = (id: string, text: string, overrides: Partial<CompareTurnView> = {}): CompareTurnView => ({ id, role: 'assistant', text, status: 'done', ...overrides });

/** Three finished columns; `overrides` replaces some of them by index. */
function finished(overrides: Record<number, Partial<CompareColumnView>> = {}): CompareColumnView[] {
  return [0, 1, 2].map((index) => column(index, { status: 'done', text: `reply ${index}`, meta: meta(), ...overrides[index] }));
}

describe('compare webview: follow-ups per column (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('compare', { width: 1400, height: 900 });
  });

  const input = (index: number) => `.column[data-column="${index}"] .follow-up-input`;
  const replyBody = (index: number, id: string) => `.column[data-column="${index}"] .follow-up-reply[data-turn="${id}"] .follow-up-body`;
  const textOf = (selector: string) => view.page.evaluate((query) => document.querySelector(query)?.textContent?.trim() ?? '', selector);

  it('gives each finished column its own labelled follow-up input; Enter sends to that column only, Shift+Enter is a new line', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1', columns: [
      column(0, { status: 'done', text: 'reply 0', meta: meta() }), column(1, { status: 'streaming', text: 'rep' }), column(2, { status: 'stopped', text: 'cut', meta: meta() }),
    ] }) });
    assert.equal(await view.page.locator('.follow-up-input').count(), 2, 'a streaming column takes no follow-up yet');
    assert.equal(await view.page.locator(input(1)).count(), 0);
    assert.equal(await view.page.getAttribute(input(0), 'aria-label'), 'Follow-up to Claude Sonnet 4.5');
    assert.equal(await view.page.getAttribute(input(2), 'aria-label'), 'Follow-up to Llama 3.3 70B Instruct (free)');
    await view.page.focus(input(2));
    await view.page.keyboard.type('And in Rust?');
    await view.page.keyboard.press('Shift+Enter');
    await view.page.keyboard.type('No unsafe.');
    assert.equal(await view.page.inputValue(input(2)), 'And in Rust?\nNo unsafe.');
    assert.equal((await view.posted()).filter(ofType('compare/followUp')).length, 0, 'Shift+Enter does not send');
    await view.page.keyboard.press('Enter');
    const sent = await view.waitForPosted(ofType('compare/followUp'));
    assert.ok(sent.type === 'compare/followUp' && sent.requestId.length > 0);
    assert.deepEqual({ ...sent, requestId: '' }, { type: 'compare/followUp', requestId: '', column: 2, text: 'And in Rust?\nNo unsafe.' });
    assert.equal((await view.posted()).filter(ofType('compare/start')).length, 0, 'the other columns are not asked');
    // the Send button does the same
    await view.page.fill(input(0), 'Why?');
    await view.clearPosted();
    await view.page.click('.column[data-column="0"] vscode-button[data-action="follow-up-send"]');
    const byButton = await view.waitForPosted(ofType('compare/followUp'));
    assert.ok(byButton.type === 'compare/followUp' && byButton.column === 0 && byButton.text === 'Why?');
  });

  it('streams a follow-up\'s parts into its own reply in its own column, then shows the thread with each reply\'s meta line', async function () {
    const streaming = finished({
      1: { followUps: [question('q1', 'And in Rust?'), answer('r1', '', { status: 'streaming' })], followUpRequestId: 'f1' },
    });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: streaming }) });
    assert.equal(await textOf('.column[data-column="1"] .follow-up-question .follow-up-text'), 'And in Rust?');
    await view.send({ type: 'stream/part', requestId: 'f1', seq: 0, messageId: 'r1', column: 1, delta: { text: 'Use ' } });
    await view.send({ type: 'stream/part', requestId: 'f1', seq: 1, messageId: 'r1', column: 1, delta: { text: 'iter().rev().' } });
    await view.send({ type: 'stream/part', requestId: 'f1', seq: 0, messageId: 'r1', column: 1, delta: { text: 'STALE' } });
    await view.page.waitForFunction((query) => document.querySelector(query)?.textContent?.trim() === 'Use iter().rev().', replyBody(1, 'r1'));
    assert.equal(await textOf('.column[data-column="1"] .column-body'), 'reply 1', 'the column\'s first reply is untouched');
    for (const other of [0, 2]) {
      assert.equal(await textOf(`.column[data-column="${other}"] .column-body`), `reply ${other}`);
      assert.equal(await view.page.locator(`.column[data-column="${other}"] .follow-up-reply`).count(), 0);
    }
    assert.equal(await view.page.locator('.column[data-column="1"] [data-action="column-rerun"]').count(), 0, 'no Run again while the column answers a follow-up');
    await view.send({ type: 'stream/end', requestId: 'f1', seq: 2, messageId: 'r1', column: 1 });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({
      1: { followUps: [question('q1', 'And in Rust?'), answer('r1', 'Use iter().rev().', { meta: meta({ cost: { kind: 'estimated', microUsd: 300 } }) }),
        question('q2', 'Why?'), answer('r2', 'Because.', { meta: meta({ cost: { kind: 'unknown' } }) })] },
    }) }) });
    assert.deepEqual(await view.page.locator('.column[data-column="1"] .follow-ups > [data-turn]').evaluateAll((nodes) => nodes.map((node) => node.className)),
      ['follow-up-question', 'follow-up-reply', 'follow-up-question', 'follow-up-reply']);
    assert.equal(await textOf(replyBody(1, 'r1')), 'Use iter().rev().');
    assert.equal(await textOf('.column[data-column="1"] .follow-up-reply[data-turn="r1"] .meta-cost'), '~$0.0003 est.');
    assert.equal(await textOf('.column[data-column="1"] .follow-up-reply[data-turn="r2"] .meta-cost'), 'cost unknown', 'an unknown cost is never $0');
    assert.match(await view.page.getAttribute('.column[data-column="1"] [data-action="column-rerun"]', 'title') ?? '', /follow-ups are cleared/);
  });

  it('stops a streaming follow-up by its own request, and offers Retry on a failed or stopped one', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({
      0: { followUps: [question('q1', 'More?'), answer('r1', 'Part', { status: 'streaming' })], followUpRequestId: 'f9' },
      2: { followUps: [question('q2', 'Again?'), answer('r2', 'Half an ans', {
        status: 'failed', meta: meta({ cost: { kind: 'unknown' } }),
        error: { code: 'mid-stream', provider: 'openrouter', message: 'OpenRouter: the stream was cut.', actions: ['retry'] },
      })] },
    }) }) });
    await view.page.click('.column[data-column="0"] [data-action="follow-up-stop"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/cancel')), { type: 'compare/cancel', requestId: 'f9', column: 0 });
    assert.equal(await textOf(replyBody(2, 'r2')), 'Half an ans', 'the partial text is kept');
    assert.equal(await view.page.getAttribute('.column[data-column="2"] .follow-up-reply[data-turn="r2"]', 'data-status'), 'failed');
    await view.page.click('.column[data-column="2"] .follow-up-reply vscode-button[data-action="error-retry"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/retryFollowUp')), { type: 'compare/retryFollowUp', column: 2 });
    assert.equal((await view.posted()).filter(ofType('error/action')).length, 0, 'Retry asks the follow-up again, not the column\'s first reply');
    await view.clearPosted();
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({
      0: { followUps: [question('q1', 'More?'), answer('r1', 'Part', { status: 'stopped', meta: meta({ cost: { kind: 'unknown' } }) })] },
    }) }) });
    await view.page.click('.column[data-column="0"] [data-action="follow-up-retry"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/retryFollowUp')), { type: 'compare/retryFollowUp', column: 0 });
  });

  it('keeps a draft and its focus while another column\'s follow-up starts and ends, and clears it once sent', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished() }) });
    await view.page.focus(input(0));
    await view.page.keyboard.type('Half a thought');
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({ 2: { followUps: [question('q', 'x'), answer('a', '', { status: 'streaming' })], followUpRequestId: 'f2' } }) }) });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({ 2: { followUps: [question('q', 'x'), answer('a', 'y', { meta: meta() })] } }) }) });
    assert.equal(await view.page.inputValue(input(0)), 'Half a thought');
    assert.equal(await view.page.evaluate(() => document.activeElement?.classList.contains('follow-up-input') && document.activeElement.closest('.column')?.getAttribute('data-column')), '0');
    await view.page.keyboard.type(', finished');
    await view.page.keyboard.press('Enter');
    await view.waitForPosted(ofType('compare/followUp'));
    // the host refused (nothing added to the thread): the text is still there to send again
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({ 2: { followUps: [question('q', 'x'), answer('a', 'y', { meta: meta() })] } }) }) });
    assert.equal(await view.page.inputValue(input(0)), 'Half a thought, finished');
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: finished({
      0: { followUps: [question('q0', 'Half a thought, finished'), answer('a0', '', { status: 'streaming' })], followUpRequestId: 'f3' },
      2: { followUps: [question('q', 'x'), answer('a', 'y', { meta: meta() })] },
    }) }) });
    assert.equal(await view.page.inputValue(input(0)), '', 'sent: the thread holds it now');
    assert.equal(await view.page.evaluate(() => document.activeElement?.closest('.column')?.getAttribute('data-column')), '0', 'the focus stays in the column');
  });

  it('a hidden blind column\'s follow-ups name no model and show no cost', async function () {
    const hidden = (index: number, label: string, overrides: Partial<CompareColumnView> = {}): CompareColumnView => ({
      index, model: label, modelName: `Model ${label}`, status: 'done', text: `reply ${label}`, winner: false, label, hidden: true,
      meta: { servedModel: label, inputTokens: 10, outputTokens: 20, ttftMs: 300, totalMs: 900, cost: { kind: 'unknown' } }, ...overrides,
    });
    await view.send({ type: 'compare/snapshot', state: compareState({ namesHidden: true, columns: [
      hidden(0, 'A'),
      hidden(1, 'B', { followUps: [question('q1', 'Shorter?'), answer('r1', '', { status: 'streaming' })], followUpRequestId: 'f1' }),
    ] }) });
    await view.send({ type: 'stream/part', requestId: 'f1', seq: 0, messageId: 'r1', column: 1, delta: { text: 'Sure.' } });
    await view.page.waitForFunction((query) => document.querySelector(query)?.textContent?.trim() === 'Sure.', replyBody(1, 'r1'));
    await view.send({ type: 'compare/snapshot', state: compareState({ namesHidden: true, columns: [
      hidden(0, 'A'),
      hidden(1, 'B', { followUps: [question('q1', 'Shorter?'), answer('r1', 'Sure.', { meta: { servedModel: 'B', outputTokens: 2, totalMs: 200, cost: { kind: 'unknown' } } })] }),
    ] }) });
    assert.equal(await view.page.getAttribute(input(1), 'aria-label'), 'Follow-up to Model B');
    const column1 = await textOf('.column[data-column="1"]');
    assert.equal(await view.page.locator('.column[data-column="1"] .follow-up-reply .meta-cost').count(), 0, 'no cost while the names are hidden');
    for (const leak of ['Claude', 'GPT', 'Llama', 'openrouter', 'Anthropic', '$']) assert.ok(!column1.includes(leak), `"${leak}" shown in a hidden column: ${column1}`);
    assert.equal(await view.page.locator('.column[data-column="1"] [data-action="column-continue"]').count(), 0, 'no Continue in chat while hidden');
  });
});
