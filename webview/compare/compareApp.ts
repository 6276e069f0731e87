/** The compare panel: one prompt, 2 to 6 columns streaming side by side, each with its own metrics and Stop. */
import type { HostToWebview } from '../../src/shared/compare/protocol';
import type { CompareViewState } from '../../src/shared/viewModels';
import { debounce } from '../common/debounce';
import { element, iconButton } from '../common/dom';
import { actionButton } from '../common/elements';
import { formatEstimate } from '../common/estimateLabel';
import { attachMarkdownActions } from '../common/markdown';
import { formatSpend } from '../../src/shared/format';
import { newRequestId } from '../common/requestId';
import { StreamSequence } from '../common/streamSequence';
import { getState, setState } from '../common/vscodeApi';
import { keepingFocus } from '../common/keepFocus';
import { post } from './compareChannel';
import { ColumnElement, type ColumnHandlers } from './columnView';
import { t } from '../common/l10n';

export class CompareApp {
  private state: CompareViewState | undefined;
  private columns = new Map<number, { key: string; view: ColumnElement }>();
  private readonly sequence = new StreamSequence();
  /** the request we started or last saw parts for, when the snapshot does not name one */
  private knownRequestId: string | undefined;
  private readonly prompt: HTMLTextAreaElement;
  private readonly estimate: HTMLElement;
  private readonly total: HTMLElement;
  private readonly runButton: HTMLElement;
  private readonly stopAllButton: HTMLElement;
  private readonly blindToggle: HTMLButtonElement;
  private readonly revealButton: HTMLElement;
  private readonly tagsInput: HTMLTextAreaElement;
  private readonly grid: HTMLElement;
  private readonly handlers: ColumnHandlers;
  private promptFromState = '';
  private readonly requestEstimate = debounce((text: string) => post({ type: 'compare/estimate', text }), 150);

