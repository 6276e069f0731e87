/**
 * Serialising, parsing and migrating saved conversations. Plain functions: no vscode, no fs.
 */
import type { ConversationCost } from '../../shared/viewModels';
import { conversationTitle } from './conversationTitle';
import {
  CONVERSATION_SCHEMA_VERSION, type StoredCompare, type StoredConversation, type StoredMessage,
} from './conversation';
import { isRecord } from '../../shared/isRecord';

/** A message as it is saved: a reply still streaming is written as failed (a cut stream is a failed reply). */
export function savedMessage(message: StoredMessage): StoredMessage {
  return message.status === 'streaming'
    ? { ...message, status: 'failed', error: message.error ?? { code: 'mid-stream', message: 'The reply was cut before it ended.' } }
    : message;
}

/** A comparison's record as it is saved: a follow-up still streaming is written as failed, like a reply. */
export function savedCompare(compare: StoredCompare): StoredCompare {
  return compare.followUps ? { ...compare, followUps: compare.followUps.map((thread) => thread.map(savedMessage)) } : compare;
}

/** JSON text for a whole-file conversation (the format before the log; still read, and used by exports). */
export function serializeConversation(conversation: StoredConversation): string {
  const messages = conversation.messages.map(savedMessage);
  const compare = conversation.compare ? { compare: savedCompare(conversation.compare) } : {};
  return `${JSON.stringify({ ...conversation, ...compare, schemaVersion: CONVERSATION_SCHEMA_VERSION, messages }, undefined, 1)}\n`;
}


/**
 * Reads a conversation file. Files written before `schemaVersion` existed (version 0: no version field,
 * `model` per message) are migrated; a newer version than this build knows is refused with a clear message.
 */
export function parseConversation(text: string): StoredConversation {
  return conversationFromData(JSON.parse(text));
}

/** Checks and migrates a conversation's parsed data (a whole-file JSON object, or a log replayed into one). */
export function conversationFromData(data: unknown): StoredConversation {
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
  const compare: StoredCompare = winner === undefined ? { models } : { models, winner };
  if (value.blind === true) {
    compare.blind = true;
    if (value.revealed === true) compare.revealed = true;
    if (value.winnerPickedBlind === true && winner !== undefined) compare.winnerPickedBlind = true;
  }
  if (Array.isArray(value.tags)) compare.tags = value.tags.filter((tag): tag is string => typeof tag === 'string');
  if (Array.isArray(value.context)) compare.context = value.context.filter(isStoredMessage);
  if (Array.isArray(value.followUps)) {
    const threads = value.followUps.slice(0, models.length).map((thread) => (Array.isArray(thread) ? thread.filter(isStoredMessage).map(followUpMessage) : []));
    if (threads.some((thread) => thread.length > 0)) compare.followUps = threads;
  }
  return compare;
}

/** What a conversation's finished replies cost: known costs summed, unknown ones counted (a streaming reply is neither). */
export function conversationCost(conversation: StoredConversation): ConversationCost {
  let microUsd = 0;
  let unknownCount = 0;
  // a comparison's follow-ups cost too (each column's own thread)
  for (const message of [...conversation.messages, ...(conversation.compare?.followUps ?? []).flat()]) {
    const cost = message.role === 'assistant' && message.status !== 'streaming' ? message.meta?.cost : undefined;
    if (!cost) continue;
    if (cost.kind === 'unknown') unknownCount++;
    else microUsd += cost.microUsd;
  }
  return { microUsd, unknownCount };
}

/** A follow-up read back, its status checked as the messages' are (a reply saved while streaming is a failed one). */
function followUpMessage(message: StoredMessage): StoredMessage {
  return savedMessage(['done', 'stopped', 'failed', 'streaming'].includes(message.status) ? message : { ...message, status: 'done' });
}

/** enough of a message to show and resend: a role and a text */
function isStoredMessage(value: unknown): value is StoredMessage {
  return isRecord(value) && (value.role === 'user' || value.role === 'assistant') && typeof value.text === 'string' && typeof value.id === 'string';
}

