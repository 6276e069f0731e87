import type { ChatStreamPart } from '../streamParts';
import type { ModelInfo } from '../catalog/modelInfo';

/** An image in a user message: one shape for every provider (and for the chat's pasted images). */
export interface ImagePart {
  type: 'image';
  /** `image/png`, `image/jpeg`, `image/webp`, `image/gif` */
  mimeType: string;
  /** the image bytes in base64, no `data:` prefix */
  data: string;
}

/** A function the model may call (VS Code's `LanguageModelChatTool`). */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON schema of the arguments object; undefined = no arguments */
  parameters?: Record<string, unknown>;
}

/** A call the model asked for, assembled from the streamed deltas. */
export interface ToolCall {
  /** the provider's call id (Gemini gives none: a generated one), echoed in the tool result */
  id: string;
  name: string;
  /** the arguments as JSON text (`{}` when the model sent none) */
  arguments: string;
  /** Gemini's `thoughtSignature` on the call: sent back with it in the next request; undefined elsewhere */
  signature?: string;
}

/**
 * One message of a conversation. `tool` messages carry one tool result (their `content`) for `toolCallId`;
 * assistant messages may carry the tool calls they made; user messages may carry images.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** user messages: images sent with the text (vision models) */
  images?: ImagePart[];
  /** assistant messages: the calls the model made in this turn */
  toolCalls?: ToolCall[];
  /** tool messages: the id of the call this result answers */
  toolCallId?: string;
  /** tool messages: the called function's name (Gemini matches results by name) */
  toolName?: string;
}

/** OpenRouter-only request fields. Only the OpenRouter provider reads them; no other host ever receives them. */
export interface OpenRouterOptions {
  /** server-side fallback list (`models`) */
  models?: string[];
  /** provider routing preferences (`provider`) */
  provider?: {
    order?: string[];
    only?: string[];
    ignore?: string[];
    allow_fallbacks?: boolean;
    sort?: 'price' | 'throughput' | 'latency';
    data_collection?: 'allow' | 'deny';
    zdr?: boolean;
  };
  reasoning?: { effort?: 'low' | 'medium' | 'high'; max_tokens?: number; exclude?: boolean };
}

/** One request to one provider, with the model id local to that provider (no `provider:` prefix). */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** upper bound on generated tokens; undefined = provider default (Anthropic requires one: the provider picks 4096) */
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  openRouter?: OpenRouterOptions;
  /** functions the model may call; undefined or [] = none */
  tools?: ToolDefinition[];
  /** 'required' = the model must call a tool; default 'auto' */
  toolChoice?: ToolChoice;
}

/** Whether the model may or must call a tool (VS Code's `LanguageModelChatToolMode` Auto = 1, Required = 2). */
export type ToolChoice = 'auto' | 'required';

/** What a provider is, as data (no behaviour): the registry and the UI read this. */
export interface ProviderDescriptor {
  /** namespace in model ids: `openrouter`, `openai`, `groq`, `ollama`, `anthropic`, `gemini`, or a custom endpoint's name */
  id: string;
  /** shown to people: "OpenRouter", "Ollama (local)" */
  label: string;
  kind: 'openrouter' | 'openai-compatible' | 'anthropic' | 'gemini';
  baseUrl: string;
  /** false for local servers (Ollama, LM Studio) */
  requiresKey: boolean;
  /** true for servers on this machine (Ollama, LM Studio): their models cost 0; undefined = not local */
  local?: boolean;
  /**
   * OpenAI-compatible only: the body field for the output token limit. Default `max_tokens` (every compatible
   * server); OpenAI's own API wants `max_completion_tokens` (its reasoning models reject `max_tokens`).
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** built-in providers: the page where people create a key */
  keyPage?: string;
  /** built-in providers: the environment variable offered for import on first use (`OPENROUTER_API_KEY`) */
  keyEnvironmentVariable?: string;
  /** built-in providers: the page where credits are topped up; absent = no 'add-credits' action */
  creditsPage?: string;
  /**
   * built-in providers whose own model lists carry no prices: OpenRouter's vendor prefix (`google` for Gemini),
   * under which OpenRouter lists their models at list price (the price reference)
   */
  openRouterVendor?: string;
}

/** Result of a cheap authenticated call that proves a key works (OpenRouter `GET /key`). */
export interface KeyCheck {
  ok: boolean;
  /** e.g. "label sk-or-v1-abc…, $4.20 of $10.00 left"; never the key */
  summary?: string;
  /** micro-USD left on the key when the provider says; undefined = not said */
  remainingMicroUsd?: number;
}

export interface ChatProvider {
  readonly descriptor: ProviderDescriptor;
  /**
   * Streams one request. Always ends with exactly one `finish` or `error` part (errors are parts, not throws,
   * once the request was sent; a thrown error means it never left). Breaking out of the loop aborts the request.
   */
  stream(request: ChatRequest): AsyncIterable<ChatStreamPart>;
  /** Models this provider serves, with pricing where the provider publishes it. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** One cheap authenticated call; rejects with a SwitchboardError('authentication') on a bad key. */
  checkKey(apiKey: string, signal?: AbortSignal): Promise<KeyCheck>;
}
