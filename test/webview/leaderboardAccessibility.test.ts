// The model leaderboard without a mouse and through a screen reader (issue 13): named controls, every one reached by
// Tab, the filters changed from the keyboard and Export CSV pressed with Enter or Space.
import assert from 'node:assert/strict';
import type { LeaderboardViewState } from '../../src/shared/leaderboard/viewModel';
import { assertNamedAndReachable, hoverOnlyRules, invisibleAtRest, keyDoesWhatClickDoes, postedBy, sameNamesInItalian, tabTo } from './support/accessibility';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';

const STATE: LeaderboardViewState = {
  period: '30d', tags: [{ tag: 'refactor', runs: 3 }, { tag: 'explain', runs: 1 }], runs: 4, blindDecidedRuns: 3,
  rows: [
    { model: 'openrouter:openai/gpt-4o', modelName: 'GPT-4o', runs: 4, blindRuns: 3, blindWins: 2, winRate: 2 / 3, winRateInterval: { low: 0.2077, high: 0.9385 },
      rating: 1063.6, medianTtftMs: 250, medianTokensPerSecond: 50, costPerRunMicroUsd: 1000, pricedRuns: 4, costPerWinMicroUsd: 1500 },
    { model: 'anthropic:claude-haiku-4-5', modelName: 'Claude Haiku 4.5', runs: 3, blindRuns: 3, blindWins: 1, winRate: 1 / 3, rating: 936.4, pricedRuns: 3, costPerRunMicroUsd: 800 },
  ],
};

describe('leaderboard webview with the keyboard and a screen reader (real Chromium)', function () {
  let view: WebviewPage;

  const views = useWebviewRig();
  beforeEach(async function () {
    view = await views.open('leaderboard', { width: 1200, height: 700 });
    await view.send({ type: 'leaderboard/snapshot', state: STATE });
  });

  it('names every control and reaches each with Tab, announced by role and name', async function () {
    const walk = await assertNamedAndReachable(view.page);
    assert.deepEqual(walk.stops.map((stop) => stop.announced), ['combobox: Period', 'combobox: Tag', 'button: Export CSV']);
  });

  it('names the controls in Italian on an Italian page', async function () {
    const untranslated = await sameNamesInItalian(async (language) => {
      const page = await views.open('leaderboard', { width: 1200, height: 700 }, language);
      await page.send({ type: 'leaderboard/snapshot', state: STATE });
      return page;
    });
    assert.deepEqual(untranslated, ['option: refactor (3)', 'option: explain (1)'], 'only the tags (data)');
  });

  it('changes the period and the tag with the arrow keys, and exports with Enter or Space', async function () {
    const period = await postedBy(view, async () => {
      await tabTo(view.page, '.period-filter');
      await view.page.keyboard.press('ArrowDown');
    });
    assert.deepEqual(period, [{ type: 'leaderboard/filter', period: '90d' }]);
    const tag = await postedBy(view, async () => {
      await tabTo(view.page, '.tag-filter');
      await view.page.keyboard.press('ArrowDown');
    });
    assert.deepEqual(tag, [{ type: 'leaderboard/filter', period: '90d', tag: 'refactor' }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-action="export-csv"]', 'Enter'), [{ type: 'leaderboard/exportCsv' }]);
    await keyDoesWhatClickDoes(view, '[data-action="export-csv"]', ' ');
  });

  it('announces the summary and a problem reading the runs, and gives the table column headers', async function () {
    assert.equal(await view.page.getAttribute('.leaderboard-summary', 'aria-live'), 'polite');
    assert.equal(await view.page.getAttribute('.leaderboard-problem', 'role'), 'alert');
    assert.equal(await view.page.locator('.leaderboard-table thead th[scope="col"]').count(), 9);
    assert.equal(await view.page.locator('.leaderboard-table tbody th[scope="row"]').count(), 2);
  });

  it('shows no action on hover only', async function () {
    await view.page.mouse.move(0, 0);
    assert.deepEqual(await hoverOnlyRules(view.page), [], 'rules that show something on :hover without :focus-within');
    assert.deepEqual(await invisibleAtRest(view.page), [], 'controls laid out but invisible until hovered');
  });
});
