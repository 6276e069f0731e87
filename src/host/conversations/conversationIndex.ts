/**
 * The conversations folder's index (`conversations.index.json`): one small entry per saved conversation, so the
 * history list opens by reading one file instead of parsing every conversation. The store updates it on every
 * save and delete and rebuilds it from the conversation files when it is missing, unreadable or out of step with
 * the folder. Plain functions: no vscode, no fs.
 */
import type { ConversationCost, ConversationSummary } from '../../shared/viewModels';
import { isRecord } from '../../shared/isRecord';
import type { StoredConversation } from './conversation';
import { conversationCost } from './conversationFormat';

/** the index's file name: conversation ids cannot contain a dot, so it never names a conversation */
export const INDEX_FILE = 'conversations.index.json';
/** 2: the cost is one `cost` object (version 1 indexes are rebuilt) */
const INDEX_VERSION = 2;

/** One conversation in the index: its summary plus what a list may show without opening it. */
export interface ConversationIndexEntry extends ConversationSummary {
  /** namespaced id of the model selected when it was last used */
  model: string;
  /** integer micro-USD: billed plus estimated costs of its replies */
  /** what its finished replies cost (known costs summed, unknown ones counted) */
  cost: ConversationCost;
}

export function indexEntry(conversation: StoredConversation): ConversationIndexEntry {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
    kind: conversation.kind,
    model: conversation.model,
    cost: conversationCost(conversation),
  };
}

export function serializeIndex(entries: Iterable<ConversationIndexEntry>): string {
  return `${JSON.stringify({ version: INDEX_VERSION, entries: [...entries] })}\n`;
}

function isEntry(value: unknown): value is ConversationIndexEntry {
  return isRecord(value) && typeof value.id === 'string' && typeof value.title === 'string' && typeof value.updatedAt === 'number'
    && typeof value.messageCount === 'number' && (value.kind === 'chat' || value.kind === 'compare') && typeof value.model === 'string'
    && isRecord(value.cost) && typeof value.cost.microUsd === 'number' && typeof value.cost.unknownCount === 'number';
}

/** The entries of an index file; undefined when it is not a readable index of this version (then it is rebuilt). */
export function parseIndex(text: string): ConversationIndexEntry[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== INDEX_VERSION || !Array.isArray(data.entries) || !data.entries.every(isEntry)) return undefined;
  return data.entries;
}
