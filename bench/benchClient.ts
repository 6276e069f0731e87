/** What every client under measurement offers the bench: stream one reply from the bench server. */
export interface BenchClient {
  /** shown in the table */
  readonly name: string;
  /**
   * Streams one reply for `model` (a bench server model name such as `bulk-200000`), calling `onText` for each
   * non-empty content delta as it arrives; resolves with the whole text.
   */
  stream(model: string, onText?: (text: string) => void): Promise<string>;
  close(): Promise<void>;
}

/** The one user message every bench request carries. */
export const benchMessages = [{ role: 'user' as const, content: 'Say something.' }];
