import * as vscode from 'vscode';
import type { Core, ModelInfo } from '../../core/index';
import { contextLabel, modalitiesLabel, modelPickerGroups, priceLabel, providerOf, shortModelName } from './modelOptions';
import type { RecentModels } from './recentModels';
import type { WinTally } from './winTally';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

/** "$2.50 / $10.00 per M tokens (in / out)", "free" or "price unknown" */
function priceDetail(info: ModelInfo | undefined): string {
  const label = priceLabel(info);
  return label.startsWith('$') ? vscode.l10n.t('{0} per M tokens (in / out)', label) : label;
}

function itemFor(id: string, info: ModelInfo | undefined, current: string, winTally: WinTally): ModelItem {
  const details = [
    priceDetail(info),
    contextLabel(info?.contextLength),
    info ? modalitiesLabel(info) : undefined,
    winTally.label(id),
  ].filter((part): part is string => Boolean(part));
  return {
    modelId: id,
    label: `${id === current ? '$(check) ' : ''}${info?.name ?? shortModelName(id)}${info?.isFree ? `  $(gift) ${vscode.l10n.t('free')}` : ''}`,
    description: id,
    detail: details.join(' · '),
  };
}

/**
 * The model quick pick: recently used first, then every catalog model grouped by provider, searchable by name,
 * id and details (price per million tokens, context, modalities, comparison wins).
 */
export async function pickModel(
  core: Core,
  recent: RecentModels,
  winTally: WinTally,
  options: { current: string; title?: string },
): Promise<string | undefined> {
  const build = (): ModelItem[] => {
    const labels = new Map(core.providers().map((provider) => [provider.id, provider.label]));
    const items: ModelItem[] = [];
    for (const group of modelPickerGroups(recent.list(), core.catalog.list())) {
      items.push({ label: group.provider === undefined ? vscode.l10n.t('Recently used') : labels.get(group.provider) ?? group.provider, kind: vscode.QuickPickItemKind.Separator });
      for (const id of group.ids) items.push(itemFor(id, core.catalog.get(id), options.current, winTally));
    }
    return items;
  };
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  quickPick.title = options.title ?? vscode.l10n.t('Switchboard: Select Model');
  quickPick.placeholder = vscode.l10n.t('Current: {0}. Type to search by name, id or price, or enter an id such as {1}:model', options.current, providerOf(options.current));
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = build();
  // the quick pick keeps what was typed when its items change, so new models simply appear in the filtered list
  const refresh = core.catalog.onDidChange(() => { quickPick.items = build(); });
  quickPick.busy = true;
  // cached lists are fresh for their TTL, so this is usually instant; it catches a picker opened before start-up's refresh ended
  core.catalog.refresh().catch(() => undefined).finally(() => { quickPick.busy = false; });
  return new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      const selected = quickPick.selectedItems[0]?.modelId;
      const typed = quickPick.value.trim();
      // an id typed in full (a model not in the catalog yet, e.g. a local one) is accepted as is
      resolve(selected ?? (/^[A-Za-z0-9_.-]+:\S+$/.test(typed) ? typed : undefined));
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      refresh.dispose();
      quickPick.dispose();
      resolve(undefined);
    });
    quickPick.show();
  });
}
