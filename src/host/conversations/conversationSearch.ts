/**
 * Search across saved conversations: titles and message text, case-insensitive, every word of the query must
 * appear somewhere in the conversation. Hits carry offsets for highlighting and the message to open at.
 * No vscode import.
 */
import type { ConversationHit, MessageHit, TextRange } from '../../shared/chat/historyViews';
import type { StoredConversation } from './conversation';

export interface SearchOptions {
  /** per conversation; default 5 */
  maxMessageHits?: number;
  /** characters of context before the first hit in a snippet; default 40 */
  before?: number;
  /** characters of a snippet at most; default 160 */
  snippetLength?: number;
}

/** The query's words (split at whitespace), each matched case-insensitively as typed. */
function queryPattern(query: string): { pattern: RegExp; words: RegExp[] } | undefined {
  const words = [...new Set(query.trim().split(/\s+/).filter((word) => word.length > 0))];
  if (words.length === 0) return undefined;
  const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // longest first, so "chat" does not stop a highlight of "chatbot" short
  const alternatives = [...words].sort((a, b) => b.length - a.length).map(escape);
  return { pattern: new RegExp(alternatives.join('|'), 'giu'), words: words.map((word) => new RegExp(escape(word), 'iu')) };
}

function rangesIn(text: string, pattern: RegExp): TextRange[] {
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function snippetAround(text: string, ranges: TextRange[], before: number, length: number): { snippet: string; ranges: TextRange[] } {
  const first = ranges[0];
  let start = Math.max(0, first.start - before);
  // start at a word boundary when one is near, so the snippet does not open mid-word
  const space = text.lastIndexOf(' ', first.start);
  if (start > 0 && space >= start) start = space + 1;
  const end = Math.min(text.length, start + length);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const snippet = `${prefix}${text.slice(start, end).replace(/\s/g, ' ')}${suffix}`;
  const shifted = ranges
    .filter((range) => range.start >= start && range.end <= end)
    .map((range) => ({ start: range.start - start + prefix.length, end: range.end - start + prefix.length }));
  return { snippet, ranges: shifted };
}

/**
 * Conversations where every word of the query appears (in the title or any message), newest first. An empty query
 * finds nothing.
 */
export function searchConversations(conversations: readonly StoredConversation[], query: string, options: SearchOptions = {}): ConversationHit[] {
  const compiled = queryPattern(query);
  if (!compiled) return [];
  const maxMessageHits = options.maxMessageHits ?? 5;
  const before = options.before ?? 40;
  const snippetLength = options.snippetLength ?? 160;
  const hits: ConversationHit[] = [];
  for (const conversation of conversations) {
    const everything = [conversation.title, ...conversation.messages.map((message) => message.text)];
    if (!compiled.words.every((word) => everything.some((text) => word.test(text)))) continue;
    const messages: MessageHit[] = [];
    conversation.messages.forEach((message, messageIndex) => {
      if (messages.length >= maxMessageHits) return;
      const ranges = rangesIn(message.text, compiled.pattern);
      if (ranges.length === 0) return;
      messages.push({ messageId: message.id, messageIndex, role: message.role, ...snippetAround(message.text, ranges, before, snippetLength) });
    });
    hits.push({
      conversationId: conversation.id,
      title: conversation.title,
      titleRanges: rangesIn(conversation.title, compiled.pattern),
      updatedAt: conversation.updatedAt,
      messages,
      openAt: messages[0]?.messageId,
    });
  }
  return hits.sort((a, b) => b.updatedAt - a.updatedAt);
}
