/**
 * Every money figure says what it is. Amounts are integer micro-USD (1 USD = 1_000_000).
 * - billed: the provider reported the charge
 * - estimated: tokens x catalog prices
 * - unknown: no usage arrived (a stream cut before its end); shown as unknown, never as $0
 */
export type Cost =
  | { kind: 'billed'; microUsd: number }
  | { kind: 'estimated'; microUsd: number }
  | { kind: 'unknown' };

/** The pre-send estimate: a range, because the reply length is not known yet. */
export interface CostEstimate {
  /** prompt tokens; exact when counted with a tokenizer, else chars/4 */
  promptTokens: number;
  promptTokensExact: boolean;
  /** integer micro-USD: prompt only */
  minMicroUsd: number;
  /** integer micro-USD: prompt plus max output tokens at the completion price */
  maxMicroUsd: number;
  /** the output tokens the max assumes */
  maxOutputTokens: number;
  /** false when the model has no known price: the figures are then 0 and must be shown as unknown */
  priced: boolean;
}
