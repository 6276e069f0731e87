// The usage dashboard without a mouse and through a screen reader (issue 13): named controls, every one reached by
// Tab, Enter or Space doing what a click does, the focus kept on the pressed control when the host answers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CostLedger, ledgerFileName } from '../../src/core/ledger/costLedger';
import { localDayRange, localMonthKey } from '../../src/core/ledger/calendar';
import { LEDGER_SCHEMA_VERSION } from '../../src/core/ledger/ledgerRecord';
import { buildUsageViewModel, type UsageRangeDays, type UsageStackBy, type UsageViewState } from '../../src/shared/usage/viewModel';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';
import { ManualClock } from '../support/memoryPorts';
import { assertNamedAndReachable, focused, hoverOnlyRules, invisibleAtRest, keyDoesWhatClickDoes, postedBy, sameNamesInItalian, tabTo } from './support/accessibility';
import type { WebviewPage } from './support/webviewPage';
import { useWebviewRig } from './support/webviewSuite';

const NOW = new Date(2026, 0, 28, 15).getTime();

/** two weeks of requests over three models, two workspaces and four conversations */
function ledgerWithData(): CostLedger {
  const { directory } = tempLedger();
  const start = localDayRange(NOW - 13 * 86_400_000).from;
  const lines = Array.from({ length: 120 }, (_, index) => JSON.stringify({ v: LEDGER_SCHEMA_VERSION, type: 'request', ...sampleRecord({
    time: start + Math.floor(((NOW - start) * index) / 120), servedModel: ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5', 'ollama:qwen3'][index % 3],
    workspace: index % 2 ? 'switchboard' : 'other', conversationId: `conversation-${index % 4}`,
    cost: index % 20 === 0 ? { kind: 'unknown' } : { kind: index % 2 ? 'billed' : 'estimated', microUsd: 100 + index },
  }) }));
  fs.writeFileSync(path.join(directory.location, ledgerFileName(localMonthKey(NOW))), `${lines.join('\n')}\n`);
  return new CostLedger(directory, new ManualClock(NOW));
}

function stateOf(ledger: CostLedger, range: UsageRangeDays = 30, stackBy: UsageStackBy = 'model'): UsageViewState {
  const spent = ledger.budgetSpent(NOW);
  return buildUsageViewModel({
    today: '2026-01-28', days: ledger.days({ from: localDayRange(NOW - 89 * 86_400_000).from, to: localDayRange(NOW).to }), range, stackBy,
    caps: { perRequestUsd: 0.5, dailyUsd: 5, monthlyUsd: 20 }, workspace: 'switchboard', budgetTodayMicroUsd: spent.dayMicroUsd, budgetMonthMicroUsd: spent.monthMicroUsd,
    conversationTitles: { 'conversation-0': 'Regexes', 'conversation-1': 'Binary search', 'conversation-2': 'Linked lists', 'conversation-3': 'Monads' },
    account: { label: 'sk-or-v1-abc...xyz', remainingMicroUsd: 400_000, limitMicroUsd: 10_000_000, usage: { daily: 1, weekly: 2, monthly: 3, total: 4 }, isFreeTier: false, fetchedAt: NOW, lowCredit: true },
    problems: [],
  });
}

