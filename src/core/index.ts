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
