/** Builders of realistic view states for the webview tests. */
import type { ChatViewState, CompareColumnView, CompareViewState, MessageMeta, MessageView, ModelOption } from '../../../src/shared/viewModels';

export const MODELS: ModelOption[] = [
  { id: 'openrouter:anthropic/claude-sonnet-4.5', name: 'Claude Sonnet 4.5', provider: 'openrouter', providerLabel: 'OpenRouter', priceLabel: '$3.00 / $15.00', contextLength: 1_000_000, isFree: false, winsLabel: 'won 7 of 9 comparisons' },
  { id: 'openrouter:openai/gpt-4o-mini', name: 'GPT-4o mini', provider: 'openrouter', providerLabel: 'OpenRouter', priceLabel: '$0.15 / $0.60', contextLength: 128_000, isFree: false },
  { id: 'openrouter:meta-llama/llama-3.3-70b-instruct:free', name: 'Llama 3.3 70B Instruct (free)', provider: 'openrouter', providerLabel: 'OpenRouter', priceLabel: 'free', isFree: true },
  { id: 'ollama:qwen3', name: 'qwen3', provider: 'ollama', providerLabel: 'Ollama', priceLabel: 'price unknown', isFree: false },
];

export function meta(overrides: Partial<MessageMeta> = {}): MessageMeta {
  return {
    servedModel: 'openrouter:anthropic/claude-sonnet-4.5',
    servedModelName: 'Claude Sonnet 4.5',
    upstreamProvider: 'Anthropic',
    inputTokens: 1234,
    outputTokens: 456,
    ttftMs: 640,
    totalMs: 5200,
    tokensPerSecond: 87.7,
    finishReason: 'stop',
    cost: { kind: 'billed', microUsd: 10_542 },
    ...overrides,
  };
}

export function userMessage(id: string, text: string): MessageView {
  return { id, role: 'user', text, status: 'done' };
}

export function assistantMessage(id: string, text: string, overrides: Partial<MessageView> = {}): MessageView {
  return { id, role: 'assistant', text, status: 'done', meta: meta(), ...overrides };
}

export function chatState(overrides: Partial<ChatViewState> = {}): ChatViewState {
  return {
    conversationId: 'conversation-1',
    title: 'Binary search in TypeScript',
    messages: [],
    model: MODELS[0],
    models: MODELS,
    providers: [
      { id: 'openrouter', label: 'OpenRouter', requiresKey: true, hasKey: true },
      { id: 'anthropic', label: 'Anthropic', requiresKey: true, hasKey: false },
      { id: 'gemini', label: 'Google Gemini', requiresKey: true, hasKey: false },
      { id: 'ollama', label: 'Ollama', requiresKey: false, hasKey: false },
    ],
    history: [
      { id: 'conversation-1', title: 'Binary search in TypeScript', updatedAt: Date.UTC(2026, 10, 24, 21, 0), messageCount: 4, kind: 'chat', cost: { microUsd: 21_084, unknownCount: 0 } },
      { id: 'conversation-0', title: 'Sonnet vs GPT-4o mini on regexes', updatedAt: Date.UTC(2026, 10, 23, 9, 30), messageCount: 3, kind: 'compare', cost: { microUsd: 1_250_000, unknownCount: 1 } },
    ],
    sessionSpendMicroUsd: 48_210,
    conversationCost: { microUsd: 21_084, unknownCount: 0 },
    needsSetup: false,
    attachments: [],
    acceptsImages: false,
    ...overrides,
  };
}

export function column(index: number, overrides: Partial<CompareColumnView> = {}): CompareColumnView {
  const model = MODELS[index % MODELS.length];
  return { index, model: model.id, modelName: model.name, status: 'waiting', text: '', winner: false, ...overrides };
}

export function compareState(overrides: Partial<CompareViewState> = {}): CompareViewState {
  return {
    compareId: 'compare-1',
    prompt: 'Write a function that reverses a linked list.',
    columns: [column(0), column(1), column(2)],
    running: false,
    blindMode: false,
    namesHidden: false,
    tags: [],
    ...overrides,
  };
}
