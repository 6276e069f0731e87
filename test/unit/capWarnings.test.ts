import assert from 'node:assert/strict';
import { CAP_WARNINGS_KEY, CapWarner, capWarningsDue, type CapUse } from '../../src/host/spend/capWarnings';
import { MemoryStore } from '../support/memoryPorts';

const use = (cap: CapUse['cap'], usedMicroUsd: number, capMicroUsd: number | undefined, period = '2026-01-20', workspace?: string): CapUse => ({ cap, period, usedMicroUsd, capMicroUsd, workspace });

describe('cap warnings', () => {
  it('warns at 80% and at 100% of each cap, the highest threshold crossed only', () => {
    const { due } = capWarningsDue([use('dailyUsd', 790_000, 1_000_000), use('monthlyUsd', 8_000_000, 10_000_000, '2026-01'), use('workspaceMonthlyUsd', 3_000_000, 2_000_000, '2026-01', 'switchboard'), use('dailyUsd', 5, undefined)], new Set());
    assert.deepEqual(due.map((warning) => [warning.id, warning.percent]), [['monthlyUsd:2026-01:80', 80], ['workspaceMonthlyUsd:2026-01:switchboard:100', 100]]);
    assert.match(due[0].message, /80% of the monthly cap of \$10\.00 is used/);
    assert.match(due[1].message, /monthly per-workspace cap of \$2\.00 in switchboard is reached/);
  });

  it('shows each warning once per period, remembered in the store, and again in a new period', () => {
    const store = new MemoryStore();
    const shown: string[] = [];
    const warner = new CapWarner(store, (warning) => shown.push(warning.id));
    warner.check([use('dailyUsd', 850_000, 1_000_000)]);
    warner.check([use('dailyUsd', 900_000, 1_000_000)]);
    warner.check([use('dailyUsd', 1_000_000, 1_000_000)]);
    warner.check([use('dailyUsd', 1_200_000, 1_000_000)]);
    new CapWarner(store, (warning) => shown.push(warning.id)).check([use('dailyUsd', 1_300_000, 1_000_000)]);
    warner.check([use('dailyUsd', 900_000, 1_000_000, '2026-01-21')]);
    assert.deepEqual(shown, ['dailyUsd:2026-01-20:80', 'dailyUsd:2026-01-20:100', 'dailyUsd:2026-01-21:80']);
    assert.deepEqual(store.get(CAP_WARNINGS_KEY), ['dailyUsd:2026-01-21:80'], "only the current period's ids are kept");
  });
});
