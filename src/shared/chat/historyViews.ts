/**
 * What the history panel shows of a search across saved conversations: hits with offsets to highlight and the
 * message to open at. Plain data, made by the host (src/host/conversations/conversationSearch.ts).
 */

/** A highlighted range, in UTF-16 code units of the text it belongs to. */
export interface TextRange {
  start: number;
  end: number;
}

/** One message that matched, with a snippet around its first hit. */
export interface MessageHit {
  messageId: string;
  /** index in the conversation's messages */
  messageIndex: number;
  role: 'user' | 'assistant';
  /** part of the message around the first hit, `…` where it was cut */
  snippet: string;
  /** the hits inside `snippet` */
  ranges: TextRange[];
}

/** One conversation that matched. */
export interface ConversationHit {
  conversationId: string;
  title: string;
  /** the hits inside `title` */
  titleRanges: TextRange[];
  /** epoch ms */
  updatedAt: number;
  /** messages that matched, in order (a few at most) */
  messages: MessageHit[];
  /** the message to open at: the first that matched; undefined = only the title matched */
  openAt?: string;
}
