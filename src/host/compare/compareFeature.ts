/** Builds the compare feature: the controller, its panel, the model-set memory and the command handler. */
import type * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/index';
import type { HostToWebview } from '../../shared/compare/protocol';
import type { HostServices } from '../hostServices';
import { pickModel } from '../models/modelPicker';
import { AnswerDocuments } from './answerDiff';
import { CompareArena } from './compareArena';
import { compareModelsCommand } from './compareCommand';
import { CompareController } from './compareController';
import { pickCompareModels } from './compareModelPicker';
import { ComparePanel } from './comparePanel';
import { ModelSets } from './modelSets';

export interface CompareFeature extends vscode.Disposable {
  readonly controller: CompareController;
  readonly panel: ComparePanel;
  readonly sets: ModelSets;
  /** `Switchboard: Compare Models...` */
  command(): Promise<void>;
}

export function createCompareFeature(options: {
  services: HostServices;
  extensionUri: vscode.Uri;
  store: KeyValueStore;
  /** the test seam that sees every post (outside production only) */
  observer?: (message: HostToWebview) => void;
}): CompareFeature {
  const { services } = options;
  const sets = new ModelSets(options.store);
  const panel = new ComparePanel(options.extensionUri, services.logger);
  const pickModels = (preselected: readonly string[]): Promise<string[] | undefined> => pickCompareModels(
    { core: services.core(), recent: services.recent, winTally: services.winTally, sets },
    preselected,
  );
  const answers = new AnswerDocuments();
  const arena = new CompareArena(options.store, services.arena, services.logger);
  const pickOneModel = (current: string | undefined, title: string): Promise<string | undefined> => pickModel(
    services.core(), services.recent, services.winTally, { current: current ?? services.model.get(), title },
  );
  const controller = new CompareController(services, { sets, showPanel: () => panel.show(), pickModels, pickOneModel, arena, answers, observer: options.observer });
  panel.connect(controller);
  return {
    controller,
    panel,
    sets,
    command: () => compareModelsCommand({ controller, showPanel: () => panel.show(), pickModels }),
    dispose: () => {
      controller.dispose();
      panel.dispose();
      answers.dispose();
    },
  };
}
