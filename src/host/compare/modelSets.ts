/**
 * Sets of models compared before, kept in globalState: the last few sets used (most recent first) and the sets
 * the person saved under a name. No vscode import.
 */
import type { KeyValueStore } from '../../core/index';

const KEY = 'switchboard.compareSets';
/** unnamed sets kept (named ones are kept until replaced) */
const RECENT_LIMIT = 5;

export interface ModelSet {
  /** namespaced model ids, in column order */
  models: string[];
  /** the name it was saved under; undefined = a recently used set */
  name?: string;
  /** epoch ms */
  usedAt: number;
}

function sameModels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((model, index) => model === b[index]);
}

function isModelSet(value: unknown): value is ModelSet {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.models) && record.models.every((model) => typeof model === 'string')
    && (record.name === undefined || typeof record.name === 'string') && typeof record.usedAt === 'number';
}

export class ModelSets {
  constructor(private readonly store: KeyValueStore) {}

  /** most recently used first; a named set and a recent set with the same models appear once (the named one) */
  list(): ModelSet[] {
    const value = this.store.get<unknown>(KEY);
    const sets = Array.isArray(value) ? value.filter(isModelSet) : [];
    return [...sets].sort((a, b) => b.usedAt - a.usedAt);
  }

  /** Remembers that `models` were compared (moves a known set to the top, keeps the last few unnamed ones). */
  async use(models: readonly string[], now = Date.now()): Promise<void> {
    const sets = this.list();
    const known = sets.find((set) => sameModels(set.models, models));
    const next = known
      ? sets.map((set) => (set === known ? { ...set, usedAt: now } : set))
      : [{ models: [...models], usedAt: now }, ...sets];
    await this.save(next);
  }

  /** Saves `models` under `name` (a set with that name, or with the same models, is replaced). */
  async saveNamed(name: string, models: readonly string[], now = Date.now()): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A model set needs a name.');
    const rest = this.list().filter((set) => set.name !== trimmed && !sameModels(set.models, models));
    await this.save([{ name: trimmed, models: [...models], usedAt: now }, ...rest]);
  }

  private async save(sets: ModelSet[]): Promise<void> {
    const sorted = [...sets].sort((a, b) => b.usedAt - a.usedAt);
    let recent = 0;
    const kept = sorted.filter((set) => set.name !== undefined || ++recent <= RECENT_LIMIT);
    await this.store.set(KEY, kept);
  }
}
