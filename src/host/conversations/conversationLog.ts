/**
 * The append-only file format of a conversation (`<id>.jsonl`): one JSON record per line, so saving a reply to a
 * long conversation appends a few lines instead of rewriting the whole file. The first line is a header record;
 * later lines either replace the header (title, model, updatedAt) or add/replace one message by id:
 *
 *   {"header":{"schemaVersion":1,"id":"c1","kind":"chat","title":"…","model":"…","createdAt":1,"updatedAt":2}}
 *   {"message":{"id":"u1","role":"user","text":"…","status":"done","createdAt":1}}
 *   {"message":{"id":"a1","role":"assistant",…}}
 *   {"header":{…,"updatedAt":3}}
 *
 * A crash mid-append leaves at most a torn last line, which reading skips. Messages removed (a retry or an edit
 * cuts the conversation) and a log that has grown well past its messages are written whole again, atomically, by
 * the store. Plain functions: no vscode, no fs.
 */
import { isRecord } from '../../shared/isRecord';
import { CONVERSATION_SCHEMA_VERSION, type StoredConversation, type StoredMessage } from './conversation';
import { conversationFromData, savedCompare, savedMessage } from './conversationFormat';

/** The conversation without its messages: what a header record holds. */
export type ConversationHeader = Omit<StoredConversation, 'messages'>;

/** What was written for one conversation: enough to tell which records a later save must append. */
export interface LogState {
  /** message ids in file order */
  order: string[];
  /** each message's last written record line, by id */
  lines: Map<string, string>;
  /** the last header record line */
  header: string;
  /** records in the file */
  records: number;
}

/** a log with more records than this many per message (plus a few) is written whole again */
const COMPACT_RATIO = 2;
const COMPACT_SLACK = 8;

function headerLine(conversation: StoredConversation): string {
  const { messages: _messages, ...header } = conversation;
  if (header.compare) header.compare = savedCompare(header.compare);
  return JSON.stringify({ header: { ...header, schemaVersion: CONVERSATION_SCHEMA_VERSION } satisfies ConversationHeader });
}

function messageLine(message: StoredMessage): string {
  return JSON.stringify({ message: savedMessage(message) });
}

/** The whole file for `conversation`, and the state it leaves. */
export function serializeLog(conversation: StoredConversation): { text: string; state: LogState } {
  const header = headerLine(conversation);
  const lines = conversation.messages.map(messageLine);
  const state: LogState = {
    order: conversation.messages.map((message) => message.id),
    lines: new Map(conversation.messages.map((message, index) => [message.id, lines[index]!])),
    header,
    records: lines.length + 1,
  };
  return { text: `${[header, ...lines].join('\n')}\n`, state };
}

/**
 * The records to append so the file written as `state` holds `conversation`, and the state after; undefined when
 * the file must be written whole (a message was removed or moved, or the log has grown well past its messages).
 */
export function appendRecords(state: LogState, conversation: StoredConversation): { text: string; state: LogState } | undefined {
  const ids = conversation.messages.map((message) => message.id);
  if (ids.length < state.order.length || state.order.some((id, index) => ids[index] !== id)) return undefined;
  const lines: string[] = [];
  const next: LogState = { order: ids, lines: new Map(state.lines), header: state.header, records: state.records };
  for (const message of conversation.messages) {
    const line = messageLine(message);
    if (state.lines.get(message.id) === line) continue;
    lines.push(line);
    next.lines.set(message.id, line);
  }
  const header = headerLine(conversation);
  if (header !== state.header) {
    lines.push(header);
    next.header = header;
  }
  next.records += lines.length;
  if (next.records > ids.length * COMPACT_RATIO + COMPACT_SLACK) return undefined;
  return { text: lines.length ? `${lines.join('\n')}\n` : '', state: next };
}

/**
 * Replays a log into a conversation (checked and migrated like a whole file). Lines that do not parse are skipped
 * (a torn last line after a crash) and counted; `state` is undefined when the file cannot be appended to as it is
 * (a skipped line, or no final newline), so the next save writes it whole.
 */
export function parseLog(text: string): { conversation: StoredConversation; skipped: number; state: LogState | undefined } {
  let header: Record<string, unknown> | undefined;
  let headerText = '';
  const messages = new Map<string, unknown>();
  const lines = new Map<string, string>();
  let skipped = 0;
  let records = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (isRecord(record) && isRecord(record.header)) {
      header = record.header;
      headerText = line;
    } else if (isRecord(record) && isRecord(record.message) && typeof record.message.id === 'string') {
      // a replaced message keeps its place (Map keeps the first insertion's order)
      messages.set(record.message.id, record.message);
      lines.set(record.message.id, line);
    } else {
      skipped++;
      continue;
    }
    records++;
  }
  if (!header) throw new Error('Not a Switchboard conversation: the log has no header record.');
  const conversation = conversationFromData({ ...header, messages: [...messages.values()] });
  const whole = skipped === 0 && text.endsWith('\n') && conversation.messages.length === messages.size;
  const state = whole ? { order: [...messages.keys()], lines, header: headerText, records } : undefined;
  return { conversation, skipped, state };
}
