/**
 * The conversation store on real files in a temp folder: the index the history list reads, the append log a
 * saved reply extends, a torn last line after a crash, and files of the older whole-JSON format.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StoredConversation, StoredMessage } from '../../src/host/conversations/conversation';
import { serializeConversation } from '../../src/host/conversations/conversationFormat';
import { INDEX_FILE } from '../../src/host/conversations/conversationIndex';
import { ConversationStore, type ConversationFiles } from '../../src/host/conversations/conversationStore';

/** ConversationFiles over node:fs in `folder`, recording the names read. */
function folderFiles(folder: string): ConversationFiles & { reads: string[] } {
  const at = (name: string) => path.join(folder, name);
  return {
    reads: [],
    async read(name) {
      this.reads.push(name);
      return fs.readFile(at(name), 'utf8');
    },
    write: (name, content) => fs.writeFile(at(name), content),
    append: (name, content) => fs.appendFile(at(name), content),
    rename: (from, to) => fs.rename(at(from), at(to)),
    delete: (name) => fs.unlink(at(name)),
    list: () => fs.readdir(folder),
  };
}

const model = 'openrouter:openai/gpt-4o';

function exchange(index: number, microUsd: number | undefined): StoredMessage[] {
  return [
    { id: `u${index}`, role: 'user', text: `Question ${index}`, status: 'done', createdAt: index },
    {
      id: `a${index}`, role: 'assistant', text: `Answer ${index}: ${'words '.repeat(20)}`, status: 'done', createdAt: index,
      meta: { requestedModel: model, servedModel: model, cost: microUsd === undefined ? { kind: 'unknown' } : { kind: 'billed', microUsd } },
    },
  ];
}

function conversation(id: string, exchanges: number, overrides: Partial<StoredConversation> = {}): StoredConversation {
  return {
    schemaVersion: 1, id, kind: 'chat', title: `Conversation ${id}`, model, createdAt: 1, updatedAt: 100,
    messages: Array.from({ length: exchanges }, (_, index) => exchange(index, 10)).flat(),
    ...overrides,
  };
}

