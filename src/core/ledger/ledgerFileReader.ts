import type { LedgerDirectory } from './ledgerDirectory';

/** A line of a ledger file that could not be read. Nothing before or after it is lost. */
export interface LedgerProblem {
  file: string;
  /** 1-based line number in the file */
  line: number;
  /** `torn`: the last line was cut (a crash mid-write); `corrupt`: a whole line that is not a ledger line */
  kind: 'torn' | 'corrupt';
  /** why, for the log */
  reason: string;
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder();

/**
 * Reads one append-only JSONL file incrementally: each `read()` returns the complete lines appended since the
 * last call (by this or another process) and remembers the byte offset. A last line without its newline is
 * kept back: it is either being written by another window right now, or torn by a crash; `pendingTail` says so,
 * and the writer starts its next line on a fresh line so a torn fragment never swallows a good record.
 */
export class LedgerFileReader {
  private offset = 0;
  private lineNumber = 0;
  /** bytes after the last newline (a torn or in-progress line) */
  private tail = 0;

  /** `start`: where an earlier read (a saved summary) stopped; the next read goes on from there */
  constructor(private readonly directory: LedgerDirectory, readonly name: string, start: { bytes: number; lines: number } = { bytes: 0, lines: 0 }) {
    this.offset = start.bytes;
    this.lineNumber = start.lines;
  }

  /** bytes and lines of the file read so far (complete lines only) */
  position(): { bytes: number; lines: number } {
    return { bytes: this.offset, lines: this.lineNumber };
  }

  /** complete new lines, each with its 1-based line number */
  read(): { text: string; line: number }[] {
    const bytes = this.directory.readFrom(this.name, this.offset);
    if (!bytes || bytes.length === 0) return [];
    const end = bytes.lastIndexOf(NEWLINE);
    if (end < 0) {
      this.tail = bytes.length;
      return [];
    }
    // one decode and one split for the whole read: per-line decoding is several times slower on a 100k-line month
    const texts = decoder.decode(bytes.subarray(0, end)).split('\n');
    const lines: { text: string; line: number }[] = [];
    for (const text of texts) {
      this.lineNumber++;
      if (text !== '') lines.push({ text, line: this.lineNumber });
    }
    this.offset += end + 1;
    this.tail = bytes.length - end - 1;
    return lines;
  }

  /** a torn or unfinished last line is waiting: its line number and bytes, else undefined */
  pendingTail(): { line: number; bytes: number } | undefined {
    return this.tail > 0 ? { line: this.lineNumber + 1, bytes: this.tail } : undefined;
  }
}
