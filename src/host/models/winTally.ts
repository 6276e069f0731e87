/**
 * How often each model won a side-by-side comparison, kept in globalState. The compare feature records
 * results; the model picker shows "won 7 of 9 comparisons". No vscode import (a KeyValueStore is enough).
 */
import type { KeyValueStore } from '../../core/index';

const KEY = 'switchboard.winTally';

export interface WinRecord {
  /** comparisons this model took part in and that had a winner */
  comparisons: number;
  wins: number;
}

export class WinTally {
  constructor(private readonly store: KeyValueStore) {}

  private all(): Record<string, WinRecord> {
    return this.store.get<Record<string, WinRecord>>(KEY) ?? {};
  }

  get(model: string): WinRecord | undefined {
    return this.all()[model];
  }

  /** one comparison between `models` that `winner` won */
  async record(models: readonly string[], winner: string): Promise<void> {
    const tally = { ...this.all() };
    for (const model of new Set(models)) {
      const previous = tally[model] ?? { comparisons: 0, wins: 0 };
      tally[model] = { comparisons: previous.comparisons + 1, wins: previous.wins + (model === winner ? 1 : 0) };
    }
    await this.store.set(KEY, tally);
  }

  /** models that won at least one comparison, most wins first */
  winners(): string[] {
    return Object.entries(this.all()).filter(([, record]) => record.wins > 0).sort((a, b) => b[1].wins - a[1].wins).map(([model]) => model);
  }

  /** "won 7 of 9 comparisons"; undefined when never compared */
  label(model: string): string | undefined {
    const record = this.get(model);
    if (!record || record.comparisons === 0) return undefined;
    return `won ${record.wins} of ${record.comparisons} comparison${record.comparisons === 1 ? '' : 's'}`;
  }
}
