/** The core's one public entry. The host, tests and bench import from here only. */
export type * from './api';
export type { ChatStreamPart, FinishReason, Usage } from './streamParts';
export { SwitchboardError } from './errors/switchboardError';
export type { ErrorCode } from './errors/switchboardError';
export type { ChatMessage, ChatRequest, ChatProvider, ProviderDescriptor, KeyCheck, OpenRouterOptions, ImagePart, ToolCall, ToolChoice, ToolDefinition } from './providers/chatProvider';
export type { ModelInfo, ModelPricing } from './catalog/modelInfo';
export type { Cost, CostEstimate } from './cost/cost';
export type { Clock, KeyValueStore, Logger, SecretSource } from './ports';
export type { Transport, HttpRequest, HttpResponse } from './transport/transport';

export { createCore } from './core';
export { createUndiciTransport } from './transport/undiciTransport';
export type { UndiciTransportOptions } from './transport/undiciTransport';
export { parseModelId } from './providers/registry';
export type { ParsedModelId } from './providers/registry';
export { BUILT_IN_PROVIDERS, builtInProvider, createProvider } from './providers/presets';
export { systemClock } from './limits/systemClock';
export { costOf } from './cost/costOf';
export { redactSecrets, redactHeaders } from './errors/redact';
export { formatUsd, formatCost, formatPricePerMillion, formatPriceLabel, formatTokens, formatDuration } from '../shared/format';
export { DEFAULT_MAX_TOKENS } from './chat/send';
export { CATALOG_TTL_MS } from './catalog/modelCatalog';
export { argumentsObject } from './providers/toolCalls';
export { SignInRegistry, authorizationUrl, SIGN_IN_STATE_PARAMETER, SIGN_IN_TTL_MS } from './auth/openRouterOAuth';
export type { ExchangedKey, PendingSignIn, SignInAccepted, SignInRefusal } from './auth/openRouterOAuth';
export type { Attachment, AttachmentRefusal, FileAttachment, FolderAttachment, ImageAttachment, Problem, ProblemSeverity, ProblemsAttachment } from './context/attachment';
export { attachmentText, fenceFor, messageContent, truncationNote } from './context/attachmentText';
export type { MessageImage } from './context/attachmentText';
export { approximateTokens, createFileAttachment, createFolderAttachment, createProblemsAttachment, DEFAULT_FILE_TOKEN_LIMIT, MAX_FILE_BYTES } from './context/createAttachment';
export { createImageAttachment, imageCostMicroUsd, imageRefusal, takesImages } from './context/imageAttachment';
export { attachmentShares, withImageCost } from './context/attachmentShares';

// Spend: the cost ledger (CoreOptions.ledger, Core.ledger), reconciliation events and the OpenRouter account.
export { createNodeLedgerDirectory } from './ledger/nodeLedgerDirectory';
export type { LedgerDirectory } from './ledger/ledgerDirectory';
export type { LedgerRecord, LedgerCost, LedgerCostKind, LedgerSource, LedgerStatus, LedgerTokens } from './ledger/ledgerRecord';
export type { LedgerProblem } from './ledger/ledgerFileReader';
export type { LedgerContext } from './ledger/requestRecorder';
export type { LedgerGroupBy, SpendFigures, SpendGroup, SpendTotals } from './ledger/ledgerTotals';
export type { DayDimension, SpendDay } from './ledger/monthSummary';
export { localDayRange, localMonthRange, localDayKey } from './ledger/calendar';
export { providerOf } from './ledger/ledgerTotals';
export { ledgerCsv, ledgerJson } from './ledger/ledgerExport';
export type { TimeRange } from './ledger/calendar';
export type { ReconcileEvent } from './ledger/reconciler';
export { RECONCILE_DELAYS_MS } from './ledger/reconciler';
export type { OpenRouterAccount, UsageWindows } from './account/openRouterAccount';
export { isLowCredit, DEFAULT_LOW_CREDIT_USD, ACCOUNT_TTL_MS } from './account/openRouterAccount';
