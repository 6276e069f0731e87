/** Builds the full state the chat view renders. No vscode import. */
import type { CostEstimate } from '../../core/index';
import type {
  ChatViewState, ConversationSummary, EstimateView, MessageMeta, MessageView, ModelOption, ProviderStatus,
} from '../../shared/viewModels';
import type { AttachmentView } from '../../shared/chat/attachmentViews';
import type { Translate } from '../../shared/format';
import type { StoredConversation, StoredMessage } from '../conversations/conversation';
import { attachmentView } from './draftAttachments';
import { conversationCost } from '../conversations/conversationFormat';
import { errorViewOf } from '../editor/errorView';
import type { HostServices } from '../hostServices';
import { modelOptionOf } from '../models/modelOptions';
import { metaView } from '../replies/metaView';

/** at most this many conversations in the view's history list */
const VIEW_HISTORY_LIMIT = 100;

/** What the chat controller holds that the view shows. */
export interface ChatViewInput {
  conversation: StoredConversation;
  history: readonly ConversationSummary[];
  activeRequestId: string | undefined;
  draft: string | undefined;
  /** the chips of the message being written */
  context: { attachments: AttachmentView[]; attachmentNotice?: string; acceptsImages: boolean };
  /** words the chips of sent messages (the controller passes vscode.l10n.t; English without) */
  translate?: Translate;
}

export function chatViewState(services: HostServices, input: ChatViewInput): ChatViewState {
  const core = services.core();
  const providers = core.providers();
  const { keys, winTally, recent } = services;
  const current = services.model.get();
  const option = (id: string): ModelOption => modelOptionOf(id, core.catalog.get(id), providers, winTally.label(id));
  const seen = new Set<string>();
  const models: ModelOption[] = [];
  for (const id of [current, ...recent.list()]) {
    if (!seen.has(id)) { seen.add(id); models.push(option(id)); }
  }
  // every catalog model: the view's picker is searchable, and a model cut from it could not be found there
  for (const info of core.catalog.list()) {
    if (!seen.has(info.id)) { seen.add(info.id); models.push(modelOptionOf(info.id, info, providers, winTally.label(info.id))); }
  }
  const providerStatus: ProviderStatus[] = providers.map((provider) => ({
    id: provider.id, label: provider.label, requiresKey: provider.requiresKey, hasKey: keys.knownHasKey(provider.id) ?? false,
  }));
  const customIds = new Set((services.settings().core.customEndpoints ?? []).map((endpoint) => endpoint.id));
  const localServer = services.localServer();
  const usable = providerStatus.some((provider) => (provider.requiresKey ? provider.hasKey : customIds.has(provider.id)));
  const keyMissing = (provider: string | undefined): boolean => {
    const status = providerStatus.find((candidate) => candidate.id === provider);
    return status !== undefined && status.requiresKey && !status.hasKey;
  };
  const messages = input.conversation.messages.map((message) => messageView(message, (id) => core.catalog.get(id)?.name, keyMissing, input.translate));
  const budget = core.budgetStatus();
  return {
    conversationId: input.conversation.id,
    title: input.conversation.title,
    messages,
    model: option(current),
    models,
    providers: providerStatus,
    history: input.history.slice(0, VIEW_HISTORY_LIMIT),
    sessionSpendMicroUsd: budget.sessionMicroUsd,
    sessionUnknownCount: budget.sessionUnknownCount > 0 ? budget.sessionUnknownCount : undefined,
    conversationCost: conversationCost(input.conversation),
    activeRequestId: input.activeRequestId,
    needsSetup: !usable && localServer === undefined,
    localServerDetected: localServer,
    draft: input.draft,
    ...input.context,
  };
}

export function estimateView(estimate: CostEstimate): EstimateView {
  return {
    minMicroUsd: estimate.minMicroUsd,
    maxMicroUsd: estimate.maxMicroUsd,
    promptTokens: estimate.promptTokens,
    exact: estimate.promptTokensExact,
    priced: estimate.priced,
  };
}

function messageView(
  message: StoredMessage,
  nameOf: (model: string) => string | undefined,
  keyMissing: (provider: string | undefined) => boolean,
  translate?: Translate,
): MessageView {
  const meta = message.meta;
  const metaOfReply: MessageMeta | undefined = meta && metaView(meta, nameOf(meta.servedModel));
  return {
    id: message.id,
    role: message.role,
    text: message.text,
    reasoning: message.reasoning,
    status: message.status,
    meta: message.role === 'assistant' ? metaOfReply : undefined,
    error: message.error ? errorViewOf(message.error, keyMissing(message.error.provider)) : undefined,
    ...(message.attachments?.length ? { attachments: message.attachments.map((attachment) => attachmentView(attachment, undefined, translate)) } : {}),
  };
}
