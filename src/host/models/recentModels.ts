/** The last few models the person used, most recent first, kept in globalState. No vscode import. */
import type { KeyValueStore } from '../../core/index';

const KEY = 'switchboard.recentModels';
const LIMIT = 8;

export class RecentModels {
  constructor(private readonly store: KeyValueStore) {}

  list(): string[] {
    const value = this.store.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(0, LIMIT) : [];
  }

  async use(model: string): Promise<void> {
    const list = this.list();
    if (list[0] === model) return;
    await this.store.set(KEY, [model, ...list.filter((id) => id !== model)].slice(0, LIMIT));
  }
}
