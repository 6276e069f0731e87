/**
 * Makes text attachments from what the host read: refuses binary files, cuts large files at a token limit (at a
 * line end, with a visible note), caps folder trees, and counts each block's tokens as it will be sent.
 */
import { approximatePromptTokens } from '../cost/estimateCost';
import type { AttachmentRefusal, CountTokens, FileAttachment, FolderAttachment, Problem, ProblemsAttachment } from './attachment';
import { attachmentText } from './attachmentText';

/** Tokens one attached file may take before it is cut. */
export const DEFAULT_FILE_TOKEN_LIMIT = 8_000;

/** Bytes read from one file at most (a larger file is cut anyway; this bounds the work). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Entries a folder tree lists at most. */
export const DEFAULT_FOLDER_ENTRY_LIMIT = 500;

/** Bytes inspected for NUL when deciding whether a file is binary (git's heuristic looks at the first 8000). */
const BINARY_SNIFF_BYTES = 8000;

/** The core's instant count (characters / 4), for when no tokenizer is loaded. */
export const approximateTokens: CountTokens = (text) => approximatePromptTokens([{ role: 'user', content: text }]);

/** true when the bytes are not UTF-8 text: a NUL in the first 8000 bytes, or invalid UTF-8 anywhere. */
export function isBinary(bytes: Uint8Array): boolean {
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return true;
  try {
    // stream: true lets a character cut at MAX_FILE_BYTES end the input without counting as invalid
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * A file attachment from the bytes read (at most MAX_FILE_BYTES of them; `totalBytes` says whether there were more),
 * or a refusal for binary content.
 */
export function createFileAttachment(options: {
  id: string;
  path: string;
  language?: string;
  bytes: Uint8Array;
  /** the file's full size in bytes; default bytes.length */
  totalBytes?: number;
  maxTokens?: number;
  countTokens?: CountTokens;
}): FileAttachment | AttachmentRefusal {
  const { id, path, language } = options;
  const count = options.countTokens ?? approximateTokens;
  const maxTokens = options.maxTokens ?? DEFAULT_FILE_TOKEN_LIMIT;
  if (isBinary(options.bytes)) {
    return { refused: true, message: `${path} looks like a binary file (not UTF-8 text), so it was not attached. Attach text files only; for a picture, paste or drop the image.` };
  }
  const text = new TextDecoder('utf-8').decode(options.bytes, { stream: true }).replace(/\r\n/g, '\n');
  const readAll = (options.totalBytes ?? options.bytes.length) <= options.bytes.length;
  const lines = splitLines(text);
  const whole = { kind: 'file' as const, path, language, text };
  const wholeTokens = count(attachmentText(whole)!);
  if (wholeTokens <= maxTokens && readAll) {
    return { id, ...whole, tokens: wholeTokens };
  }
  const fullTokens = readAll ? wholeTokens : Math.ceil(wholeTokens * ((options.totalBytes ?? 0) / Math.max(1, options.bytes.length)));
  const totalLines = readAll ? lines.length : Math.max(lines.length, Math.round(lines.length * ((options.totalBytes ?? 0) / Math.max(1, options.bytes.length))));
  const fits = (kept: string, keptLines: number): boolean =>
    count(attachmentText({ ...whole, text: kept, truncated: { keptLines, totalLines, fullTokens } })!) <= maxTokens;
  // the most whole lines that fit: binary search over line counts
  let low = 0;
  let high = readAll ? lines.length - 1 : lines.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(lines.slice(0, middle).join(''), middle)) low = middle;
    else high = middle - 1;
  }
  let kept = lines.slice(0, low).join('');
  let keptLines = low;
  if (low === 0 && lines.length > 0) {
    // one giant first line (minified code): keep as many characters of it as fit
    let lowChars = 0;
    let highChars = lines[0].length;
    while (lowChars < highChars) {
      const middle = Math.ceil((lowChars + highChars) / 2);
      if (fits(lines[0].slice(0, middle), 1)) lowChars = middle;
      else highChars = middle - 1;
    }
    kept = lines[0].slice(0, lowChars);
    keptLines = lowChars > 0 ? 1 : 0;
  }
  const truncated = { keptLines, totalLines, fullTokens };
  return { id, ...whole, text: kept, truncated, tokens: count(attachmentText({ ...whole, text: kept, truncated })!) };
}

/** Lines with their line ends kept, so joining slices gives back the text exactly. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A folder's tree, at most `maxEntries` entries (sorted; folders end in `/`). */
export function createFolderAttachment(options: { id: string; path: string; entries: readonly string[]; maxEntries?: number; countTokens?: CountTokens }): FolderAttachment {
  const limit = options.maxEntries ?? DEFAULT_FOLDER_ENTRY_LIMIT;
  const sorted = [...new Set(options.entries.map((entry) => entry.replace(/\\/g, '/').replace(/^\.\//, '')))].filter((entry) => entry !== '').sort();
  const entries = sorted.slice(0, limit);
  const folder = { kind: 'folder' as const, path: options.path.replace(/\\/g, '/') || '.', entries, omitted: sorted.length - entries.length };
  return { id: options.id, ...folder, tokens: (options.countTokens ?? approximateTokens)(attachmentText(folder)!) };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Problems of a file (or the workspace), most severe first, then by place. */
export function createProblemsAttachment(options: { id: string; path?: string; problems: readonly Problem[]; countTokens?: CountTokens }): ProblemsAttachment {
  const problems = [...options.problems].sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  const block = { kind: 'problems' as const, path: options.path, problems };
  return { id: options.id, ...block, tokens: (options.countTokens ?? approximateTokens)(attachmentText(block)!) };
}
