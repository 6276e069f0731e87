/**
 * The small file-system port the ledger and the shared budget write through. The host gives it a folder under
 * the extension's global storage, which every VS Code window of the profile shares; tests give it a temp dir.
 * Calls are synchronous on purpose: budget checks happen in one synchronous step (see BudgetLedger), and each
 * call is one small read or one append.
 */
export interface LedgerDirectory {
  /** a name for messages (the folder's path) */
  readonly location: string;
  /** file names in the folder (not paths); [] when the folder does not exist yet */
  list(): string[];
  /** the file's bytes from `offset` to its end; undefined when the file does not exist */
  readFrom(name: string, offset: number): Uint8Array | undefined;
  /** appends text with one write (O_APPEND), creating the folder and file when needed */
  append(name: string, text: string): void;
  /** replaces the file's content atomically (a temp file renamed over it), creating the folder when needed */
  replace(name: string, text: string): void;
  /** creates the file with `text` only when it does not exist (O_EXCL); false when it existed */
  createExclusive(name: string, text: string): boolean;
  /** epoch ms of the file's last change; undefined when it does not exist */
  modifiedAt(name: string): number | undefined;
  /** deletes the file; no error when it is already gone */
  remove(name: string): void;
}
