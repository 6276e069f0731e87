/**
 * What a person attaches to a chat message: files, a folder's tree, problems, images. Plain data (kept in history
 * and exports as is); only what is attached here is ever sent, nothing is gathered behind the person's back.
 */

/** A text file, possibly cut to the token limit. */
export interface FileAttachment {
  kind: 'file';
  /** unique within the message (chips are removed by it) */
  id: string;
  /** workspace-relative path with `/` separators, e.g. `src/core/api.ts` */
  path: string;
  /** VS Code language id (`typescript`), used as the fence's info string; undefined = unknown */
  language?: string;
  /** the text sent: the whole file, or its first lines when cut */
  text: string;
  /** tokens of the rendered block (what it adds to the prompt) */
  tokens: number;
  /** set when the file was cut; undefined = sent whole */
  truncated?: {
    /** lines kept from the top (1-based count) */
    keptLines: number;
    totalLines: number;
    /** tokens the whole file would have taken */
    fullTokens: number;
  };
}

/** The tree of a folder (names only, no contents). */
export interface FolderAttachment {
  kind: 'folder';
  id: string;
  /** workspace-relative path of the folder, `.` for the root */
  path: string;
  /** paths relative to the folder, `/`-separated, folders ending in `/`; sorted */
  entries: string[];
  /** entries left out past the limit; 0 = the whole tree */
  omitted: number;
  tokens: number;
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic, as VS Code's Problems panel shows it. */
export interface Problem {
  /** workspace-relative path */
  path: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  severity: ProblemSeverity;
  message: string;
  /** the tool that reported it, e.g. `ts`, `eslint` */
  source?: string;
  code?: string;
}

/** Diagnostics of one file, or of the workspace. */
export interface ProblemsAttachment {
  kind: 'problems';
  id: string;
  /** the file they belong to; undefined = the whole workspace */
  path?: string;
  problems: Problem[];
  tokens: number;
}

/** A pasted or dropped image, for models whose catalog lists image input. */
export interface ImageAttachment {
  kind: 'image';
  id: string;
  /** file name, or `pasted image.png` */
  name: string;
  /** checked from the bytes: `image/png`, `image/jpeg`, `image/webp`, `image/gif` */
  mimeType: string;
  /** the bytes in base64, no `data:` prefix */
  data: string;
  /** size of the decoded image in bytes */
  bytes: number;
}

export type Attachment = FileAttachment | FolderAttachment | ProblemsAttachment | ImageAttachment;

/** An attachment that was not made, with the reason for a person. */
export interface AttachmentRefusal {
  refused: true;
  message: string;
}

/** Counts the tokens of a text (a tokenizer, or the core's characters / 4). */
export type CountTokens = (text: string) => number;
