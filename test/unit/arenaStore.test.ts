import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARENA_FILE_NAME, ArenaStore, ArenaStoreNewerError, type ArenaFiles, type ArenaRun } from '../../src/core/arena/index';

/** ArenaFiles over a real folder, as the host's vscode.workspace.fs adapter behaves. */
function folderFiles(folder: string): ArenaFiles & { writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    async read(name) {
      try {
        return await readFile(join(folder, name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(name, content) {
      writes.push(name);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, name), content);
    },
    async rename(from, to) {
      await rename(join(folder, from), join(folder, to));
    },
  };
}

function run(id: string, overrides: Partial<ArenaRun> = {}): ArenaRun {
  return {
    id, createdAt: 1_700_000_000_000, blind: true, tags: ['refactor'],
    columns: [
      { model: 'openrouter:a/b', status: 'done', ttftMs: 200, totalMs: 900, answerChars: 42, cost: { kind: 'billed', microUsd: 1234 } },
      { model: 'ollama:c', status: 'failed', answerChars: 0, cost: { kind: 'unknown' } },
    ],
    ...overrides,
  };
}

describe('arena store', () => {
  let folder: string;
  beforeEach(async () => { folder = join(await mkdtemp(join(tmpdir(), 'arena-')), 'storage'); });
  afterEach(async () => { await rm(join(folder, '..'), { recursive: true, force: true }); });

  it('starts empty when there is no file, and writes one with its schema version through a temp file', async () => {
    const files = folderFiles(folder);
    const store = new ArenaStore(files);
    assert.deepEqual(await store.runs(), []);
    await store.save(run('r1'));
    assert.equal(files.writes.length, 1);
    assert.match(files.writes[0]!, /^\.arena\.json\..*\.tmp$/, 'written to a temp file, then renamed');
    assert.deepEqual(await readdir(folder), [ARENA_FILE_NAME]);
    const data = JSON.parse(await readFile(join(folder, ARENA_FILE_NAME), 'utf8'));
    assert.equal(data.schemaVersion, 1);
    assert.deepEqual(data.runs, [run('r1')]);
    assert.deepEqual(await new ArenaStore(folderFiles(folder)).runs(), [run('r1')], 'a new store reads it back');
  });

  it('records a pick and tags by update, and replaces a run saved again', async () => {
    const store = new ArenaStore(folderFiles(folder));
    await store.save(run('r1'));
    await store.save(run('r2', { createdAt: 1 }));
    const updated = await store.update('r1', (stored) => { stored.pick = { column: 0, blind: true }; stored.tags.push('explain'); });
    assert.deepEqual(updated?.pick, { column: 0, blind: true });
    assert.equal(await store.update('missing', () => undefined), undefined);
    await store.save(run('r2', { createdAt: 1, tags: [] }));
    const reread = await new ArenaStore(folderFiles(folder)).runs();
    assert.deepEqual(reread.map((entry) => [entry.id, entry.tags, entry.pick]), [['r2', [], undefined], ['r1', ['refactor', 'explain'], { column: 0, blind: true }]]);
    await store.delete('r2');
    assert.deepEqual((await new ArenaStore(folderFiles(folder)).runs()).map((entry) => entry.id), ['r1']);
  });

  it('keeps every change when many arrive at once (writes are queued)', async () => {
    const store = new ArenaStore(folderFiles(folder));
    await Promise.all(Array.from({ length: 20 }, (_unused, index) => store.save(run(`r${index}`, { createdAt: index }))));
    assert.equal((await new ArenaStore(folderFiles(folder)).runs()).length, 20);
    assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp')), [], 'no temp file left behind');
  });

  it('keeps a run it cannot read in the file, untouched, and leaves it out of the runs', async () => {
    await mkdir(folder, { recursive: true });
    const broken = { id: 'odd', createdAt: 'yesterday', columns: 3 };
    await writeFile(join(folder, ARENA_FILE_NAME), JSON.stringify({ schemaVersion: 1, runs: [run('r1'), broken] }));
    const problems: string[] = [];
    const store = new ArenaStore(folderFiles(folder), (message) => problems.push(message));
    assert.deepEqual((await store.runs()).map((entry) => entry.id), ['r1']);
    assert.match(problems[0]!, /1 run\(s\) .* could not be read; they are kept/);
    await store.save(run('r2'));
    const data = JSON.parse(await readFile(join(folder, ARENA_FILE_NAME), 'utf8'));
    assert.deepEqual(data.runs.map((entry: { id: string }) => entry.id), ['r1', 'r2', 'odd']);
    assert.deepEqual(data.runs[2], broken);
  });

  it('moves a file that is not JSON aside before starting a new one', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, ARENA_FILE_NAME), '{"schemaVersion": 1, "runs": [');
    const problems: string[] = [];
    const store = new ArenaStore(folderFiles(folder), (message) => problems.push(message), () => 42);
    assert.deepEqual(await store.runs(), []);
    assert.match(problems[0]!, /not valid JSON .* moved to arena\.json\.unreadable-42/);
    assert.equal(await readFile(join(folder, 'arena.json.unreadable-42'), 'utf8'), '{"schemaVersion": 1, "runs": [');
    await store.save(run('r1'));
    assert.equal((await new ArenaStore(folderFiles(folder)).runs()).length, 1);
  });

  it('never overwrites a file from a newer Switchboard, and says so', async () => {
    await mkdir(folder, { recursive: true });
    const newer = JSON.stringify({ schemaVersion: 2, runs: [{ id: 'future' }] });
    await writeFile(join(folder, ARENA_FILE_NAME), newer);
    const problems: string[] = [];
    const store = new ArenaStore(folderFiles(folder), (message) => problems.push(message));
    await assert.rejects(store.save(run('r1')), ArenaStoreNewerError);
    await assert.rejects(store.save(run('r1')), /newer Switchboard \(schema 2\); update the extension/);
    assert.equal(await readFile(join(folder, ARENA_FILE_NAME), 'utf8'), newer);
    assert.match(problems[0]!, /newer Switchboard/);
  });
});
