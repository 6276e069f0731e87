import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CostLedger, ledgerFileName } from '../../src/core/ledger/costLedger';
import { localDayRange, localMonthKey } from '../../src/core/ledger/calendar';
import { LEDGER_SCHEMA_VERSION } from '../../src/core/ledger/ledgerRecord';
import { formatUsd } from '../../src/shared/format';
import { buildUsageViewModel, type UsageViewState } from '../../src/shared/usage/viewModel';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';
import { ManualClock } from '../support/memoryPorts';
import type { WebviewPage } from './support/webviewPage';
import { ofType, useWebviewRig } from './support/webviewSuite';

const NOW = new Date(2026, 0, 28, 15).getTime();
const RECORDS = 10_000;
const HOSTILE_MODEL = 'openrouter:<img src=x onerror=pwn(1)><script>pwn(2)</script>';

/** a 10,000-record ledger over the 28 days up to NOW (written as its JSONL, as a month of requests would be) */
function tenThousandRecordLedger(): CostLedger {
  const { directory } = tempLedger();
  const start = localDayRange(NOW - 27 * 86_400_000).from;
  const lines: string[] = [];
  for (let index = 0; index < RECORDS; index++) {
    const model = index % 97 === 0 ? HOSTILE_MODEL : ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5', 'gemini:gemini-2.5-flash', 'ollama:qwen3'][index % 4];
    lines.push(JSON.stringify({ v: LEDGER_SCHEMA_VERSION, type: 'request', ...sampleRecord({
      time: start + Math.floor(((NOW - start) * index) / RECORDS), servedModel: model, workspace: index % 3 ? 'switchboard' : '<b>other</b>',
      conversationId: `conversation-${index % 40}`, cost: index % 25 === 0 ? { kind: 'unknown' } : { kind: index % 2 ? 'billed' : 'estimated', microUsd: 50 + (index % 500) },
    }) }));
  }
  fs.writeFileSync(path.join(directory.location, ledgerFileName(localMonthKey(NOW))), `${lines.join('\n')}\n`);
  return new CostLedger(directory, new ManualClock(NOW));
}

function stateOf(ledger: CostLedger, range: 7 | 30 | 90 = 30): UsageViewState {
  const spent = ledger.budgetSpent(NOW);
  return buildUsageViewModel({
    today: '2026-01-28', days: ledger.days({ from: localDayRange(NOW - 89 * 86_400_000).from, to: localDayRange(NOW).to }), range, stackBy: 'model',
    caps: { dailyUsd: 5, monthlyUsd: 20, workspaceMonthlyUsd: 0 }, workspace: 'switchboard', budgetTodayMicroUsd: spent.dayMicroUsd, budgetMonthMicroUsd: spent.monthMicroUsd,
    conversationTitles: Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`conversation-${index}`, `<img src=x onerror=pwn(${index})> title ${index}`])),
    account: { label: 'sk-or-v1-abc...xyz', remainingMicroUsd: 400_000, limitMicroUsd: 10_000_000, limitReset: 'monthly', usage: { daily: 120_000, weekly: 900_000, monthly: 4_000_000, total: 9_000_000 }, isFreeTier: false, fetchedAt: NOW, lowCredit: true },
    problems: ['ledger-2026-01.jsonl line 7: skipped a line it cannot read (not JSON)'],
  });
}

