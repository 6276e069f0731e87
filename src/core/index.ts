/** The core's one public entry. The host, tests and bench import from here only. */
export type * from './api';
export type { ChatStreamPart, FinishReason, Usage } from './streamParts';
export { SwitchboardError } from './errors/switchboardError';
export type { ErrorCode } from './errors/switchboardError';
export type { ChatMessage, ChatRequest, ChatProvider, ProviderDescriptor, KeyCheck, OpenRouterOptions } from './providers/chatProvider';
export type { ModelInfo, ModelPricing } from './catalog/modelInfo';
export type { Cost, CostEstimate } from './cost/cost';
export type { Clock, KeyValueStore, Logger, SecretSource } from './ports';
export type { Transport, HttpRequest, HttpResponse } from './transport/transport';

export { createCore } from './core';
export { createUndiciTransport } from './transport/undiciTransport';
export type { UndiciTransportOptions } from './transport/undiciTransport';
export { parseModelId } from './providers/registry';
export type { ParsedModelId } from './providers/registry';
export { BUILT_IN_PROVIDERS, createProvider } from './providers/presets';
export { systemClock } from './limits/systemClock';
export { costOf } from './cost/costOf';
export { redactSecrets, redactHeaders } from './errors/redact';
export { formatUsd, formatCost, formatPricePerMillion, formatPriceLabel, formatTokens, formatDuration } from '../shared/format';
export { DEFAULT_MAX_TOKENS } from './chat/send';
export { CATALOG_TTL_MS } from './catalog/modelCatalog';
export { SignInRegistry, authorizationUrl, SIGN_IN_STATE_PARAMETER, SIGN_IN_TTL_MS } from './auth/openRouterOAuth';
export type { ExchangedKey, PendingSignIn, SignInAccepted, SignInRefusal } from './auth/openRouterOAuth';
