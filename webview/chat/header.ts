/** The chat header: searchable model picker (price and free badge), full quick pick, New chat, History, Compare. */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { ChatViewState, ModelOption } from '../../src/shared/viewModels';
import { element, iconButton } from '../common/dom';
import { formatUsd } from '../../src/shared/format';
import { post } from './chatChannel';

export class ChatHeader {
  readonly element: HTMLElement;
  private readonly select: HTMLElement & { value: string };
  private readonly freeBadge: HTMLElement;
  private readonly spend: HTMLElement;
  private readonly historyButton: HTMLButtonElement;
  private modelsKey = '';

  constructor(onToggleHistory: () => boolean) {
    this.select = element('vscode-single-select', { class: 'model-picker', combobox: true, filter: 'contains', 'aria-label': 'Model' }) as HTMLElement & { value: string };
    this.select.addEventListener('change', () => {
      const model = this.select.value;
      if (model && model !== this.currentModel) post({ type: 'model/select', model });
    });
    this.freeBadge = element('vscode-badge', { class: 'free-badge', hidden: true }, 'free');
    this.spend = element('span', { class: 'session-spend', title: 'spent this VS Code session' });
    this.historyButton = iconButton('history', 'History', () => {
      this.historyButton.setAttribute('aria-pressed', String(onToggleHistory()));
    }, undefined, { 'aria-pressed': 'false', 'data-action': 'history' });
    this.element = element('header', { class: 'chat-header' },
      this.select,
      this.freeBadge,
      iconButton('list-selection', 'All models (quick pick)', () => post({ type: 'model/pick' }), undefined, { 'data-action': 'model-pick' }),
      iconButton('add', 'New chat', () => post({ type: 'chat/new' }), undefined, { 'data-action': 'new-chat' }),
      this.historyButton,
      iconButton('split-horizontal', 'Compare models', () => post({ type: 'compare/open' }), undefined, { 'data-action': 'compare' }),
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
    const key = JSON.stringify(models.map((model) => [model.id, model.priceLabel, model.isFree, model.winsLabel]));
    if (key !== this.modelsKey) {
      this.modelsKey = key;
      this.select.replaceChildren(...models.map((model) => this.option(model)));
    }
    this.select.value = state.model.id;
    this.freeBadge.hidden = !state.model.isFree;
    this.select.title = `${state.model.name} (${state.model.providerLabel}): ${state.model.priceLabel} per million tokens in / out`;
    // requests of unknown cost are counted next to the known spend, never folded into it as $0
    const unknown = state.sessionUnknownCount ? ` + ${state.sessionUnknownCount} unknown` : '';
    this.spend.textContent = `session ${formatUsd(state.sessionSpendMicroUsd)}${unknown}`;
  }

  private option(model: ModelOption): HTMLElement {
    const details = [model.providerLabel, model.isFree ? 'free' : model.priceLabel, model.winsLabel].filter(Boolean).join(' · ');
    return element('vscode-option', { value: model.id, description: details }, `${model.name}${model.isFree ? ' (free)' : ''}`);
  }
}
