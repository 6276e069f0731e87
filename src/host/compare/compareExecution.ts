/**
 * One run of a comparison's columns through `core.compare` (independent requests, budget reserved for every column
 * up front): each column's parts stream to the webview coalesced and numbered per column, each column's result is
 * copied onto its reply as it ends, and the comparison is saved once every column settled. Split from the
 * controller, which owns the comparison and decides what runs.
 */
import type { ChatResult, ChatStreamPart, CompareRun } from '../../core/index';
import type { HostToWebview } from '../../shared/compare/protocol';
import type { StoredConversation } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { shortModelName } from '../models/modelOptions';
import { applyResult, failedResult, requestLogLine } from '../replies/replyResult';
import { applyStreamPart } from '../replies/streamReply';
import type { CompareArena } from './compareArena';
import { refuseRun, startRun, type ActiveRun } from './compareRun';
import { compareTranscript } from './compareTranscript';
import type { ModelSets } from './modelSets';

/** What a run reads and calls on the controller. */
export interface RunHost {
  /** the comparison shown (a run of an older one no longer posts snapshots) */
  readonly comparison: StoredConversation;
  readonly models: readonly string[];
  /** the run in flight; set here while it runs */
  active: ActiveRun | undefined;
  readonly arena: CompareArena;
  readonly sets: ModelSets;
  post(message: HostToWebview): void;
  postSnapshot(): void;
  /** saves the comparison (and its arena record) */
  save(comparison: StoredConversation): Promise<void>;
}

/** Runs `columns` of `comparison` under `requestId` and resolves when every column settled and it was saved. */
export async function executeRun(services: HostServices, host: RunHost, comparison: StoredConversation, columns: number[], requestId: string): Promise<void> {
  const models = columns.map((column) => host.models[column]!);
  const messages = compareTranscript(comparison);
  const settings = services.settings();
  const { active, finish } = startRun(requestId, comparison, columns, (message) => host.post(host.arena.streamMessage(comparison, message)));
  host.active = active;
  try {
    let run: CompareRun;
    try {
      run = services.core().compare({
        models,
        messages,
        maxTokens: settings.core.maxTokens,
        temperature: settings.temperature,
        ledger: { source: 'compare', workspace: services.workspaceName(), conversationId: comparison.id, messageId: requestId },
        onPart: (index, part) => onPart(services, comparison, active, columns[index]!, part),
      });
    } catch (error) {
      refuseRun(services, comparison, active, models, columns, error);
      return;
    }
    active.run = run;
    run.columns.forEach((entry, index) => {
      active.columns.get(columns[index]!)!.cancel = () => entry.cancel();
    });
    host.postSnapshot();
    await Promise.all(run.columns.map(async (entry, index) => {
      const column = columns[index]!;
      let result: ChatResult;
      try {
        result = await entry.result;
      } catch (error) {
        result = failedResult(entry.model, comparison.messages[column + 1]!.text, error);
      }
      active.columns.get(column)!.coalescer.end();
      applyResult(comparison.messages[column + 1]!, result);
      services.logger.info(`compare column ${column + 1}: ${requestLogLine(result)}`);
      // this column's metrics show as soon as it ends; the others keep streaming
      if (host.comparison === comparison) host.postSnapshot();
    }));
    comparison.updatedAt = Date.now();
    await host.save(comparison);
    for (const model of models) await services.recent.use(model);
    await host.sets.use(host.models);
    services.spendChanged();
  } catch (error) {
    services.logger.error(`compare: the run failed in the host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    for (const column of columns) {
      const reply = comparison.messages[column + 1]!;
      if (reply.status === 'streaming') applyResult(reply, failedResult(host.models[column]!, reply.text, error));
    }
  } finally {
    for (const entry of active.columns.values()) entry.coalescer.end();
    if (host.active === active) host.active = undefined;
    finish();
    host.postSnapshot();
    // the chat's history lists the comparison just saved
    await services.views.historyChanged();
  }
}

function onPart(services: HostServices, comparison: StoredConversation, active: ActiveRun, column: number, part: ChatStreamPart): void {
  const reply = comparison.messages[column + 1];
  const coalescer = active.columns.get(column)?.coalescer;
  if (!reply || !coalescer) return;
  // the webview turns a waiting column into a streaming one on its first part; no snapshot needed
  if (part.type === 'text-delta') active.started.add(column);
  applyStreamPart(reply, part, coalescer, (model) => services.core().catalog.get(model)?.name ?? shortModelName(model));
}
