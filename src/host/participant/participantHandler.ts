/**
 * `@switchboard` in VS Code's chat: a plain question goes to the current Switchboard model through the core (caps,
 * rate limit, retries, fallback, spend) and its cost shows under the answer; `/compare`, `/cost` and `/model`.
 * The handler talks to VS Code only through the stream and request it is given, so tests call it with a recorder.
 */
import type * as vscode from 'vscode';
import type { ChatMessage } from '../../core/index';
import { formatCost, formatTokens, inEnglish, type Localizer } from '../../shared/format';
import type { StoredConversation } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { compareTableMarkdown } from './compareTable';
import { spendMarkdown, type SpendSource } from './spendSummary';

/** The command behind the `/compare` answer's button. */
export const SHOW_COMPARISON_COMMAND = 'switchboard.showComparison';

/** The parts of `ChatResponseStream` the participant uses (stable since 1.90). */
export type ParticipantStream = Pick<vscode.ChatResponseStream, 'markdown' | 'button' | 'progress'>;

/** The parts of `ChatRequest` the participant reads. */
export interface ParticipantRequest {
  readonly prompt: string;
  readonly command: string | undefined;
}

export interface ParticipantDependencies {
  services: HostServices;
  spend: SpendSource;
  /** the models `/compare` runs: the last compared set, else the current model and winners */
  compareModels(): string[];
  /** runs a comparison (shown in the compare panel too) and resolves with it once every column settled */
  runComparison(models: string[], prompt: string): Promise<StoredConversation>;
  /** the model quick pick; undefined = dismissed */
  pickModel(): Promise<string | undefined>;
  /** the language of the answers' own words (`vscode.l10n`; English when absent) */
  l10n?: Localizer;
}

/** What a turn returns to VS Code: error details, and the cost kept with the turn. */
export interface ParticipantResult {
  errorDetails?: { message: string };
  metadata?: { command?: string; model?: string; costMicroUsd?: number };
}

/** Earlier turns with @switchboard as plain text messages (other participants' turns are not ours to resend). */
export function historyMessages(history: ReadonlyArray<unknown>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of history) {
    const record = turn as { prompt?: unknown; command?: unknown; response?: unknown };
    if (typeof record.prompt === 'string') {
      if (record.command === undefined) messages.push({ role: 'user', content: record.prompt });
    } else if (Array.isArray(record.response)) {
      const text = record.response.map((part: { value?: { value?: unknown } }) => (typeof part?.value?.value === 'string' ? part.value.value : '')).join('');
      const last = messages[messages.length - 1];
      // only answers to plain questions: the user turn before it was kept
      if (text !== '' && last?.role === 'user') messages.push({ role: 'assistant', content: text.replace(/\n\n\*[^\n]*\*\n?$/, '') });
    }
  }
  return messages;
}

export function createParticipantHandler(deps: ParticipantDependencies) {
  return async (request: ParticipantRequest, history: ReadonlyArray<unknown>, stream: ParticipantStream, token: vscode.CancellationToken): Promise<ParticipantResult> => {
    switch (request.command) {
      case 'cost':
        return cost(deps, stream, token);
      case 'model':
        return switchModel(deps, request.prompt, stream);
      case 'compare':
        return compare(deps, request.prompt, stream);
      default:
        return ask(deps, request.prompt, history, stream, token);
    }
  };
}

async function ask(deps: ParticipantDependencies, prompt: string, history: ReadonlyArray<unknown>, stream: ParticipantStream, token: vscode.CancellationToken): Promise<ParticipantResult> {
  const { services } = deps;
  const model = services.model.get();
  const settings = services.settings();
  const messages: ChatMessage[] = [
    ...(settings.systemPrompt ? [{ role: 'system' as const, content: settings.systemPrompt }] : []),
    ...historyMessages(history),
    { role: 'user', content: prompt },
  ];
  const abort = new AbortController();
  const cancellation = token.onCancellationRequested(() => abort.abort());
  try {
    const result = await services.core().send({
      model,
      messages,
      temperature: settings.temperature,
      signal: abort.signal,
      source: 'vscode-chat',
      onPart: (part) => {
        if (part.type === 'text-delta') stream.markdown(part.text);
      },
    });
    services.spendChanged();
    const costMicroUsd = result.cost.kind === 'unknown' ? undefined : result.cost.microUsd;
    const l10n = deps.l10n ?? inEnglish;
    const tokens = l10n.t('{0} in / {1} out', formatTokens(result.usage.inputTokens), formatTokens(result.usage.outputTokens));
    stream.markdown(`\n\n*${result.servedModel} · ${tokens} · ${formatCost(result.cost, l10n.t)}*\n`);
    if (result.status === 'error') return { errorDetails: { message: result.error?.message ?? l10n.t('{0} failed.', model) }, metadata: { model, costMicroUsd } };
    return { metadata: { model: result.servedModel, costMicroUsd } };
  } finally {
    cancellation.dispose();
  }
}

async function cost(deps: ParticipantDependencies, stream: ParticipantStream, token: vscode.CancellationToken): Promise<ParticipantResult> {
  const l10n = deps.l10n ?? inEnglish;
  stream.progress(l10n.t('Reading spend…'));
  const abort = new AbortController();
  const cancellation = token.onCancellationRequested(() => abort.abort());
  try {
    stream.markdown(spendMarkdown(await deps.spend(abort.signal), l10n));
    return { metadata: { command: 'cost' } };
  } finally {
    cancellation.dispose();
  }
}

async function switchModel(deps: ParticipantDependencies, prompt: string, stream: ParticipantStream): Promise<ParticipantResult> {
  const { services } = deps;
  const l10n = deps.l10n ?? inEnglish;
  const typed = prompt.trim();
  let model: string | undefined;
  if (typed !== '') {
    const known = services.core().catalog.get(typed) !== undefined || services.core().providers().some((provider) => typed.startsWith(`${provider.id}:`));
    if (!/^[A-Za-z0-9_-]+:\S+$/.test(typed) || !known) {
      return { errorDetails: { message: l10n.t('"{0}" is not a model id. Use provider:model, e.g. openrouter:openai/gpt-4o, or /model alone to pick one.', typed) }, metadata: { command: 'model' } };
    }
    model = typed;
  } else {
    model = await deps.pickModel();
    if (!model) {
      stream.markdown(`${l10n.t('The model stays `{0}`.', services.model.get())}\n`);
      return { metadata: { command: 'model' } };
    }
  }
  await services.model.set(model);
  await services.recent.use(model);
  stream.markdown(`${l10n.t('Switchboard now answers with `{0}`.', model)}\n`);
  return { metadata: { command: 'model', model } };
}

async function compare(deps: ParticipantDependencies, prompt: string, stream: ParticipantStream): Promise<ParticipantResult> {
  const models = deps.compareModels();
  const l10n = deps.l10n ?? inEnglish;
  if (prompt.trim() === '') return { errorDetails: { message: l10n.t('Say what to compare: /compare <prompt>.') }, metadata: { command: 'compare' } };
  if (models.length < 2) {
    return { errorDetails: { message: l10n.t('Compare needs at least two models: run "Switchboard: Compare Models..." once to pick a set.') }, metadata: { command: 'compare' } };
  }
  stream.progress(l10n.t('Comparing {0} models…', models.length));
  const comparison = await deps.runComparison(models, prompt.trim());
  stream.markdown(compareTableMarkdown(comparison, l10n));
  stream.button({ command: SHOW_COMPARISON_COMMAND, title: l10n.t('Open the comparison') });
  return { metadata: { command: 'compare' } };
}
