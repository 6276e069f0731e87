/**
 * Entry of the separately built `dist/tokenizer.js` (gpt-tokenizer's o200k_base encoding, about 2 MB):
 * required only when the first exact estimate is asked for, so activation never pays for it.
 */
import { countTokens as countO200kTokens } from 'gpt-tokenizer';

/** tokens in `text` under o200k_base (GPT-4o family; a close estimate for other models) */
export function countTokens(text: string): number {
  return countO200kTokens(text);
}
