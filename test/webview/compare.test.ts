import assert from 'node:assert/strict';
import type { WebviewPage } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';
import { column, compareState, meta } from './support/viewStates';

describe('compare webview (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('compare', { width: 1400, height: 800 });
  });

  const columnBody = (index: number) => `.column[data-column="${index}"] .column-body`;
  const bodyText = (index: number) => view.page.evaluate((selector) => document.querySelector(selector)?.textContent?.trim() ?? '', columnBody(index));

  it('shows what the whole comparison cost in the header, with the columns of unknown cost counted', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState() });
    assert.equal(await view.page.isVisible('.compare-header .compare-total'), false, 'no total before the comparison has run');
    await view.send({ type: 'compare/snapshot', state: compareState({ totalCost: { microUsd: 31_626, unknownCount: 1 } }) });
    assert.equal(await view.text('.compare-header .compare-total'), 'total $0.0316 + 1 unknown');
  });

  it('renders one column per model and runs the prompt with Enter', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ prompt: '', estimate: { minMicroUsd: 900, maxMicroUsd: 41_000, promptTokens: 20, exact: false, priced: true } }) });
    assert.equal(await view.page.locator('.column').count(), 3);
    assert.equal(await view.text('.column[data-column="1"] .column-title'), 'GPT-4o mini');
    assert.equal(await view.text('.prompt-row .estimate'), '~$0.0009–$0.0410');
    await view.page.fill('.prompt-input', 'Reverse a linked list');
    await view.waitForPosted(ofType('compare/estimate'));
    await view.page.focus('.prompt-input');
    await view.page.keyboard.press('Enter');
    const start = await view.waitForPosted(ofType('compare/start'));
    assert.ok(start.type === 'compare/start' && start.prompt === 'Reverse a linked list' && start.requestId.length > 0);
  });

  it('streams each column independently, and a failed column leaves the others untouched', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1' }) });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 1, messageId: 'm0', column: 0, delta: { text: 'Alpha ' } });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 1, messageId: 'm1', column: 1, delta: { text: 'Beta ' } });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 2, messageId: 'm0', column: 0, delta: { text: 'one' } });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 1, messageId: 'm0', column: 0, delta: { text: 'STALE' } });
    await view.page.waitForFunction(() => document.querySelector('.column[data-column="0"] .column-body')?.textContent?.trim() === 'Alpha one');
    assert.equal(await bodyText(1), 'Beta');
    assert.equal(await bodyText(2), '');
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1', columns: [
      column(0, { status: 'streaming', text: 'Alpha one' }),
      column(1, { status: 'streaming', text: 'Beta ' }),
      column(2, { status: 'failed', error: { code: 'rate-limited', provider: 'openrouter', message: 'OpenRouter: rate limited. Wait and retry.', retryAfterMs: 20_000, actions: ['retry', 'pick-model'] } }),
    ] }) });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 3, messageId: 'm0', column: 0, delta: { text: ' two' } });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 2, messageId: 'm1', column: 1, delta: { text: 'uno' } });
    await view.page.waitForFunction(() => document.querySelector('.column[data-column="1"] .column-body')?.textContent?.trim() === 'Beta uno');
    assert.equal(await bodyText(0), 'Alpha one two');
    assert.ok((await view.text('.column[data-column="2"] .error-message')).startsWith('OpenRouter: rate limited.'));
    assert.ok((await view.text('.column[data-column="2"] .status-text')).includes('failed'));
    assert.equal(await view.page.locator('.column[data-column="0"] .error-panel, .column[data-column="1"] .error-panel').count(), 0);
    assert.ok((await view.text('.column[data-column="0"] .status-text')).includes('streaming'));
    await view.page.click('.column[data-column="2"] vscode-button[data-action="error-pick-model"]');
    assert.deepEqual(await view.waitForPosted(ofType('error/action')), { type: 'error/action', action: 'pick-model', column: 2, provider: 'openrouter' });
  });

  it('a column shows its retry countdown while waiting and clears it when its text arrives; other columns show none', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1' }) });
    const now = await view.page.evaluate(() => Date.now());
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 1, messageId: 'm1', column: 1, delta: { status: { kind: 'retrying', message: 'OpenRouter rate limited', untilEpochMs: now + 12_000, attempt: 2, maxAttempts: 3 } } });
    assert.match(await view.text('.column[data-column="1"] .stream-status'), /^OpenRouter rate limited; retrying in 1[12] s \(attempt 2 of 3\)$/);
    assert.equal(await view.page.isHidden('.column[data-column="0"] .stream-status'), true);
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 2, messageId: 'm1', column: 1, delta: { text: 'Beta' } });
    await view.page.waitForFunction(() => document.querySelector('.column[data-column="1"] .column-body')?.textContent?.trim() === 'Beta');
    assert.equal(await view.page.isHidden('.column[data-column="1"] .stream-status'), true, 'cleared when text arrived');
  });

  it('shows columns not run yet without a spinner or a Stop button', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [column(0, { status: 'idle' }), column(1, { status: 'idle' })] }) });
    assert.equal(await view.page.locator('.column').count(), 2);
    assert.equal(await view.page.locator('.column vscode-progress-ring').count(), 0, 'no spinner');
    assert.equal(await view.page.locator('.column [data-action="column-stop"]').count(), 0, 'no Stop');
    assert.equal(await view.page.locator('.column[data-status="idle"]').count(), 2);
  });

  it('says who served a column once (header), and "no charge" for a column refused before any output', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [
      column(0, { status: 'done', text: 'Hi', meta: meta({ upstreamProvider: 'Anthropic' }) }),
      column(1, { status: 'failed', meta: meta({ cost: { kind: 'estimated', microUsd: 0 }, inputTokens: undefined, outputTokens: undefined, tokensPerSecond: undefined }),
        error: { code: 'rate-limited', provider: 'openrouter', message: 'OpenRouter: rate limited.', actions: ['retry'] } }),
    ] }) });
    const whole = await view.text('.column[data-column="0"]');
    assert.equal(whole.split('via Anthropic').length - 1, 1, `"via Anthropic" once in "${whole}"`);
    assert.ok((await view.text('.column[data-column="0"] .column-served')).includes('via Anthropic'));
    assert.equal(await view.text('.column[data-column="1"] .meta-cost'), 'no charge');
    assert.ok(!(await view.text('.column[data-column="1"] .meta-line')).includes('$0'));
  });

  it('does not repeat text when a snapshot taken mid-stream already holds deltas still to come', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1' }) });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 1, messageId: 'm0', column: 0, delta: { text: 'Hel' } });
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c1', columns: [column(0, { status: 'streaming', text: 'Hello' }), column(1), column(2)] }) });
    await view.send({ type: 'stream/part', requestId: 'c1', seq: 2, messageId: 'm0', column: 0, delta: { text: 'lo there' } });
    await view.page.waitForFunction(() => document.querySelector('.column[data-column="0"] .column-body')?.textContent?.trim().endsWith('there'));
    assert.equal(await bodyText(0), 'Hello there');
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [column(0, { status: 'done', text: 'Hello there', meta: meta() }), column(1), column(2)] }) });
    assert.ok((await view.text('.column[data-column="0"] .meta-cost')).includes('billed'), 'the final snapshot replaces the streamed column');
  });

  it('each column has its own Stop, and Stop all cancels the whole request', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ running: true, requestId: 'c7', columns: [
      column(0, { status: 'streaming', text: 'a' }), column(1, { status: 'streaming', text: 'b' }), column(2, { status: 'done', text: 'c', meta: meta() }),
    ] }) });
    assert.equal(await view.page.locator('.column[data-column="2"] [data-action="column-stop"]').count(), 0, 'a finished column has no Stop');
    await view.page.click('.column[data-column="1"] [data-action="column-stop"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/cancel')), { type: 'compare/cancel', requestId: 'c7', column: 1 });
    await view.clearPosted();
    await view.page.click('vscode-button[data-action="stop-all"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/cancel')), { type: 'compare/cancel', requestId: 'c7' });
  });

  it('shows metrics per column with a labelled cost, and marks the winner', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [
      column(0, { status: 'done', text: 'one', meta: meta({ cost: { kind: 'billed', microUsd: 2_100 } }) }),
      column(1, { status: 'done', text: 'two', meta: meta({ servedModel: 'openrouter:openai/gpt-4o-mini', servedModelName: 'GPT-4o mini', upstreamProvider: 'Azure', cost: { kind: 'estimated', microUsd: 300 } }) }),
      column(2, { status: 'stopped', text: 'thr', meta: meta({ cost: { kind: 'unknown' }, finishReason: undefined }) }),
    ] }) });
    const line1 = await view.text('.column[data-column="1"] .meta-line');
    assert.ok(!line1.includes('via Azure'), 'the header says who served it; the meta line does not repeat it');
    for (const part of ['first token 640 ms', 'total 5.2 s', '87.7 tok/s', 'finish: stop', '~$0.0003 est.']) assert.ok(line1.includes(part), `${line1} has ${part}`);
    assert.equal(await view.text('.column[data-column="0"] .meta-cost'), '$0.0021 billed');
    assert.equal(await view.text('.column[data-column="2"] .meta-cost'), 'cost unknown');
    assert.ok((await view.text('.column[data-column="1"] .column-served')).includes('Azure'));
    await view.page.click('.column[data-column="1"] vscode-button[data-action="column-winner"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/pickWinner')), { type: 'compare/pickWinner', column: 1 });
    assert.equal(await view.page.locator('.column-winner').count(), 0, 'the host decides the winner');
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [
      column(0, { status: 'done', text: 'one' }), column(1, { status: 'done', text: 'two', winner: true }), column(2, { status: 'stopped', text: 'thr' }),
    ] }) });
    assert.equal(await view.page.locator('.column-winner').count(), 1);
    assert.equal(await view.page.getAttribute('.column-winner', 'data-column'), '1');
    assert.ok((await view.text('.column[data-column="1"] .winner-badge')).includes('winner'));
  });

  it('column and header actions post copy, insert, continue in chat, pick models and export', async function () {
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [column(0, { status: 'done', text: 'Use **recursion**.' }), column(1, { status: 'done', text: 'Iterate.' })] }) });
    await view.page.click('.column[data-column="0"] [data-action="column-copy"]');
    assert.deepEqual(await view.waitForPosted(ofType('code/copy')), { type: 'code/copy', code: 'Use **recursion**.' });
    await view.page.click('.column[data-column="1"] [data-action="column-insert"]');
    assert.deepEqual(await view.waitForPosted(ofType('code/insert')), { type: 'code/insert', code: 'Iterate.' });
    await view.page.click('.column[data-column="1"] [data-action="column-continue"]');
    assert.deepEqual(await view.waitForPosted(ofType('compare/continueInChat')), { type: 'compare/continueInChat', column: 1 });
    await view.page.click('vscode-button[data-action="pick-models"]');
    await view.waitForPosted(ofType('compare/pickModels'));
    await view.page.click('vscode-button[data-action="export"]');
    await view.waitForPosted(ofType('compare/export'));
  });

  it('lays six columns side by side in a wide editor and stacks them in a narrow one', async function () {
    const six = compareState({ columns: [0, 1, 2, 3, 4, 5].map((index) => column(index, { status: 'done', text: `reply ${index}` })) });
    await view.send({ type: 'compare/snapshot', state: six });
    const rows = () => view.page.evaluate(() => new Set(Array.from(document.querySelectorAll('.column')).map((node) => Math.round(node.getBoundingClientRect().top))).size);
    assert.equal(await rows(), 1, 'one row of six at 1400 px');
    await view.page.setViewportSize({ width: 500, height: 800 });
    assert.equal(await rows(), 6, 'stacked at 500 px');
  });
});
