import type { ChatProvider, ProviderDescriptor } from './chatProvider';
import type { ProviderFactoryOptions } from './providerOptions';
import { createAnthropicProvider } from './anthropicProvider';
import { createGeminiProvider } from './geminiProvider';
import { createOpenAiCompatibleProvider } from './openAiCompatibleProvider';
import { createOpenRouterProvider } from './openRouterProvider';

/**
 * The built-in providers, as data: one descriptor per provider holds every fact the core and the host read about it
 * (where requests go, the key's page and environment variable, the credits page, the price reference). Base URLs can
 * be overridden per id in settings (`switchboard.providerBaseUrls`).
 */
export const BUILT_IN_PROVIDERS: readonly ProviderDescriptor[] = Object.freeze([
  {
    id: 'openrouter', label: 'OpenRouter', kind: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', requiresKey: true,
    keyPage: 'https://openrouter.ai/keys',
    keyEnvironmentVariable: 'OPENROUTER_API_KEY',
    creditsPage: 'https://openrouter.ai/settings/credits',
  },
  {
    id: 'openai', label: 'OpenAI', kind: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', requiresKey: true, maxTokensField: 'max_completion_tokens',
    keyPage: 'https://platform.openai.com/api-keys',
    keyEnvironmentVariable: 'OPENAI_API_KEY',
    creditsPage: 'https://platform.openai.com/settings/organization/billing/overview',
    openRouterVendor: 'openai',
  },
  {
    id: 'groq', label: 'Groq', kind: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1', requiresKey: true,
    keyPage: 'https://console.groq.com/keys',
  },
  {
    id: 'deepseek', label: 'DeepSeek', kind: 'openai-compatible', baseUrl: 'https://api.deepseek.com/v1', requiresKey: true,
    keyPage: 'https://platform.deepseek.com/api_keys',
    creditsPage: 'https://platform.deepseek.com/top_up',
    openRouterVendor: 'deepseek',
  },
  { id: 'ollama', label: 'Ollama (local)', kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', requiresKey: false, local: true },
  { id: 'lmstudio', label: 'LM Studio (local)', kind: 'openai-compatible', baseUrl: 'http://localhost:1234/v1', requiresKey: false, local: true },
  {
    id: 'anthropic', label: 'Anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', requiresKey: true,
    keyPage: 'https://console.anthropic.com/settings/keys',
    keyEnvironmentVariable: 'ANTHROPIC_API_KEY',
    creditsPage: 'https://console.anthropic.com/settings/billing',
    openRouterVendor: 'anthropic',
  },
  {
    id: 'gemini', label: 'Google Gemini', kind: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', requiresKey: true,
    keyPage: 'https://aistudio.google.com/apikey',
    keyEnvironmentVariable: 'GEMINI_API_KEY',
    openRouterVendor: 'google',
  },
] satisfies ProviderDescriptor[]);

/** The built-in provider with this id (a custom endpoint or an unknown id: undefined). */
export function builtInProvider(id: string): ProviderDescriptor | undefined {
  return BUILT_IN_PROVIDERS.find((provider) => provider.id === id);
}

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