  constructor(root: HTMLElement) {
    this.handlers = {
      stop: (column) => {
        const requestId = this.requestId;
        if (requestId) post({ type: 'compare/cancel', requestId, column });
      },
      copy: (code) => post({ type: 'code/copy', code }),
      insert: (code) => post({ type: 'code/insert', code }),
      continueInChat: (column) => post({ type: 'compare/continueInChat', column }),
      pickWinner: (column) => post({ type: 'compare/pickWinner', column }),
      rerun: (column) => post({ type: 'compare/rerun', column }),
      diff: (column) => post({ type: 'compare/diff', column }),
      errorAction: (action, column, provider) => post({ type: 'error/action', action, column, provider }),
      sendFollowUp: (column, text) => post({ type: 'compare/followUp', requestId: newRequestId(), column, text }),
      stopFollowUp: (column, requestId) => post({ type: 'compare/cancel', requestId, column }),
      retryFollowUp: (column) => post({ type: 'compare/retryFollowUp', column }),
    };
    this.prompt = element('textarea', { class: 'prompt-input', rows: '4', 'aria-label': t('Prompt for every model'),
      placeholder: t('One prompt, sent to every model (Enter to run, Shift+Enter for a new line)') });
    this.prompt.value = getState().draft ?? '';
    this.prompt.addEventListener('input', () => {
      setState({ ...getState(), draft: this.prompt.value });
      if (this.prompt.value.trim()) this.requestEstimate(this.prompt.value);
      else this.estimate.textContent = '';
    });
    this.prompt.addEventListener('keydown', (event) => {
      if (event.isComposing) return;
      if (event.key === 'Escape' && this.state?.running) { event.preventDefault(); this.stopAll(); return; }
      if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.run();
    });
    this.total = element('span', { class: 'compare-total', title: t('what every column of this comparison cost'), hidden: true });
    this.estimate = element('span', { class: 'estimate', 'aria-live': 'polite', title: t('estimated cost for all columns') });
    this.runButton = actionButton(t('Run all'), () => this.run(), { icon: 'play', action: 'run', ariaLabel: t('Send the prompt to every model') });
    this.stopAllButton = actionButton(t('Stop all'), () => this.stopAll(), { icon: 'debug-stop', action: 'stop-all', secondary: true });
    this.stopAllButton.hidden = true;
    this.blindToggle = iconButton('eye-closed', t('Blind: the next run labels its columns A, B, C in a random order and hides models, providers and costs until you pick a winner or reveal'),
      () => post({ type: 'compare/setBlind', blind: this.blindToggle.getAttribute('aria-pressed') !== 'true' }), t('Blind'), { 'data-action': 'blind', 'aria-pressed': 'false' });
    this.revealButton = actionButton(t('Reveal'), () => post({ type: 'compare/reveal' }), { icon: 'eye', secondary: true, action: 'reveal', ariaLabel: t('Show the models behind A, B, C (the run then counts no blind win)') });
    this.revealButton.hidden = true;
    // a one-line textarea (the page renders no <input>: the security test forbids them in model-rendered areas)
    this.tagsInput = element('textarea', { class: 'tags-input', rows: '1', 'aria-label': t('Tags of this run'), placeholder: t('tags: refactor, explain'), spellcheck: 'false' });
    const sendTags = (): void => post({ type: 'compare/setTags', tags: this.tagsInput.value.split(',').map((tag) => tag.trim()).filter(Boolean).slice(0, 20) });
    this.tagsInput.addEventListener('change', sendTags);
    this.tagsInput.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); sendTags(); } });
    this.grid = element('div', { class: 'columns', role: 'region', 'aria-label': t('Replies'), 'aria-live': 'polite' });
    attachMarkdownActions(this.grid, {
      openLink: (href) => post({ type: 'link/open', href }),
      codeAction: (action, code, language) => {
        if (action === 'copy') post({ type: 'code/copy', code });
        else if (action === 'insert') post({ type: 'code/insert', code });
        else post({ type: 'code/open', code, language });
      },
    });
    root.replaceChildren(
      element('header', { class: 'compare-header' },
        element('h1', {}, t('Compare models')),
        actionButton(t('Pick models'), () => post({ type: 'compare/pickModels' }), { icon: 'list-selection', secondary: true, action: 'pick-models' }),
        this.blindToggle,
        this.revealButton,
        this.tagsInput,
        actionButton(t('Export'), () => post({ type: 'compare/export' }), { icon: 'export', secondary: true, action: 'export' }),
        this.stopAllButton,
        this.total),
      element('div', { class: 'prompt-box' }, this.prompt, element('div', { class: 'prompt-row' }, this.estimate, this.runButton)),
      this.grid);
    this.grid.append(element('p', { class: 'empty-state' }, t('Pick 2 to 6 models, write a prompt, and run it on all of them.')));
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'compare/snapshot':
        this.render(message.state);
        break;
      case 'stream/part': {
        if (message.column === undefined || !this.sequence.accept(message.requestId, message.messageId, message.seq)) return;
        const view = this.columns.get(message.column)?.view;
        // a follow-up's request is not the run's (Stop all names the run)
        if (!view?.hasFollowUp(message.messageId)) this.knownRequestId = message.requestId;
        if (message.delta.status) view?.setStreamStatus(message.messageId, message.delta.status);
        if (message.delta.text) view?.appendText(message.messageId, message.delta.text);
        if (message.delta.queued) view?.setQueued();
        break;
      }
      case 'stream/end':
        if (message.column === undefined || !this.sequence.accept(message.requestId, message.messageId, message.seq)) return;
        this.columns.get(message.column)?.view.finish(message.messageId);
        break;
      case 'estimate/update':
        this.estimate.textContent = formatEstimate(message.estimate);
        break;
    }
  }

  private get requestId(): string | undefined {
    return this.state?.requestId ?? this.knownRequestId;
  }

  private render(state: CompareViewState): void {
    this.state = state;
    if (state.prompt !== this.promptFromState) {
      this.promptFromState = state.prompt;
      if (state.prompt) this.prompt.value = state.prompt;
    }
    if (state.estimate) this.estimate.textContent = formatEstimate(state.estimate);
    this.total.hidden = state.totalCost === undefined;
    this.total.textContent = state.totalCost ? t('total {0}', formatSpend(state.totalCost.microUsd, state.totalCost.unknownCount, t)) : '';
    this.stopAllButton.hidden = !state.running;
    this.blindToggle.setAttribute('aria-pressed', String(state.blindMode));
    this.revealButton.hidden = !state.namesHidden;
    if (document.activeElement !== this.tagsInput) this.tagsInput.value = state.tags.join(', ');
    (this.runButton as HTMLElement & { disabled: boolean }).disabled = state.running;
    const next = new Map<number, { key: string; view: ColumnElement }>();
    /** a rebuilt column whose follow-up input had the focus gets it back once it is in the page */
    let refocus: HTMLTextAreaElement | undefined;
    for (const column of state.columns) {
      const key = JSON.stringify(column);
      const existing = this.columns.get(column.index);
      const entry = existing && (existing.key === key || existing.view.canContinueInto(column)) ? existing : { key, view: new ColumnElement(column, this.handlers, existing?.view) };
      if (existing && existing !== entry) {
        if (existing.view.followUpInput && existing.view.followUpInput === document.activeElement) refocus = entry.view.followUpInput;
        existing.view.dispose();
      }
      next.set(column.index, entry);
    }
    for (const [index, entry] of this.columns) if (!next.has(index)) entry.view.dispose();
    this.columns = next;
    this.grid.dataset.count = String(state.columns.length);
    // a column rebuilt under the focus (a winner picked from the keyboard) keeps it on the same button
    keepingFocus(this.grid, () => {
      if (state.columns.length === 0) {
        this.grid.replaceChildren(element('p', { class: 'empty-state' }, t('Pick 2 to 6 models to compare.')));
      } else {
        this.placeColumns([...next.values()].map((entry) => entry.view.element));
      }
    });
    refocus?.focus();
  }

  /**
   * Puts the columns in the grid, replacing only those that changed: a column removed and added again would lose
   * the focus (someone typing a follow-up in one column while another streams).
   */
  private placeColumns(wanted: HTMLElement[]): void {
    const current = [...this.grid.children];
    if (current.length !== wanted.length || wanted.some((node, index) => node !== current[index] && current.includes(node))) {
      this.grid.replaceChildren(...wanted);
      return;
    }
    wanted.forEach((node, index) => {
      if (current[index] !== node) current[index]!.replaceWith(node);
    });
  }

  private run(): void {
    const prompt = this.prompt.value.trim();
    if (!prompt || this.state?.running) return;
    const requestId = newRequestId();
    this.knownRequestId = requestId;
    post({ type: 'compare/start', requestId, prompt });
  }

  private stopAll(): void {
    const requestId = this.requestId;
    if (requestId) post({ type: 'compare/cancel', requestId });
  }
}
