import type { Transport } from '../transport/transport';
import type { ProviderDescriptor } from './chatProvider';

/** What every provider factory takes (one options type for all four). */
export interface ProviderFactoryOptions {
  descriptor: ProviderDescriptor;
  transport: Transport;
  /** the key for this provider, trimmed; undefined = none set */
  getApiKey: () => Promise<string | undefined>;
  /** OpenRouter app attribution (`HTTP-Referer`, `X-OpenRouter-Title`); sent to OpenRouter only */
  attribution?: { referer: string; title: string };
}