describe('conversation files: index and append log (real temp folder)', () => {
  let folder: string;
  beforeEach(async () => { folder = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-conversations-')); });
  afterEach(async () => { await fs.rm(folder, { recursive: true, force: true }); });

  it('lists from the index alone, with model and cost totals, newest first', async () => {
    const store = new ConversationStore(folderFiles(folder));
    await store.save(conversation('older', 2, { updatedAt: 10 }));
    await store.save({ ...conversation('newer', 1, { updatedAt: 20 }), messages: [...exchange(0, 5), ...exchange(1, undefined)] });
    const files = folderFiles(folder);
    const listed = await new ConversationStore(files).list();
    assert.deepEqual(files.reads, [INDEX_FILE]);
    assert.deepEqual(listed.map((entry) => [entry.id, entry.messageCount, entry.model, entry.cost.microUsd, entry.cost.unknownCount]),
      [['newer', 4, model, 5, 1], ['older', 4, model, 20, 0]]);
  });

  it('rebuilds a missing or corrupt index from the files, and says so when it was corrupt', async () => {
    const store = new ConversationStore(folderFiles(folder));
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 1));
    await fs.unlink(path.join(folder, INDEX_FILE));
    assert.deepEqual((await new ConversationStore(folderFiles(folder)).list()).map((entry) => entry.id).sort(), ['a', 'b']);
    assert.ok(JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE), 'utf8')).entries.length === 2);

    await fs.writeFile(path.join(folder, INDEX_FILE), '{"version":1,"entries":[{"id":');
    const problems: string[] = [];
    assert.deepEqual((await new ConversationStore(folderFiles(folder), (problem) => problems.push(problem)).list()).map((entry) => entry.id).sort(), ['a', 'b']);
    assert.match(problems.join('\n'), /index .* unreadable/);
  });

  it('adds files the index does not know (an older whole-JSON file) and drops entries whose file is gone', async () => {
    const store = new ConversationStore(folderFiles(folder));
    await store.save(conversation('kept', 1));
    await store.save(conversation('gone', 1));
    await fs.unlink(path.join(folder, 'gone.jsonl'));
    await fs.writeFile(path.join(folder, 'legacy.json'), serializeConversation(conversation('legacy', 3)));
    const listed = await new ConversationStore(folderFiles(folder)).list();
    assert.deepEqual(listed.map((entry) => [entry.id, entry.messageCount]).sort(), [['kept', 2], ['legacy', 6]]);
  });

  it('appends a saved reply to a long conversation instead of rewriting its file', async () => {
    const store = new ConversationStore(folderFiles(folder));
    const long = conversation('long', 500);
    await store.save(long);
    const file = path.join(folder, 'long.jsonl');
    const before = await fs.readFile(file, 'utf8');
    const { ino } = await fs.stat(file);
    long.messages.push(...exchange(500, 7));
    long.updatedAt = 200;
    await store.save(long);
    const after = await fs.readFile(file, 'utf8');
    assert.ok(after.startsWith(before), 'the earlier records are left as they were');
    assert.equal(after.slice(before.length).trim().split('\n').length, 3, 'two messages and a header record');
    assert.equal((await fs.stat(file)).ino, ino, 'the same file, not a replacement');
    const loaded = await new ConversationStore(folderFiles(folder)).load('long');
    assert.deepEqual(loaded, long);
  });

  it('skips a torn last line after a crash, keeps the rest, and writes the file whole on the next save', async () => {
    const store = new ConversationStore(folderFiles(folder));
    const chat = conversation('torn', 2);
    await store.save(chat);
    const file = path.join(folder, 'torn.jsonl');
    await fs.appendFile(file, '{"message":{"id":"a9","role":"assistant","text":"half a rep');
    const problems: string[] = [];
    const afterCrash = new ConversationStore(folderFiles(folder), (problem) => problems.push(problem));
    const loaded = await afterCrash.load('torn');
    assert.deepEqual(loaded, chat);
    assert.match(problems.join('\n'), /skipped 1 unreadable line/);
    loaded.messages.push(...exchange(2, 3));
    await afterCrash.save(loaded);
    const text = await fs.readFile(file, 'utf8');
    assert.doesNotMatch(text, /half a rep/);
    assert.deepEqual(await new ConversationStore(folderFiles(folder)).load('torn'), loaded);
  });

  it('writes the file whole when messages are removed (a retry) and replaces an older whole-JSON file', async () => {
    await fs.writeFile(path.join(folder, 'old.json'), serializeConversation(conversation('old', 3)));
    const store = new ConversationStore(folderFiles(folder));
    const old = await store.load('old');
    await store.save(old);
    assert.deepEqual((await fs.readdir(folder)).sort(), [INDEX_FILE, 'old.jsonl']);
    old.messages.splice(3);
    await store.save(old);
    const reread = await new ConversationStore(folderFiles(folder)).load('old');
    assert.deepEqual(reread.messages.map((message) => message.id), ['u0', 'a0', 'u1']);
    assert.equal((await fs.readFile(path.join(folder, 'old.jsonl'), 'utf8')).trim().split('\n').length, 4);
  });

  it('compacts a log that has grown well past its messages', async () => {
    const store = new ConversationStore(folderFiles(folder));
    const chat = conversation('busy', 1);
    for (let save = 0; save < 30; save++) {
      chat.messages[1]!.text = `Answer, version ${save}`;
      chat.updatedAt = save;
      await store.save(chat);
    }
    const lines = (await fs.readFile(path.join(folder, 'busy.jsonl'), 'utf8')).trim().split('\n');
    assert.ok(lines.length <= 2 * 2 + 8, `${lines.length} records for 2 messages`);
    assert.deepEqual(await new ConversationStore(folderFiles(folder)).load('busy'), chat);
  });
});
