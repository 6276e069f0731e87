/**
 * Choosing the models of a comparison: first the sets compared before (recent and named), then a multi-select
 * quick pick of the catalog with prices, context and comparison wins, where the selection can be saved under a name.
 */
import * as vscode from 'vscode';
import type { Core, ModelInfo } from '../../core/index';
import { MAX_COMPARE_COLUMNS, MIN_COMPARE_COLUMNS } from '../../shared/compare/limits';
import { contextLabel, priceLabel, shortModelName } from '../models/modelOptions';
import type { RecentModels } from '../models/recentModels';
import type { WinTally } from '../models/winTally';
import type { ModelSets, ModelSet } from './modelSets';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

interface SetItem extends vscode.QuickPickItem {
  models?: string[];
}

export interface CompareModelPickerDeps {
  core: Core;
  recent: RecentModels;
  winTally: WinTally;
  sets: ModelSets;
}

function modelItem(id: string, info: ModelInfo | undefined, winTally: WinTally): ModelItem {
  const price = priceLabel(info);
  const details = [
    price.startsWith('$') ? vscode.l10n.t('{0} per M tokens (in / out)', price) : price,
    contextLabel(info?.contextLength),
    winTally.label(id),
  ].filter((part): part is string => Boolean(part));
  return { modelId: id, label: info?.name ?? shortModelName(id), description: id, detail: details.join(' · ') };
}

function setLabel(set: ModelSet, core: Core): string {
  const names = set.models.map((model) => core.catalog.get(model)?.name ?? shortModelName(model)).join(', ');
  return set.name ? `$(bookmark) ${set.name}` : `$(history) ${names}`;
}

/** The sets compared before, then "Choose models…"; undefined = dismissed, [] = choose one by one. */
async function pickSet(deps: CompareModelPickerDeps): Promise<string[] | undefined> {
  const sets = deps.sets.list();
  if (sets.length === 0) return [];
  const items: SetItem[] = [
    { label: `$(checklist) ${vscode.l10n.t('Choose models…')}`, detail: vscode.l10n.t('Pick {0} to {1} models from the catalog', MIN_COMPARE_COLUMNS, MAX_COMPARE_COLUMNS), models: [] },
    { label: vscode.l10n.t('Compared before'), kind: vscode.QuickPickItemKind.Separator },
    ...sets.map((set) => ({
      label: setLabel(set, deps.core), description: set.name ? vscode.l10n.t('{0} models', set.models.length) : undefined, detail: set.models.join(' · '), models: set.models,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Switchboard: Compare Models'), placeHolder: vscode.l10n.t('Compare the same models again, or choose new ones') });
  return picked?.models;
}

/** The multi-select quick pick over the catalog; `preselected` models start checked. */
async function pickMany(deps: CompareModelPickerDeps, preselected: readonly string[]): Promise<string[] | undefined> {
  const { core, recent, winTally, sets } = deps;
  const labels = new Map(core.providers().map((provider) => [provider.id, provider.label]));
  const build = (): ModelItem[] => {
    const items: ModelItem[] = [];
    const first = [...new Set([...preselected, ...recent.list()])];
    if (first.length > 0) {
      items.push({ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
      for (const id of first) items.push(modelItem(id, core.catalog.get(id), winTally));
    }
    const listed = new Set(first);
    const byProvider = new Map<string, ModelInfo[]>();
    for (const model of core.catalog.list()) {
      if (listed.has(model.id)) continue;
      const list = byProvider.get(model.provider) ?? [];
      list.push(model);
      byProvider.set(model.provider, list);
    }
    for (const [provider, list] of byProvider) {
      items.push({ label: labels.get(provider) ?? provider, kind: vscode.QuickPickItemKind.Separator });
      for (const model of list.sort((a, b) => a.name.localeCompare(b.name))) items.push(modelItem(model.id, model, winTally));
    }
    return items;
  };
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  const baseTitle = vscode.l10n.t('Switchboard: Compare Models (pick {0} to {1})', MIN_COMPARE_COLUMNS, MAX_COMPARE_COLUMNS);
  quickPick.title = baseTitle;
  quickPick.placeholder = vscode.l10n.t('Type to search by name, id or price; check the models to compare, then press Enter');
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const saveButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save'), tooltip: vscode.l10n.t('Save the checked models as a named set and compare them') };
  quickPick.buttons = [saveButton];
  const idsOf = (items: readonly ModelItem[]): string => items.map((item) => item.modelId ?? '').join('\n');
  const setItems = (items: ModelItem[], checked: ReadonlySet<string>): void => {
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => item.modelId !== undefined && checked.has(item.modelId));
  };
  setItems(build(), new Set(preselected));
  // models of endpoints fetched since start-up (a local server, a custom endpoint) appear while the pick is open;
  // the list is replaced only when it really changed, so a check being made is not reset for nothing
  const refresh = core.catalog.onDidChange(() => {
    const items = build();
    if (idsOf(items) !== idsOf(quickPick.items)) setItems(items, new Set(selection()));
  });
  quickPick.busy = true;
  core.catalog.refresh().catch(() => undefined).finally(() => { quickPick.busy = false; });
  // columns follow the order models were checked in (the list's order is the catalog's)
  let order: string[] = [...preselected];
  const selection = (): string[] => {
    const checked = new Set(quickPick.selectedItems.map((item) => item.modelId).filter((id): id is string => id !== undefined));
    order = [...order.filter((id) => checked.has(id)), ...[...checked].filter((id) => !order.includes(id))];
    return order;
  };
  const countProblem = (count: number): string | undefined => (count < MIN_COMPARE_COLUMNS || count > MAX_COMPARE_COLUMNS
    ? vscode.l10n.t('pick {0} to {1} models ({2} checked)', MIN_COMPARE_COLUMNS, MAX_COMPARE_COLUMNS, count)
    : undefined);
  return new Promise<string[] | undefined>((resolve) => {
    let settled = false;
    let naming = false;
    const finish = (value: string[] | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      refresh.dispose();
      quickPick.dispose();
    };
    quickPick.onDidChangeSelection((selected) => {
      selection();
      quickPick.title = selected.length > 0 ? vscode.l10n.t('{0}: {1} checked', baseTitle, selected.length) : baseTitle;
    });
    quickPick.onDidAccept(() => {
      const models = selection();
      const problem = countProblem(models.length);
      if (problem) {
        quickPick.title = vscode.l10n.t('Switchboard: Compare Models: {0}', problem);
        return;
      }
      finish(models);
    });
    quickPick.onDidTriggerButton(async () => {
      const models = selection();
      const problem = countProblem(models.length);
      if (problem) {
        quickPick.title = vscode.l10n.t('Switchboard: Compare Models: {0}', problem);
        return;
      }
      naming = true;
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Switchboard: name this set of models'),
        prompt: models.join(', '),
        placeHolder: vscode.l10n.t('e.g. Fast and cheap'),
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type a name, or press Escape to compare without saving')),
      });
      if (name?.trim()) await sets.saveNamed(name, models);
      finish(models);
    });
    quickPick.onDidHide(() => {
      // the name input box hides the quick pick: that is not a dismissal
      if (!naming) finish(undefined);
    });
    quickPick.show();
  });
}

/** Asks which models to compare: a set compared before, or a multi-select from the catalog. */
export async function pickCompareModels(deps: CompareModelPickerDeps, preselected: readonly string[] = []): Promise<string[] | undefined> {
  const fromSet = await pickSet(deps);
  if (fromSet === undefined) return undefined;
  if (fromSet.length > 0) return fromSet;
  return pickMany(deps, preselected);
}
