/**
 * The chat header: the searchable model picker (every catalog model; price, id and wins under the active option and
 * in the tooltip; free badge), the full quick pick, New chat, History, Compare.
 */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { ChatViewState, ModelOption } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { formatSpend, formatUsd } from '../../src/shared/format';
import { post } from './chatChannel';
import { t } from '../common/l10n';
import { modelDetails, modelLabel } from './modelLabels';

export class ChatHeader {
  readonly element: HTMLElement;
  private readonly select: HTMLElement & { value: string };
  private readonly freeBadge: HTMLElement;
  private readonly spend: HTMLElement;
  private readonly conversationSpend: HTMLElement;
  private readonly historyButton: HTMLButtonElement;
  private modelsKey = '';

  constructor(onToggleHistory: () => boolean) {
    this.select = element('vscode-single-select', { class: 'model-picker', combobox: true, filter: 'contains', 'aria-label': t('Model'), label: t('Model') }) as HTMLElement & { value: string };
    this.select.addEventListener('change', () => {
      const model = this.select.value;
      if (model && model !== this.currentModel) post({ type: 'model/select', model });
    });
    this.freeBadge = element('vscode-badge', { class: 'free-badge', hidden: true }, t('free'));
    this.spend = element('span', { class: 'session-spend', title: t('spent this VS Code session') });
    this.conversationSpend = element('span', { class: 'conversation-spend', title: t("what this conversation's replies cost") });
    this.historyButton = iconButton('history', t('History'), () => {
      this.historyButton.setAttribute('aria-pressed', String(onToggleHistory()));
    }, undefined, { 'aria-pressed': 'false', 'data-action': 'history' });
    this.element = element('header', { class: 'chat-header' },
      this.select,
      this.freeBadge,
      iconButton('list-selection', t('All models (quick pick)'), () => post({ type: 'model/pick' }), undefined, { 'data-action': 'model-pick' }),
      iconButton('add', t('New chat'), () => post({ type: 'chat/new' }), undefined, { 'data-action': 'new-chat' }),
      this.historyButton,
      iconButton('split-horizontal', t('Compare models'), () => post({ type: 'compare/open' }), undefined, { 'data-action': 'compare' }),
      this.conversationSpend,
      this.spend);
  }

  private currentModel = '';

  /** The history panel closed itself (a conversation opened, or Escape). */
  historyClosed(): void {
    this.historyButton.setAttribute('aria-pressed', 'false');
  }

  render(state: ChatViewState): void {
    this.currentModel = state.model.id;
    const models = state.models.some((model) => model.id === state.model.id) ? state.models : [state.model, ...state.models];
    const key = JSON.stringify(models.map((model) => [model.id, model.name, model.priceLabel, model.isFree, model.winsLabel]));
    if (key !== this.modelsKey) {
      this.modelsKey = key;
      // The new options carry the selection themselves: the select reads them only when the slot changes (after this
      // tick) and then forgets a `.value` set before, leaving the picker blank (e.g. after Pick as winner).
      this.select.replaceChildren(...models.map((model) => this.option(model, model.id === state.model.id)));
    }
    this.select.value = state.model.id;
    this.freeBadge.hidden = !state.model.isFree;
    this.select.title = `${modelLabel(state.model)}\n${modelDetails(state.model)}`;
    // requests of unknown cost are counted next to the known spend, never folded into it as $0
    const unknown = state.sessionUnknownCount ? t(' + {0} unknown', state.sessionUnknownCount) : '';
    this.spend.textContent = t('session {0}{1}', formatUsd(state.sessionSpendMicroUsd), unknown);
    const cost = state.conversationCost;
    this.conversationSpend.hidden = cost.microUsd === 0 && cost.unknownCount === 0;
    this.conversationSpend.textContent = t('chat {0}', formatSpend(cost.microUsd, cost.unknownCount, t));
  }

  private option(model: ModelOption, selected: boolean): HTMLElement {
    return element('vscode-option', { value: model.id, description: modelDetails(model), selected }, modelLabel(model));
  }
}
