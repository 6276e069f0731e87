/**
 * The arena's runs in one JSON file (`arena.json`, next to the conversations folder), with a schema version, written
 * atomically (a temp file, then a rename over the old one) so a crash never leaves half a file. Writes are queued so
 * two changes never interleave. The folder is reached through a small port (ArenaFiles): the host backs it with
 * `vscode.workspace.fs`, the tests with real temp files.
 *
 * Bad input loses nothing: a run this build cannot read is kept as it was and written back untouched (it is only left
 * out of the statistics); a file that is not JSON is moved aside (`arena.json.unreadable-<time>`) before a new one is
 * started; a file from a newer Switchboard is never overwritten. Fields this build does not know are kept (loose schemas).
 */
import * as v from 'valibot';
import type { ArenaRun } from './arenaRun';

/** The version this build writes; a higher one is refused. */
export const ARENA_SCHEMA_VERSION = 1;

export const ARENA_FILE_NAME = 'arena.json';

/** File operations relative to one folder. */
export interface ArenaFiles {
  /** the file's text; undefined when it does not exist */
  read(name: string): Promise<string | undefined>;
  /** creates the folder when needed */
  write(name: string, content: string): Promise<void>;
  /** replaces `to` when it exists */
  rename(from: string, to: string): Promise<void>;
}

const finiteNumber = v.pipe(v.number(), v.finite());
const costSchema = v.variant('kind', [
  v.object({ kind: v.literal('billed'), microUsd: finiteNumber }),
  v.object({ kind: v.literal('estimated'), microUsd: finiteNumber }),
  v.object({ kind: v.literal('unknown') }),
]);
const columnSchema = v.looseObject({
  model: v.string(),
  status: v.picklist(['done', 'stopped', 'failed']),
  ttftMs: v.optional(finiteNumber),
  totalMs: v.optional(finiteNumber),
  tokensPerSecond: v.optional(finiteNumber),
  outputTokens: v.optional(finiteNumber),
  answerChars: finiteNumber,
  cost: costSchema,
});
const runSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  createdAt: finiteNumber,
  blind: v.boolean(),
  tags: v.array(v.string()),
  columns: v.array(columnSchema),
  pick: v.optional(v.object({ column: v.pipe(v.number(), v.integer(), v.minValue(0)), blind: v.boolean() })),
});

/** The store cannot be written: the file was saved by a newer Switchboard. */
export class ArenaStoreNewerError extends Error {
  constructor(readonly version: number) {
    super(`The model leaderboard file (${ARENA_FILE_NAME}) was saved by a newer Switchboard (schema ${version}); update the extension to record new runs. Nothing was changed.`);
  }
}

interface Loaded {
  /** readable runs by id, in file order */
  runs: Map<string, ArenaRun>;
  /** entries this build could not read, written back as they were */
  unreadable: unknown[];
  /** set when the file is from a newer build: nothing may be written */
  newer?: number;
}

export class ArenaStore {
  private loaded: Promise<Loaded> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private tempCounter = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly files: ArenaFiles,
    private readonly onProblem: (message: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `listener` after every change written, until the returned handle is disposed. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every readable run, oldest first. */
  async runs(): Promise<ArenaRun[]> {
    return [...(await this.load()).runs.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  async get(id: string): Promise<ArenaRun | undefined> {
    return (await this.load()).runs.get(id);
  }

  /** Adds the run, or replaces the one with its id. */
  async save(run: ArenaRun): Promise<void> {
    await this.change((loaded) => { loaded.runs.set(run.id, structuredClone(run)); });
  }

  /**
   * Changes the stored run `id` (a pick, its tags) and returns it; undefined (and nothing written) when there is no
   * such run.
   */
  async update(id: string, edit: (run: ArenaRun) => void): Promise<ArenaRun | undefined> {
    let updated: ArenaRun | undefined;
    await this.change((loaded) => {
      const run = loaded.runs.get(id);
      if (!run) return false;
      const copy = structuredClone(run);
      edit(copy);
      loaded.runs.set(id, copy);
      updated = copy;
      return true;
    });
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.change((loaded) => loaded.runs.delete(id));
  }

  /** Runs `edit` after every earlier change; writes unless it returns false. */
  private change(edit: (loaded: Loaded) => boolean | void): Promise<void> {
    const next = this.queue.then(async () => {
      const loaded = await this.load();
      if (loaded.newer !== undefined) throw new ArenaStoreNewerError(loaded.newer);
      if (edit(loaded) === false) return;
      await this.write(loaded);
      for (const listener of this.listeners) listener();
    });
    // a failed change must not block the ones after it
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(loaded: Loaded): Promise<void> {
    const content = `${JSON.stringify({ schemaVersion: ARENA_SCHEMA_VERSION, runs: [...loaded.runs.values(), ...loaded.unreadable] }, undefined, 1)}\n`;
    const temp = `.${ARENA_FILE_NAME}.${++this.tempCounter}.${this.now()}.tmp`;
    await this.files.write(temp, content);
    await this.files.rename(temp, ARENA_FILE_NAME);
  }

  private load(): Promise<Loaded> {
    this.loaded ??= this.read().catch((error: unknown) => {
      // a read that failed (not a missing file) is tried again next time
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async read(): Promise<Loaded> {
    const loaded: Loaded = { runs: new Map(), unreadable: [] };
    const text = await this.files.read(ARENA_FILE_NAME);
    if (text === undefined) return loaded;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const aside = `${ARENA_FILE_NAME}.unreadable-${this.now()}`;
      await this.files.rename(ARENA_FILE_NAME, aside);
      this.onProblem(`The model leaderboard file was not valid JSON (${error instanceof Error ? error.message : String(error)}); it was moved to ${aside} and a new one started.`);
      return loaded;
    }
    const file = typeof data === 'object' && data !== null && !Array.isArray(data) ? data as Record<string, unknown> : {};
    const version = file.schemaVersion;
    if (typeof version === 'number' && version > ARENA_SCHEMA_VERSION) {
      this.onProblem(new ArenaStoreNewerError(version).message);
      loaded.newer = version;
    }
    if (!Array.isArray(file.runs)) {
      if (loaded.newer === undefined) {
        const aside = `${ARENA_FILE_NAME}.unreadable-${this.now()}`;
        await this.files.rename(ARENA_FILE_NAME, aside);
        this.onProblem(`The model leaderboard file has no list of runs; it was moved to ${aside} and a new one started.`);
      }
      return loaded;
    }
    for (const entry of file.runs) {
      const parsed = v.safeParse(runSchema, entry);
      if (parsed.success && !loaded.runs.has(parsed.output.id)) {
        loaded.runs.set(parsed.output.id, parsed.output);
      } else {
        loaded.unreadable.push(entry);
      }
    }
    if (loaded.unreadable.length > 0) {
      this.onProblem(`${loaded.unreadable.length} run(s) in the model leaderboard file could not be read; they are kept in the file but left out of the leaderboard.`);
    }
    return loaded;
  }
}
