/**
 * The parts of a comparison run that do not depend on the panel: the run's bookkeeping (one coalescer and one
 * cancel per column) and a run the core refused before sending.
 */
import * as vscode from 'vscode';
import { SwitchboardError, type CompareRun } from '../../core/index';
import type { StreamMessage } from '../../shared/webview/protocol';
import type { StoredConversation } from '../conversations/conversation';
import type { HostServices } from '../hostServices';
import { applyResult, failedResult } from '../replies/replyResult';
import { StreamCoalescer } from '../replies/streamCoalescer';

/** The run in flight. */
export interface ActiveRun {
  requestId: string;
  run: CompareRun | undefined;
  /** column index -> its request in the run (a retry runs one column) */
  columns: Map<number, { cancel(): void; coalescer: StreamCoalescer }>;
  /** columns whose first text arrived */
  started: Set<number>;
  /** resolves when every column settled and the comparison was saved */
  done: Promise<void>;
}

/** A run of `columns` under `requestId`: each column's coalescer posts through `post`; call `finish` when it settled. */
export function startRun(
  requestId: string, comparison: StoredConversation, columns: readonly number[], post: (message: StreamMessage) => void,
): { active: ActiveRun; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  const active: ActiveRun = { requestId, run: undefined, columns: new Map(), started: new Set(), done };
  for (const column of columns) {
    const reply = comparison.messages[column + 1]!;
    active.columns.set(column, {
      cancel: () => undefined,
      coalescer: new StreamCoalescer(requestId, reply.id, post, undefined, column),
    });
  }
  return { active, finish };
}

/** core.compare refused before sending (a budget cap, a bad model id): every column shows why; `models[i]` is `columns[i]`'s model. */
export function refuseRun(
  services: HostServices, comparison: StoredConversation, active: ActiveRun, models: readonly string[], columns: readonly number[], error: unknown,
): void {
  const switchboardError = error instanceof SwitchboardError
    ? error
    : new SwitchboardError({ code: 'configuration', message: error instanceof Error ? error.message : String(error), cause: error });
  columns.forEach((column, index) => {
    applyResult(comparison.messages[column + 1]!, failedResult(models[index]!, '', switchboardError));
    active.columns.get(column)?.coalescer.end();
  });
  services.logger.warn(`compare refused: ${switchboardError.message}`);
  const action = switchboardError.code === 'budget-exceeded' ? vscode.l10n.t('Open Settings') : undefined;
  const notSent = vscode.l10n.t('Switchboard: the comparison was not sent. {0}', switchboardError.message);
  void (action
    ? vscode.window.showErrorMessage(notSent, action)
    : vscode.window.showErrorMessage(notSent)
  ).then((choice) => (choice ? vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.budget') : undefined));
}
