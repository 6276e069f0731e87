/**
 * Serialising, parsing and migrating saved conversations. Plain functions: no vscode, no fs.
 */
import type { ConversationSummary } from '../../shared/viewModels';
import { conversationTitle } from './conversationTitle';
import {
  CONVERSATION_SCHEMA_VERSION, type StoredCompare, type StoredConversation, type StoredMessage,
} from './conversation';
import { isRecord } from '../../shared/isRecord';

/** JSON text for a file; a reply still streaming is written as failed (a cut stream is a failed reply). */
export function serializeConversation(conversation: StoredConversation): string {
  const messages = conversation.messages.map((message): StoredMessage => (message.status === 'streaming'
    ? { ...message, status: 'failed', error: message.error ?? { code: 'mid-stream', message: 'The reply was cut before it ended.' } }
    : message));
  return `${JSON.stringify({ ...conversation, schemaVersion: CONVERSATION_SCHEMA_VERSION, messages }, undefined, 1)}\n`;
}


/**
 * Reads a conversation file. Files written before `schemaVersion` existed (version 0: no version field,
 * `model` per message) are migrated; a newer version than this build knows is refused with a clear message.
 */
export function parseConversation(text: string): StoredConversation {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data)) throw new Error('Not a Switchboard conversation: the file does not hold a JSON object.');
  const version = data.schemaVersion ?? 0;
  if (typeof version !== 'number') throw new Error('Not a Switchboard conversation: schemaVersion is not a number.');
  if (version > CONVERSATION_SCHEMA_VERSION) {
    throw new Error(`This conversation was saved by a newer Switchboard (schema ${version}); update the extension to open it.`);
  }
  if (typeof data.id !== 'string' || !Array.isArray(data.messages)) {
    throw new Error('Not a Switchboard conversation: id or messages missing.');
  }
  const messages: StoredMessage[] = [];
  for (const raw of data.messages) {
    if (!isRecord(raw) || (raw.role !== 'user' && raw.role !== 'assistant') || typeof raw.text !== 'string') continue;
    const message = { ...raw } as unknown as StoredMessage & { model?: string };
    if (typeof message.id !== 'string') message.id = `m${messages.length}`;
    if (typeof message.createdAt !== 'number') message.createdAt = typeof data.updatedAt === 'number' ? data.updatedAt : 0;
    if (!['done', 'stopped', 'failed', 'streaming'].includes(message.status)) message.status = 'done';
    if (message.status === 'streaming') message.status = 'failed';
    // version 0 kept the model on the message, not in meta
    if (message.role === 'assistant' && !message.meta && typeof message.model === 'string') {
      message.meta = { requestedModel: message.model, servedModel: message.model, cost: { kind: 'unknown' } };
    }
    delete message.model;
    messages.push(message);
  }
  const firstUser = messages.find((message) => message.role === 'user');
  const lastAssistant = [...messages].reverse().find((message) => message.meta);
  return {
    schemaVersion: CONVERSATION_SCHEMA_VERSION,
    id: data.id,
    kind: data.kind === 'compare' ? 'compare' : 'chat',
    ...(data.kind === 'compare' ? { compare: parseCompare(data.compare, messages) } : {}),
    title: typeof data.title === 'string' && data.title ? data.title : conversationTitle(firstUser?.text ?? ''),
    model: typeof data.model === 'string' ? data.model : lastAssistant?.meta?.servedModel ?? '',
    ...(typeof data.systemPrompt === 'string' ? { systemPrompt: data.systemPrompt } : {}),
    createdAt: typeof data.createdAt === 'number' ? data.createdAt : 0,
    updatedAt: typeof data.updatedAt === 'number' ? data.updatedAt : 0,
    messages,
  };
}

/**
 * The columns of a saved comparison. A file without a readable `compare` record still opens: the models are
 * taken from the replies (one column per reply after the prompt).
 */
function parseCompare(value: unknown, messages: StoredMessage[]): StoredCompare {
  const replies = messages.slice(1);
  const fromReplies = replies.map((message) => message.meta?.requestedModel ?? message.meta?.servedModel ?? 'unknown:model');
  if (!isRecord(value) || !Array.isArray(value.models) || !value.models.every((model) => typeof model === 'string')) {
    return { models: fromReplies };
  }
  const models = value.models as string[];
  const winner = typeof value.winner === 'number' && Number.isInteger(value.winner) && value.winner >= 0 && value.winner < models.length
    ? value.winner
    : undefined;
  return winner === undefined ? { models } : { models, winner };
}

export function summarizeConversation(conversation: StoredConversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
    kind: conversation.kind,
    ...conversationCost(conversation),
  };
}

/** The replies' cost: the known part summed, the unknown ones counted apart (never folded in as $0). */
function conversationCost(conversation: StoredConversation): Pick<ConversationSummary, 'costMicroUsd' | 'unknownCostCount'> {
  let known: number | undefined;
  let unknown = 0;
  for (const message of conversation.messages) {
    const cost = message.meta?.cost;
    if (!cost) continue;
    if (cost.kind === 'unknown') unknown += 1;
    else known = (known ?? 0) + cost.microUsd;
  }
  return { ...(known !== undefined ? { costMicroUsd: known } : {}), ...(unknown > 0 ? { unknownCostCount: unknown } : {}) };
}