describe('usage webview (real Chromium)', function () {
  this.timeout(60_000);
  let view: WebviewPage;
  let ledger: CostLedger;

  const views = useWebviewRig();
  before(function () {
    ledger = tenThousandRecordLedger();
  });
  after(function () {
    removeTempLedgers();
  });
  beforeEach(async function () {
    view = await views.open('usage', { width: 1200, height: 900 });
  });

  it('renders a 10,000-record ledger: the bar chart, the totals and every breakdown table', async function () {
    const state = stateOf(ledger);
    assert.equal(state.totals.requests, RECORDS, 'every record is in the 30 days');
    await view.send({ type: 'usage/snapshot', state });
    assert.equal(await view.page.locator('.chart canvas').count(), 1, 'uPlot drew one canvas');
    const legend = await view.page.locator('.chart .u-legend .u-label').allTextContents();
    assert.deepEqual(legend.slice(1), state.chart.series.map((series) => series.label), 'one legend entry per model, the markup shown as text');
    assert.ok(legend.includes(HOSTILE_MODEL));
    const tableRows = (caption: string) => view.page.locator(`table:has(caption:text-is("${caption}")) tbody tr`).count();
    assert.equal(await tableRows('By model'), 5);
    assert.equal(await tableRows('By provider'), 4);
    assert.equal(await tableRows('By workspace'), 2);
    assert.equal(await tableRows('Most expensive conversations'), 10);
    assert.equal(await view.text('.total[data-kind="known"] .total-value'), formatUsd(state.totals.knownMicroUsd));
    assert.equal(await view.text('.total[data-kind="unknown"] .total-value'), `${RECORDS / 25} requests`);
    assert.equal(await view.text('.gauge[data-cap="workspaceMonthlyUsd"] .gauge-status'), 'no cap');
    assert.match(await view.text('.gauge[data-cap="monthlyUsd"] .gauge-status'), /of \$20\.00 \(\d+%\)/);
    assert.match(await view.text('.low-credit'), /Low credit: \$0\.40 left/);
    assert.equal(await view.text('.problems li'), 'ledger-2026-01.jsonl line 7: skipped a line it cannot read (not JSON)');
    assert.equal(await view.page.locator('img').count(), 0, 'no element made from data');
  });

  it('shows the chart as a table for screen readers: a row per day, a column per series', async function () {
    const state = stateOf(ledger, 7);
    await view.send({ type: 'usage/snapshot', state });
    await view.page.click('[data-action="table-view"]');
    assert.equal(await view.page.locator('.chart').isHidden(), true);
    assert.equal(await view.page.locator('.chart-table tbody tr').count(), 7);
    assert.equal(await view.page.locator('.chart-table thead th').count(), state.chart.series.length + 2);
    const lastDay = await view.page.locator('.chart-table tbody tr').last().locator('td').last().textContent();
    const total = state.chart.series.reduce((sum, series) => sum + series.microUsd[6], 0);
    assert.equal(lastDay, formatUsd(total));
  });

  it('posts the range, a conversation to open, a cap to save and an export range', async function () {
    const state = stateOf(ledger);
    const top = state.conversations[0].conversationId;
    await view.send({ type: 'usage/snapshot', state });
    await view.page.click('[data-range="90"]');
    assert.deepEqual(await view.waitForPosted(ofType('usage/view')), { type: 'usage/view', range: 90, stackBy: 'model' });
    await view.page.click('[data-stack="provider"]');
    await view.waitForPosted((message) => message.type === 'usage/view' && message.stackBy === 'provider');
    await view.page.locator(`[data-conversation="${top}"]`).click();
    assert.deepEqual(await view.waitForPosted(ofType('usage/openConversation')), { type: 'usage/openConversation', conversationId: top });
    assert.equal(await view.text(`[data-conversation="${top}"]`), `<img src=x onerror=pwn(${top.split('-')[1]})> title ${top.split('-')[1]}`);
    await view.page.fill('#cap-dailyUsd', '7.5');
    await view.page.click('.save-cap[data-cap="dailyUsd"]');
    assert.deepEqual(await view.waitForPosted(ofType('usage/setCap')), { type: 'usage/setCap', cap: 'dailyUsd', usd: 7.5 });
    await view.page.click('[data-export="csv"]');
    assert.deepEqual(await view.waitForPosted(ofType('usage/export')), { type: 'usage/export', format: 'csv', from: '2025-12-30', to: '2026-01-28' });
    await view.page.click('[data-action="refresh-account"]');
    await view.waitForPosted(ofType('usage/refresh'));
    await view.send({ type: 'usage/exported', ok: false, message: 'Could not write /tmp/x.csv: EACCES' });
    assert.equal(await view.text('.export-status'), 'Could not write /tmp/x.csv: EACCES');
  });

  it('takes its colours from the theme and redraws when the theme changes', async function () {
    await view.send({ type: 'usage/snapshot', state: stateOf(ledger, 7) });
    const swatch = () => view.page.evaluate(() => getComputedStyle(document.querySelectorAll('.chart .u-legend .u-marker')[1]).backgroundColor);
    assert.equal(await swatch(), 'rgb(55, 148, 255)', 'the fallback blue without --vscode-charts-blue');
    await view.page.evaluate(() => document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(1, 2, 3)'));
    await view.page.waitForFunction(() => getComputedStyle(document.querySelectorAll('.chart .u-legend .u-marker')[1]).backgroundColor === 'rgb(1, 2, 3)');
  });
});
