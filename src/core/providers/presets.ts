import type { ChatProvider, ProviderDescriptor } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { createAnthropicProvider } from './anthropicProvider';
import { createGeminiProvider } from './geminiProvider';
import { createOpenAiCompatibleProvider } from './openAiCompatibleProvider';
import { createOpenRouterProvider } from './openRouterProvider';

/** The built-in providers, as data. Base URLs can be overridden per id in settings (`switchboard.providerBaseUrls`). */
export const BUILT_IN_PROVIDERS: readonly ProviderDescriptor[] = Object.freeze([
  { id: 'openrouter', label: 'OpenRouter', kind: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', requiresKey: true },
  { id: 'openai', label: 'OpenAI', kind: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', requiresKey: true, maxTokensField: 'max_completion_tokens' },
  { id: 'groq', label: 'Groq', kind: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1', requiresKey: true },
  { id: 'deepseek', label: 'DeepSeek', kind: 'openai-compatible', baseUrl: 'https://api.deepseek.com/v1', requiresKey: true },
  { id: 'ollama', label: 'Ollama (local)', kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', requiresKey: false, local: true },
  { id: 'lmstudio', label: 'LM Studio (local)', kind: 'openai-compatible', baseUrl: 'http://localhost:1234/v1', requiresKey: false, local: true },
  { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', requiresKey: true },
  { id: 'gemini', label: 'Google Gemini', kind: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', requiresKey: true },
] satisfies ProviderDescriptor[]);

/** Picks the factory by `descriptor.kind`: the ONLY switch on provider kind in the codebase. */
export function createProvider(descriptor: ProviderDescriptor, options: Omit<ProviderFactoryOptions, 'descriptor'>): ChatProvider {
  const full: ProviderFactoryOptions = { ...options, descriptor };
  switch (descriptor.kind) {
    case 'openrouter':
      return createOpenRouterProvider(full);
    case 'openai-compatible':
      return createOpenAiCompatibleProvider(full);
    case 'anthropic':
      return createAnthropicProvider(full);
    case 'gemini':
      return createGeminiProvider(full);
    default: {
      const unknown: never = descriptor.kind;
      throw new Error(`Unknown provider kind ${String(unknown)}`);
    }
  }
}
