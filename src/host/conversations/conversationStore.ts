/**
 * One file per conversation under a folder (`<globalStorage>/conversations/<id>.jsonl`, an append log:
 * conversationLog.ts), plus an index of their summaries (conversationIndex.ts) so the history list reads one file.
 * A new file, a compacted log and the index are written atomically (temp file + rename); saving a reply appends
 * its records, and a crash mid-append leaves only a torn last line that reading skips. Files of the older
 * whole-JSON format (`<id>.json`) are still read, and replaced by a log on their next save. The folder is reached
 * through a small port so this file needs no vscode.
 */
import type { StoredConversation } from './conversation';
import { parseConversation } from './conversationFormat';
import { INDEX_FILE, indexEntry, parseIndex, serializeIndex, type ConversationIndexEntry } from './conversationIndex';
import { appendRecords, parseLog, serializeLog, type LogState } from './conversationLog';

/** File operations relative to the conversations folder. */
export interface ConversationFiles {
  read(name: string): Promise<string>;
  write(name: string, content: string): Promise<void>;
  /** adds `content` at the end of `name` (created when missing) */
  append(name: string, content: string): Promise<void>;
  /** replaces `to` when it exists */
  rename(from: string, to: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** file names in the folder; [] when it does not exist yet */
  list(): Promise<string[]>;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const LOG_EXTENSION = '.jsonl';
const LEGACY_EXTENSION = '.json';

function checkedId(id: string): string {
  // ids come from the webview too: never let one name a path outside the folder
  if (!ID_PATTERN.test(id)) throw new Error(`Not a conversation id: ${JSON.stringify(id.slice(0, 40))}`);
  return id;
}

/** the conversation id a file name holds, if it is a conversation file (log or older whole-JSON) */
function idOf(name: string): string | undefined {
  if (name.startsWith('.') || name === INDEX_FILE) return undefined;
  const extension = name.endsWith(LOG_EXTENSION) ? LOG_EXTENSION : name.endsWith(LEGACY_EXTENSION) ? LEGACY_EXTENSION : undefined;
  const id = extension && name.slice(0, -extension.length);
  return id && ID_PATTERN.test(id) ? id : undefined;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ConversationStore {
  /** index entries by id, loaded (or rebuilt) on first need */
  private entries: Promise<Map<string, ConversationIndexEntry>> | undefined;
  /** what this store last wrote or read for a log it may append to */
  private readonly logs = new Map<string, LogState>();
  private tempCounter = 0;

  constructor(private readonly files: ConversationFiles, private readonly onProblem: (message: string) => void = () => undefined) {}

  async save(conversation: StoredConversation): Promise<void> {
    const id = checkedId(conversation.id);
    const name = `${id}${LOG_EXTENSION}`;
    const known = this.logs.get(id);
    const append = known && appendRecords(known, conversation);
    this.logs.delete(id);
    if (append) {
      if (append.text) await this.files.append(name, append.text);
      this.logs.set(id, append.state);
    } else {
      const whole = serializeLog(conversation);
      await this.writeAtomically(name, whole.text);
      this.logs.set(id, whole.state);
      // the older whole-JSON file, if any, is replaced by the log
      await this.files.delete(`${id}${LEGACY_EXTENSION}`).catch(() => undefined);
    }
    const entries = await this.loadEntries();
    entries.set(id, indexEntry(conversation));
    await this.writeIndex(entries);
  }

  async load(id: string): Promise<StoredConversation> {
    const { conversation, state } = await this.read(checkedId(id));
    if (state) this.logs.set(id, state);
    else this.logs.delete(id);
    return conversation;
  }

  /** Reads a conversation's log, or its older whole-JSON file when it has no log yet. */
  private async read(id: string): Promise<{ conversation: StoredConversation; state?: LogState }> {
    let text: string;
    try {
      text = await this.files.read(`${id}${LOG_EXTENSION}`);
    } catch (logError) {
      const legacy = await this.files.read(`${id}${LEGACY_EXTENSION}`).catch(() => {
        throw logError;
      });
      return { conversation: parseConversation(legacy) };
    }
    const { conversation, skipped, state } = parseLog(text);
    if (skipped > 0) this.onProblem(`Conversation ${id}: skipped ${skipped} unreadable line(s) (an interrupted save); the rest is kept.`);
    return { conversation, state };
  }

  async delete(id: string): Promise<void> {
    checkedId(id);
    const results = await Promise.allSettled([this.files.delete(`${id}${LOG_EXTENSION}`), this.files.delete(`${id}${LEGACY_EXTENSION}`)]);
    this.logs.delete(id);
    if (results.every((result) => result.status === 'rejected')) throw (results[0] as PromiseRejectedResult).reason;
    const entries = await this.loadEntries();
    entries.delete(id);
    await this.writeIndex(entries);
  }

  /** newest first */
  async list(): Promise<ConversationIndexEntry[]> {
    return [...(await this.loadEntries()).values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private loadEntries(): Promise<Map<string, ConversationIndexEntry>> {
    this.entries ??= this.readEntries().catch((error: unknown) => {
      this.entries = undefined;
      throw error;
    });
    return this.entries;
  }

  /**
   * The index, checked against the folder: conversations it lacks are read and added, entries whose file is gone
   * are dropped, and a missing or unreadable index is rebuilt from every file; the index is written when it changed.
   */
  private async readEntries(): Promise<Map<string, ConversationIndexEntry>> {
    const names = await this.files.list();
    const ids = new Set(names.map(idOf).filter((id): id is string => id !== undefined));
    let indexed: ConversationIndexEntry[] | undefined;
    if (names.includes(INDEX_FILE)) {
      indexed = parseIndex(await this.files.read(INDEX_FILE).catch(() => ''));
      if (!indexed) this.onProblem(`The conversation index ${INDEX_FILE} was unreadable; rebuilding it from the conversation files.`);
    }
    const entries = new Map<string, ConversationIndexEntry>();
    for (const entry of indexed ?? []) if (ids.has(entry.id)) entries.set(entry.id, entry);
    let changed = indexed === undefined || entries.size !== indexed.length;
    for (const id of ids) {
      if (entries.has(id)) continue;
      changed = true;
      try {
        entries.set(id, indexEntry((await this.read(id)).conversation));
      } catch (error) {
        const file = names.find((name) => idOf(name) === id);
        this.onProblem(`Skipped conversation file ${file}: ${message(error)}`);
      }
    }
    if (changed && (ids.size > 0 || indexed !== undefined)) await this.writeIndex(entries);
    return entries;
  }

  private async writeIndex(entries: Map<string, ConversationIndexEntry>): Promise<void> {
    await this.writeAtomically(INDEX_FILE, serializeIndex(entries.values()));
  }

  private async writeAtomically(name: string, content: string): Promise<void> {
    const temp = `.${name}.${process.pid}.${++this.tempCounter}.tmp`;
    await this.files.write(temp, content);
    await this.files.rename(temp, name);
  }
}
