import assert from 'node:assert/strict';
import { CostLedger } from '../../src/core/ledger/costLedger';
import { localDayRange } from '../../src/core/ledger/calendar';
import { totalsOf } from '../../src/core/ledger/ledgerTotals';
import { MAX_SERIES, buildUsageViewModel, lastDays, type UsageInput } from '../../src/shared/usage/viewModel';
import { ManualClock } from '../support/memoryPorts';
import { removeTempLedgers, sampleRecord, tempLedger } from '../support/ledgerTemp';

const NOW = new Date(2026, 0, 20, 12).getTime();
const day = (date: number, hour = 10): number => new Date(2026, 0, date, hour).getTime();

function input(ledger: CostLedger, overrides: Partial<UsageInput> = {}): UsageInput {
  const range = { from: localDayRange(NOW - 89 * 86_400_000).from, to: localDayRange(NOW).to };
  return {
    today: '2026-01-20', days: ledger.days(range), range: 7, stackBy: 'provider', caps: {}, workspace: 'a',
    budgetTodayMicroUsd: ledger.budgetSpent(NOW).dayMicroUsd, budgetMonthMicroUsd: ledger.budgetSpent(NOW).monthMicroUsd,
    conversationTitles: { c1: 'Refactor <b>parser</b>' }, problems: [], ...overrides,
  };
}

describe('usage view model', () => {
  afterEach(removeTempLedgers);

  it('lists every day of the range, stacks spend by provider or model, and sums the breakdowns from the ledger', () => {
    const { directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(NOW));
    ledger.append(sampleRecord({ time: day(20), cost: { kind: 'billed', microUsd: 100 }, workspace: 'a', conversationId: 'c1' }));
    ledger.append(sampleRecord({ time: day(19), servedModel: 'anthropic:claude-haiku-4-5', cost: { kind: 'estimated', microUsd: 40 }, workspace: 'b', conversationId: 'c2' }));
    ledger.append(sampleRecord({ time: day(18), cost: { kind: 'unknown' }, reservedMicroUsd: 900, workspace: 'a', conversationId: 'c1' }));
    ledger.append(sampleRecord({ time: day(5), cost: { kind: 'billed', microUsd: 1_000 }, workspace: 'a' }));

    const week = buildUsageViewModel(input(ledger));
    assert.deepEqual(week.chart.days, lastDays('2026-01-20', 7));
    assert.equal(week.chart.days[0], '2026-01-14');
    assert.deepEqual(week.chart.series.map((series) => [series.label, series.microUsd.slice(-3)]), [['openrouter', [0, 0, 100]], ['anthropic', [0, 40, 0]]]);
    assert.deepEqual(week.totals, totalsOf(ledger.records({ from: day(14, 0), to: day(21, 0) })).total);
    assert.equal(week.totals.unknownCount, 1, 'unknown counted apart, not as $0');
    assert.deepEqual(week.byWorkspace.map((row) => [row.label, row.knownMicroUsd]), [['a', 100], ['b', 40]]);
    assert.deepEqual(week.conversations.map((row) => [row.conversationId, row.label]), [['c1', 'Refactor <b>parser</b>'], ['c2', 'conversation c2']]);

    const month = buildUsageViewModel(input(ledger, { range: 30, stackBy: 'model', caps: { dailyUsd: 0.0001, monthlyUsd: 1, workspaceMonthlyUsd: 0.001 } }));
    assert.equal(month.chart.days.length, 30);
    assert.deepEqual(month.chart.series.map((series) => series.label), ['openrouter:openai/gpt-4o', 'anthropic:claude-haiku-4-5']);
    assert.equal(month.totals.knownMicroUsd, 1_140);
    assert.deepEqual(month.caps.map((gauge) => [gauge.cap, gauge.spentMicroUsd, gauge.fraction]), [
      ['perRequestUsd', undefined, undefined],
      ['dailyUsd', 100, 1],
      ['monthlyUsd', 2_040, 0.00204],
      ['workspaceMonthlyUsd', 1_100, 1.1],
    ]);
  });

  it('names model rows by the catalog (the id where it has no name) and labels its own rows in the language given', () => {
    const { directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(NOW));
    ledger.append(sampleRecord({ time: day(20), cost: { kind: 'billed', microUsd: 100 }, workspace: '' }));
    ledger.append(sampleRecord({ time: day(20), servedModel: 'ollama:qwen3', cost: { kind: 'billed', microUsd: 50 }, workspace: '' }));
    const upper = { t: (message: string, ...args: Array<string | number>) => `${message.toUpperCase()}${args.length ? ` ${args.join(' ')}` : ''}` };
    const state = buildUsageViewModel(input(ledger, { modelNames: { 'openrouter:openai/gpt-4o': 'OpenAI: GPT-4o' }, l10n: upper }));
    assert.deepEqual(state.byModel.map((row) => [row.key, row.label]), [['openrouter:openai/gpt-4o', 'OpenAI: GPT-4o'], ['ollama:qwen3', 'ollama:qwen3']]);
    assert.deepEqual(state.byWorkspace.map((row) => row.label), ['NO WORKSPACE']);
  });

  it('sums series beyond the first few as "other" and passes the OpenRouter account through', () => {
    const { directory } = tempLedger();
    const ledger = new CostLedger(directory, new ManualClock(NOW));
    for (let index = 0; index < MAX_SERIES + 3; index++) ledger.append(sampleRecord({ time: day(20), servedModel: `openrouter:vendor/model-${index}`, cost: { kind: 'billed', microUsd: 100 + index } }));
    const account = { label: 'sk-or-v1-abc...xyz', remainingMicroUsd: 900_000, limitMicroUsd: 5_000_000, usage: { daily: 1, weekly: 2, monthly: 3, total: 4 }, isFreeTier: false, fetchedAt: NOW, lowCredit: true };
    const state = buildUsageViewModel(input(ledger, { stackBy: 'model', account }));
    assert.equal(state.chart.series.length, MAX_SERIES + 1);
    assert.equal(state.chart.series.at(-1)?.label, 'other');
    assert.equal(state.chart.series.at(-1)?.microUsd.at(-1), 100 + 101 + 102);
    assert.deepEqual(state.account, account);
  });
});
