/**
 * Switchboard's models in VS Code's chat (`LanguageModelChatProvider`, vendor `switchboard`): the chosen models
 * with limits, capabilities and prices from the catalog; answers through the core's send() (budget caps, rate
 * limit, retries, fallback, spend), streamed as text and tool-call parts; usage as a `usage` data part where
 * VS Code has `LanguageModelDataPart` (>= 1.106). Every newer API is read at call time, never at module load.
 */
import * as vscode from 'vscode';
import { argumentsObject, DEFAULT_MAX_TOKENS, type ChatResult, type ChatStreamPart, type ToolDefinition } from '../../core/index';
import type { HostServices } from '../hostServices';
import { messageText, toChatMessages } from './messageConversion';
import { chatModelInformation, type ChatModelInformation } from './modelInformation';
import type { TokenCounter } from './tokenCounter';
import { USAGE_MIME_TYPE, usagePayload } from './usageReport';

/** The vendor in package.json `languageModelChatProviders` (Copilot owns `openrouter`, `openai` and the like). */
export const LANGUAGE_MODEL_VENDOR = 'switchboard';

export interface LanguageModelProviderDependencies {
  services: HostServices;
  tokens: TokenCounter;
  /** the namespaced ids to show (the setting, else the default choice) */
  chosenModels(): string[];
}

export class SwitchboardLanguageModels implements vscode.LanguageModelChatProvider<ChatModelInformation>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** providers whose missing key was already mentioned (once per session) */
  private readonly keyNoticeShown = new Set<string>();

  constructor(private readonly deps: LanguageModelProviderDependencies) {}

  /** the setting, keys, current model or catalog changed */
  refresh(): void {
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<ChatModelInformation[]> {
    const { services } = this.deps;
    const core = services.core();
    const providers = new Map(core.providers().map((provider) => [provider.id, provider]));
    const outputBudget = services.settings().core.maxTokens ?? DEFAULT_MAX_TOKENS;
    const models: ChatModelInformation[] = [];
    for (const id of this.deps.chosenModels()) {
      const provider = providers.get(id.slice(0, id.indexOf(':')));
      if (!provider) continue;
      if (provider.requiresKey && !(await services.keys.hasApiKey(provider.id))) {
        // silent: VS Code asks on its own schedule, never prompt then; otherwise say once how to add the key
        if (!options.silent && !this.keyNoticeShown.has(provider.id)) {
          this.keyNoticeShown.add(provider.id);
          void vscode.window.showInformationMessage(vscode.l10n.t("Switchboard: {0} has no API key, so its models are not in VS Code's chat.", provider.label), vscode.l10n.t('Set API Key'))
            .then((choice) => (choice ? vscode.commands.executeCommand('switchboard.setApiKey', provider.id) : undefined));
        }
        continue;
      }
      models.push(chatModelInformation(id, core.catalog.get(id), outputBudget, provider.label));
    }
    return models;
  }

  async provideLanguageModelChatResponse(
    model: ChatModelInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { services } = this.deps;
    const TextPart = vscode.LanguageModelTextPart;
    const ToolCallPart = vscode.LanguageModelToolCallPart;
    if (!TextPart || !ToolCallPart) throw new vscode.LanguageModelError('Switchboard: this VS Code has no language model parts (needs 1.104 or later).');
    const abort = new AbortController();
    const cancellation = token.onCancellationRequested(() => abort.abort());
    let result: ChatResult;
    try {
      const temperature = options.modelOptions?.temperature;
      result = await services.core().send({
        model: model.id,
        messages: toChatMessages(messages, { vision: model.capabilities.imageInput }),
        tools: options.tools?.map(toolDefinition),
        toolChoice: options.toolMode === 2 ? 'required' : 'auto',
        temperature: typeof temperature === 'number' ? temperature : services.settings().temperature,
        signal: abort.signal,
        source: 'vscode-chat',
        onPart: (part: ChatStreamPart) => {
          if (part.type === 'text-delta') progress.report(new TextPart(part.text));
          else if (part.type === 'tool-call') progress.report(new ToolCallPart(part.call.id, part.call.name, argumentsObject(part.call.arguments)));
        },
      });
    } finally {
      cancellation.dispose();
    }
    services.spendChanged();
    reportUsage(result, progress);
    if (result.status === 'aborted' || token.isCancellationRequested) throw new vscode.CancellationError();
    if (result.status === 'error') {
      throw new vscode.LanguageModelError(result.error?.message ?? `Switchboard: ${model.id} failed.`);
    }
  }

  async provideTokenCount(_model: ChatModelInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return this.deps.tokens.count(typeof text === 'string' ? text : messageText(text));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function toolDefinition(tool: vscode.LanguageModelChatTool): ToolDefinition {
  return {
    name: tool.name,
    description: tool.description || undefined,
    parameters: tool.inputSchema !== undefined && tool.inputSchema !== null ? (tool.inputSchema as Record<string, unknown>) : undefined,
  };
}

/** Tokens for VS Code's context meter, as a `usage` data part (>= 1.106 only: the class is absent before). */
function reportUsage(result: ChatResult, progress: vscode.Progress<unknown>): void {
  const DataPart = vscode.LanguageModelDataPart;
  const payload = usagePayload(result.usage);
  if (typeof DataPart !== 'function' || !payload) return;
  progress.report(new DataPart(new TextEncoder().encode(JSON.stringify(payload)), USAGE_MIME_TYPE));
}
