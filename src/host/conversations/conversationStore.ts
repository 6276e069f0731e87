/**
 * One file per conversation under a folder (`<globalStorage>/conversations/<id>.json`), written atomically
 * (temp file + rename) so a crash never leaves half a conversation. The folder is reached through a small
 * port so this file needs no vscode.
 */
import type { ConversationSummary } from '../../shared/viewModels';
import type { StoredConversation } from './conversation';
import { parseConversation, serializeConversation, summarizeConversation } from './conversationFormat';

/** File operations relative to the conversations folder. */
export interface ConversationFiles {
  read(name: string): Promise<string>;
  write(name: string, content: string): Promise<void>;
  /** replaces `to` when it exists */
  rename(from: string, to: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** file names in the folder; [] when it does not exist yet */
  list(): Promise<string[]>;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

function fileName(id: string): string {
  // ids come from the webview too: never let one name a path outside the folder
  if (!ID_PATTERN.test(id)) throw new Error(`Not a conversation id: ${JSON.stringify(id.slice(0, 40))}`);
  return `${id}.json`;
}

export class ConversationStore {
  /** summaries by id, loaded on first list() */
  private summaries: Map<string, ConversationSummary> | undefined;
  private tempCounter = 0;

  constructor(private readonly files: ConversationFiles, private readonly onProblem: (message: string) => void = () => undefined) {}

  async save(conversation: StoredConversation): Promise<void> {
    const name = fileName(conversation.id);
    const temp = `.${conversation.id}.${process.pid}.${++this.tempCounter}.tmp`;
    await this.files.write(temp, serializeConversation(conversation));
    await this.files.rename(temp, name);
    this.summaries?.set(conversation.id, summarizeConversation(conversation));
  }

  async load(id: string): Promise<StoredConversation> {
    return parseConversation(await this.files.read(fileName(id)));
  }

  async delete(id: string): Promise<void> {
    await this.files.delete(fileName(id));
    this.summaries?.delete(id);
  }

  /** newest first */
  async list(): Promise<ConversationSummary[]> {
    if (!this.summaries) {
      const summaries = new Map<string, ConversationSummary>();
      for (const name of await this.files.list()) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        try {
          const conversation = parseConversation(await this.files.read(name));
          summaries.set(conversation.id, summarizeConversation(conversation));
        } catch (error) {
          this.onProblem(`Skipped conversation file ${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.summaries = summaries;
    }
    return [...this.summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }
}
