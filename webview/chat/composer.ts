/**
 * The input: Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter sends too. While a request runs Enter does
 * nothing, a Stop button shows and Escape stops. Next to Send: the pre-send cost estimate, refreshed as you type.
 */
import type { EstimateView } from '../../src/shared/viewModels';
import { debounce } from '../common/debounce';
import { element } from '../common/dom';
import { actionButton } from '../common/elements';
import { formatUsd } from '../../src/shared/format';
import { formatEstimate } from '../common/estimateLabel';
import { getState, setState } from '../common/vscodeApi';
import { post } from './chatChannel';

/** ms between the last keystroke and the estimate request */
const ESTIMATE_DELAY_MS = 150;

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly estimate: HTMLElement;
  private readonly sendButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private running = false;
  private readonly requestEstimate = debounce((text: string) => post({ type: 'chat/estimate', text }), ESTIMATE_DELAY_MS);

  constructor(private readonly handlers: { send(text: string): void; stop(): void }) {
    this.input = element('textarea', {
      class: 'composer-input', rows: '3', 'aria-label': 'Message',
      placeholder: 'Ask anything (Enter to send, Shift+Enter for a new line)',
    });
    this.input.value = getState().draft ?? '';
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => this.onInput());
    this.estimate = element('span', { class: 'estimate', 'aria-live': 'polite', title: 'estimated cost of this request (prompt + up to max tokens)' });
    this.sendButton = actionButton('Send', () => this.send(), { icon: 'send', action: 'send', ariaLabel: 'Send message' });
    this.stopButton = actionButton('Stop', () => this.handlers.stop(), { icon: 'debug-stop', action: 'stop', ariaLabel: 'Stop generating', secondary: true });
    this.stopButton.hidden = true;
    this.element = element('footer', { class: 'composer' },
      this.input,
      element('div', { class: 'composer-row' },
        element('span', { class: 'hint' }, 'Shift+Enter: new line'),
        this.estimate, this.stopButton, this.sendButton));
    if (this.input.value) this.requestEstimate(this.input.value);
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.stopButton.hidden = !running;
    this.sendButton.hidden = running;
  }

  /** Puts text in the input (send selection to chat), replacing what was there. */
  setDraft(text: string): void {
    this.input.value = text;
    this.onInput();
  }

  focus(): void {
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  showEstimate(estimate: EstimateView | undefined): void {
    this.estimate.textContent = formatEstimate(estimate);
    this.estimate.title = estimate && estimate.priced
      ? `${estimate.exact ? '' : 'about '}${estimate.promptTokens} prompt tokens; ${formatUsd(estimate.minMicroUsd)} with a one-token reply, ${formatUsd(estimate.maxMicroUsd)} at max tokens`
      : 'this model has no published price';
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (event.key === 'Escape' && this.running) {
      event.preventDefault();
      this.handlers.stop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!this.running) this.send();
  }

  private onInput(): void {
    setState({ ...getState(), draft: this.input.value });
    if (this.input.value.trim() === '') this.estimate.textContent = '';
    else this.requestEstimate(this.input.value);
  }

  private send(): void {
    const text = this.input.value.trim();
    if (!text || this.running) return;
    this.handlers.send(text);
    this.input.value = '';
    this.estimate.textContent = '';
    setState({ ...getState(), draft: '' });
  }
}
