/**
 * `Switchboard: Compare Models...`: pick 2 to 6 models (or a set compared before), type one prompt (with the
 * editor selection as a fenced block when there is one) while the input box shows the estimate for every column,
 * then the compare panel opens and streams every column.
 */
import * as vscode from 'vscode';
import { formatUsd } from '../../shared/format';
import type { EstimateView } from '../../shared/viewModels';
import { editorSelectionBlock } from '../editor/editorSelection';
import type { CompareController } from './compareController';

export interface CompareCommandDependencies {
  controller: CompareController;
  showPanel(): void;
  pickModels(preselected: readonly string[]): Promise<string[] | undefined>;
}

/** "Estimated cost for 3 models: $0.0012 to $0.0040" */
export function estimateLine(estimate: EstimateView | undefined, models: number): string {
  if (!estimate) return vscode.l10n.t('Sent to {0} models at once.', models);
  if (!estimate.priced) return vscode.l10n.t('Sent to {0} models at once; at least one has no known price, so the total cost is unknown.', models);
  const range = estimate.minMicroUsd === estimate.maxMicroUsd
    ? formatUsd(estimate.maxMicroUsd)
    : vscode.l10n.t('{0} to {1}', formatUsd(estimate.minMicroUsd), formatUsd(estimate.maxMicroUsd));
  return estimate.exact
    ? vscode.l10n.t('Estimated cost for {0} models: {1} ({2} prompt tokens; up to max tokens each).', models, range, estimate.promptTokens)
    : vscode.l10n.t('Estimated cost for {0} models: {1} ({2} prompt tokens, approximate; up to max tokens each).', models, range, estimate.promptTokens);
}

export async function compareModelsCommand(deps: CompareCommandDependencies): Promise<void> {
  const { controller } = deps;
  if (controller.running) {
    deps.showPanel();
    void vscode.window.showInformationMessage(vscode.l10n.t('Switchboard: a comparison is still running; stop it or wait before starting another.'));
    return;
  }
  const models = await deps.pickModels(controller.models);
  if (!models) return;
  controller.setModels(models);
  const block = editorSelectionBlock();
  const reference = block?.split('\n')[0];
  const withSelection = (text: string): string => (block ? (text.trim() ? `${text.trim()}\n\n${block}` : block) : text.trim());
  const prompt = await vscode.window.showInputBox({
    title: reference
      ? vscode.l10n.t('Switchboard: Compare {0} models on the selection {1}', models.length, reference.replace(/`/g, ''))
      : vscode.l10n.t('Switchboard: Compare {0} models', models.length),
    prompt: block ? vscode.l10n.t('One prompt for every model; the selection {0} is included (Enter alone sends the code).', reference ?? '') : vscode.l10n.t('One prompt for every model.'),
    placeHolder: block ? vscode.l10n.t('e.g. Explain this code, or find the bug') : vscode.l10n.t('e.g. Write a regex that matches ISO 8601 dates'),
    ignoreFocusOut: true,
    validateInput: async (text) => {
      if (!text.trim() && !block) return { message: vscode.l10n.t('Type a prompt. {0}', estimateLine(undefined, models.length)), severity: vscode.InputBoxValidationSeverity.Info };
      const estimate = await controller.updateEstimate(withSelection(text));
      return { message: estimateLine(estimate, models.length), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  if (prompt === undefined) return;
  const text = withSelection(prompt);
  deps.showPanel();
  if (!text) return;
  // the run goes on in the panel; the command returns once it started
  void controller.run(text);
}
