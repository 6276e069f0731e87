import assert from 'node:assert/strict';
import type { LeaderboardViewState } from '../../src/shared/leaderboard/viewModel';
import type { WebviewPage } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';
import { column, compareState, meta } from './support/viewStates';

describe('arena in the webviews (real Chromium): blind columns, highlights, failed columns, the leaderboard', function () {
  let view: WebviewPage;

  const views = useWebviewRig();

  it('shows a hidden blind column by its letter, without cost or Continue in chat, and offers Reveal', async function () {
    view = await views.open('compare', { width: 1400, height: 800 });
    const hiddenMeta = { ...meta(), servedModel: 'A', servedModelName: undefined, upstreamProvider: undefined, cost: { kind: 'unknown' as const } };
    await view.send({ type: 'compare/snapshot', state: compareState({ blindMode: true, namesHidden: true, columns: [
      column(0, { status: 'done', model: 'A', modelName: 'Model A', label: 'A', hidden: true, text: 'one', meta: hiddenMeta, highlights: ['fastestTotal'] }),
      column(1, { status: 'done', model: 'B', modelName: 'Model B', label: 'B', hidden: true, text: 'two', meta: { ...hiddenMeta, servedModel: 'B' } }),
    ] }) });
    assert.equal(await view.text('.column[data-column="0"] .column-title'), 'Model A');
    assert.equal(await view.page.locator('.column[data-hidden="true"]').count(), 2);
    assert.equal(await view.page.locator('.meta-cost').count(), 0, 'no cost, not even "cost unknown", while blind');
    assert.equal(await view.page.locator('[data-action="column-continue"]').count(), 0);
    assert.equal(await view.page.locator('.column[data-column="0"] .highlight-badge[data-highlight="fastestTotal"]').innerText(), 'fastest total');
    assert.equal(await view.page.locator('[data-action="blind"]').getAttribute('aria-pressed'), 'true');
    await view.page.locator('[data-action="reveal"]').click();
    await view.waitForPosted(ofType('compare/reveal'));
    await view.page.locator('[data-action="blind"]').click();
    const toggled = await view.waitForPosted(ofType('compare/setBlind'));
    assert.equal(toggled.type === 'compare/setBlind' && toggled.blind, false, 'pressing the pressed toggle turns blind off');
  });

  it('keeps the letter next to the revealed name, and runs a column again or diffs it', async function () {
    view = await views.open('compare', { width: 1400, height: 800 });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [
      column(0, { status: 'done', label: 'A', text: 'one', meta: meta(), highlights: ['cheapest', 'longest'] }),
      column(1, { status: 'done', label: 'B', text: 'two', meta: meta(), winner: true }),
    ] }) });
    assert.match(await view.text('.column[data-column="0"] .column-title'), /^A · /);
    assert.deepEqual(await view.page.locator('.column[data-column="0"] .highlight-badge').allInnerTexts(), ['cheapest', 'longest answer']);
    await view.page.locator('.column[data-column="1"] [data-action="column-rerun"]').click();
    const rerun = await view.waitForPosted(ofType('compare/rerun'));
    assert.equal(rerun.type === 'compare/rerun' && rerun.column, 1);
    await view.page.locator('.column[data-column="0"] [data-action="column-diff"]').click();
    const diff = await view.waitForPosted(ofType('compare/diff'));
    assert.equal(diff.type === 'compare/diff' && diff.column, 0);
    await view.page.fill('.tags-input', 'Refactor, explain');
    await view.page.press('.tags-input', 'Enter');
    const tags = await view.waitForPosted(ofType('compare/setTags'));
    assert.deepEqual(tags.type === 'compare/setTags' && tags.tags, ['Refactor', 'explain']);
  });

  it('offers a failed column only Retry and Pick another model: no Copy, Insert, Diff or Pick as winner', async function () {
    view = await views.open('compare', { width: 1400, height: 800 });
    await view.send({ type: 'compare/snapshot', state: compareState({ columns: [
      column(0, { status: 'done', text: 'fine', meta: meta() }),
      column(1, { status: 'failed', error: { code: 'authentication', provider: 'openrouter', message: 'OpenRouter rejected the key.', actions: ['retry', 'pick-model', 'set-key'] } }),
    ] }) });
    const failed = view.page.locator('.column[data-column="1"]');
    assert.equal(await failed.locator('.column-actions').count(), 0);
    for (const action of ['column-copy', 'column-insert', 'column-winner', 'column-diff', 'column-continue']) {
      assert.equal(await failed.locator(`[data-action="${action}"]`).count(), 0, `a failed column has no ${action}`);
    }
    assert.deepEqual(await failed.locator('.error-actions vscode-button').allInnerTexts(), ['Retry', 'Pick another model', 'Set API key']);
    await failed.locator('[data-action="error-pick-model"]').click();
    const picked = await view.waitForPosted(ofType('error/action'));
    assert.deepEqual(picked, { type: 'error/action', action: 'pick-model', column: 1, provider: 'openrouter' });
    assert.equal(await view.page.locator('.column[data-column="0"] [data-action="column-winner"]').count(), 1, 'a finished column can still win');
  });

  it('renders the leaderboard table with unknown figures as dashes, and posts the filters and Export CSV', async function () {
    view = await views.open('leaderboard', { width: 1200, height: 700 });
    const state: LeaderboardViewState = {
      period: '30d', tags: [{ tag: 'refactor', runs: 3 }, { tag: 'explain', runs: 1 }], runs: 4, blindDecidedRuns: 3,
      rows: [
        { model: 'openrouter:openai/gpt-4o', modelName: 'GPT-4o', runs: 4, blindRuns: 3, blindWins: 2, winRate: 2 / 3, winRateInterval: { low: 0.2077, high: 0.9385 },
          rating: 1063.6, medianTtftMs: 250, medianTokensPerSecond: 50, costPerRunMicroUsd: 1000, pricedRuns: 4, costPerWinMicroUsd: 1500 },
        { model: 'ollama:qwen3', modelName: 'qwen3 <b>bold</b>', runs: 2, blindRuns: 0, blindWins: 0, pricedRuns: 0 },
      ],
    };
    await view.send({ type: 'leaderboard/snapshot', state });
    const cells = (model: string) => view.page.locator(`.leaderboard-table tbody tr[data-model="${model}"] > *`).allInnerTexts();
    assert.deepEqual(await cells('openrouter:openai/gpt-4o'), ['GPT-4o', '1064', '2 / 3', '67% (21–94%)', '4', '250 ms', '50.0', '$0.0010', '$0.0015']);
    assert.deepEqual(await cells('ollama:qwen3'), ['qwen3 <b>bold</b>', '–', '0 / 0', '–', '2', '–', '–', '–', '–'], 'a name is text, never HTML; unknown is a dash, never 0');
    assert.equal(await view.text('.leaderboard-summary'), '4 runs, 3 decided blind');
    assert.equal(await view.page.locator('.period-filter').inputValue(), '30d');
    await view.page.selectOption('.tag-filter', 'refactor');
    const filter = await view.waitForPosted(ofType('leaderboard/filter'));
    assert.deepEqual(filter, { type: 'leaderboard/filter', period: '30d', tag: 'refactor' });
    await view.page.locator('[data-action="export-csv"]').click();
    await view.waitForPosted(ofType('leaderboard/exportCsv'));
    await view.send({ type: 'leaderboard/snapshot', state: { ...state, rows: [], runs: 0, blindDecidedRuns: 0 } });
    assert.equal(await view.page.locator('.empty-state').isVisible(), true, 'no rows: the page says how to get some');
  });
});