describe('usage webview with the keyboard and a screen reader (real Chromium)', function () {
  let view: WebviewPage;
  let ledger: CostLedger;

  const views = useWebviewRig();
  before(function () {
    ledger = ledgerWithData();
  });
  after(function () {
    removeTempLedgers();
  });
  beforeEach(async function () {
    view = await views.open('usage', { width: 1200, height: 900 });
    await view.send({ type: 'usage/snapshot', state: stateOf(ledger) });
  });

  it('names every control and reaches each with Tab, announced by role and name, in the chart and the table view', async function () {
    for (const tableView of [false, true]) {
      if (tableView) await view.page.click('[data-action="table-view"]');
      await assertNamedAndReachable(view.page, tableView ? 'table view' : 'chart view');
    }
  });

  it('names the controls in Italian on an Italian page', async function () {
    const untranslated = await sameNamesInItalian(async (language) => {
      const page = await views.open('usage', { width: 1200, height: 900 }, language);
      await page.send({ type: 'usage/snapshot', state: stateOf(ledger) });
      return page;
    });
    // the same in both: the conversation titles (data) and Chromium's own parts of the two date fields (in the browser's language)
    const dateParts = ['button: Show date picker Show date picker', 'spinbutton: Month Month', 'spinbutton: Day Day', 'spinbutton: Year Year'];
    assert.deepEqual(untranslated.filter((name) => !dateParts.includes(name)), ['button: Monads', 'button: Linked lists', 'button: Binary search', 'button: Regexes']);
  });

  it('filters the period and the stacking, opens a conversation, refreshes and exports with Enter or Space', async function () {
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-range="7"]', 'Enter'), [{ type: 'usage/view', range: 7, stackBy: 'model' }]);
    await keyDoesWhatClickDoes(view, '[data-range="90"]', ' ');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-stack="provider"]', 'Enter'), [{ type: 'usage/view', range: 30, stackBy: 'provider' }]);
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-conversation="conversation-1"]', ' '), [{ type: 'usage/openConversation', conversationId: 'conversation-1' }]);
    await keyDoesWhatClickDoes(view, '[data-action="refresh-account"]', 'Enter');
    assert.deepEqual(await keyDoesWhatClickDoes(view, '[data-export="csv"]', 'Enter'), [{ type: 'usage/export', format: 'csv', from: '2025-12-30', to: '2026-01-28' }]);
    await keyDoesWhatClickDoes(view, '[data-export="json"]', ' ');
    const cap = await postedBy(view, async () => {
      await tabTo(view.page, '#cap-dailyUsd');
      await view.page.keyboard.press('Control+A');
      await view.page.keyboard.type('7.5');
      await view.page.keyboard.press('Tab');
      await view.page.keyboard.press('Enter');
    });
    assert.deepEqual(cap, [{ type: 'usage/setCap', cap: 'dailyUsd', usd: 7.5 }], 'Tab from a cap reaches its Save');
  });

  it('says which period is chosen, and keeps the focus on it when the host answers', async function () {
    assert.equal(await view.page.getAttribute('[data-range="30"]', 'aria-pressed'), 'true');
    assert.equal(await view.page.getAttribute('[data-range="7"]', 'aria-pressed'), 'false');
    await tabTo(view.page, '[data-range="7"]');
    await view.page.keyboard.press('Enter');
    await view.send({ type: 'usage/snapshot', state: stateOf(ledger, 7) });
    assert.equal(await view.page.getAttribute('[data-range="7"]', 'aria-pressed'), 'true');
    assert.equal(await focused(view.page), '<button class="toggle">', 'the focus stays on the period pressed');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-range')), '7');
    await tabTo(view.page, '[data-action="table-view"]');
    await view.page.keyboard.press(' ');
    assert.equal(await view.page.getAttribute('[data-action="table-view"]', 'aria-pressed'), 'true', 'Show as table says it is on');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'table-view', 'and keeps the focus');
  });

  it('announces export results and problems, and labels the chart for a screen reader', async function () {
    assert.equal(await view.page.getAttribute('.export-status', 'role'), 'status');
    assert.equal(await view.page.getAttribute('.low-credit', 'role'), 'alert');
    assert.equal(await view.page.getAttribute('.chart', 'role'), 'img');
    assert.match(await view.page.getAttribute('.chart', 'aria-label') ?? '', /^Bar chart of spend per day by model, last 30 days/);
  });

  it('shows no action on hover only', async function () {
    await view.page.mouse.move(0, 0);
    assert.deepEqual(await hoverOnlyRules(view.page), [], 'rules that show something on :hover without :focus-within');
    assert.deepEqual(await invisibleAtRest(view.page), [], 'controls laid out but invisible until hovered');
  });
});
